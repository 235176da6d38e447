/**
 * Exact sets of client IP addresses: IPv4 and IPv6 are separate families (an IPv6 range never
 * contains an IPv4 client and vice versa), each a BigInt interval set.
 */
import { formatAddress, formatIpRange, parseIpAddress as parseStrictIpAddress } from "../model/ip-entry.ts";
import type { IpRange } from "../model/rule-spec.ts";
import { IntervalSet, bigintDomain, numberDomain } from "./interval-set.ts";

export const IPV4_MAX = (1n << 32n) - 1n;
export const IPV6_MAX = (1n << 128n) - 1n;
// IPv4 addresses fit a double exactly, and number comparisons are much cheaper than BigInt ones.
const ipv4Domain = numberDomain(0, Number(IPV4_MAX));
const ipv6Domain = bigintDomain(0n, IPV6_MAX);

/** Documentation addresses (RFC 5737, RFC 3849) make the nicest witnesses when they fit. */
const PREFERRED_IPV4 = [0xcb00710a /* 203.0.113.10 */];
const PREFERRED_IPV6 = [0x20010db8000000000000000000000010n /* 2001:db8::10 */];

export interface IpAddress {
  readonly family: 4 | 6;
  readonly value: bigint;
}

/**
 * A set's IPv4 hull and whether it holds any IPv6 address: two sets whose outlines do not meet
 * cannot meet, and the test is two comparisons instead of a walk of both interval lists.
 */
export interface IpOutline {
  /** The lowest and highest IPv4 address (Infinity and -Infinity without any). */
  readonly v4Low: number;
  readonly v4High: number;
  readonly hasV6: boolean;
}

/** False only when the sets outlined cannot share an address. */
export function outlinesMeet(a: IpOutline, b: IpOutline): boolean {
  return (a.hasV6 && b.hasV6) || (a.v4Low <= b.v4High && b.v4Low <= a.v4High);
}

export class IpSet {
  private constructor(
    readonly v4: IntervalSet<number>,
    readonly v6: IntervalSet<bigint>,
  ) {}

  static readonly EMPTY = new IpSet(IntervalSet.empty(ipv4Domain), IntervalSet.empty(ipv6Domain));
  static readonly FULL = new IpSet(IntervalSet.full(ipv4Domain), IntervalSet.full(ipv6Domain));

  static fromRanges(ranges: readonly IpRange[]): IpSet {
    const v4: number[] = [];
    const v6: bigint[] = [];
    for (const range of ranges) {
      if (range.family === 4) v4.push(clampToNumber(range.first), clampToNumber(range.last));
      else if (range.family === 6) v6.push(range.first, range.last);
    }
    if (v4.length === 0 && v6.length === 0) return IpSet.EMPTY;
    return new IpSet(IntervalSet.fromPairs(ipv4Domain, v4), IntervalSet.fromPairs(ipv6Domain, v6));
  }

  /** The union of many sets in one pass per family. */
  static unionAll(sets: readonly IpSet[]): IpSet {
    const v4 = IntervalSet.unionAll(ipv4Domain, sets.map((set) => set.v4));
    return new IpSet(v4, IntervalSet.unionAll(ipv6Domain, sets.map((set) => set.v6)));
  }

  union(other: IpSet): IpSet {
    return new IpSet(this.v4.union(other.v4), this.v6.union(other.v6));
  }

  intersection(other: IpSet): IpSet {
    if (other === IpSet.FULL) return this;
    if (this === IpSet.FULL) return other;
    const v4 = this.v4.intersection(other.v4);
    const v6 = this.v6.intersection(other.v6);
    // An operand that is the result already (interval sets return one when nothing changes).
    if (v4 === this.v4 && v6 === this.v6) return this;
    if (v4 === other.v4 && v6 === other.v6) return other;
    return new IpSet(v4, v6);
  }

  difference(other: IpSet): IpSet {
    const v4 = this.v4.difference(other.v4);
    const v6 = this.v6.difference(other.v6);
    return v4 === this.v4 && v6 === this.v6 ? this : new IpSet(v4, v6);
  }

  complement(): IpSet {
    return new IpSet(this.v4.complement(), this.v6.complement());
  }

  intersects(other: IpSet): boolean {
    return this.v4.intersects(other.v4) || this.v6.intersects(other.v6);
  }

  outline(): IpOutline {
    return {
      v4Low: this.v4.lowest() ?? Number.POSITIVE_INFINITY,
      v4High: this.v4.highest() ?? Number.NEGATIVE_INFINITY,
      hasV6: !this.v6.isEmpty(),
    };
  }

  isSubsetOf(other: IpSet): boolean {
    return other === IpSet.FULL || (this.v4.isSubsetOf(other.v4) && this.v6.isSubsetOf(other.v6));
  }

  isEmpty(): boolean {
    return this.v4.isEmpty() && this.v6.isEmpty();
  }

  isFull(): boolean {
    return this.v4.isFull() && this.v6.isFull();
  }

  equals(other: IpSet): boolean {
    return this.v4.equals(other.v4) && this.v6.equals(other.v6);
  }

  has(address: IpAddress): boolean {
    return address.family === 4 ? this.v4.has(Number(address.value)) : this.v6.has(address.value);
  }

  ranges(): IpRange[] {
    return [
      ...this.v4.ranges().map((range) => ({ family: 4 as const, first: BigInt(range.first), last: BigInt(range.last) })),
      ...this.v6.ranges().map((range) => ({ family: 6 as const, ...range })),
    ];
  }

  /** IPv4 before IPv6; a documentation address when possible, never a wide range's first address. */
  pickMember(): IpAddress | undefined {
    const v4 = this.v4.pickMember(PREFERRED_IPV4);
    if (v4 !== undefined) return { family: 4, value: BigInt(v4) };
    const v6 = this.v6.pickMember(PREFERRED_IPV6);
    if (v6 !== undefined) return { family: 6, value: v6 };
    return undefined;
  }

  /** A weight for choosing blockers: about the number of prefix bits the set spans, at least 1. */
  weight(): number {
    const count = this.v4.size() + this.v6.size();
    return 1 + Math.log2(Math.max(1, count));
  }

  /** `10.0.0.0/8, 192.0.2.1-192.0.2.9, 2001:db8::/32`: CIDR blocks where they fit exactly. */
  describe(): string {
    if (this.isFull()) return "any address";
    return this.ranges().map(formatIpRange).join(", ");
  }
}

/** An IPv4 bound as a number; out-of-range bounds are clipped later by the interval set. */
function clampToNumber(value: bigint): number {
  if (value < -1n) return -1;
  if (value > IPV4_MAX + 1n) return Number(IPV4_MAX) + 1;
  return Number(value);
}

/** One client address, as strict as the model is about rule entries; undefined when malformed. */
export function parseIpAddress(text: string): IpAddress | undefined {
  const parsed = parseStrictIpAddress(text);
  return parsed.ok ? { family: parsed.family, value: parsed.value } : undefined;
}

export function formatIpAddress(address: IpAddress): string {
  return formatAddress(address.family, address.value);
}

export { formatIpRange };
