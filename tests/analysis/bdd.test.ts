import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Bdd, FALSE, TRUE } from "../../lib/analysis/bdd.ts";

type Formula = { var: number } | { not: Formula } | { and: [Formula, Formula] } | { or: [Formula, Formula] };

const VARIABLES = 4;
const formula: fc.Arbitrary<Formula> = fc.letrec<{ f: Formula }>((tie) => ({
  f: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.record({ var: fc.integer({ min: 0, max: VARIABLES - 1 }) }),
    fc.record({ not: tie("f") }),
    fc.record({ and: fc.tuple(tie("f"), tie("f")) }),
    fc.record({ or: fc.tuple(tie("f"), tie("f")) }),
  ),
})).f;

function build(bdd: Bdd, f: Formula): number {
  if ("var" in f) return bdd.variable(f.var);
  if ("not" in f) return bdd.not(build(bdd, f.not));
  if ("and" in f) return bdd.and(build(bdd, f.and[0]), build(bdd, f.and[1]));
  return bdd.or(build(bdd, f.or[0]), build(bdd, f.or[1]));
}

function truth(f: Formula, assignment: readonly boolean[]): boolean {
  if ("var" in f) return assignment[f.var]!;
  if ("not" in f) return !truth(f.not, assignment);
  if ("and" in f) return truth(f.and[0], assignment) && truth(f.and[1], assignment);
  return truth(f.or[0], assignment) || truth(f.or[1], assignment);
}

const assignments = Array.from({ length: 2 ** VARIABLES }, (_, bits) => Array.from({ length: VARIABLES }, (_, v) => ((bits >> v) & 1) === 1));

describe("Bdd", () => {
  it("agrees with truth tables for not, and, or and fraction", () => {
    fc.assert(
      fc.property(formula, (f) => {
        const bdd = new Bdd();
        const node = build(bdd, f);
        const satisfying = assignments.filter((assignment) => truth(f, assignment));
        for (const assignment of assignments) expect(bdd.evaluate(node, (v) => assignment[v]!)).toBe(truth(f, assignment));
        expect(bdd.fraction(node)).toBe(satisfying.length / assignments.length);
      }),
      { numRuns: 300 },
    );
  });

  it("gives equal functions one node however they are built (the unique table and memo find every node again as they grow)", () => {
    fc.assert(
      fc.property(formula, formula, (f, g) => {
        const bdd = new Bdd();
        // Two functions in one manager, then each again from its truth table (a disjunction of minterms).
        const nodes = [build(bdd, f), build(bdd, g)];
        [f, g].forEach((formula, index) => {
          let fromTable = FALSE;
          for (const assignment of assignments) {
            if (!truth(formula, assignment)) continue;
            let minterm = TRUE;
            assignment.forEach((value, v) => {
              minterm = bdd.and(minterm, value ? bdd.variable(v) : bdd.not(bdd.variable(v)));
            });
            fromTable = bdd.or(fromTable, minterm);
          }
          expect(fromTable).toBe(nodes[index]);
        });
      }),
      { numRuns: 300 },
    );
  });

  it("handles a chain of 100,000 variables without overflowing the stack (fuzz case: 100,000 literal usernames crashed a rule)", () => {
    const bdd = new Bdd();
    let any = FALSE;
    for (let v = 99_999; v >= 0; v--) any = bdd.or(bdd.variable(v), any);
    const chain = bdd.or(any, FALSE);
    let every = TRUE;
    for (let v = 99_999; v >= 0; v--) every = bdd.and(bdd.variable(v), every);
    // Both chains are built bottom-up (cheap); combining them walks all 100,000 levels.
    const either = bdd.or(bdd.not(chain), every);
    expect(bdd.evaluate(either, () => false)).toBe(true);
    expect(bdd.evaluate(either, (v) => v === 50_000)).toBe(false);
    expect(bdd.fraction(bdd.not(every))).toBe(1);
  });
});

describe("long username lists in the analysis", () => {
  it("analyses a rule with 20,000 literal usernames without outgrowing its tables (fuzz case: Map maximum size exceeded)", async () => {
    const { analyzeRuleSet } = await import("../../lib/analysis/index.ts");
    const { ruleSet } = await import("./helpers.ts");
    const names = Array.from({ length: 20_000 }, (_, n) => `contoso.com\\user${n}`);
    const rules = ruleSet(
      { action: "AllowAccess", usernamePatterns: names, protocols: ["POP3"] },
      { action: "DenyAccess", usernamePatterns: ["contoso.com\\user77"], protocols: ["POP3"] },
    );
    const analysis = analyzeRuleSet(rules, { restSemantics: "coupled" });
    // The second rule's one user is in the first rule's list: it decides nothing.
    expect(analysis.results[1]?.shadowing?.coveringRules.map((rule) => rule.name)).toEqual(["r0"]);
  });
});
