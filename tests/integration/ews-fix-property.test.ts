/**
 * Property: after no-ews-block-without-rest-exception's autofix, the engine finds no REST
 * connection that the fixed rule decides, whatever the rest of the rule set looks like.
 */
import { Linter } from "eslint";
import fc from "fast-check";
import * as jsoncParser from "jsonc-eslint-parser";
import { describe, expect, it } from "vitest";
import { analyzeRuleSet, witnessDecidedBy } from "../../lib/analysis/index.ts";
import plugin from "../../lib/index.ts";
import { readRuleSet } from "../../lib/model/index.ts";

const RULE_ID = "client-access-rules/no-ews-block-without-rest-exception";
const config = [
  {
    files: ["**/*.json"],
    plugins: { "client-access-rules": plugin },
    languageOptions: { parser: jsoncParser },
    rules: { [RULE_ID]: "error" as const },
  },
];

const protocols = ["ExchangeWebServices", "REST", "OutlookWebApp", "RemotePowerShell", "POP3"] as const;
const addresses = ["192.0.2.0/24", "198.51.100.7", "10.0.0.0/8"] as const;

const ruleArbitrary = fc.record(
  {
    Action: fc.constantFrom("AllowAccess", "DenyAccess"),
    AnyOfProtocols: fc.subarray([...protocols], { minLength: 1 }),
    ExceptAnyOfProtocols: fc.subarray([...protocols]),
    AnyOfClientIPAddressesOrRanges: fc.subarray([...addresses]),
    UsernameMatchesAnyOfPatterns: fc.subarray(["contoso.com\\*", "*\\admin*"]),
    Enabled: fc.boolean(),
  },
  { requiredKeys: ["Action", "AnyOfProtocols"] },
);

describe("no-ews-block-without-rest-exception autofix", () => {
  it("leaves the fixed rules deciding no REST connection", () => {
    const linter = new Linter({ configType: "flat" });
    let runsWithFixes = 0;
    fc.assert(
      fc.property(fc.array(ruleArbitrary, { minLength: 1, maxLength: 6 }), (generated) => {
        const rules = generated.map((rule, index) => ({ Name: `Rule ${index + 1}`, Priority: index + 1, ...rule }));
        const code = `${JSON.stringify(rules, null, 2)}\n`;
        const original = readRuleSet(jsoncParser.parseJSON(code))!;
        const fixedRuleNames = linter
          .verify(code, config, { filename: "rules.json" })
          .filter((message) => message.ruleId === RULE_ID && message.fix)
          .map((message) => original.rules.find((rule) => rule.node.loc.start.line <= message.line && message.line <= rule.node.loc.end.line)!.name);
        const { output, fixed } = linter.verifyAndFix(code, config, { filename: "rules.json" });
        expect(fixed).toBe(fixedRuleNames.length > 0);
        if (!fixed) return;
        runsWithFixes++;
        const model = readRuleSet(jsoncParser.parseJSON(output))!;
        const analysis = analyzeRuleSet(model.specs, { restSemantics: "coupled" });
        for (const spec of model.specs) {
          if (!fixedRuleNames.includes(spec.name)) continue;
          expect(spec.exceptProtocols).toContain("REST");
          expect(witnessDecidedBy(analysis, spec.index, { protocols: ["REST"] })).toBeUndefined();
        }
        // And nothing is left for the rule to report.
        expect(linter.verify(output, config, { filename: "rules.json" }).filter((message) => message.ruleId === RULE_ID && message.fix)).toEqual([]);
      }),
      { numRuns: 200, seed: 4013974 },
    );
    // The property says nothing unless the generator really produces EWS blocks to fix.
    expect(runsWithFixes).toBeGreaterThanOrEqual(15);
  });
});
