/**
 * Username patterns: `*` is the only wildcard, matching is whole-string and case-insensitive, and
 * names are `<Domain>\<User>`. Everything here runs in linear time or over explicit automata:
 * a pattern is never compiled to a backtracking RegExp.
 */

/** Whether a username matches a pattern, in O(|pattern| + |name|) (KMP per literal segment). */
export function matchesPattern(pattern: string, name: string): boolean {
  const segments = pattern.toLowerCase().split("*");
  const text = name.toLowerCase();
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

/** The first index `i` in `[from, end - |segment|]` where `segment` occurs in `text`, or -1. */
function indexOfKmp(text: string, segment: string, from: number, end: number): number {
  const failure = failureTable(segment);
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

  constructor(patterns: readonly string[]) {
    const chars = new Set<string>();
    for (const pattern of patterns) for (const char of pattern) if (char !== "*") chars.add(char);
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

  constructor(
    pattern: string,
    readonly alphabet: CompressedAlphabet,
  ) {
    const classes = alphabet.size;
    const segments = pattern.split("*");
    const toClasses = (segment: string) => Array.from(segment, (char) => alphabet.classOf(char));
    if (segments.length === 1) {
      const chain = toClasses(pattern);
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

/** Well-formedness automaton: 0 start, 1 in domain, 2 just after `\`, 3 in user part (accepting). */
function wellFormedNext(state: number, cls: number): number {
  if (cls === CompressedAlphabet.BACKSLASH) return state === 1 ? 2 : -1;
  return state <= 1 ? 1 : 3;
}
const WELL_FORMED_ACCEPTING = 3;

export interface UsernameUniverseOptions {
  /** Product states explored before giving up on exactness (default 100,000). */
  readonly maxStates?: number;
  /** Component transitions computed before giving up on exactness (default 10 million). */
  readonly maxWork?: number;
}

/**
 * The username atoms of a set of patterns: every class of well-formed names that match exactly
 * the same patterns and is non-empty, each with a shortest witness name. When the product
 * automaton exceeds its budget, `exact` is false and the atoms are one per pattern (plus one for
 * "other names"), which callers must treat as a sound approximation only.
 */
export class UsernameUniverse {
  readonly patterns: readonly string[];
  readonly exact: boolean;
  /** A shortest well-formed witness name for each atom. */
  readonly atomWitnesses: readonly string[];
  private readonly atomsByPattern = new Map<string, readonly number[]>();
  private readonly alphabet: CompressedAlphabet;
  /** Exact mode: product transitions (-1 = not well formed any more) and each state's atom. */
  private readonly transitions?: Int32Array;
  private readonly stateAtoms?: Int32Array;
  /** Approximate mode: the atom that stands for names matching none of the patterns. */
  readonly otherAtom?: number;

  constructor(patterns: Iterable<string>, options: UsernameUniverseOptions = {}) {
    this.patterns = [...new Set([...patterns].map((pattern) => pattern.toLowerCase()))].sort();
    this.alphabet = new CompressedAlphabet(this.patterns);
    const product = exploreProduct(this.patterns, this.alphabet, options);
    if (product) {
      this.exact = true;
      this.atomWitnesses = product.atomWitnesses;
      this.transitions = product.transitions;
      this.stateAtoms = product.stateAtoms;
      this.patterns.forEach((pattern, index) => this.atomsByPattern.set(pattern, product.atomsByPattern[index] ?? []));
      return;
    }
    this.exact = false;
    const witnesses: string[] = [];
    for (const pattern of this.patterns) {
      const witness = wellFormedMatch(pattern);
      if (witness === undefined) {
        this.atomsByPattern.set(pattern, []);
      } else {
        this.atomsByPattern.set(pattern, [witnesses.length]);
        witnesses.push(witness);
      }
    }
    this.otherAtom = witnesses.length;
    const other = this.alphabet.representatives[0] as string;
    witnesses.push(`${other}\\${other}`);
    this.atomWitnesses = witnesses;
  }

  get atomCount(): number {
    return this.atomWitnesses.length;
  }

  /** Whether the universe knows this pattern (it was among those it was built from). */
  knows(pattern: string): boolean {
    return this.atomsByPattern.has(pattern.toLowerCase());
  }

  /**
   * The atoms of the names a known pattern matches (exact mode), or its one pseudo-atom
   * (approximate mode; empty when no well-formed name matches the pattern). Unknown: undefined.
   */
  atomsOf(pattern: string): readonly number[] | undefined {
    return this.atomsByPattern.get(pattern.toLowerCase());
  }

  /** The atom of a well-formed name (exact mode only); undefined for a malformed name. */
  atomOfName(name: string): number | undefined {
    if (!this.transitions || !this.stateAtoms) return undefined;
    const classes = this.alphabet.size;
    let state = 0;
    for (const char of name.toLowerCase()) {
      state = this.transitions[state * classes + this.alphabet.classOf(char)] as number;
      if (state < 0) return undefined;
    }
    const atom = this.stateAtoms[state] as number;
    return atom < 0 ? undefined : atom;
  }
}

const UNIVERSE_CACHE_SIZE = 16;
const universeCache = new Map<string, UsernameUniverse>();

/**
 * The universe of a set of patterns, shared by every analysis of the same patterns: an editor
 * re-lints a file on each keystroke, and one lint builds the universe for each REST semantics,
 * while the patterns rarely change. Universes are immutable; the cache keeps the most recent few.
 */
export function usernameUniverseFor(patterns: Iterable<string>, options: UsernameUniverseOptions = {}): UsernameUniverse {
  const normalized = [...new Set([...patterns].map((pattern) => pattern.toLowerCase()))].sort();
  const key = `${options.maxStates ?? ""}|${options.maxWork ?? ""}|${normalized.join("\u0000")}`;
  const cached = universeCache.get(key);
  if (cached) {
    universeCache.delete(key);
    universeCache.set(key, cached);
    return cached;
  }
  const universe = new UsernameUniverse(normalized, options);
  universeCache.set(key, universe);
  if (universeCache.size > UNIVERSE_CACHE_SIZE) universeCache.delete(universeCache.keys().next().value as string);
  return universe;
}

interface ProductResult {
  atomWitnesses: string[];
  atomsByPattern: number[][];
  transitions: Int32Array;
  stateAtoms: Int32Array;
}

/**
 * Breadth-first search of the reachable states of (well-formedness automaton × a trie of every
 * literal pattern × an Aho–Corasick automaton of every `*suffix` pattern × the DFA of every other
 * pattern with a `*`). A product state lists only the other patterns whose DFA is still alive;
 * literal and suffix patterns share one component each, so thousands of plain user names or
 * `*\\user` patterns cost one integer per state. Returns undefined when the budget is exceeded.
 */
function exploreProduct(
  patterns: readonly string[],
  alphabet: CompressedAlphabet,
  options: UsernameUniverseOptions,
): ProductResult | undefined {
  const maxStates = options.maxStates ?? 100_000;
  let work = options.maxWork ?? 10_000_000;
  const classes = alphabet.size;
  const starred: number[] = [];
  const literals: number[] = [];
  const prefixes: number[] = [];
  const suffixes: number[] = [];
  patterns.forEach((pattern, index) => {
    const star = pattern.indexOf("*");
    if (star < 0) literals.push(index);
    else if (pattern.length > 1 && star === pattern.length - 1) prefixes.push(index);
    else if (pattern.length > 1 && pattern.lastIndexOf("*") === 0) suffixes.push(index);
    else starred.push(index);
  });
  const dfas = new Map(starred.map((index) => [index, new PatternDfa(patterns[index] as string, alphabet)]));
  // `text*` patterns share the trie with the literals: once the walk passes the end of `text`,
  // the pattern matches whatever follows, so a state only needs the deepest such end it passed.
  const trie = buildTrie(
    literals.map((index) => [index, patterns[index] as string]),
    alphabet,
    prefixes.map((index) => [index, (patterns[index] as string).slice(0, -1)]),
  );
  const suffixAutomaton = buildSuffixAutomaton(
    suffixes.map((index) => [index, (patterns[index] as string).slice(1)]),
    alphabet,
  );

  interface State {
    wellFormed: number;
    trieNode: number; // -1 once no literal pattern can match any more
    prefixNode: number; // the deepest trie node passed where a `text*` pattern ends, or -1
    suffixNode: number; // the Aho–Corasick state of the suffix patterns
    live: Int32Array; // starred pattern indexes whose DFA is alive
    local: Int32Array; // the DFA state of each
  }
  const states: State[] = [];
  const parents: Array<{ parent: number; cls: number }> = [];
  const idByKey = new Map<string, number>();
  // Keys pack every number into two UTF-16 code units: far cheaper than decimal formatting.
  const keyCodes: number[] = [];
  const keyOf = (
    wellFormed: number,
    trieNode: number,
    prefixNode: number,
    suffixNode: number,
    live: Int32Array,
    local: Int32Array,
    count = live.length,
  ) => {
    keyCodes.length = 0;
    keyCodes.push(
      wellFormed,
      (trieNode + 1) & 0xffff,
      (trieNode + 1) >>> 16,
      (prefixNode + 1) & 0xffff,
      (prefixNode + 1) >>> 16,
      suffixNode & 0xffff,
      suffixNode >>> 16,
    );
    for (let i = 0; i < count; i++) {
      const pattern = live[i] as number;
      const at = local[i] as number;
      keyCodes.push(pattern & 0xffff, pattern >>> 16, at & 0xffff, at >>> 16);
    }
    return String.fromCharCode(...keyCodes);
  };

  const startLive = Int32Array.from(starred);
  const startLocal = Int32Array.from(starred, (index) => (dfas.get(index) as PatternDfa).start);
  states.push({ wellFormed: 0, trieNode: 0, prefixNode: -1, suffixNode: 0, live: startLive, local: startLocal });
  parents.push({ parent: -1, cls: -1 });
  idByKey.set(keyOf(0, 0, -1, 0, startLive, startLocal), 0);

  let transitionCapacity = 1024;
  let transitions = new Int32Array(transitionCapacity * classes).fill(-1);
  const liveBuffer = new Int32Array(starred.length);
  const localBuffer = new Int32Array(starred.length);

  for (let current = 0; current < states.length; current++) {
    const state = states[current] as State;
    for (let cls = 0; cls < classes; cls++) {
      const wellFormed = wellFormedNext(state.wellFormed, cls);
      if (wellFormed < 0) continue;
      work -= state.live.length + 1;
      if (work < 0) return undefined;
      const trieNode = state.trieNode < 0 ? -1 : (trie.next[state.trieNode * classes + cls] as number);
      const prefixNode = trieNode >= 0 && trie.endsPrefix[trieNode] === 1 ? trieNode : state.prefixNode;
      const suffixNode = suffixAutomaton.next[state.suffixNode * classes + cls] as number;
      let count = 0;
      for (let i = 0; i < state.live.length; i++) {
        const pattern = state.live[i] as number;
        const dfa = dfas.get(pattern) as PatternDfa;
        const target = dfa.next[(state.local[i] as number) * classes + cls] as number;
        if (target >= 0) {
          liveBuffer[count] = pattern;
          localBuffer[count] = target;
          count++;
        }
      }
      const key = keyOf(wellFormed, trieNode, prefixNode, suffixNode, liveBuffer, localBuffer, count);
      let id = idByKey.get(key);
      if (id === undefined) {
        id = states.length;
        if (id >= maxStates) return undefined;
        idByKey.set(key, id);
        states.push({
          wellFormed,
          trieNode,
          prefixNode,
          suffixNode,
          live: liveBuffer.slice(0, count),
          local: localBuffer.slice(0, count),
        });
        parents.push({ parent: current, cls });
        if (states.length > transitionCapacity) {
          transitionCapacity *= 2;
          const grown = new Int32Array(transitionCapacity * classes).fill(-1);
          grown.set(transitions);
          transitions = grown;
        }
      }
      transitions[current * classes + cls] = id;
    }
  }

  const witnessOf = (id: number) => {
    const chars: string[] = [];
    for (let at = id; at > 0; at = (parents[at] as { parent: number }).parent) {
      chars.push(alphabet.representatives[(parents[at] as { cls: number }).cls] as string);
    }
    return chars.reverse().join("");
  };

  const atomWitnesses: string[] = [];
  const atomsByPattern: number[][] = patterns.map(() => []);
  const atomBySignature = new Map<string, number>();
  const stateAtoms = new Int32Array(states.length).fill(-1);
  // States are in BFS order, so the first state of each signature has a shortest witness.
  states.forEach((state, id) => {
    if (state.wellFormed !== WELL_FORMED_ACCEPTING) return;
    const matched: number[] = [];
    const literal = state.trieNode < 0 ? -1 : (trie.accepting[state.trieNode] as number);
    if (literal >= 0) matched.push(literal);
    if (state.prefixNode >= 0) matched.push(...(trie.prefixMatches[state.prefixNode] as number[]));
    matched.push(...(suffixAutomaton.outputs[state.suffixNode] as number[]));
    for (let i = 0; i < state.live.length; i++) {
      const pattern = state.live[i] as number;
      if ((dfas.get(pattern) as PatternDfa).accepting[state.local[i] as number]) matched.push(pattern);
    }
    const signature = matched.sort((a, b) => a - b).join(",");
    let atom = atomBySignature.get(signature);
    if (atom === undefined) {
      atom = atomWitnesses.length;
      atomBySignature.set(signature, atom);
      atomWitnesses.push(witnessOf(id));
      for (const pattern of matched) (atomsByPattern[pattern] as number[]).push(atom);
    }
    stateAtoms[id] = atom;
  });
  return { atomWitnesses, atomsByPattern, transitions: transitions.subarray(0, states.length * classes), stateAtoms };
}

/**
 * The Aho–Corasick automaton of the words of `*word` patterns: a complete DFA whose state after
 * a text is the longest suffix of the text that begins some word; `outputs[state]` lists the
 * patterns whose word the text ends with.
 */
function buildSuffixAutomaton(
  entries: ReadonlyArray<readonly [number, string]>,
  alphabet: CompressedAlphabet,
): { next: Int32Array; outputs: number[][] } {
  const classes = alphabet.size;
  const { next: trieNext, accepting } = buildTrie(entries, alphabet);
  const nodeCount = accepting.length;
  const next = new Int32Array(nodeCount * classes);
  const failure = new Int32Array(nodeCount);
  const outputs: number[][] = Array.from({ length: nodeCount }, (_, node) =>
    (accepting[node] as number) >= 0 ? [accepting[node] as number] : [],
  );
  // Breadth-first, so a node's failure target (shallower) is complete before the node is.
  const queue: number[] = [0];
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head] as number;
    for (let cls = 0; cls < classes; cls++) {
      const child = trieNext[node * classes + cls] as number;
      if (child >= 0) {
        const fallback = node === 0 ? 0 : (next[(failure[node] as number) * classes + cls] as number);
        failure[child] = fallback;
        (outputs[child] as number[]).push(...(outputs[fallback] as number[]));
        next[node * classes + cls] = child;
        queue.push(child);
      } else {
        next[node * classes + cls] = node === 0 ? 0 : (next[(failure[node] as number) * classes + cls] as number);
      }
    }
  }
  return { next, outputs };
}

/** A trie of literal patterns over the compressed alphabet; `accepting[node]` is a pattern index or -1. */
/**
 * A trie of the literal patterns and of the texts of the `text*` patterns. `accepting` gives the
 * literal pattern ending at a node; `endsPrefix` marks nodes where a `text*` pattern's text ends;
 * `prefixMatches` lists the `text*` patterns whose text ends at the node or at one of its
 * ancestors (all of them match every name whose walk passed the node).
 */
function buildTrie(
  entries: ReadonlyArray<readonly [number, string]>,
  alphabet: CompressedAlphabet,
  prefixEntries: ReadonlyArray<readonly [number, string]> = [],
): { next: Int32Array; accepting: Int32Array; prefixMatches: readonly (readonly number[])[]; endsPrefix: Uint8Array } {
  const classes = alphabet.size;
  const rows: Int32Array[] = [new Int32Array(classes).fill(-1)];
  const accepting: number[] = [-1];
  const parentOf: number[] = [-1];
  const prefixEnds: number[][] = [[]];
  const walk = (text: string) => {
    let node = 0;
    for (const char of text) {
      const cls = alphabet.classOf(char);
      let child = (rows[node] as Int32Array)[cls] as number;
      if (child < 0) {
        child = rows.length;
        rows.push(new Int32Array(classes).fill(-1));
        accepting.push(-1);
        parentOf.push(node);
        prefixEnds.push([]);
        (rows[node] as Int32Array)[cls] = child;
      }
      node = child;
    }
    return node;
  };
  for (const [index, literal] of entries) accepting[walk(literal)] = index;
  for (const [index, text] of prefixEntries) (prefixEnds[walk(text)] as number[]).push(index);
  // Parents are created before their children, so one pass in creation order accumulates.
  const prefixMatches: number[][] = [];
  prefixEnds.forEach((ends, node) => {
    prefixMatches.push(node === 0 ? [...ends] : [...(prefixMatches[parentOf[node] as number] as number[]), ...ends]);
  });
  const endsPrefix = Uint8Array.from(prefixEnds, (ends) => (ends.length > 0 ? 1 : 0));
  const next = new Int32Array(rows.length * classes);
  rows.forEach((row, node) => next.set(row, node * classes));
  return { next, accepting: Int32Array.from(accepting), prefixMatches, endsPrefix };
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
