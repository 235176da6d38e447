/** Username patterns: matching, well-formedness and the exact atoms of a pattern set. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CompressedAlphabet,
  PatternDfa,
  UsernameUniverse,
  isWellFormedUsername,
  matchesPattern,
  wellFormedMatch,
} from "../../lib/analysis/wildcard.ts";
import { globToRegExp } from "./helpers.ts";

const SEED = 777;

const pattern = fc.stringMatching(/^[ab*\\]{0,6}$/);
const name = fc.stringMatching(/^[abc\\]{0,7}$/);

describe("matchesPattern", () => {
  it("matches whole strings, case-insensitively, with * as the only wildcard", () => {
    expect(matchesPattern("contoso.com\\admin*", "CONTOSO.COM\\Administrator")).toBe(true);
    expect(matchesPattern("contoso.com\\admin*", "contoso.com\\jeff")).toBe(false);
    expect(matchesPattern("*jeff*", "contoso.com\\jeff")).toBe(true);
    expect(matchesPattern("jeff*", "contoso.com\\jeff")).toBe(false);
    expect(matchesPattern("a?c", "abc")).toBe(false);
    expect(matchesPattern("a.c", "abc")).toBe(false);
    expect(matchesPattern("*", "")).toBe(true);
    expect(matchesPattern("a*a", "a")).toBe(false);
  });

  it("agrees with an anchored regular expression", () => {
    fc.assert(
      fc.property(pattern, name, (glob, text) => {
        expect(matchesPattern(glob, text)).toBe(globToRegExp(glob).test(text));
      }),
      { seed: SEED, numRuns: 3000 },
    );
  });

  it("stays linear on patterns that make backtracking matchers explode", () => {
    const glob = "*a*a*a*a*a*a*a*a*a*a*a*a*b";
    const text = "a".repeat(20_000);
    const started = performance.now();
    expect(matchesPattern(glob, text)).toBe(false);
    expect(performance.now() - started).toBeLessThan(200);
  });
});

describe("well-formed names", () => {
  it("requires a non-empty domain and user around exactly one backslash", () => {
    expect(isWellFormedUsername("contoso.com\\jeff")).toBe(true);
    expect(isWellFormedUsername("\\jeff")).toBe(false);
    expect(isWellFormedUsername("contoso.com\\")).toBe(false);
    expect(isWellFormedUsername("a\\b\\c")).toBe(false);
    expect(isWellFormedUsername("jeff")).toBe(false);
  });

  it("finds a well-formed match exactly when one exists", () => {
    // Every well-formed name over {a, b, c} up to length 6 decides the question for these patterns.
    const names: string[] = [];
    const grow = (prefix: string) => {
      if (isWellFormedUsername(prefix)) names.push(prefix);
      if (prefix.length < 6) for (const char of "abc\\") grow(prefix + char);
    };
    grow("");
    fc.assert(
      fc.property(fc.stringMatching(/^[ab*\\]{0,4}$/), (glob) => {
        const witness = wellFormedMatch(glob);
        const exists = names.some((candidate) => matchesPattern(glob, candidate));
        expect(witness !== undefined).toBe(exists);
        if (witness !== undefined) {
          expect(isWellFormedUsername(witness)).toBe(true);
          expect(matchesPattern(glob, witness)).toBe(true);
        }
      }),
      { seed: SEED, numRuns: 1000 },
    );
  });

  it("treats jeff as unmatchable but jeff* as matching the domain jeff…", () => {
    expect(wellFormedMatch("jeff")).toBeUndefined();
    expect(wellFormedMatch("a\\b\\*")).toBeUndefined();
    expect(wellFormedMatch("\\*")).toBeUndefined();
    expect(wellFormedMatch("jeff*")).toBe("jeff\\x");
    expect(wellFormedMatch("*jeff*")).toBe("x\\jeff");
  });
});

describe("PatternDfa", () => {
  it("accepts exactly what matchesPattern accepts", () => {
    fc.assert(
      fc.property(pattern, fc.array(name, { minLength: 1, maxLength: 10 }), (glob, texts) => {
        const alphabet = new CompressedAlphabet([glob]);
        const dfa = new PatternDfa(glob, alphabet);
        for (const text of texts) {
          let state = dfa.start;
          for (const char of text) {
            if (state < 0) break;
            state = dfa.next[state * alphabet.size + alphabet.classOf(char)]!;
          }
          expect(state >= 0 && dfa.accepting[state] === 1).toBe(matchesPattern(glob, text));
        }
      }),
      { seed: SEED, numRuns: 1000 },
    );
  });
});

describe("UsernameUniverse", () => {
  it("builds the atoms of the patterns: containment of contoso.com\\admin* in contoso.com\\*", () => {
    const universe = new UsernameUniverse(["contoso.com\\*", "contoso.com\\admin*"]);
    expect(universe.exact).toBe(true);
    const broad = new Set(universe.atomsOf("contoso.com\\*"));
    const admins = universe.atomsOf("contoso.com\\admin*")!;
    expect(admins.length).toBeGreaterThan(0);
    expect(admins.every((atom) => broad.has(atom))).toBe(true);
    // Atoms: admins, other contoso users, everyone else.
    expect(universe.atomCount).toBe(3);
    expect(universe.atomOfName("Contoso.com\\AdminJeff")).toBe(admins[0]);
    expect(universe.atomOfName("fabrikam.com\\admin")).not.toBe(admins[0]);
    expect(universe.atomOfName("contoso.com")).toBeUndefined();
  });

  it("gives every atom a distinct signature and a shortest well-formed witness", () => {
    fc.assert(
      fc.property(fc.uniqueArray(pattern, { maxLength: 5 }), fc.array(name, { maxLength: 20 }), (globs, texts) => {
        const universe = new UsernameUniverse(globs);
        expect(universe.exact).toBe(true);
        const signature = (text: string) => globs.filter((glob) => matchesPattern(glob, text)).join("|");
        const signatures = universe.atomWitnesses.map((witness) => {
          expect(isWellFormedUsername(witness)).toBe(true);
          return signature(witness);
        });
        expect(new Set(signatures).size).toBe(signatures.length);
        globs.forEach((glob) => {
          const atoms = universe.atomsOf(glob)!;
          universe.atomWitnesses.forEach((witness, atom) => expect(atoms.includes(atom)).toBe(matchesPattern(glob, witness)));
        });
        for (const text of texts) {
          const atom = universe.atomOfName(text);
          if (!isWellFormedUsername(text)) expect(atom).toBeUndefined();
          else expect(signatures[atom!]).toBe(signature(text));
        }
      }),
      { seed: SEED, numRuns: 500 },
    );
  });

  it("falls back to one pseudo-atom per pattern when the product is too large", () => {
    const universe = new UsernameUniverse(["a\\*", "*\\b", "jeff"], { maxStates: 3 });
    expect(universe.exact).toBe(false);
    expect(universe.atomsOf("jeff")).toEqual([]);
    expect(universe.atomsOf("a\\*")).toHaveLength(1);
    expect(universe.otherAtom).toBe(2);
    expect(universe.atomCount).toBe(3);
  });

  it("handles thousands of literal patterns within the budget", () => {
    const patterns = Array.from({ length: 3000 }, (_, i) => `contoso.com\\user${i}`);
    const universe = new UsernameUniverse([...patterns, "*\\admin*", "contoso.com\\svc-*"]);
    expect(universe.exact).toBe(true);
    expect(universe.atomsOf("contoso.com\\user42")).toHaveLength(1);
  });
});
