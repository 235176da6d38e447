/**
 * Exact sets of integers inside a closed domain `[min, max]`, kept as sorted, disjoint and
 * non-adjacent inclusive intervals. Generic over `number` (ports) and `bigint` (IP addresses).
 */

export interface IntervalDomain<T extends number | bigint> {
  readonly min: T;
  readonly max: T;
  readonly successor: (value: T) => T;
  readonly predecessor: (value: T) => T;
  /** The number of values in `[first, last]`, as a float (for weights only). */
  readonly width: (first: T, last: T) => number;
}

export const numberDomain = (min: number, max: number): IntervalDomain<number> => ({
  min,
  max,
  successor: (value) => value + 1,
  predecessor: (value) => value - 1,
  width: (first, last) => last - first + 1,
});

export const bigintDomain = (min: bigint, max: bigint): IntervalDomain<bigint> => ({
  min,
  max,
  successor: (value) => value + 1n,
  predecessor: (value) => value - 1n,
  width: (first, last) => Number(last - first + 1n),
});

export class IntervalSet<T extends number | bigint> {
  /**
   * `bounds[2k]` and `bounds[2k + 1]` are the first and last value of the k-th interval. Callers
   * never see a set whose bounds are unsorted, overlapping or adjacent.
   */
  private constructor(
    readonly domain: IntervalDomain<T>,
    private readonly bounds: readonly T[],
  ) {}

  static empty<T extends number | bigint>(domain: IntervalDomain<T>): IntervalSet<T> {
    return new IntervalSet(domain, []);
  }

  static full<T extends number | bigint>(domain: IntervalDomain<T>): IntervalSet<T> {
    return new IntervalSet(domain, [domain.min, domain.max]);
  }

  /** The union of arbitrary ranges; each is clipped to the domain, reversed ranges are dropped. */
  static fromRanges<T extends number | bigint>(
    domain: IntervalDomain<T>,
    ranges: Iterable<{ readonly first: T; readonly last: T }>,
  ): IntervalSet<T> {
    const clipped: Array<[T, T]> = [];
    for (const { first, last } of ranges) {
      const lo = first < domain.min ? domain.min : first;
      const hi = last > domain.max ? domain.max : last;
      if (lo <= hi) clipped.push([lo, hi]);
    }
    clipped.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    const bounds: T[] = [];
    for (const [lo, hi] of clipped) {
      const lastIndex = bounds.length - 1;
      if (lastIndex > 0 && lo <= domain.successor(bounds[lastIndex] as T)) {
        if (hi > (bounds[lastIndex] as T)) bounds[lastIndex] = hi;
      } else {
        bounds.push(lo, hi);
      }
    }
    return new IntervalSet(domain, bounds);
  }

  /** The intervals, in ascending order. */
  ranges(): Array<{ first: T; last: T }> {
    const result: Array<{ first: T; last: T }> = [];
    for (let i = 0; i < this.bounds.length; i += 2) {
      result.push({ first: this.bounds[i] as T, last: this.bounds[i + 1] as T });
    }
    return result;
  }

  intervalCount(): number {
    return this.bounds.length / 2;
  }

  isEmpty(): boolean {
    return this.bounds.length === 0;
  }

  isFull(): boolean {
    return this.bounds.length === 2 && this.bounds[0] === this.domain.min && this.bounds[1] === this.domain.max;
  }

  has(value: T): boolean {
    // Binary search for the last interval starting at or before `value`.
    let low = 0;
    let high = this.bounds.length / 2 - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const first = this.bounds[2 * middle] as T;
      const last = this.bounds[2 * middle + 1] as T;
      if (value < first) high = middle - 1;
      else if (value > last) low = middle + 1;
      else return true;
    }
    return false;
  }

  /** The first interval (as a bounds index) whose last value is >= `value`; bounds.length if none. */
  private seek(value: T): number {
    let low = 0;
    let high = this.bounds.length / 2;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((this.bounds[2 * middle + 1] as T) < value) low = middle + 1;
      else high = middle;
    }
    return 2 * low;
  }

  union(other: IntervalSet<T>): IntervalSet<T> {
    if (this.isEmpty() || other.isFull()) return other;
    if (other.isEmpty() || this.isFull()) return this;
    if (this.bounds.length > 8 * other.bounds.length) return this.unionBySeeking(other);
    if (other.bounds.length > 8 * this.bounds.length) return other.unionBySeeking(this);
    return this.mergeUnion(other.bounds, 0, other.bounds.length, 0, this.bounds.length);
  }

  /**
   * The union of `this.bounds[from, to)` and `other[otherFrom, otherTo)` in one merge (both sorted);
   * adjacent or overlapping intervals are joined.
   */
  private mergeUnion(other: readonly T[], otherFrom: number, otherTo: number, from: number, to: number): IntervalSet<T> {
    const { domain } = this;
    const a = this.bounds;
    const bounds: T[] = [];
    let i = from;
    let j = otherFrom;
    while (i < to || j < otherTo) {
      let lo: T;
      let hi: T;
      if (j >= otherTo || (i < to && (a[i] as T) <= (other[j] as T))) {
        lo = a[i] as T;
        hi = a[i + 1] as T;
        i += 2;
      } else {
        lo = other[j] as T;
        hi = other[j + 1] as T;
        j += 2;
      }
      const last = bounds.length - 1;
      if (last > 0 && (bounds[last] as T) >= domain.predecessor(lo)) {
        if (hi > (bounds[last] as T)) bounds[last] = hi;
      } else {
        bounds.push(lo, hi);
      }
    }
    return new IntervalSet(domain, bounds);
  }

  /**
   * `this ∪ small` for a large set: each of small's intervals is merged with the run of this
   * set's intervals it touches or adjoins; the runs between are block copies (`slice`).
   */
  private unionBySeeking(small: IntervalSet<T>): IntervalSet<T> {
    const { domain } = this;
    const a = this.bounds;
    const b = small.bounds;
    const parts: T[][] = [];
    let copied = 0;
    let j = 0;
    while (j < b.length) {
      // The run of small's intervals, and of this set's, that chain together from b[j].
      const lo = b[j] as T;
      let start = this.seek(lo > domain.min ? domain.predecessor(lo) : lo);
      if (start < copied) start = copied;
      let end = start;
      let jEnd = j;
      let reach = b[j + 1] as T;
      for (;;) {
        const next = reach < domain.max ? domain.successor(reach) : reach;
        if (end < a.length && (a[end] as T) <= next) {
          if ((a[end + 1] as T) > reach) reach = a[end + 1] as T;
          end += 2;
        } else if (jEnd + 2 < b.length && (b[jEnd + 2] as T) <= next) {
          jEnd += 2;
          if ((b[jEnd + 1] as T) > reach) reach = b[jEnd + 1] as T;
        } else break;
      }
      parts.push(a.slice(copied, start) as T[]);
      const first = start < end && (a[start] as T) < lo ? (a[start] as T) : lo;
      parts.push([first, reach]);
      copied = end;
      j = jEnd + 2;
    }
    parts.push(a.slice(copied) as T[]);
    return new IntervalSet(domain, ([] as T[]).concat(...parts));
  }

  intersection(other: IntervalSet<T>): IntervalSet<T> {
    if (this.isFull()) return other;
    if (other.isFull()) return this;
    if (this.bounds.length > 8 * other.bounds.length) return other.intersectionBySeeking(this);
    if (other.bounds.length > 8 * this.bounds.length) return this.intersectionBySeeking(other);
    const a = this.bounds;
    const b = other.bounds;
    const bounds: T[] = [];
    let i = 0;
    let j = 0;
    while (i < a.length && j < b.length) {
      const lo = (a[i] as T) > (b[j] as T) ? (a[i] as T) : (b[j] as T);
      const hi = (a[i + 1] as T) < (b[j + 1] as T) ? (a[i + 1] as T) : (b[j + 1] as T);
      if (lo <= hi) bounds.push(lo, hi);
      if ((a[i + 1] as T) < (b[j + 1] as T)) i += 2;
      else j += 2;
    }
    return new IntervalSet(this.domain, bounds);
  }

  /** `this ∩ large` in O(|this| log |large| + output): for a small set against a large one. */
  private intersectionBySeeking(large: IntervalSet<T>): IntervalSet<T> {
    const bounds: T[] = [];
    const b = large.bounds;
    for (let i = 0; i < this.bounds.length; i += 2) {
      const lo = this.bounds[i] as T;
      const hi = this.bounds[i + 1] as T;
      for (let j = large.seek(lo); j < b.length && (b[j] as T) <= hi; j += 2) {
        bounds.push((b[j] as T) > lo ? (b[j] as T) : lo, (b[j + 1] as T) < hi ? (b[j + 1] as T) : hi);
      }
    }
    return new IntervalSet(this.domain, bounds);
  }

  intersects(other: IntervalSet<T>): boolean {
    if (this.bounds.length > 8 * other.bounds.length) return other.intersects(this);
    if (other.bounds.length > 8 * this.bounds.length) {
      const b = other.bounds;
      for (let i = 0; i < this.bounds.length; i += 2) {
        const j = other.seek(this.bounds[i] as T);
        if (j < b.length && (b[j] as T) <= (this.bounds[i + 1] as T)) return true;
      }
      return false;
    }
    const a = this.bounds;
    const b = other.bounds;
    let i = 0;
    let j = 0;
    while (i < a.length && j < b.length) {
      const lo = (a[i] as T) > (b[j] as T) ? (a[i] as T) : (b[j] as T);
      const hi = (a[i + 1] as T) < (b[j + 1] as T) ? (a[i + 1] as T) : (b[j + 1] as T);
      if (lo <= hi) return true;
      if ((a[i + 1] as T) < (b[j + 1] as T)) i += 2;
      else j += 2;
    }
    return false;
  }

  complement(): IntervalSet<T> {
    const { domain } = this;
    const bounds: T[] = [];
    let next: T | undefined = domain.min;
    for (let i = 0; i < this.bounds.length; i += 2) {
      const first = this.bounds[i] as T;
      const last = this.bounds[i + 1] as T;
      if (next !== undefined && next < first) bounds.push(next, domain.predecessor(first));
      next = last < domain.max ? domain.successor(last) : undefined;
    }
    if (next !== undefined) bounds.push(next, domain.max);
    return new IntervalSet(domain, bounds);
  }

  difference(other: IntervalSet<T>): IntervalSet<T> {
    if (other.isEmpty() || this.isEmpty()) return this;
    if (other.isFull()) return IntervalSet.empty(this.domain);
    if (this.bounds.length > 8 * other.bounds.length) return this.differenceBySeeking(other);
    return this.sweepDifference(other);
  }

  /** `this \ other` in one sweep over both lists. */
  private sweepDifference(other: IntervalSet<T>): IntervalSet<T> {
    const { domain } = this;
    const a = this.bounds;
    const b = other.bounds;
    const bounds: T[] = [];
    let j = 0;
    for (let i = 0; i < a.length; i += 2) {
      let lo = a[i] as T;
      const hi = a[i + 1] as T;
      if (j < b.length && (b[j + 1] as T) < lo) j = other.seek(lo);
      let alive = true;
      while (j < b.length && (b[j] as T) <= hi) {
        const cutFirst = b[j] as T;
        const cutLast = b[j + 1] as T;
        if (cutFirst > lo) bounds.push(lo, domain.predecessor(cutFirst));
        if (cutLast >= hi) {
          alive = false;
          break;
        }
        lo = domain.successor(cutLast);
        j += 2;
      }
      if (alive) bounds.push(lo, hi);
    }
    return new IntervalSet(domain, bounds);
  }

  /**
   * `this \ small` for a large set: only the intervals some cut touches are swept; the runs
   * between them are copied with `slice` (a block copy), so cutting a few addresses out of a list
   * of thousands stays cheap.
   */
  private differenceBySeeking(small: IntervalSet<T>): IntervalSet<T> {
    const a = this.bounds;
    const touched: Array<[number, number]> = [];
    for (let j = 0; j < small.bounds.length; j += 2) {
      const start = this.seek(small.bounds[j] as T);
      let end = start;
      while (end < a.length && (a[end] as T) <= (small.bounds[j + 1] as T)) end += 2;
      if (start === end) continue;
      const previous = touched[touched.length - 1];
      if (previous && start <= previous[1]) previous[1] = Math.max(previous[1], end);
      else touched.push([start, end]);
    }
    if (touched.length === 0) return this;
    const parts: T[][] = [];
    let copied = 0;
    for (const [start, end] of touched) {
      parts.push(a.slice(copied, start) as T[]);
      parts.push(new IntervalSet(this.domain, a.slice(start, end)).sweepDifference(small).bounds as T[]);
      copied = end;
    }
    parts.push(a.slice(copied) as T[]);
    return new IntervalSet(this.domain, ([] as T[]).concat(...parts));
  }

  isSubsetOf(other: IntervalSet<T>): boolean {
    if (other.isFull() || this.isEmpty()) return true;
    if (other.bounds.length > 8 * this.bounds.length) {
      const b = other.bounds;
      for (let i = 0; i < this.bounds.length; i += 2) {
        const j = other.seek(this.bounds[i] as T);
        if (j >= b.length || (b[j] as T) > (this.bounds[i] as T) || (b[j + 1] as T) < (this.bounds[i + 1] as T)) return false;
      }
      return true;
    }
    // Every interval of `this` must lie inside one interval of `other` (they are non-adjacent).
    const a = this.bounds;
    const b = other.bounds;
    let j = 0;
    for (let i = 0; i < a.length; i += 2) {
      while (j < b.length && (b[j + 1] as T) < (a[i] as T)) j += 2;
      if (j >= b.length || (b[j] as T) > (a[i] as T) || (b[j + 1] as T) < (a[i + 1] as T)) return false;
    }
    return true;
  }

  equals(other: IntervalSet<T>): boolean {
    if (this.bounds.length !== other.bounds.length) return false;
    return this.bounds.every((value, index) => value === other.bounds[index]);
  }

  private cachedSize: number | undefined;

  /** The number of values, as a float (exact below 2^53). */
  size(): number {
    if (this.cachedSize !== undefined) return this.cachedSize;
    let total = 0;
    for (let i = 0; i < this.bounds.length; i += 2) {
      total += this.domain.width(this.bounds[i] as T, this.bounds[i + 1] as T);
    }
    this.cachedSize = total;
    return total;
  }

  /**
   * A member: the first of `preferred` in the set; otherwise, in the first interval of at least
   * three values, the value after its first (so a wide range does not yield its network
   * address); otherwise the first value.
   */
  pickMember(preferred: readonly T[] = []): T | undefined {
    for (const value of preferred) if (this.has(value)) return value;
    for (let i = 0; i < this.bounds.length; i += 2) {
      const first = this.bounds[i] as T;
      const last = this.bounds[i + 1] as T;
      const second = this.domain.successor(first);
      if (second < last) return second;
    }
    return this.bounds[0];
  }
}
