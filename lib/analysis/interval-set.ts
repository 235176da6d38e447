/**
 * Exact sets of integers inside a closed domain `[min, max]`, kept as sorted, disjoint and
 * non-adjacent inclusive intervals. Generic over `number` (ports) and `bigint` (IP addresses).
 *
 * The intervals are stored in chunks of at most {@link CHUNK} bounds, and a set made from another
 * shares the chunks it leaves unchanged. The first-match pass cuts a few blocked ranges at a time
 * out of address lists of thousands of intervals and keeps every version in some rule's region:
 * as flat arrays, each version was a full copy (about 170 MB of the 10,000-rule analysis'
 * 240 MB); as chunks, a version costs its list of chunks and the chunks it changed.
 */
import { freshList, listOf } from "./fresh-list.ts";

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

/** Bounds per chunk (two per interval). */
const CHUNK = 64;

type Chunk<T> = readonly T[];

const NO_BOUNDS: readonly never[] = [];
const NO_CHUNKS: readonly Chunk<never>[] = [];

/** Sorts a flat list of first/last pairs by first value. */
function sortPairs<T extends number | bigint>(pairs: T[]): void {
  if (pairs.length <= 32) {
    // Insertion sort, in place: a rule's handful of ranges.
    for (let i = 2; i < pairs.length; i += 2) {
      const first = pairs[i] as T;
      const last = pairs[i + 1] as T;
      let j = i - 2;
      for (; j >= 0 && (pairs[j] as T) > first; j -= 2) {
        pairs[j + 2] = pairs[j] as T;
        pairs[j + 3] = pairs[j + 1] as T;
      }
      pairs[j + 2] = first;
      pairs[j + 3] = last;
    }
    return;
  }
  const tuples: [T, T][] = [];
  for (let i = 0; i < pairs.length; i += 2) tuples.push([pairs[i] as T, pairs[i + 1] as T]);
  tuples.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  for (let k = 0; k < tuples.length; k++) {
    pairs[2 * k] = (tuples[k] as [T, T])[0];
    pairs[2 * k + 1] = (tuples[k] as [T, T])[1];
  }
}

/** A position in a set's intervals, moving forward: chunk `c`, bound index `i` in it. */
class Walk<T extends number | bigint> {
  private c = 0;
  i = 0;
  chunk: Chunk<T>;

  constructor(private readonly chunks: readonly Chunk<T>[]) {
    this.chunk = chunks.length > 0 ? (chunks[0] as Chunk<T>) : NO_BOUNDS;
  }

  get done(): boolean {
    return this.i >= this.chunk.length;
  }

  /** The current interval's first and last value (only while not done). */
  get first(): T {
    return this.chunk[this.i] as T;
  }

  get last(): T {
    return this.chunk[this.i + 1] as T;
  }

  /** Whether the walk stands at the start of a whole chunk. */
  get atChunkStart(): boolean {
    return this.i === 0 && this.chunk.length > 0;
  }

  /** The last value of the current chunk. */
  get chunkLast(): T {
    return this.chunk[this.chunk.length - 1] as T;
  }

  next(): void {
    this.i += 2;
    if (this.i >= this.chunk.length && this.c + 1 < this.chunks.length) {
      this.c++;
      this.i = 0;
      this.chunk = this.chunks[this.c] as Chunk<T>;
    }
  }

  /** Moves past the rest of the current chunk. */
  nextChunk(): void {
    this.i = this.chunk.length;
    if (this.c + 1 < this.chunks.length) {
      this.c++;
      this.i = 0;
      this.chunk = this.chunks[this.c] as Chunk<T>;
    }
  }

  /** Moves forward to the first interval whose last value is >= `value` (binary searches). */
  seek(value: T): void {
    const { chunks } = this;
    if (this.chunk.length > 0 && (this.chunk[this.chunk.length - 1] as T) < value) {
      let low = this.c + 1;
      let high = chunks.length;
      while (low < high) {
        const middle = (low + high) >> 1;
        const chunk = chunks[middle] as Chunk<T>;
        if ((chunk[chunk.length - 1] as T) < value) low = middle + 1;
        else high = middle;
      }
      if (low >= chunks.length) {
        this.c = chunks.length - 1;
        this.chunk = chunks[this.c] as Chunk<T>;
        this.i = this.chunk.length;
        return;
      }
      this.c = low;
      this.chunk = chunks[low] as Chunk<T>;
      this.i = 0;
    }
    const chunk = this.chunk;
    let low = this.i >> 1;
    let high = chunk.length >> 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((chunk[2 * middle + 1] as T) < value) low = middle + 1;
      else high = middle;
    }
    this.i = 2 * low;
  }
}

/** Builds a set's chunks: intervals pushed in ascending order, or whole chunks of another set lent. */
class Builder<T extends number | bigint> {
  private readonly chunks: Chunk<T>[] = freshList();
  private current: T[] = freshList();
  private length = 0;

  constructor(private readonly domain: IntervalDomain<T>) {}

  push(first: T, last: T): void {
    if (this.current.length >= CHUNK) this.seal();
    this.current.push(first, last);
    this.length += 2;
  }

  /**
   * Pushes `[first, last]`, joined with the last interval pushed when they overlap or touch (only
   * for builders that were never lent a chunk: the last interval must be their own).
   */
  pushJoining(first: T, last: T): void {
    const current = this.current;
    const end = current.length - 1;
    if (end > 0 && (current[end] as T) >= this.domain.predecessor(first)) {
      if (last > (current[end] as T)) current[end] = last;
      return;
    }
    this.push(first, last);
  }

  /** Appends another set's chunk, shared (copied into a short chunk under way instead). */
  lend(chunk: Chunk<T>): void {
    const current = this.current;
    if (current.length > 0) {
      if (current.length < CHUNK / 2 && current.length + chunk.length <= CHUNK) {
        for (const bound of chunk) current.push(bound);
        this.length += chunk.length;
        return;
      }
      this.seal();
    }
    this.chunks.push(chunk);
    this.length += chunk.length;
  }

  private seal(): void {
    this.chunks.push(this.current);
    this.current = freshList();
  }

  build(): IntervalSet<T> {
    // Exact-size copies of what is kept: an array grown by `push` has room for 16 more values,
    // and sets live as long as the analysis (a 10,000-rule one retains 9 MB less this way).
    const { chunks } = this;
    if (this.current.length > 0) chunks.push(this.current.slice());
    if (chunks.length === 0) return IntervalSet.ofChunks(this.domain, NO_CHUNKS, 0);
    return IntervalSet.ofChunks(this.domain, chunks.length === 1 ? listOf(chunks[0] as Chunk<T>) : chunks.slice(), this.length);
  }
}

export class IntervalSet<T extends number | bigint> {
  /**
   * The bounds, chunk after chunk: `2k` and `2k + 1` of the whole list are the first and last
   * value of the k-th interval. Callers never see a set whose bounds are unsorted, overlapping or
   * adjacent; no chunk is empty.
   */
  private constructor(
    readonly domain: IntervalDomain<T>,
    private readonly chunks: readonly Chunk<T>[],
    /** The number of bounds in all chunks. */
    private readonly length: number,
  ) {}

  /** @internal For {@link Builder}. */
  static ofChunks<T extends number | bigint>(domain: IntervalDomain<T>, chunks: readonly Chunk<T>[], length: number): IntervalSet<T> {
    return new IntervalSet(domain, chunks, length);
  }

  /** The set of one sorted, disjoint, non-adjacent bounds list (chunked when long). */
  private static ofBounds<T extends number | bigint>(domain: IntervalDomain<T>, bounds: T[]): IntervalSet<T> {
    if (bounds.length === 0) return new IntervalSet(domain, NO_CHUNKS, 0);
    if (bounds.length <= CHUNK) return new IntervalSet(domain, listOf(bounds.slice()), bounds.length);
    const out = new Builder(domain);
    for (let i = 0; i < bounds.length; i += 2) out.push(bounds[i] as T, bounds[i + 1] as T);
    return out.build();
  }

  static empty<T extends number | bigint>(domain: IntervalDomain<T>): IntervalSet<T> {
    return new IntervalSet(domain, NO_CHUNKS, 0);
  }

  static full<T extends number | bigint>(domain: IntervalDomain<T>): IntervalSet<T> {
    return new IntervalSet(domain, [[domain.min, domain.max]], 2);
  }

  /** The union of arbitrary ranges; each is clipped to the domain, reversed ranges are dropped. */
  static fromRanges<T extends number | bigint>(
    domain: IntervalDomain<T>,
    ranges: Iterable<{ readonly first: T; readonly last: T }>,
  ): IntervalSet<T> {
    const pairs: T[] = [];
    for (const { first, last } of ranges) pairs.push(first, last);
    return IntervalSet.fromPairs(domain, pairs);
  }

  /**
   * {@link fromRanges} of ranges given as a flat list of first/last values, which it takes over
   * (clipped, sorted and joined in place): a rule's one or two ranges, already in order, cost one
   * array instead of a pair per range, a sort and a builder.
   */
  static fromPairs<T extends number | bigint>(domain: IntervalDomain<T>, pairs: T[]): IntervalSet<T> {
    let length = 0;
    let sorted = true;
    for (let i = 0; i < pairs.length; i += 2) {
      const first = pairs[i] as T;
      const last = pairs[i + 1] as T;
      const lo = first < domain.min ? domain.min : first;
      const hi = last > domain.max ? domain.max : last;
      if (lo > hi) continue;
      if (length > 0 && lo < (pairs[length - 2] as T)) sorted = false;
      pairs[length] = lo;
      pairs[length + 1] = hi;
      length += 2;
    }
    pairs.length = length;
    if (length === 0) return new IntervalSet(domain, NO_CHUNKS, 0);
    if (!sorted) sortPairs(pairs);
    // Join overlapping or adjacent intervals (as Builder.pushJoining does).
    let joined = 2;
    for (let i = 2; i < length; i += 2) {
      const first = pairs[i] as T;
      const last = pairs[i + 1] as T;
      if ((pairs[joined - 1] as T) >= domain.predecessor(first)) {
        if (last > (pairs[joined - 1] as T)) pairs[joined - 1] = last;
      } else {
        pairs[joined] = first;
        pairs[joined + 1] = last;
        joined += 2;
      }
    }
    pairs.length = joined;
    return IntervalSet.ofBounds(domain, pairs);
  }

  /**
   * The union of many sets at once (not a chain of unions): the intervals of every set but the
   * largest, sorted and joined in one list, then united with the largest set, whose chunks that
   * list does not reach are lent unchanged (pending address cuts: a few short sets beside the
   * union of the earlier ones, which a pair per interval and one sort of them all copied).
   */
  static unionAll<T extends number | bigint>(domain: IntervalDomain<T>, sets: readonly IntervalSet<T>[]): IntervalSet<T> {
    let largest: IntervalSet<T> | undefined;
    for (const set of sets) if (!largest || set.length > largest.length) largest = set;
    if (!largest) return IntervalSet.empty(domain);
    const pairs: T[] = [];
    for (const set of sets) {
      if (set === largest) continue;
      for (const chunk of set.chunks) for (const bound of chunk) pairs.push(bound);
    }
    return pairs.length === 0 ? largest : largest.union(IntervalSet.fromPairs(domain, pairs));
  }

  private walk(): Walk<T> {
    return new Walk(this.chunks);
  }

  /** The intervals, in ascending order. */
  ranges(): Array<{ first: T; last: T }> {
    const result: Array<{ first: T; last: T }> = [];
    for (const chunk of this.chunks) {
      for (let i = 0; i < chunk.length; i += 2) result.push({ first: chunk[i] as T, last: chunk[i + 1] as T });
    }
    return result;
  }

  intervalCount(): number {
    return this.length / 2;
  }

  isEmpty(): boolean {
    return this.length === 0;
  }

  isFull(): boolean {
    if (this.length !== 2) return false;
    const chunk = this.chunks[0] as Chunk<T>;
    return chunk[0] === this.domain.min && chunk[1] === this.domain.max;
  }

  /** The smallest member (undefined when empty). */
  lowest(): T | undefined {
    return this.chunks[0]?.[0];
  }

  /** The largest member (undefined when empty). */
  highest(): T | undefined {
    const chunk = this.chunks[this.chunks.length - 1];
    return chunk?.[chunk.length - 1];
  }

  has(value: T): boolean {
    // The chunk that could hold it, then the interval in it (binary searches, no walk).
    const { chunks } = this;
    let low = 0;
    let high = chunks.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      const chunk = chunks[middle] as Chunk<T>;
      if ((chunk[chunk.length - 1] as T) < value) low = middle + 1;
      else high = middle;
    }
    const chunk = chunks[low];
    if (!chunk) return false;
    low = 0;
    high = chunk.length / 2 - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if (value < (chunk[2 * middle] as T)) high = middle - 1;
      else if (value > (chunk[2 * middle + 1] as T)) low = middle + 1;
      else return true;
    }
    return false;
  }

  union(other: IntervalSet<T>): IntervalSet<T> {
    if (this.isEmpty() || other.isFull()) return other;
    if (other.isEmpty() || this.isFull()) return this;
    if (this.length > 8 * other.length) return this.unionWithSmall(other);
    if (other.length > 8 * this.length) return other.unionWithSmall(this);
    const out = new Builder(this.domain);
    const a = this.walk();
    const b = other.walk();
    while (!a.done || !b.done) {
      if (!a.done && !b.done && a.atChunkStart && b.atChunkStart && a.chunk === b.chunk) {
        // The same chunk on both sides (two versions of one set): its intervals, once.
        for (let i = 0; i < a.chunk.length; i += 2) out.pushJoining(a.chunk[i] as T, a.chunk[i + 1] as T);
        a.nextChunk();
        b.nextChunk();
      } else if (b.done || (!a.done && a.first <= b.first)) {
        out.pushJoining(a.first, a.last);
        a.next();
      } else {
        out.pushJoining(b.first, b.last);
        b.next();
      }
    }
    return out.build();
  }

  /**
   * `this ∪ small` for a large set: each of small's intervals is merged with the run of this set's
   * intervals it touches or adjoins; the chunks no interval of small reaches are lent unchanged.
   */
  private unionWithSmall(small: IntervalSet<T>): IntervalSet<T> {
    const { domain } = this;
    const out = new Builder(domain);
    const a = this.walk();
    const b = small.walk();
    while (!b.done) {
      const lo = b.first;
      const before = lo > domain.min ? domain.predecessor(lo) : lo;
      // This set's intervals ending before `lo - 1` stay as they are: whole chunks lent.
      while (!a.done && a.last < before) {
        if (a.atChunkStart && a.chunkLast < before) {
          out.lend(a.chunk);
          a.nextChunk();
        } else {
          out.push(a.first, a.last);
          a.next();
        }
      }
      // The run of both sets' intervals that chain together from `lo`.
      let first = lo;
      let reach = b.last;
      b.next();
      if (!a.done && a.first < first) first = a.first;
      for (;;) {
        const next = reach < domain.max ? domain.successor(reach) : reach;
        if (!a.done && a.first <= next) {
          if (a.last > reach) reach = a.last;
          a.next();
        } else if (!b.done && b.first <= next) {
          if (b.last > reach) reach = b.last;
          b.next();
        } else break;
      }
      out.push(first, reach);
    }
    while (!a.done) {
      if (a.atChunkStart) {
        out.lend(a.chunk);
        a.nextChunk();
      } else {
        out.push(a.first, a.last);
        a.next();
      }
    }
    return out.build();
  }

  intersection(other: IntervalSet<T>): IntervalSet<T> {
    if (this.isFull()) return other;
    if (other.isFull()) return this;
    if (this.chunks.length === 1 && other.chunks.length === 1) {
      return IntervalSet.ofBounds(this.domain, flatIntersection(this.chunks[0] as Chunk<T>, other.chunks[0] as Chunk<T>));
    }
    if (this.length > 8 * other.length) return other.intersectionWithLarge(this);
    if (other.length > 8 * this.length) return this.intersectionWithLarge(other);
    const out = new Builder(this.domain);
    const a = this.walk();
    const b = other.walk();
    while (!a.done && !b.done) {
      if (a.atChunkStart && b.atChunkStart && a.chunk === b.chunk) {
        out.lend(a.chunk);
        a.nextChunk();
        b.nextChunk();
        continue;
      }
      const lo = a.first > b.first ? a.first : b.first;
      const hi = a.last < b.last ? a.last : b.last;
      if (lo <= hi) out.push(lo, hi);
      if (a.last < b.last) a.next();
      else b.next();
    }
    return out.build();
  }

  /** `this ∩ large` in O(|this| log |large| + output): for a small set against a large one. */
  private intersectionWithLarge(large: IntervalSet<T>): IntervalSet<T> {
    const out = new Builder(this.domain);
    const b = large.walk();
    for (const chunk of this.chunks) {
      for (let i = 0; i < chunk.length; i += 2) {
        const lo = chunk[i] as T;
        const hi = chunk[i + 1] as T;
        b.seek(lo);
        while (!b.done && b.first <= hi) {
          out.push(b.first > lo ? b.first : lo, b.last < hi ? b.last : hi);
          if (b.last > hi) break;
          b.next();
        }
      }
    }
    return out.build();
  }

  intersects(other: IntervalSet<T>): boolean {
    if (this.chunks.length === 1 && other.chunks.length === 1) return flatIntersects(this.chunks[0] as Chunk<T>, other.chunks[0] as Chunk<T>);
    if (this.length > 8 * other.length) return other.intersects(this);
    if (other.length > 8 * this.length) {
      const b = other.walk();
      for (const chunk of this.chunks) {
        for (let i = 0; i < chunk.length; i += 2) {
          b.seek(chunk[i] as T);
          if (b.done) return false;
          if (b.first <= (chunk[i + 1] as T)) return true;
        }
      }
      return false;
    }
    const a = this.walk();
    const b = other.walk();
    while (!a.done && !b.done) {
      if (a.atChunkStart && a.chunk === b.chunk && b.atChunkStart) return true;
      const lo = a.first > b.first ? a.first : b.first;
      const hi = a.last < b.last ? a.last : b.last;
      if (lo <= hi) return true;
      if (a.last < b.last) a.next();
      else b.next();
    }
    return false;
  }

  complement(): IntervalSet<T> {
    const { domain } = this;
    const out = new Builder(domain);
    let next: T | undefined = domain.min;
    for (const chunk of this.chunks) {
      for (let i = 0; i < chunk.length; i += 2) {
        const first = chunk[i] as T;
        const last = chunk[i + 1] as T;
        if (next !== undefined && next < first) out.push(next, domain.predecessor(first));
        next = last < domain.max ? domain.successor(last) : undefined;
      }
    }
    if (next !== undefined) out.push(next, domain.max);
    return out.build();
  }

  /**
   * `this \ other` in one sweep over this set, seeking in `other`: chunks of this set that no
   * interval of `other` reaches are lent unchanged, so cutting a few addresses out of a list of
   * thousands costs the chunks it touches.
   */
  difference(other: IntervalSet<T>): IntervalSet<T> {
    if (other.isEmpty() || this.isEmpty()) return this;
    if (other.isFull()) return IntervalSet.empty(this.domain);
    const { domain } = this;
    if (this.chunks.length === 1 && other.chunks.length === 1) {
      const bounds = flatDifference(domain, this.chunks[0] as Chunk<T>, other.chunks[0] as Chunk<T>);
      return bounds ? IntervalSet.ofBounds(domain, bounds) : this;
    }
    const out = new Builder(domain);
    const a = this.walk();
    const b = other.walk();
    let changed = false;
    while (!a.done) {
      if (a.atChunkStart) {
        if (!b.done && b.last < a.first) b.seek(a.first);
        if (b.done || b.first > a.chunkLast) {
          out.lend(a.chunk);
          a.nextChunk();
          continue;
        }
        if (b.atChunkStart && a.chunk === b.chunk) {
          // The same chunk on both sides: nothing of it is left.
          changed = true;
          a.nextChunk();
          b.nextChunk();
          continue;
        }
      }
      let lo = a.first;
      const hi = a.last;
      if (!b.done && b.last < lo) b.seek(lo);
      let alive = true;
      while (!b.done && b.first <= hi) {
        const cutFirst = b.first;
        const cutLast = b.last;
        changed = true;
        if (cutFirst > lo) out.push(lo, domain.predecessor(cutFirst));
        if (cutLast >= hi) {
          alive = false;
          break;
        }
        lo = domain.successor(cutLast);
        b.next();
      }
      if (alive) out.push(lo, hi);
      a.next();
    }
    return changed ? out.build() : this;
  }

  isSubsetOf(other: IntervalSet<T>): boolean {
    if (other.isFull() || this.isEmpty()) return true;
    if (this.chunks.length === 1 && other.chunks.length === 1) return flatIsSubsetOf(this.chunks[0] as Chunk<T>, other.chunks[0] as Chunk<T>);
    // Every interval of `this` must lie inside one interval of `other` (they are non-adjacent).
    const b = other.walk();
    const seeking = other.length > 8 * this.length;
    const a = this.walk();
    while (!a.done) {
      if (!seeking && a.atChunkStart && b.atChunkStart && a.chunk === b.chunk) {
        a.nextChunk();
        b.nextChunk();
        continue;
      }
      const first = a.first;
      if (seeking) b.seek(first);
      else while (!b.done && b.last < first) b.next();
      if (b.done || b.first > first || b.last < a.last) return false;
      a.next();
    }
    return true;
  }

  equals(other: IntervalSet<T>): boolean {
    if (this.length !== other.length) return false;
    if (this.chunks === other.chunks) return true;
    const a = this.walk();
    const b = other.walk();
    while (!a.done) {
      if (a.atChunkStart && b.atChunkStart && a.chunk === b.chunk) {
        a.nextChunk();
        b.nextChunk();
        continue;
      }
      if (a.first !== b.first || a.last !== b.last) return false;
      a.next();
      b.next();
    }
    return true;
  }

  private cachedSize: number | undefined;

  /** The number of values, as a float (exact below 2^53). */
  size(): number {
    if (this.cachedSize !== undefined) return this.cachedSize;
    let total = 0;
    for (const chunk of this.chunks) {
      for (let i = 0; i < chunk.length; i += 2) total += this.domain.width(chunk[i] as T, chunk[i + 1] as T);
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
    for (const chunk of this.chunks) {
      for (let i = 0; i < chunk.length; i += 2) {
        const first = chunk[i] as T;
        const last = chunk[i + 1] as T;
        const second = this.domain.successor(first);
        if (second < last) return second;
      }
    }
    return this.chunks[0]?.[0];
  }
}

// One chunk on each side, the commonest case (a rule's few ranges, a port list): plain loops
// over the two arrays, no walk objects.

function flatIntersects<T extends number | bigint>(a: Chunk<T>, b: Chunk<T>): boolean {
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

function flatIsSubsetOf<T extends number | bigint>(a: Chunk<T>, b: Chunk<T>): boolean {
  let j = 0;
  for (let i = 0; i < a.length; i += 2) {
    while (j < b.length && (b[j + 1] as T) < (a[i] as T)) j += 2;
    if (j >= b.length || (b[j] as T) > (a[i] as T) || (b[j + 1] as T) < (a[i + 1] as T)) return false;
  }
  return true;
}

function flatIntersection<T extends number | bigint>(a: Chunk<T>, b: Chunk<T>): T[] {
  const bounds: T[] = freshList();
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const lo = (a[i] as T) > (b[j] as T) ? (a[i] as T) : (b[j] as T);
    const hi = (a[i + 1] as T) < (b[j + 1] as T) ? (a[i + 1] as T) : (b[j + 1] as T);
    if (lo <= hi) bounds.push(lo, hi);
    if ((a[i + 1] as T) < (b[j + 1] as T)) i += 2;
    else j += 2;
  }
  return bounds;
}

/** `a \ b` in one sweep; undefined when `b` cuts nothing out of `a`. */
function flatDifference<T extends number | bigint>(domain: IntervalDomain<T>, a: Chunk<T>, b: Chunk<T>): T[] | undefined {
  const bounds: T[] = freshList();
  let changed = false;
  let j = 0;
  for (let i = 0; i < a.length; i += 2) {
    let lo = a[i] as T;
    const hi = a[i + 1] as T;
    while (j < b.length && (b[j + 1] as T) < lo) j += 2;
    let alive = true;
    while (j < b.length && (b[j] as T) <= hi) {
      const cutFirst = b[j] as T;
      const cutLast = b[j + 1] as T;
      changed = true;
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
  return changed ? bounds : undefined;
}
