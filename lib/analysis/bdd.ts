/**
 * Reduced ordered binary decision diagrams over boolean variables `0, 1, 2, …` (analysis-notes.md
 * §2.3, FIREMAN). Nodes are hash-consed, so equal functions are equal node ids and every
 * operation is memoised by node ids. Group memberships, "the user name matches pattern p" and
 * "attribute A equals v / is like w / is set" are such variables: a set of users over any number
 * of them stays as small as the combinations the rules actually distinguish, never 2^n.
 *
 * Node ids: 0 is false, 1 is true; variable order is the variable number (a new variable may be
 * added at any time: it goes last).
 */

export const FALSE = 0;
export const TRUE = 1;

/** Past this many nodes the manager refuses to grow (docs/performance.md): ~64 M nodes. */
export const MAX_BDD_NODES = 2 ** 26 - 1;

/**
 * Slots a memo starts with (it doubles when half full): enough for the diagrams of most files of
 * up to a hundred rules without growing (each growth is a new typed array, which V8 allocates
 * outside its heap: dearer to make and to collect than an object).
 */
const INITIAL_MEMO_SLOTS = 32;

/**
 * A memo from three small non-negative integers to one (node ids, variables), in one open-addressed
 * Int32Array: a Map keyed by a packed float would box a number on every lookup, and the analysis
 * of a large file looks up hundreds of thousands of nodes.
 */
class TripleMemo {
  /**
   * Four ints per slot: the key's three parts, the first stored plus one so that a zero slot is
   * free (a new table needs no fill), and the value. Made on first use: most of a file's
   * dimensions never build a diagram (a file without groups or filters), and every file makes
   * three of them.
   */
  private slots: Int32Array | undefined;
  private mask = INITIAL_MEMO_SLOTS - 1;
  private size = 0;

  private slotOf(slots: Int32Array, x: number, y: number, z: number): number {
    let hash = Math.imul(x, 0x9e3779b1) ^ Math.imul(y + 0x7f4a7c15, 0x85ebca6b) ^ Math.imul(z + 0x165667b1, 0xc2b2ae35);
    hash ^= hash >>> 15;
    let slot = hash & this.mask;
    const tag = x + 1;
    for (;;) {
      const at = slot * 4;
      const first = slots[at] as number;
      if (first === 0 || (first === tag && slots[at + 1] === y && slots[at + 2] === z)) return at;
      slot = (slot + 1) & this.mask;
    }
  }

  /** The value stored for the key, or -1. */
  get(x: number, y: number, z: number): number {
    const slots = this.slots;
    if (slots === undefined) return -1;
    const at = this.slotOf(slots, x, y, z);
    return slots[at] === 0 ? -1 : (slots[at + 3] as number);
  }

  set(x: number, y: number, z: number, value: number): void {
    let slots = (this.slots ??= new Int32Array((this.mask + 1) * 4));
    let at = this.slotOf(slots, x, y, z);
    if (slots[at] === 0) {
      if ((this.size + 1) * 2 > this.mask + 1) {
        slots = this.grow(slots);
        at = this.slotOf(slots, x, y, z);
      }
      this.size++;
      slots[at] = x + 1;
      slots[at + 1] = y;
      slots[at + 2] = z;
    }
    slots[at + 3] = value;
  }

  private grow(old: Int32Array): Int32Array {
    const slots = new Int32Array(old.length * 2);
    this.slots = slots;
    this.mask = this.mask * 2 + 1;
    for (let at = 0; at < old.length; at += 4) {
      if (old[at] === 0) continue;
      const to = this.slotOf(slots, (old[at] as number) - 1, old[at + 1] as number, old[at + 2] as number);
      slots.set(old.subarray(at, at + 4), to);
    }
    return slots;
  }
}

/**
 * The analysis met its node limit and stopped: callers report the rule set as not analysed
 * (lib/eslint, lib/cli) instead of crashing or answering from a half-built analysis.
 */
export class BddLimitError extends Error {
  override readonly name = "BddLimitError";

  constructor(readonly limit: number) {
    super(`the decision diagram outgrew its limit of ${limit.toLocaleString("en-US")} nodes (MAX_BDD_NODES)`);
  }
}

let nodeLimit = MAX_BDD_NODES;

/**
 * Lowers the node limit of the diagrams created from now on, so that tests reach it with a small
 * rule set (the real limit takes gigabytes); returns the function that restores the previous one.
 */
export function setBddNodeLimitForTesting(limit: number): () => void {
  const previous = nodeLimit;
  nodeLimit = Math.min(limit, MAX_BDD_NODES);
  return () => {
    nodeLimit = previous;
  };
}

/**
 * The two terminals' node tables, shared by every diagram manager until it makes its first node
 * (never written: `grow` copies them first). Terminals sort after every variable.
 */
const TERMINAL_VARIABLES = new Int32Array([0x7fffffff, 0x7fffffff]);
const TERMINAL_CHILDREN = new Int32Array(2);

export class Bdd {
  private variables: Int32Array = TERMINAL_VARIABLES;
  private lows: Int32Array = TERMINAL_CHILDREN;
  private highs: Int32Array = TERMINAL_CHILDREN;
  private count = 2;
  /** The unique table: (variable, low, high) → node. */
  private readonly unique = new TripleMemo();
  /** (smaller operand, larger operand, 0 for ∧ or 1 for ∨) → result. */
  private readonly applyCache = new TripleMemo();
  private readonly notCache = new Map<number, number>();
  private readonly fractionCache = new Map<number, number>();
  private readonly maxNodes = nodeLimit;

  get nodeCount(): number {
    return this.count;
  }

  variableOf(node: number): number {
    return this.variables[node] as number;
  }

  low(node: number): number {
    return this.lows[node] as number;
  }

  high(node: number): number {
    return this.highs[node] as number;
  }

  /** The node `variable ? high : low`. */
  node(variable: number, low: number, high: number): number {
    if (low === high) return low;
    const found = this.unique.get(variable, low, high);
    if (found >= 0) return found;
    if (this.count >= this.maxNodes) throw new BddLimitError(this.maxNodes);
    if (this.count === this.variables.length) this.grow();
    const id = this.count++;
    this.variables[id] = variable;
    this.lows[id] = low;
    this.highs[id] = high;
    this.unique.set(variable, low, high, id);
    return id;
  }

  /** The function "variable is true". */
  variable(variable: number): number {
    return this.node(variable, FALSE, TRUE);
  }

  not(a: number): number {
    return this.foldUp(
      a,
      (at) => (at === FALSE ? TRUE : at === TRUE ? FALSE : this.notCache.get(at)),
      (at, low, high) => {
        const result = this.node(this.variableOf(at), low, high);
        this.notCache.set(at, result);
        this.notCache.set(result, at);
        return result;
      },
    );
  }

  and(a: number, b: number): number {
    // Most calls are answered at once (a terminal, equal operands, the memo): no work stacks then.
    const known = this.known(a, b, true);
    return known >= 0 ? known : this.apply(a, b, true);
  }

  or(a: number, b: number): number {
    const known = this.known(a, b, false);
    return known >= 0 ? known : this.apply(a, b, false);
  }

  /** The result of `a op b` when a terminal or the cache knows it, else -1. */
  private known(a: number, b: number, isAnd: boolean): number {
    if (isAnd) {
      if (a === FALSE || b === FALSE) return FALSE;
      if (a === TRUE) return b;
      if (b === TRUE || a === b) return a;
    } else {
      if (a === TRUE || b === TRUE) return TRUE;
      if (a === FALSE) return b;
      if (b === FALSE || a === b) return a;
    }
    return a < b ? this.applyCache.get(a, b, isAnd ? 0 : 1) : this.applyCache.get(b, a, isAnd ? 0 : 1);
  }

  /** Shannon expansion of `a ∧ b` or `a ∨ b`, memoised, on an explicit stack. */
  private apply(a: number, b: number, isAnd: boolean): number {
    const work: number[] = [a, b, 0];
    const values: number[] = [];
    while (work.length > 0) {
      const combine = work.pop() as number;
      const y = work.pop() as number;
      const x = work.pop() as number;
      const va = this.variableOf(x);
      const vb = this.variableOf(y);
      const top = Math.min(va, vb);
      if (combine === 0) {
        const known = this.known(x, y, isAnd);
        if (known >= 0) {
          values.push(known);
          continue;
        }
        work.push(
          x,
          y,
          1,
          va === top ? this.high(x) : x,
          vb === top ? this.high(y) : y,
          0,
          va === top ? this.low(x) : x,
          vb === top ? this.low(y) : y,
          0,
        );
      } else {
        const high = values.pop() as number;
        const low = values.pop() as number;
        const result = this.node(top, low, high);
        if (x < y) this.applyCache.set(x, y, isAnd ? 0 : 1, result);
        else this.applyCache.set(y, x, isAnd ? 0 : 1, result);
        values.push(result);
      }
    }
    return values.pop() as number;
  }

  /** `a ∧ ¬b`. */
  difference(a: number, b: number): number {
    if (b === FALSE || a === FALSE) return a;
    return this.and(a, this.not(b));
  }

  /** The value of the function under an assignment (`assignment(v)` gives variable v). */
  evaluate(node: number, assignment: (variable: number) => boolean): boolean {
    let at = node;
    while (at !== TRUE && at !== FALSE) at = assignment(this.variableOf(at)) ? this.high(at) : this.low(at);
    return at === TRUE;
  }

  /** The fraction of all assignments that satisfy the function (for ranking only). */
  fraction(node: number): number {
    // Asked for every box weighed; mostly a terminal or a node already folded.
    if (node === FALSE || node === TRUE) return node;
    const known = this.fractionCache.get(node);
    if (known !== undefined) return known;
    return this.foldUp(
      node,
      (at) => (at === FALSE ? 0 : at === TRUE ? 1 : this.fractionCache.get(at)),
      (at, low, high) => {
        const result = (low + high) / 2;
        this.fractionCache.set(at, result);
        return result;
      },
    );
  }

  /**
   * A value per node, bottom-up: `known(at)` for terminals and remembered nodes, else
   * `combine(at, value of low, value of high)`. Iterative, like every operation here: a chain of
   * 100,000 variables (one per pattern of a long list) must not overflow the stack.
   */
  private foldUp<T>(root: number, known: (at: number) => T | undefined, combine: (at: number, low: T, high: T) => T): T {
    const work: number[] = [root, 0];
    const values: T[] = [];
    while (work.length > 0) {
      const combining = work.pop() as number;
      const at = work.pop() as number;
      if (combining === 0) {
        const value = known(at);
        if (value !== undefined) {
          values.push(value);
          continue;
        }
        work.push(at, 1, this.high(at), 0, this.low(at), 0);
      } else {
        const high = values.pop() as T;
        const low = values.pop() as T;
        values.push(combine(at, low, high));
      }
    }
    return values.pop() as T;
  }

  /**
   * The paths to true, as cubes: the variables a path tests, true or false (the others are free).
   * The paths are disjoint and together make the function. Lazily, low branches first.
   */
  *cubes(node: number): Generator<Cube> {
    // Iterative: a chain of thousands of variables must not overflow the stack.
    const path: number[] = []; // literals: variable * 2 + (1 when true)
    const stack: number[] = [node, 0, -1]; // triples: node, path length before, literal taken
    while (stack.length > 0) {
      const literal = stack.pop() as number;
      const length = stack.pop() as number;
      const at = stack.pop() as number;
      path.length = length;
      if (literal >= 0) path.push(literal);
      if (at === FALSE) continue;
      if (at === TRUE) {
        const positive: number[] = [];
        const negative: number[] = [];
        for (const taken of path) (taken & 1 ? positive : negative).push(taken >> 1);
        yield { positive, negative };
        continue;
      }
      const variable = this.variableOf(at);
      stack.push(this.high(at), path.length, variable * 2 + 1, this.low(at), path.length, variable * 2);
    }
  }

  /** The variables the function depends on, ascending. */
  support(node: number): number[] {
    const seen = new Set<number>();
    const variables = new Set<number>();
    const stack = [node];
    while (stack.length > 0) {
      const at = stack.pop() as number;
      if (at === TRUE || at === FALSE || seen.has(at)) continue;
      seen.add(at);
      variables.add(this.variableOf(at));
      stack.push(this.low(at), this.high(at));
    }
    return [...variables].sort((a, b) => a - b);
  }

  private grow(): void {
    // From the shared terminal tables to room for a small file's nodes (see INITIAL_MEMO_SLOTS).
    const size = Math.max(32, this.variables.length * 2);
    const grown = (from: Int32Array) => {
      const to = new Int32Array(size);
      to.set(from);
      return to;
    };
    this.variables = grown(this.variables);
    this.lows = grown(this.lows);
    this.highs = grown(this.highs);
  }
}

/** A conjunction of literals: these variables true, those false, the rest free. */
export interface Cube {
  readonly positive: readonly number[];
  readonly negative: readonly number[];
}
