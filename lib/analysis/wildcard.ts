/**
 * Username patterns: `*` is the only wildcard, matching is whole-string and case-insensitive, and
 * names are `<Domain>\<User>`. Everything here runs in linear time or over explicit automata:
 * a pattern is never compiled to a backtracking RegExp.
 */
import { TextMemo } from "../model/text-memo.ts";

/** Whether a username matches a pattern, in O(|pattern| + |name|) (KMP per literal segment). */
export function matchesPattern(pattern: string, name: string): boolean {
  return matchesSegments(pattern.toLowerCase().split("*"), name.toLowerCase());
}

/**
 * Whether a text matches literal segments glued by `*` wildcards (one segment: the text itself),
 * comparing characters as they are (callers fold case first).
 */
export function matchesSegments(segments: readonly string[], text: string): boolean {
  if (segments.length === 1) return segments[0] === text;
  const prefix = segments[0] as string;
  const suffix = segments[segments.length - 1] as string;
  if (text.length < prefix.length + suffix.length) return false;
  if (!text.startsWith(prefix) || !text.endsWith(suffix)) return false;
  let position = prefix.length;
  const end = text.length - suffix.length;
  for (let i = 1; i < segments.length - 1; i++) {
    const segment = segments[i] as string;
    if (segment === "") continue;
    // The leftmost occurrence is always the right choice for `*`-only patterns.
    const found = indexOfKmp(text, segment, position, end);
    if (found < 0) return false;
    position = found + segment.length;
  }
  return true;
}

/** A user name is well formed when it is `<Domain>\<User>`, both parts non-empty, one `\`. */
export function isWellFormedUsername(name: string): boolean {
  const separator = name.indexOf("\\");
  return separator > 0 && separator < name.length - 1 && name.indexOf("\\", separator + 1) < 0;
}

function failureTable(segment: string): Int32Array {
  const failure = new Int32Array(segment.length);
  let k = 0;
  for (let i = 1; i < segment.length; i++) {
    while (k > 0 && segment[i] !== segment[k]) k = failure[k - 1] as number;
    if (segment[i] === segment[k]) k++;
    failure[i] = k;
  }
  return failure;
}

/**
 * Failure tables by segment: the analysis matches each literal user name against every wildcard
 * pattern, so the same few segments meet thousands of names (64 MB of tables per 10,000-rule lint
 * when each match built its own).
 */
const failureTables = new TextMemo(failureTable, 4096);

/** The first index `i` in `[from, end - |segment|]` where `segment` occurs in `text`, or -1. */
function indexOfKmp(text: string, segment: string, from: number, end: number): number {
  const failure = failureTables.get(segment);
  let k = 0;
  for (let i = from; i < end; i++) {
    while (k > 0 && text[i] !== segment[k]) k = failure[k - 1] as number;
    if (text[i] === segment[k]) k++;
    if (k === segment.length) return i - segment.length + 1;
  }
  return -1;
}

/**
 * The alphabet of a set of patterns, compressed: class 0 is every character no pattern mentions
 * ("other"), class 1 is `\`, then one class per distinct literal character.
 */
export class CompressedAlphabet {
  readonly representatives: string[];
  private readonly classByChar = new Map<string, number>();
  static readonly OTHER = 0;
  static readonly BACKSLASH = 1;

  /** `texts`: the patterns (their `*` is a wildcard) or, with `starIsLiteral`, plain texts. */
  constructor(texts: Iterable<string>, starIsLiteral = false) {
    const chars = new Set<string>();
    for (const text of texts) for (const char of text) if (starIsLiteral || char !== "*") chars.add(char);
    chars.delete("\\");
    const literals = [...chars].sort();
    this.representatives = [pickOtherCharacter(chars), "\\", ...literals];
    this.classByChar.set("\\", CompressedAlphabet.BACKSLASH);
    literals.forEach((char, position) => this.classByChar.set(char, position + 2));
  }

  get size(): number {
    return this.representatives.length;
  }

  classOf(char: string): number {
    return this.classByChar.get(char) ?? CompressedAlphabet.OTHER;
  }
}

/** A readable lower-case character that none of the patterns uses. */
function pickOtherCharacter(used: ReadonlySet<string>): string {
  for (const char of "xyzqjkuvwabcdefghilmnoprst0123456789_-") if (!used.has(char)) return char;
  for (let code = 0x100; ; code++) {
    const char = String.fromCharCode(code);
    if (!used.has(char) && char.toLowerCase() === char && char !== "\\") return char;
  }
}

/**
 * The DFA of one `*`-only pattern over a compressed alphabet, linear in the pattern's length:
 * an anchored chain for the prefix, a KMP automaton per middle segment (leftmost occurrence),
 * and a KMP automaton for the suffix whose accepting state is "the text ends with it".
 * `next[state * classes + class]` is the next state, or -1 (dead).
 */
export class PatternDfa {
  readonly start: number;
  readonly next: Int32Array;
  readonly accepting: Uint8Array;

  /** A pattern, or its literal segments (one segment: a literal text, whatever `*` it holds). */
  constructor(
    pattern: string | readonly string[],
    readonly alphabet: CompressedAlphabet,
  ) {
    const classes = alphabet.size;
    const segments = typeof pattern === "string" ? pattern.split("*") : pattern;
    const toClasses = (segment: string) => Array.from(segment, (char) => alphabet.classOf(char));
    if (segments.length === 1) {
      const chain = toClasses(segments[0] as string);
      const stateCount = chain.length + 1;
      this.next = new Int32Array(stateCount * classes).fill(-1);
      this.accepting = new Uint8Array(stateCount);
      chain.forEach((cls, i) => (this.next[i * classes + cls] = i + 1));
      this.accepting[chain.length] = 1;
      this.start = 0;
      return;
    }
    const prefix = toClasses(segments[0] as string);
    const middles = segments.slice(1, -1).filter((segment) => segment !== "").map(toClasses);
    const suffix = toClasses(segments[segments.length - 1] as string);
    // Stage layout: prefix states, then |m| states per middle, then |suffix|+1 suffix states.
    const middleOffsets: number[] = [];
    let offset = prefix.length;
    for (const middle of middles) {
      middleOffsets.push(offset);
      offset += middle.length;
    }
    const suffixOffset = offset;
    const stateCount = suffixOffset + suffix.length + 1;
    const next = new Int32Array(stateCount * classes).fill(-1);
    const accepting = new Uint8Array(stateCount);
    const stageStart = (stage: number) => (stage < middles.length ? (middleOffsets[stage] as number) : suffixOffset);
    prefix.forEach((cls, i) => (next[i * classes + cls] = i + 1 < prefix.length ? i + 1 : stageStart(0)));
    middles.forEach((middle, stage) => {
      const kmp = kmpAutomaton(middle, classes);
      for (let k = 0; k < middle.length; k++) {
        for (let cls = 0; cls < classes; cls++) {
          const target = kmp[k * classes + cls] as number;
          next[((middleOffsets[stage] as number) + k) * classes + cls] =
            target === middle.length ? stageStart(stage + 1) : (middleOffsets[stage] as number) + target;
        }
      }
    });
    const kmp = kmpAutomaton(suffix, classes);
    for (let k = 0; k <= suffix.length; k++) {
      for (let cls = 0; cls < classes; cls++) {
        next[(suffixOffset + k) * classes + cls] = suffixOffset + (kmp[k * classes + cls] as number);
      }
    }
    accepting[suffixOffset + suffix.length] = 1;
    this.next = next;
    this.accepting = accepting;
    this.start = prefix.length > 0 ? 0 : stageStart(0);
  }
}

/**
 * The KMP automaton of a segment: state k = length of the longest prefix of the segment that is a
 * suffix of the text read so far; rows 0…|segment| (the last row continues after a full match).
 */
function kmpAutomaton(segment: readonly number[], classes: number): Int32Array {
  const length = segment.length;
  const table = new Int32Array((length + 1) * classes);
  if (length === 0) return table;
  table[segment[0] as number] = 1;
  let restart = 0;
  for (let k = 1; k <= length; k++) {
    for (let cls = 0; cls < classes; cls++) table[k * classes + cls] = table[restart * classes + cls] as number;
    if (k < length) {
      table[k * classes + (segment[k] as number)] = k + 1;
      restart = table[restart * classes + (segment[k] as number)] as number;
    }
  }
  return table;
}

/**
 * A well-formed name that matches the pattern, or undefined when none does. Worked out directly
 * (O(|pattern|)): a `*` can stand for any text, including the `\` of a name that lacks one.
 */
export function wellFormedMatch(pattern: string): string | undefined {
  const lower = pattern.toLowerCase();
  const separators = lower.split("\\").length - 1;
  const filler = "x";
  if (separators > 1) return undefined;
  if (separators === 1) {
    const [domain = "", user = ""] = lower.split("\\");
    if (domain === "" || user === "") return undefined;
    return `${domain.replaceAll("*", "") || filler}\\${user.replaceAll("*", "") || filler}`;
  }
  const star = lower.indexOf("*");
  if (star < 0) return undefined;
  const before = lower.slice(0, star);
  const after = lower.slice(star + 1).replaceAll("*", "");
  return `${before || filler}\\${after || filler}`;
}
