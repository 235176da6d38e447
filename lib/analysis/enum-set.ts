/**
 * A finite set over a small fixed list of values (protocols, authentication types, scopes), kept
 * as a bit mask: bit `i` stands for `values[i]`.
 */
export class EnumSet<T extends string> {
  private constructor(
    readonly domain: EnumDomain<T>,
    readonly mask: number,
  ) {}

  /**
   * The set of a mask: one object per mask and domain, made once (sets are immutable), so that
   * the hundreds of thousands of boxes the analysis cuts share their protocol, authentication and
   * scope sets instead of each holding new ones.
   */
  static of<T extends string>(domain: EnumDomain<T>, mask: number): EnumSet<T> {
    const masked = mask & domain.fullMask;
    return (domain.sets[masked] ??= new EnumSet(domain, masked));
  }

  union(other: EnumSet<T>): EnumSet<T> {
    return EnumSet.of(this.domain, this.mask | other.mask);
  }

  intersection(other: EnumSet<T>): EnumSet<T> {
    return (this.mask & other.mask) === this.mask ? this : EnumSet.of(this.domain, this.mask & other.mask);
  }

  difference(other: EnumSet<T>): EnumSet<T> {
    return (this.mask & other.mask) === 0 ? this : EnumSet.of(this.domain, this.mask & ~other.mask);
  }

  complement(): EnumSet<T> {
    return EnumSet.of(this.domain, ~this.mask);
  }

  isSubsetOf(other: EnumSet<T>): boolean {
    return (this.mask & ~other.mask) === 0;
  }

  intersects(other: EnumSet<T>): boolean {
    return (this.mask & other.mask) !== 0;
  }

  isEmpty(): boolean {
    return this.mask === 0;
  }

  isFull(): boolean {
    return this.mask === this.domain.fullMask;
  }

  has(value: T): boolean {
    const bit = this.domain.bitOf(value);
    return bit !== 0 && (this.mask & bit) !== 0;
  }

  size(): number {
    let count = 0;
    for (let rest = this.mask; rest !== 0; rest &= rest - 1) count++;
    return count;
  }

  /** Members in the domain's order. */
  values(): T[] {
    return this.domain.values.filter((_, position) => (this.mask & (1 << position)) !== 0);
  }

  /** The first member of `preferred` that is in the set, else the first member in domain order. */
  pickMember(preferred: readonly T[] = []): T | undefined {
    for (const value of preferred) if (this.has(value)) return value;
    return this.values()[0];
  }

  equals(other: EnumSet<T>): boolean {
    return this.mask === other.mask;
  }
}

/** The universe of an {@link EnumSet}: at most 31 values. */
export class EnumDomain<T extends string> {
  readonly fullMask: number;
  private readonly bits = new Map<string, number>();
  /** The sets made so far, by mask (see {@link EnumSet.of}). */
  readonly sets: EnumSet<T>[] = [];

  constructor(readonly values: readonly T[]) {
    values.forEach((value, position) => this.bits.set(value, 1 << position));
    this.fullMask = values.length >= 31 ? 0x7fffffff : (1 << values.length) - 1;
  }

  /** The bit of a value, or 0 for a value outside the domain. */
  bitOf(value: string): number {
    return this.bits.get(value) ?? 0;
  }

  empty(): EnumSet<T> {
    return EnumSet.of(this, 0);
  }

  full(): EnumSet<T> {
    return EnumSet.of(this, this.fullMask);
  }

  /** The set of the listed values; values outside the domain are ignored. */
  setOf(values: readonly string[]): EnumSet<T> {
    let mask = 0;
    for (const value of values) mask |= this.bitOf(value);
    return EnumSet.of(this, mask);
  }
}
