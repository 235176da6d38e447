/** The covering-set budget as the analysis and the access map report it. */
import { describe, expect, it } from "vitest";
import { accessMap } from "../../lib/analysis/access-map.ts";
import { analyzeRuleSet } from "../../lib/analysis/analyze.ts";
import { ruleSet } from "./helpers.ts";

const rules = ruleSet(
  { name: "Block POP3", action: "DenyAccess", protocols: ["POP3"] },
  { name: "Block POP3 again", action: "DenyAccess", protocols: ["POP3"] },
  { name: "Allow POP3", action: "AllowAccess", protocols: ["POP3"] },
);

describe("covering-set budget", () => {
  it("names the covering rules while the budget lasts, then only says the rule decides nothing", () => {
    const analysis = analyzeRuleSet(rules, { restSemantics: "coupled", maxCoverWork: 1 });
    const [, again, allow] = analysis.results;
    expect(again?.shadowing?.coveringRules.map((rule) => rule.name)).toEqual(["Block POP3"]);
    expect(again?.coverNotComputed).toBeUndefined();
    expect(allow).toMatchObject({ evaluated: true, reachable: false, coverNotComputed: true });
    expect(allow?.shadowing).toBeUndefined();
    expect(accessMap(analysis).decidesNothing.map(({ rule, why }) => [rule.name, why])).toEqual([
      ["Block POP3 again", 'redundant: earlier rules ("Block POP3") already decide every connection it matches the same way'],
      ["Allow POP3", "earlier rules decide every connection it matches (which ones was not computed: the covering-set budget ran out)"],
    ]);
  });

  it("computes every covering set within the default budget", () => {
    const analysis = analyzeRuleSet(rules, { restSemantics: "coupled" });
    expect(analysis.results.some((result) => result.coverNotComputed)).toBe(false);
    expect(analysis.results[2]?.shadowing).toMatchObject({ differentAction: true });
  });
});
