/**
 * no-shadowed-rules past the covering-set budget: the analysis is given a budget of 1 step (the
 * default, MAX_COVER_WORK, is reached only by files of thousands of rules), so the first
 * unreachable rule gets its covering rules and the later ones are reported without them.
 */
import { vi } from "vitest";
import rule from "../../../rules/no-shadowed-rules.ts";
import { locate, rules, runRuleTests } from "../../rule-tester.ts";

vi.mock("../../../lib/analysis/index.ts", async (importOriginal) => {
  const original = await importOriginal<typeof import("../../../lib/analysis/index.ts")>();
  return {
    ...original,
    analyzeRuleSet: (ruleSpecs: Parameters<typeof original.analyzeRuleSet>[0], options: Parameters<typeof original.analyzeRuleSet>[1]) =>
      original.analyzeRuleSet(ruleSpecs, { ...options, maxCoverWork: 1 }),
  };
});

const code = rules(
  '{ "Name": "Block POP3", "Action": "DenyAccess", "AnyOfProtocols": ["POP3"], "Priority": 1 }',
  '{ "Name": "Block POP3 again", "Action": "DenyAccess", "AnyOfProtocols": ["POP3"], "Priority": 2 }',
  '{ "Name": "Allow POP3 from HQ", "Action": "AllowAccess", "AnyOfProtocols": ["POP3"], "AnyOfClientIPAddressesOrRanges": ["192.0.2.0/24"], "Priority": 3 }',
  '{ "Name": "Allow OWA", "Action": "AllowAccess", "AnyOfProtocols": ["OutlookWebApp"], "Priority": 4 }',
);

runRuleTests("no-shadowed-rules (covering-set budget)", rule, {
  valid: [rules('{ "Name": "Allow OWA", "Action": "AllowAccess", "AnyOfProtocols": ["OutlookWebApp"], "Priority": 1 }')],
  invalid: [
    {
      code,
      errors: [
        {
          message:
            '"Block POP3 again" (Priority 2) is redundant: "Block POP3" (Priority 1) already denies every connection it matches, so it never decides anything. Remove it.',
          ...locate(code, '"Block POP3 again"'),
          suggestions: [{ messageId: "remove", output: code.replace(/\n {2}\{ "Name": "Block POP3 again".*\},/u, "") }],
        },
        {
          message:
            '"Allow POP3 from HQ" (Priority 3) never decides anything: earlier rules match every connection it matches. Which rules cover it, and whether one of them does the opposite, was not computed: this file\'s budget for covering sets ran out before its turn. Removing it changes no decision; lint a smaller file to have its covering rules named.',
          ...locate(code, '"Allow POP3 from HQ"'),
          suggestions: [
            {
              desc: 'Remove "Allow POP3 from HQ" (Priority 3).',
              output: code.replace(/\n {2}\{ "Name": "Allow POP3 from HQ".*\},/u, ""),
            },
          ],
        },
      ],
    },
  ],
});
