/** Username patterns: matching, well-formedness, DFAs and the search for a text that fits some patterns. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CompressedAlphabet,
  PatternDfa,
  isWellFormedUsername,
  matchesPattern,
  wellFormedMatch,
} from "../../lib/analysis/wildcard.ts";
import { type StringDomain, inDomain, searchString } from "../../lib/analysis/pattern-search.ts";
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

describe("searchString: a text matching some patterns and none of others", () => {
  const texts = (alphabet: readonly string[], maxLength: number): string[] => {
    const all = [""];
    let layer = [""];
    for (let length = 1; length <= maxLength; length++) {
      layer = layer.flatMap((text) => alphabet.map((char) => text + char));
      all.push(...layer);
    }
    return all;
  };
  const universe = texts(["a", "b", "c", "\\"], 6);
  const segments = (glob: string) => glob.toLowerCase().split("*");

  it("agrees with brute force over short texts, for user names and attribute values", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(pattern, { maxLength: 3 }),
        fc.uniqueArray(pattern, { maxLength: 3 }),
        fc.constantFrom<StringDomain>("username", "non-empty"),
        (positives, negatives, domain) => {
          const fits = (text: string) =>
            inDomain(domain, text) &&
            positives.every((glob) => matchesPattern(glob, text)) &&
            !negatives.some((glob) => matchesPattern(glob, text));
          const result = searchString(domain, positives.map(segments), negatives.map(segments));
          expect(result.kind).not.toBe("unknown");
          if (result.kind === "found") expect(fits(result.text)).toBe(true);
          // Brute force finds a short text only when the search finds one too.
          if (universe.some(fits)) expect(result.kind).toBe("found");
        },
      ),
      { seed: SEED, numRuns: 1500 },
    );
  });

  it("reads a one-segment pattern as a literal, * included", () => {
    expect(searchString("non-empty", [["a*b"]], [])).toEqual({ kind: "found", text: "a*b" });
    expect(searchString("non-empty", [["a*b"]], [["a", "b"]])).toEqual({ kind: "none" });
  });

  it("settles a dozen service-account patterns without enumerating their combinations", () => {
    const apps = ["sql", "web", "app", "crm", "erp", "ftp", "dns", "iis", "bi", "etl", "hr", "pay"];
    const globs = apps.map((app) => segments(`*\\svc-*${app}*`));
    const result = searchString("username", globs.slice(0, 3), []);
    expect(result.kind).toBe("found");
    if (result.kind === "found") for (const app of apps.slice(0, 3)) expect(result.text).toContain(app);
    expect(searchString("username", [globs[0]!], globs.slice(1)).kind).toBe("found");
    expect(searchString("username", [globs[0]!], [segments("*\\svc-*")]).kind).toBe("none");
  });

  it("answers unknown past its state bound", () => {
    // Containment decides this one without a search …
    expect(searchString("username", [segments("*a*b*")], [segments("*b*")], 2)).toEqual({ kind: "none" });
    // … but only the search sees that every well-formed name ending in y has a `\` before it.
    expect(searchString("username", [segments("*y")], [segments("*\\*y")])).toEqual({ kind: "none" });
    expect(searchString("username", [segments("*y")], [segments("*\\*y")], 2)).toEqual({ kind: "unknown", states: 2 });
  });
});
