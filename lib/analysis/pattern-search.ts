/**
 * Is there a string that matches all of some `*`-patterns and none of others — a user name of the
 * `<Domain>\<User>` shape, or a non-empty attribute value? And which is a short one? This is the
 * only question the username and attribute dimensions ask about strings, and only for the
 * combinations of patterns the rules actually produce (one path of a decision diagram), so the
 * realizable combinations are never enumerated up front (the 2^n of a dozen `*\svc-*app*`
 * patterns).
 *
 * Cheap candidates are tried first (a literal pattern allows only itself; a pattern's own
 * shortest text often settles the question); otherwise a breadth-first search over the product of
 * the patterns' DFAs finds a shortest string or proves there is none. Patterns that are settled on
 * the way (a positive pattern that now matches whatever follows, a negative one that can no
 * longer match) leave the product state, which keeps it small. The search is the one place a
 * resource bound remains: past `maxStates` product states it answers "unknown"
 * (docs/performance.md gives an input that reaches it).
 */
import { CompressedAlphabet, PatternDfa, matchesSegments } from "./wildcard.ts";

/** A `*`-pattern as literal segments (one segment: exactly that text), already case-folded. */
export type Segments = readonly string[];

export type StringDomain = "username" | "non-empty";

export type SearchResult =
  | { readonly kind: "found"; readonly text: string }
  | { readonly kind: "none" }
  | { readonly kind: "unknown"; readonly states: number };

/** A private-use character: in no pattern, and neither `\` nor `*`. */
const FRESH_SYMBOL = "\ue000";

/** Product states one search may visit before it answers "unknown". */
export const MAX_SEARCH_STATES = 50_000;

export function inDomain(domain: StringDomain, text: string): boolean {
  if (domain === "non-empty") return text.length > 0;
  const separator = text.indexOf("\\");
  return separator > 0 && separator < text.length - 1 && text.indexOf("\\", separator + 1) < 0;
}

function satisfies(domain: StringDomain, positives: readonly Segments[], negatives: readonly Segments[], text: string) {
  return (
    inDomain(domain, text) &&
    positives.every((segments) => matchesSegments(segments, text)) &&
    !negatives.some((segments) => matchesSegments(segments, text))
  );
}

/**
 * Texts worth trying before any search: each positive pattern's shortest and padded forms, with a
 * filler character the positive patterns do not use (the negative ones are checked afterwards,
 * so a cube with hundreds of negated user names costs no scan of their characters).
 */
function* candidates(domain: StringDomain, positives: readonly Segments[]): Generator<string> {
  const used = new Set<string>();
  for (const segments of positives) for (const segment of segments) for (const char of segment) used.add(char);
  for (const filler of FILLERS) {
    if (used.has(filler)) continue;
    const sources = positives.length > 0 ? positives : [[""]];
    for (const segments of sources) {
      const joined = segments.join("");
      yield joined;
      yield segments.join(filler);
      if (domain === "username") {
        if (!joined.includes("\\")) yield* [`${filler}\\${joined}`, `${joined}\\${filler}`];
        yield `${filler}${segments.join(filler)}${filler}`;
        if (segments.length > 1) yield* [`${filler}${joined}`, `${joined}${filler}`, `${filler}${joined}${filler}`];
      } else if (segments.length > 1) {
        yield* [`${joined}${filler}`, `${filler}${joined}`];
      }
    }
    yield domain === "username" ? `${filler}\\${filler}` : filler;
  }
}

/** Readable fillers first; the last, a private-use character, is in no pattern a person writes. */
const FILLERS = ["x", "y", "z", "q", "\ue001"];

export function searchString(
  domain: StringDomain,
  positives: readonly Segments[],
  negatives: readonly Segments[],
  maxStates = MAX_SEARCH_STATES,
): SearchResult {
  // A literal allows exactly one text.
  const literal = positives.find((segments) => segments.length === 1);
  if (literal) {
    const text = literal[0] as string;
    return satisfies(domain, positives, negatives, text) ? { kind: "found", text } : { kind: "none" };
  }
  for (const text of candidates(domain, positives)) {
    if (satisfies(domain, positives, negatives, text)) return { kind: "found", text };
  }
  // A positive pattern inside one negative one leaves nothing (analysis-notes.md §7.2: `L(p) ⊆
  // L(q)` exactly when q matches p with each `*` replaced by a symbol no pattern uses).
  for (const positive of positives) {
    const fresh = positive.join(FRESH_SYMBOL);
    if (negatives.some((negative) => matchesSegments(negative, fresh))) return { kind: "none" };
  }
  return productSearch(domain, positives, negatives, maxStates);
}

/** Domain automata: username 0 start, 1 in domain, 2 just after `\`, 3 in user part (accepting); non-empty 0, 1. */
function domainNext(domain: StringDomain, state: number, cls: number): number {
  if (domain === "non-empty") return 1;
  if (cls === CompressedAlphabet.BACKSLASH) return state === 1 ? 2 : -1;
  return state <= 1 ? 1 : 3;
}
const domainAccepting = (domain: StringDomain, state: number) => (domain === "non-empty" ? state === 1 : state === 3);

function productSearch(
  domain: StringDomain,
  positives: readonly Segments[],
  negatives: readonly Segments[],
  maxStates: number,
): SearchResult {
  const alphabet = new CompressedAlphabet(
    [...positives, ...negatives].map((segments) => segments.join("")),
    true,
  );
  const classes = alphabet.size;
  const tests = [...positives, ...negatives];
  const dfas = tests.map((segments) => new PatternDfa(segments, alphabet));
  /** A state that accepts and stays: the pattern matches whatever follows. */
  const universal = dfas.map((dfa) => {
    const flags = new Uint8Array(dfa.accepting.length);
    for (let state = 0; state < flags.length; state++) {
      if (!dfa.accepting[state]) continue;
      let stays = true;
      for (let cls = 0; cls < classes && stays; cls++) stays = dfa.next[state * classes + cls] === state;
      flags[state] = stays ? 1 : 0;
    }
    return flags;
  });
  const positiveCount = positives.length;

  // A state is a string of char codes: the domain automaton's state, then each test's DFA state
  // (SETTLED once the test can no longer change the answer). Strings are their own hash keys.
  const SETTLED = 0xffff;
  const testCount = tests.length;
  const codes: number[] = [0];
  for (let test = 0; test < testCount; test++) {
    const dfa = dfas[test] as PatternDfa;
    if (universal[test]?.[dfa.start]) {
      if (test >= positiveCount) return { kind: "none" }; // a negative pattern that matches everything
      codes.push(SETTLED); // a positive one that does: settled
    } else {
      codes.push(dfa.start);
    }
  }
  const states: string[] = [String.fromCharCode(...codes)];
  const parents: number[] = [-1];
  const viaClass: number[] = [-1];
  const seen = new Set<string>(states);

  const accepts = (state: string) => {
    if (!domainAccepting(domain, state.charCodeAt(0))) return false;
    for (let test = 0; test < testCount; test++) {
      const at = state.charCodeAt(test + 1);
      if (at === SETTLED) continue;
      const accepting = (dfas[test] as PatternDfa).accepting[at] === 1;
      if (accepting !== test < positiveCount) return false;
    }
    return true;
  };
  const next = new Array<number>(testCount + 1);
  for (let current = 0; current < states.length; current++) {
    const state = states[current] as string;
    if (accepts(state)) {
      const chars: string[] = [];
      for (let at = current; at > 0; at = parents[at] as number) chars.push(alphabet.representatives[viaClass[at] as number] as string);
      return { kind: "found", text: chars.reverse().join("") };
    }
    for (let cls = 0; cls < classes; cls++) {
      const domainState = domainNext(domain, state.charCodeAt(0), cls);
      if (domainState < 0) continue;
      next[0] = domainState;
      let dead = false;
      for (let test = 0; test < testCount; test++) {
        const at = state.charCodeAt(test + 1);
        if (at === SETTLED) {
          next[test + 1] = SETTLED;
          continue;
        }
        const target = (dfas[test] as PatternDfa).next[at * classes + cls] as number;
        const positive = test < positiveCount;
        if (target < 0) {
          if (positive) {
            dead = true;
            break;
          }
          next[test + 1] = SETTLED; // a negative pattern that can no longer match
        } else if (universal[test]?.[target]) {
          if (!positive) {
            dead = true;
            break;
          }
          next[test + 1] = SETTLED; // a positive pattern that now matches whatever follows
        } else {
          next[test + 1] = target;
        }
      }
      if (dead) continue;
      const key = String.fromCharCode.apply(null, next);
      if (seen.has(key)) continue;
      if (states.length >= maxStates) return { kind: "unknown", states: states.length };
      seen.add(key);
      states.push(key);
      parents.push(current);
      viaClass.push(cls);
    }
  }
  return { kind: "none" };
}
