import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type PredicateSet, UsernameDimension } from "../../lib/analysis/predicate-set.ts";
import { matchesPattern } from "../../lib/analysis/wildcard.ts";

// Literal user names (patterns without `*`) are listed beside the username diagram rather than
// tested in it; these tests check the set algebra on such sets against pattern matching itself.

// `x\\x` is the first name the string search tries, so sets that exclude it must search again.
const PATTERNS = ["x\\x", "b\\a", "a\\a", "a\\b", "a\\*", "*\\a", "*", "b\\*", "*b*", "x\\y", "c\\d", "user17", "*\\*q"];
/** Every literal pattern's name, names some wildcard patterns match, and names none match. */
const NAMES = ["x\\x", "b\\a", "a\\a", "a\\b", "x\\y", "c\\d", "q\\q", "a\\q", "b\\b", "zz\\bq", "user17", "w\\w"];

type Formula = { patterns: number[] } | { not: Formula } | { and: [Formula, Formula] } | { or: [Formula, Formula] } | { minus: [Formula, Formula] };

const formula: fc.Arbitrary<Formula> = fc.letrec((tie) => {
  const sub = tie("formula") as fc.Arbitrary<Formula>;
  return {
    formula: fc.oneof(
      { maxDepth: 4, depthIdentifier: "formula" },
      fc.record({ patterns: fc.array(fc.nat(PATTERNS.length - 1), { maxLength: 3 }) }),
      fc.record({ not: sub }),
      fc.record({ and: fc.tuple(sub, sub) }),
      fc.record({ or: fc.tuple(sub, sub) }),
      fc.record({ minus: fc.tuple(sub, sub) }),
    ),
  };
}).formula;

function build(dimension: UsernameDimension, f: Formula): PredicateSet<string> {
  if ("patterns" in f) return dimension.anyOf(f.patterns.map((index) => PATTERNS[index] as string));
  if ("not" in f) return build(dimension, f.not).complement();
  if ("and" in f) return build(dimension, f.and[0]).intersection(build(dimension, f.and[1]));
  if ("or" in f) return build(dimension, f.or[0]).union(build(dimension, f.or[1]));
  return build(dimension, f.minus[0]).difference(build(dimension, f.minus[1]));
}

const wellFormed = (name: string) => /^[^\\]+\\[^\\]+$/u.test(name);

function holds(f: Formula, name: string): boolean {
  if ("patterns" in f) return wellFormed(name) && f.patterns.some((index) => matchesPattern(PATTERNS[index] as string, name));
  if ("not" in f) return wellFormed(name) && !holds(f.not, name);
  if ("and" in f) return holds(f.and[0], name) && holds(f.and[1], name);
  if ("or" in f) return holds(f.or[0], name) || holds(f.or[1], name);
  return holds(f.minus[0], name) && !holds(f.minus[1], name);
}

describe("username sets with literal names listed beside the diagram", () => {
  it("agree with pattern matching on membership, emptiness, subsets, overlap and witnesses", () => {
    fc.assert(
      fc.property(formula, formula, fc.boolean(), (f, g, registeredFirst) => {
        const dimension = new UsernameDimension();
        if (registeredFirst) for (const pattern of PATTERNS) dimension.variableOf(pattern);
        const [x, y] = [build(dimension, f), build(dimension, g)];
        for (const name of NAMES) expect(x.has(name), `${name} in ${JSON.stringify(f)}`).toBe(holds(f, name));
        const inX = NAMES.filter((name) => holds(f, name));
        const inBoth = inX.filter((name) => holds(g, name));
        if (inX.length > 0) expect(x.isEmpty()).toBe(false);
        if (x.isEmpty()) expect(inX).toEqual([]);
        if (x.isSubsetOf(y)) expect(inX.filter((name) => !holds(g, name))).toEqual([]);
        if (inBoth.length > 0) expect(x.intersects(y)).toBe(true);
        if (!x.intersects(y)) expect(inBoth).toEqual([]);
        expect(x.intersects(y)).toBe(!x.intersection(y).isEmpty());
        expect(x.isSubsetOf(y)).toBe(x.difference(y).isEmpty());
        expect(x.isFull()).toBe(x.complement().isEmpty());
        for (const witness of x.witnesses()) expect(holds(f, witness), `witness ${witness} of ${JSON.stringify(f)}`).toBe(true);
        // One form per set: a literal is listed only where the diagram disagrees with it.
        for (const literal of x.included) expect(dimension.diagramHasLiteral(x.node, literal)).toBe(false);
        for (const literal of x.excluded) expect(dimension.diagramHasLiteral(x.node, literal)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it("keeps 'none of these users' as a list beside the diagram true, not a chain of variables", () => {
    const dimension = new UsernameDimension();
    let rest = dimension.full();
    for (let user = 0; user < 3000; user++) rest = rest.difference(dimension.anyOf([`contoso.com\\user${user}`]));
    expect(rest.node).toBe(dimension.full().node);
    expect(rest.excluded).toHaveLength(3000);
    expect(dimension.bdd.nodeCount).toBe(2);
    expect(rest.has("contoso.com\\user17")).toBe(false);
    expect(rest.has("contoso.com\\user3000")).toBe(true);
    expect(rest.isEmpty()).toBe(false);
    expect(rest.describe(1)).toMatch(/^not matching 'contoso\.com\\user0' and not matching/u);
  });
});
