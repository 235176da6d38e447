import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findRedundantValues, type RedundantValue } from "../../lib/analysis/redundant-values.ts";
import type { IpRange } from "../../lib/model/rule-spec.ts";

/** A `*`-pattern as an anchored RegExp: the independent reading of a pattern. */
const regexOf = (pattern: string): RegExp =>
  new RegExp(`^${pattern.split("*").map((part) => part.replace(/[.\\\\^$+?()[\]{}|]/g, "\\$&")).join(".*")}$`, "i");

/** Every string over a, b and c up to `length` (c occurs in no pattern: it stands in for `*`). */
function stringsUpTo(length: number): string[] {
  const all = [""];
  for (let start = 0, size = 1; size <= length; size++) {
    const end = all.length;
    for (let index = start; index < end; index++) for (const symbol of "abc") all.push(all[index] + symbol);
    start = end;
  }
  return all;
}

/**
 * Brute force: `outer` matches every name `inner` matches. Names of length ≤ |inner| over a, b, c
 * suffice, since `inner` with each `*` replaced by c is a counterexample when one exists.
 */
function patternContainsByEnumeration(outer: string, inner: string): boolean {
  const innerRegex = regexOf(inner);
  const outerRegex = regexOf(outer);
  return stringsUpTo(inner.length).every((name) => !innerRegex.test(name) || outerRegex.test(name));
}

const ipContains = (outer: IpRange, inner: IpRange): boolean =>
  outer.family === inner.family && outer.first <= inner.first && inner.last <= outer.last;

/** The quadratic definition: a repeat (or mutual containment) of an earlier value, else strictly inside another. */
function reference<T>(values: readonly T[], contains: (outer: T, inner: T) => boolean): Map<number, "repeated" | "contained"> {
  const found = new Map<number, "repeated" | "contained">();
  values.forEach((value, position) => {
    if (values.slice(0, position).some((other) => contains(other, value) && contains(value, other))) {
      found.set(position, "repeated");
    } else if (values.some((other) => contains(other, value) && !contains(value, other))) {
      found.set(position, "contained");
    }
  });
  return found;
}

function expectAgreement<T>(found: readonly RedundantValue[], values: readonly T[], contains: (outer: T, inner: T) => boolean): void {
  expect(new Map(found.map(({ position, kind }) => [position, kind]))).toEqual(reference(values, contains));
  for (const { position, kind, other } of found) {
    // The value named as the reason is a real one: an earlier copy, or a strictly broader value.
    expect(contains(values[other]!, values[position]!)).toBe(true);
    if (kind === "repeated") expect(other).toBeLessThan(position);
    else expect(contains(values[position]!, values[other]!)).toBe(false);
  }
}

describe("findRedundantValues agrees with the quadratic definition", () => {
  it("on IP ranges of both families (sorted interval sweep)", () => {
    const range = fc
      .record({ family: fc.constantFrom(4 as const, 6 as const), first: fc.bigInt(0n, 20n), width: fc.bigInt(0n, 8n) })
      .map(({ family, first, width }): IpRange => ({ family, first, last: first + width }));
    fc.assert(
      fc.property(fc.array(range, { maxLength: 12 }), (values) => {
        expectAgreement(findRedundantValues("ip-list", values), values, ipContains);
      }),
      { numRuns: 400 },
    );
  });

  it("on username patterns (prefix trie), checked by enumerating names", () => {
    const pattern = fc.string({ unit: fc.constantFrom("a", "b", "*"), maxLength: 5 }).filter((text) => text !== "");
    fc.assert(
      fc.property(fc.array(pattern, { maxLength: 8 }), (values) => {
        expectAgreement(findRedundantValues("pattern-list", values), values, patternContainsByEnumeration);
      }),
      { numRuns: 300 },
    );
  });

  it("on patterns that between them use every symbol that stands in for a star (pair by pair)", () => {
    // No one symbol is free for the whole list; "*\u0000" must not be taken to cover "a*".
    const values = ["a\u0000*", "a\u0000b", "*\uffff", "x\uffff", "\u0001*", "\u0001y", "*b*", "*\u0000", "a*"];
    expect(findRedundantValues("pattern-list", values)).toEqual([
      { position: 0, kind: "contained", other: 8 },
      { position: 1, kind: "contained", other: 6 },
      { position: 3, kind: "contained", other: 2 },
      { position: 5, kind: "contained", other: 4 },
    ]);
  });

  it("on group names and ports (repeats only)", () => {
    const groups = ["sales", "support", "sales, marketing", "sales"];
    expect(findRedundantValues("group-list", groups)).toEqual([{ position: 3, kind: "repeated", other: 0 }]);
    const ports = [{ first: 1, last: 10 }, { first: 5, last: 5 }, { first: 1, last: 10 }];
    // A port inside a port range is not reported (design.md limits containment to IPs and patterns).
    expect(findRedundantValues("port-list", ports)).toEqual([{ position: 2, kind: "repeated", other: 0 }]);
  });

  it("skips values that could not be read", () => {
    expect(findRedundantValues("protocol-list", ["POP3", undefined, "POP3"])).toEqual([
      { position: 2, kind: "repeated", other: 0 },
    ]);
  });
});
