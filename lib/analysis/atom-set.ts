/**
 * Exact sets over a finite universe of atoms `0 … size-1` (username atoms, truth assignments of
 * groups or recipient filters). A set is stored as finite (`ids` are the members) or cofinite
 * (`ids` are the non-members), so "these few users" and "everyone except these few" both stay
 * small when the universe holds thousands of atoms.
 */
export class AtomSet {
  private constructor(
    readonly universeSize: number,
    /** When true the set is the complement of `ids`. */
    private readonly cofinite: boolean,
    /** Sorted, unique, each in `[0, universeSize)`. */
    private readonly ids: readonly number[],
  ) {}

  static empty(universeSize: number): AtomSet {
    return new AtomSet(universeSize, false, []);
  }

  static full(universeSize: number): AtomSet {
    return new AtomSet(universeSize, true, []);
  }

  static of(universeSize: number, members: Iterable<number>): AtomSet {
    const ids = [...new Set(members)].filter((id) => id >= 0 && id < universeSize).sort((a, b) => a - b);
    return new AtomSet(universeSize, false, ids);
  }

  isEmpty(): boolean {
    return this.cofinite ? this.ids.length === this.universeSize : this.ids.length === 0;
  }

  isFull(): boolean {
    return this.cofinite ? this.ids.length === 0 : this.ids.length === this.universeSize;
  }

  size(): number {
    return this.cofinite ? this.universeSize - this.ids.length : this.ids.length;
  }

  has(id: number): boolean {
    return binarySearch(this.ids, id) !== this.cofinite;
  }

  complement(): AtomSet {
    return new AtomSet(this.universeSize, !this.cofinite, this.ids);
  }

  union(other: AtomSet): AtomSet {
    const n = this.universeSize;
    if (!this.cofinite && !other.cofinite) return new AtomSet(n, false, mergeUnion(this.ids, other.ids));
    if (!this.cofinite) return new AtomSet(n, true, mergeDifference(other.ids, this.ids));
    if (!other.cofinite) return new AtomSet(n, true, mergeDifference(this.ids, other.ids));
    return new AtomSet(n, true, mergeIntersection(this.ids, other.ids));
  }

  intersection(other: AtomSet): AtomSet {
    const n = this.universeSize;
    if (other.cofinite && other.ids.length === 0) return this;
    if (this.cofinite && this.ids.length === 0) return other;
    if (!this.cofinite && !other.cofinite) return new AtomSet(n, false, mergeIntersection(this.ids, other.ids));
    if (!this.cofinite) return new AtomSet(n, false, mergeDifference(this.ids, other.ids));
    if (!other.cofinite) return new AtomSet(n, false, mergeDifference(other.ids, this.ids));
    return new AtomSet(n, true, mergeUnion(this.ids, other.ids));
  }

  difference(other: AtomSet): AtomSet {
    if (!other.cofinite && other.ids.length === 0) return this;
    return this.intersection(other.complement());
  }

  intersects(other: AtomSet): boolean {
    if (!this.cofinite && !other.cofinite) return sortedIntersect(this.ids, other.ids);
    if (!this.cofinite) return this.ids.some((id) => !binarySearch(other.ids, id));
    if (!other.cofinite) return other.ids.some((id) => !binarySearch(this.ids, id));
    return this.ids.length + other.ids.length < this.universeSize || !this.intersection(other).isEmpty();
  }

  isSubsetOf(other: AtomSet): boolean {
    if (other.cofinite && other.ids.length === 0) return true;
    if (this.size() > other.size()) return false;
    if (!this.cofinite && !other.cofinite) return mergeDifference(this.ids, other.ids).length === 0;
    return this.difference(other).isEmpty();
  }

  equals(other: AtomSet): boolean {
    return this.isSubsetOf(other) && other.isSubsetOf(this);
  }

  /** Members in ascending order (the whole universe may be large: use with care). */
  *members(): Generator<number> {
    if (!this.cofinite) {
      yield* this.ids;
      return;
    }
    let next = 0;
    for (const excluded of this.ids) {
      for (; next < excluded; next++) yield next;
      next = excluded + 1;
    }
    for (; next < this.universeSize; next++) yield next;
  }

  /** The smallest member accepted by `prefer`, else the smallest member. */
  pickMember(prefer?: (id: number) => boolean): number | undefined {
    let first: number | undefined;
    for (const id of this.members()) {
      if (first === undefined) first = id;
      if (!prefer || prefer(id)) return id;
    }
    return first;
  }
}

function binarySearch(ids: readonly number[], id: number): boolean {
  let low = 0;
  let high = ids.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const value = ids[middle] as number;
    if (value === id) return true;
    if (value < id) low = middle + 1;
    else high = middle - 1;
  }
  return false;
}

function mergeUnion(a: readonly number[], b: readonly number[]): number[] {
  if (a.length === 0) return b as number[];
  if (b.length === 0) return a as number[];
  if (a.length > 8 * b.length) return insertAll(a, b);
  if (b.length > 8 * a.length) return insertAll(b, a);
  const result: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = i < a.length ? (a[i] as number) : Infinity;
    const y = j < b.length ? (b[j] as number) : Infinity;
    if (x <= y) {
      result.push(x);
      i++;
      if (x === y) j++;
    } else {
      result.push(y);
      j++;
    }
  }
  return result;
}

/** `large ∪ small` by block copies between the insertion points of `small`'s ids. */
function insertAll(large: readonly number[], small: readonly number[]): number[] {
  const parts: number[][] = [];
  let copied = 0;
  for (const id of small) {
    let low = copied;
    let high = large.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((large[middle] as number) < id) low = middle + 1;
      else high = middle;
    }
    parts.push(large.slice(copied, low) as number[]);
    if (large[low] !== id) parts.push([id]);
    copied = low;
  }
  parts.push(large.slice(copied) as number[]);
  return ([] as number[]).concat(...parts);
}

function mergeIntersection(a: readonly number[], b: readonly number[]): number[] {
  const result: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as number;
    const y = b[j] as number;
    if (x === y) {
      result.push(x);
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return result;
}

/** `a \ b`. */
function mergeDifference(a: readonly number[], b: readonly number[]): number[] {
  if (b.length === 0 || a.length === 0) return a as number[];
  if (b.length > 8 * a.length) return a.filter((id) => !binarySearch(b, id));
  const result: number[] = [];
  let j = 0;
  for (const x of a) {
    while (j < b.length && (b[j] as number) < x) j++;
    if (j >= b.length || b[j] !== x) result.push(x);
  }
  return result;
}

function sortedIntersect(a: readonly number[], b: readonly number[]): boolean {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as number;
    const y = b[j] as number;
    if (x === y) return true;
    if (x < y) i++;
    else j++;
  }
  return false;
}
