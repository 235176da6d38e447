/**
 * An immutable set of small non-negative integers (variable ids) with structural sharing: a treap
 * whose priorities are a hash of the value, so a set has one shape whatever order it was built
 * in, and adding or removing an id copies only the O(log n) nodes on its path. The user-name
 * dimension lists literal names with it: cutting one user out of "all but 3,000 users" must not
 * copy the 3,000 (predicate-set.ts).
 */

class TreapNode {
  // Written only while `IdSet.fromSorted` builds a tree; shared and never changed afterwards.
  constructor(
    readonly value: number,
    public left: TreapNode | undefined,
    public right: TreapNode | undefined,
    public size: number,
  ) {}
}

type Tree = TreapNode | undefined;

function priority(value: number): number {
  return Math.imul(value ^ 0x5bd1e995, 0x9e3779b1) >>> 0;
}

/** Whether `a` is above `b` in the heap order (ties, impossible for distinct hashes, by value). */
function above(a: number, b: number): boolean {
  const pa = priority(a);
  const pb = priority(b);
  return pa > pb || (pa === pb && a < b);
}

const sizeOf = (tree: Tree) => (tree ? tree.size : 0);

function make(value: number, left: Tree, right: Tree): TreapNode {
  return new TreapNode(value, left, right, sizeOf(left) + sizeOf(right) + 1);
}

/** `[members < value, members > value]` (value itself dropped). */
function split(tree: Tree, value: number): [Tree, Tree] {
  if (!tree) return [undefined, undefined];
  if (tree.value === value) return [tree.left, tree.right];
  if (value < tree.value) {
    const [less, more] = split(tree.left, value);
    return [less, make(tree.value, more, tree.right)];
  }
  const [less, more] = split(tree.right, value);
  return [make(tree.value, tree.left, less), more];
}

/** The union of two trees whose members all compare `low < high`. */
function join(low: Tree, high: Tree): Tree {
  if (!low) return high;
  if (!high) return low;
  if (above(low.value, high.value)) return make(low.value, low.left, join(low.right, high));
  return make(high.value, join(low, high.left), high.right);
}

function insert(tree: Tree, value: number): TreapNode {
  if (!tree) return new TreapNode(value, undefined, undefined, 1);
  if (above(value, tree.value)) {
    const [less, more] = split(tree, value);
    return make(value, less, more);
  }
  if (value < tree.value) return make(tree.value, insert(tree.left, value), tree.right);
  return make(tree.value, tree.left, insert(tree.right, value));
}

function remove(tree: Tree, value: number): Tree {
  if (!tree) return tree;
  if (tree.value === value) return join(tree.left, tree.right);
  if (value < tree.value) return make(tree.value, remove(tree.left, value), tree.right);
  return make(tree.value, tree.left, remove(tree.right, value));
}

export class IdSet {
  static readonly EMPTY = new IdSet(undefined);

  private constructor(
    private readonly root: Tree,
    /**
     * The members in ascending order, built when first asked for. Kept here, not on the root
     * node: every node of every copied path would carry the field (a tenth of the nodes' memory).
     */
    private array?: readonly number[],
  ) {}

  /** The set of a sorted, duplicate-free list. */
  static fromSorted(values: readonly number[]): IdSet {
    if (values.length === 0) return IdSet.EMPTY;
    // The treap of a sorted list in linear time: keep the right spine on a stack.
    const spine: TreapNode[] = [];
    for (const value of values) {
      const node = new TreapNode(value, undefined, undefined, 1);
      let last: TreapNode | undefined;
      while (spine.length > 0 && above(value, (spine[spine.length - 1] as TreapNode).value)) last = spine.pop();
      node.left = last;
      if (spine.length > 0) (spine[spine.length - 1] as TreapNode).right = node;
      spine.push(node);
    }
    const root = spine[0] as TreapNode;
    // Sizes, children before parents.
    const order: TreapNode[] = [];
    const stack: TreapNode[] = [root];
    while (stack.length > 0) {
      const at = stack.pop() as TreapNode;
      order.push(at);
      if (at.left) stack.push(at.left);
      if (at.right) stack.push(at.right);
    }
    for (let index = order.length - 1; index >= 0; index--) {
      const at = order[index] as TreapNode;
      at.size = sizeOf(at.left) + sizeOf(at.right) + 1;
    }
    return new IdSet(root, [...values]);
  }

  get size(): number {
    return sizeOf(this.root);
  }

  has(value: number): boolean {
    let at = this.root;
    while (at) {
      if (value === at.value) return true;
      at = value < at.value ? at.left : at.right;
    }
    return false;
  }

  /** The members in ascending order (shared: do not modify). */
  toArray(): readonly number[] {
    const { root } = this;
    if (!root) return EMPTY_ARRAY;
    if (!this.array) {
      const values: number[] = [];
      const stack: TreapNode[] = [];
      let at: Tree = root;
      while (at || stack.length > 0) {
        while (at) {
          stack.push(at);
          at = at.left;
        }
        const next = stack.pop() as TreapNode;
        values.push(next.value);
        at = next.right;
      }
      this.array = values;
    }
    return this.array;
  }

  /** This set without `removed` and with `added` (each sorted); this set itself when nothing changes. */
  patch(removed: readonly number[], added: readonly number[]): IdSet {
    let root = this.root;
    for (const value of removed) if (this.has(value) && !sortedIncludes(added, value)) root = remove(root, value);
    for (const value of added) if (!this.has(value)) root = insert(root, value);
    return root === this.root ? this : root ? new IdSet(root) : IdSet.EMPTY;
  }

  equals(other: IdSet): boolean {
    if (this.root === other.root) return true;
    if (this.size !== other.size) return false;
    const [a, b] = [this.toArray(), other.toArray()];
    for (let index = 0; index < a.length; index++) if (a[index] !== b[index]) return false;
    return true;
  }
}

const EMPTY_ARRAY: readonly number[] = [];

function sortedIncludes(list: readonly number[], value: number): boolean {
  let low = 0;
  let high = list.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const at = list[middle] as number;
    if (at === value) return true;
    if (at < value) low = middle + 1;
    else high = middle - 1;
  }
  return false;
}
