/**
 * The union of many sets of one dimension, kept in a balanced binary tree of partial unions, so
 * that "this set minus the union of all the others but one" costs a few set differences instead
 * of one per member, and dropping a member re-unites only its ancestors. Covering-set pruning asks
 * that question once per blocker, against thousands of blockers (analysis-notes.md §6.3).
 */

/** What the tree needs of a set: every dimension set of a box (enum, interval, address, predicate sets) has it. */
export interface UnitableSet<S> {
  union(other: S): S;
  difference(other: S): S;
  intersects(other: S): boolean;
  isEmpty(): boolean;
}

export class UnionTree<S extends UnitableSet<S>> {
  /** Leaves from `width` on, in member order; node k unites nodes 2k and 2k + 1; undefined is empty. */
  private readonly nodes: (S | undefined)[];
  /**
   * Inner nodes whose union is not computed yet: built and re-united only when a question needs
   * them, since many members are dropped between questions and some trees are never asked.
   */
  private readonly stale: boolean[];
  private readonly width: number;

  constructor(members: readonly S[]) {
    let width = 1;
    while (width < members.length) width *= 2;
    this.width = width;
    this.nodes = new Array<S | undefined>(2 * width).fill(undefined);
    this.stale = new Array<boolean>(width).fill(true);
    members.forEach((member, index) => {
      this.nodes[width + index] = member;
    });
  }

  /** Takes member `index` out of the union for good. */
  remove(index: number): void {
    let node = this.width + index;
    this.nodes[node] = undefined;
    for (node >>= 1; node >= 1 && !this.stale[node]; node >>= 1) this.stale[node] = true;
  }

  /**
   * `set` minus the union of the members still in, leaving out member `except` (none when
   * negative): only the subtrees beside `except`'s path are subtracted, each as one set.
   */
  subtractFrom(set: S, except = -1): S {
    let rest = set;
    const path = except >= 0 && except < this.width ? this.width + except : -1;
    const visit = (node: number): void => {
      if (rest.isEmpty()) return;
      if (!onPath(node, path)) {
        const value = this.value(node);
        if (value !== undefined && rest.intersects(value)) rest = rest.difference(value);
        return;
      }
      if (node >= this.width) return; // `except` itself
      visit(2 * node);
      visit(2 * node + 1);
    };
    visit(1);
    return rest;
  }

  private value(node: number): S | undefined {
    if (node < this.width && this.stale[node]) {
      const left = this.value(2 * node);
      const right = this.value(2 * node + 1);
      this.nodes[node] = left === undefined ? right : right === undefined ? left : left.union(right);
      this.stale[node] = false;
    }
    return this.nodes[node];
  }
}

/** Whether `node` is `leaf` or one of its ancestors (never when `leaf` is negative). */
function onPath(node: number, leaf: number): boolean {
  if (leaf < 0) return false;
  let ancestor = leaf;
  while (ancestor > node) ancestor >>= 1;
  return ancestor === node;
}
