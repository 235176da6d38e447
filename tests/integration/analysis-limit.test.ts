/**
 * The analysis' one hard limit: a decision diagram of more than MAX_BDD_NODES (2^26 − 1) nodes
 * throws BddLimitError. Real rule sets run out of memory long before that, so this file lowers
 * the limit to 32 nodes (setBddNodeLimitForTesting), which a three-rule set with eight username
 * patterns passes while a one-pattern set stays under it. Never a silent pass and never a crash:
 * the rule set is reported as not analysed, once per file, through the `undecided` report the
 * search bound already uses; programming errors still surface.
 */
import { ESLint, Linter, type Rule } from "eslint";
import * as jsoncParser from "jsonc-eslint-parser";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import plugin from "../../lib/index.ts";
import { BddLimitError } from "../../lib/analysis/index.ts";
import { setBddNodeLimitForTesting } from "../../lib/analysis/bdd.ts";
import { createRule } from "../../lib/eslint/create-rule.ts";
import noShadowedRules from "../../rules/no-shadowed-rules.ts";
import noUnsatisfiableRule from "../../rules/no-unsatisfiable-rule.ts";
import { run, temporaryDirectory, writeFiles } from "../cli/cli-harness.ts";
import { locate, rules, runRuleTests } from "../rule-tester.ts";

// Counts whole-set analyses: once the limit stopped a file's analysis, later rules must not start it again.
const analyses = vi.hoisted(() => ({ count: 0 }));
vi.mock("../../lib/analysis/index.ts", async (importOriginal) => {
  const original = await importOriginal<typeof import("../../lib/analysis/index.ts")>();
  return {
    ...original,
    analyzeRuleSet: (...args: Parameters<typeof original.analyzeRuleSet>) => {
      analyses.count++;
      return original.analyzeRuleSet(...args);
    },
  };
});

const LIMIT = 32;
let restoreLimit: () => void = () => {};
beforeAll(() => {
  restoreLimit = setBddNodeLimitForTesting(LIMIT);
});
afterAll(() => restoreLimit());

/** Eight wildcard patterns: more diagram nodes than the lowered limit allows. */
const pastTheLimit = rules(
  '{ "Name": "Allow admins", "Action": "AllowAccess", "UsernameMatchesAnyOfPatterns": ["*\\\\admin-*"], "Priority": 1 }',
  '{ "Name": "Block staff", "Action": "DenyAccess", "UsernameMatchesAnyOfPatterns": ["*\\\\sales-*", "*\\\\support-*", "*\\\\finance-*", "*\\\\legal-*", "*\\\\marketing-*", "*\\\\research-*"], "ExceptUsernameMatchesAnyOfPatterns": ["*-manager"], "Priority": 2 }',
  '{ "Name": "Block POP3", "Action": "DenyAccess", "AnyOfProtocols": ["POP3", "POP3"], "Priority": 3 }',
);
/** One pattern: well under the limit, analysed as usual. */
const underTheLimit = rules(
  '{ "Name": "Allow admins", "Action": "AllowAccess", "UsernameMatchesAnyOfPatterns": ["*\\\\admin-*"], "AnyOfProtocols": ["POP3"], "Priority": 1 }',
  '{ "Name": "Block POP3", "Action": "DenyAccess", "AnyOfProtocols": ["POP3"], "Priority": 2 }',
);

const notAnalysed = (limit: number) =>
  `The analysis left this whole rule set undecided: the decision diagram outgrew its limit of ${limit} nodes (MAX_BDD_NODES), so the analysis stopped and the rule set is not analysed: which connections these rules allow or deny (shadowing, lockouts, Outlook for iOS and Android) is not proven for this file. Findings about it may be missing; see docs/performance.md for the bound, and simplify the username patterns or recipient filters involved.`;

// At the file's first rule, by the rule that met the limit; a rule without an `undecided` message
// of its own (no-unsatisfiable-rule) reports it the same way.
for (const [name, rule] of [
  ["no-shadowed-rules", noShadowedRules],
  ["no-unsatisfiable-rule", noUnsatisfiableRule],
] as const) {
  runRuleTests(`${name} (analysis node limit)`, rule, {
    valid: [underTheLimit],
    invalid: [{ code: pastTheLimit, errors: [{ message: notAnalysed(LIMIT), ...locate(pastTheLimit, '"Allow admins"') }] }],
  });
}

describe("the analysis node limit through the ESLint class (config all)", () => {
  const eslint = () => new ESLint({ overrideConfigFile: true, overrideConfig: [plugin.configs.all] });
  const findings = (result: ESLint.LintResult) =>
    result.messages.map(({ ruleId, messageId, line, column }) => ({ ruleId, messageId, line, column }));

  it("reports the rule set as not analysed once per file, and the other rules still run", async () => {
    analyses.count = 0;
    const [result] = await eslint().lintText(pastTheLimit, { filePath: "limit.car.json" });
    // Started by the first rule that asked, never again by the six others that use it.
    expect(analyses.count).toBe(1);
    const { line, column } = locate(pastTheLimit, '"Allow admins"');
    expect(findings(result!)).toEqual([
      // The first analysis rule of the config meets the limit; every later one is left silent.
      { ruleId: "client-access-rules/no-blocked-outlook-mobile", messageId: "undecided", line, column },
      { ruleId: "client-access-rules/no-duplicate-values", messageId: "repeated", ...pick(locate(pastTheLimit, '"POP3"', 2)) },
    ]);
    expect(result!.messages[0]!.message).toBe(notAnalysed(LIMIT));
    expect(result!.errorCount).toBe(2);
  });

  it("reports every file that meets the limit, and analyses the others as usual", async () => {
    const linter = eslint();
    const [first] = await linter.lintText(pastTheLimit, { filePath: "a.car.json" });
    const [fine] = await linter.lintText(underTheLimit, { filePath: "b.car.json" });
    const [second] = await linter.lintText(pastTheLimit, { filePath: "c.car.json" });
    for (const result of [first!, second!]) expect(result.messages.filter((message) => message.messageId === "undecided")).toHaveLength(1);
    // Under the limit: a real finding (Block POP3 is not shadowed: admins are allowed first, so
    // nothing is undecided and nothing is claimed beyond what is proven).
    expect(fine!.messages.filter((message) => message.messageId === "undecided")).toEqual([]);
  });
});

describe("createRule turns only the analysis' own limit into a report", () => {
  const lint = (check: () => void) => {
    const rule = createRule<"unused">({
      name: "probe",
      meta: { type: "problem", docs: { description: "probe", recommended: false }, messages: { unused: "unused" } },
      check,
    }) as Rule.RuleModule;
    return new Linter({ configType: "flat" }).verify(
      underTheLimit,
      [{ files: ["**/*.json"], plugins: { probe: { rules: { probe: rule } } }, languageOptions: { parser: jsoncParser }, rules: { "probe/probe": "error" } }],
      "probe.car.json",
    );
  };

  it("reports a BddLimitError thrown anywhere in a rule's check", () => {
    const messages = lint(() => {
      throw new BddLimitError(7);
    });
    expect(messages.map(({ messageId, message }) => ({ messageId, message }))).toEqual([{ messageId: "undecided", message: notAnalysed(7) }]);
  });

  it("lets a programming error through", () => {
    expect(() =>
      lint(() => {
        throw new TypeError("a bug");
      }),
    ).toThrow(TypeError);
  });
});

describe("the CLI on a rule set past the analysis node limit", () => {
  const directory = temporaryDirectory("limit");
  writeFiles(directory, { "limit.car.json": pastTheLimit, "fine.car.json": underTheLimit });
  const notAnalysedLine = (command: string) =>
    `client-access-rules ${command}: ${command === "diff" ? "the rule sets were" : "the rule set was"} not analysed: the decision diagram outgrew its limit of ${LIMIT} nodes (MAX_BDD_NODES), so the analysis stopped and nothing is reported (see docs/performance.md).\n`;

  it("report and diff say so in one line, print nothing and exit 2", async () => {
    for (const [command, args] of [
      ["report", ["limit.car.json"]],
      ["report", ["limit.car.json", "--format", "json"]],
      ["diff", ["fine.car.json", "limit.car.json"]],
    ] as const) {
      const result = await run(directory, command, ...args);
      expect({ exitCode: result.exitCode, stdout: result.stdout, stderr: result.stderr }).toEqual({
        exitCode: 2,
        stdout: "",
        stderr: notAnalysedLine(command),
      });
    }
  });

  it("what-if evaluates its one connection without the diagrams, so the limit does not touch it", async () => {
    const result = await run(directory, "what-if", "limit.car.json", "--protocol", "POP3", "--ip", "192.0.2.1", "--user", "contoso.com\\sales-ann");
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/Decided by "Block staff" \(Priority 2\): DenyAccess\./u);
  });

  it("lint reports the not-analysed finding and exits 1", async () => {
    const result = await run(directory, "lint", "limit.car.json");
    expect(result.exitCode).toBe(1);
    // The stylish formatter drops a message's final full stop.
    expect(result.stdout).toContain(`2:13  error    ${notAnalysed(LIMIT).slice(0, -1)}  client-access-rules/no-blocked-outlook-mobile`);
    // The finding is an error here (no-blocked-outlook-mobile), so no extra line is needed for exit 1.
    expect(result.stderr).toBe("");
  });
});

function pick({ line, column }: { line: number; column: number }): { line: number; column: number } {
  return { line, column };
}
