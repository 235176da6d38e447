/**
 * Each dimension of a box, described in terms a person wrote: protocol and authentication names,
 * address blocks, and — for the user dimensions (names, groups, attributes) — the patterns,
 * groups and filter comparisons of the rule sets, combined with "any of" and "none of". The region
 * printers in lib/views work on the plain descriptions it returns.
 */
import { formatIpRange } from "../model/ip-entry.ts";
import type { IpRange } from "../model/rule-spec.ts";
import type { Box } from "./box.ts";
import type { ConnectionSpace } from "./connection-space.ts";
import type { EnumSet } from "./enum-set.ts";
import type { IntervalSet } from "./interval-set.ts";
import { IPV4_MAX, IPV6_MAX, type IpSet } from "./ip-set.ts";
import type { PredicateDimension, PredicateSet } from "./predicate-set.ts";

/** A set of plain values, named by itself or by its complement, whichever is shorter. */
export type ValueSetDescription =
  | { readonly kind: "any" }
  | { readonly kind: "only"; readonly values: readonly string[]; readonly more?: number }
  | { readonly kind: "except"; readonly values: readonly string[]; readonly more?: number };

/**
 * A set of users described by the predicates of the rule sets (patterns, groups, filters):
 * `matching` holds the users that satisfy at least one of `anyOf` (any user when `anyOf` is
 * empty) and none of `noneOf`; `combinations` is the exact fallback, a union of terms that
 * each fix which predicates hold (`all`) and which do not (`none`).
 */
export type PredicateSetDescription =
  | { readonly kind: "any" }
  | { readonly kind: "matching"; readonly anyOf: readonly string[]; readonly noneOf: readonly string[] }
  | {
      readonly kind: "combinations";
      readonly terms: readonly { readonly all: readonly string[]; readonly none: readonly string[] }[];
      /** Terms left out of a very long list (the description is then incomplete, and says so). */
      readonly more?: number;
    };

/** One box of a region, per dimension (protocols are described by the region that holds it). */
export interface BoxDescription {
  readonly authenticationTypes: ValueSetDescription;
  /** `end-user`, `middle-tier`. */
  readonly scope: ValueSetDescription;
  readonly addresses: ValueSetDescription;
  readonly ports: ValueSetDescription;
  readonly users: PredicateSetDescription;
  readonly groups: PredicateSetDescription;
  readonly filters: PredicateSetDescription;
}

export function describeEnumSet<T extends string>(set: EnumSet<T>): ValueSetDescription {
  if (set.isFull()) return { kind: "any" };
  const members = set.values();
  const excluded = set.complement().values();
  return excluded.length < members.length ? { kind: "except", values: excluded } : { kind: "only", values: members };
}

export function describePorts(set: IntervalSet<number>): ValueSetDescription {
  if (set.isFull()) return { kind: "any" };
  const text = (ranges: { first: number; last: number }[]) =>
    ranges.map((range) => (range.first === range.last ? `${range.first}` : `${range.first}-${range.last}`));
  const members = set.ranges();
  const excluded = set.complement().ranges();
  return excluded.length < members.length ? { kind: "except", values: text(excluded) } : { kind: "only", values: text(members) };
}

const ANY_IPV4 = "any IPv4 address";
const ANY_IPV6 = "any IPv6 address";

/** The blocks of address ranges: CIDR blocks where a range is one, else `first-last`; a whole family by name. */
function addressBlocks(ranges: readonly IpRange[]): string[] {
  const blocks: string[] = [];
  for (const range of ranges) blocks.push(...rangeBlocks(range));
  return blocks;
}

/**
 * A range's blocks, written once per distinct range: the regions of a 1,000-rule file cut the
 * same few thousand ranges out of thousands of sets.
 */
const blocksByRange = new Map<bigint, Map<bigint, readonly string[]>>();
const MAX_REMEMBERED_RANGES = 100_000;
let rememberedRanges = 0;

function rangeBlocks(range: IpRange): readonly string[] {
  const first = range.family === 4 ? range.first : -1n - range.first;
  let byLast = blocksByRange.get(first);
  const known = byLast?.get(range.last);
  if (known) return known;
  const whole = range.first === 0n && range.last === (range.family === 4 ? IPV4_MAX : IPV6_MAX);
  const blocks = whole ? [range.family === 4 ? ANY_IPV4 : ANY_IPV6] : cidrBlocksOrRange(range);
  if (rememberedRanges >= MAX_REMEMBERED_RANGES) {
    blocksByRange.clear();
    rememberedRanges = 0;
  }
  if (!byLast) blocksByRange.set(first, (byLast = new Map()));
  byLast.set(range.last, blocks);
  rememberedRanges += 1;
  return blocks;
}

/** A range as at most two CIDR blocks when it splits that way, else as one `first-last` range. */
function cidrBlocksOrRange(range: IpRange): string[] {
  const split = splitIntoCidr(range, 2);
  return split ?? [formatIpRange(range)];
}

function splitIntoCidr(range: IpRange, maxBlocks: number): string[] | undefined {
  const blocks: string[] = [];
  let first = range.first;
  while (first <= range.last) {
    if (blocks.length === maxBlocks) return undefined;
    // The largest aligned block that starts at `first` and ends within the range.
    const size = range.family === 4 ? BigInt(largestIpv4Block(Number(first), Number(range.last))) : largestBlock(first, range.last);
    const last = first + (1n << size) - 1n;
    blocks.push(formatIpRange({ family: range.family, first, last }));
    first = last + 1n;
  }
  return blocks;
}

/** {@link largestBlock} in doubles (IPv4 values fit exactly), the common case. */
function largestIpv4Block(first: number, last: number): number {
  const alignment = first === 0 ? 32 : 31 - Math.clz32(first & -first);
  const fits = Math.floor(Math.log2(last - first + 1));
  return Math.min(alignment, fits);
}

function largestBlock(first: bigint, last: bigint): bigint {
  const alignment = first === 0n ? 128n : trailingZeros(first);
  const fits = bitLength(last - first + 1n) - 1n;
  return alignment < fits ? alignment : fits;
}

function trailingZeros(value: bigint): bigint {
  return bitLength(value & -value) - 1n;
}

function bitLength(value: bigint): bigint {
  return BigInt(value.toString(2).length);
}

/** Address blocks listed per part at most; `more` counts the ranges left out (a 1,000-rule default region can hold thousands). */
const MAX_ADDRESS_RANGES = 64;

function limitedBlocks(ranges: readonly IpRange[]): { values: string[]; more?: number } {
  if (ranges.length <= MAX_ADDRESS_RANGES) return { values: addressBlocks(ranges) };
  return { values: addressBlocks(ranges.slice(0, MAX_ADDRESS_RANGES)), more: ranges.length - MAX_ADDRESS_RANGES };
}

export function describeAddresses(set: IpSet): ValueSetDescription {
  if (set.isFull()) return { kind: "any" };
  const complement = set.complement();
  // Ranges are what the blocks are made of: compare their counts before writing any block out.
  const [memberRanges, excludedRanges] = [set.v4.intervalCount() + set.v6.intervalCount(), complement.v4.intervalCount() + complement.v6.intervalCount()];
  if (Math.abs(memberRanges - excludedRanges) > 2 || Math.max(memberRanges, excludedRanges) > MAX_ADDRESS_RANGES) {
    return excludedRanges < memberRanges ? { kind: "except", ...limitedBlocks(complement.ranges()) } : { kind: "only", ...limitedBlocks(set.ranges()) };
  }
  const members = addressBlocks(set.ranges());
  const excluded = addressBlocks(complement.ranges());
  return excluded.length < members.length ? { kind: "except", values: excluded } : { kind: "only", values: members };
}

interface Predicate {
  readonly name: string;
  readonly atoms: PredicateSet<unknown>;
}

/**
 * The predicates of one dimension, by name, with the relations between two of them remembered:
 * every description of a 1,000-rule file asks about the same few pairs again.
 */
export class PredicateCatalog {
  readonly byName: ReadonlyMap<string, Predicate>;
  private readonly subsets = new Map<Predicate, Map<Predicate, boolean>>();
  private readonly meetings = new Map<Predicate, Map<Predicate, boolean>>();

  /** The predicates whose diagrams test each variable, in the order of `predicates`. */
  private readonly byVariable = new Map<number, number[]>();

  constructor(
    readonly predicates: readonly Predicate[],
    /** Whether the named predicate holds for one value only (a literal user name). */
    readonly isSingleton: (name: string) => boolean = () => false,
  ) {
    this.byName = new Map(predicates.map((predicate) => [predicate.name, predicate]));
    predicates.forEach((predicate, position) => {
      for (const variable of predicate.atoms.support()) {
        let positions = this.byVariable.get(variable);
        if (!positions) this.byVariable.set(variable, (positions = []));
        positions.push(position);
      }
    });
  }

  /** The predicates that test some of `variables`, in the order of `predicates`. */
  testing(variables: Iterable<number>): Predicate[] {
    const positions = new Set<number>();
    for (const variable of variables) for (const position of this.byVariable.get(variable) ?? []) positions.add(position);
    return [...positions].sort((a, b) => a - b).map((position) => this.predicates[position] as Predicate);
  }

  isSubsetOf(a: Predicate, b: Predicate): boolean {
    return remembered(this.subsets, a, b, () => a.atoms.isSubsetOf(b.atoms));
  }

  intersects(a: Predicate, b: Predicate): boolean {
    return remembered(this.meetings, a, b, () => a.atoms.intersects(b.atoms));
  }
}

function remembered(memo: Map<Predicate, Map<Predicate, boolean>>, a: Predicate, b: Predicate, compute: () => boolean): boolean {
  let row = memo.get(a);
  if (!row) memo.set(a, (row = new Map()));
  let answer = row.get(b);
  if (answer === undefined) {
    answer = compute();
    row.set(b, answer);
  }
  return answer;
}

/**
 * The shortest of: any user; users satisfying any of some predicates; users satisfying none of
 * some; users satisfying any of some and none of others; else the exact combinations (the
 * realizable paths of the set's decision diagram: each fixes the predicates it tests). Predicates
 * implied by another kept one are left out (an `admin*` beside `*`).
 */
export function describePredicateSet(set: PredicateSet<unknown>, catalog: PredicateCatalog): PredicateSetDescription {
  const { predicates, isSingleton } = catalog;
  if (set.isFull()) return { kind: "any" };
  const label = (variable: number) => set.dimension.variableLabel(variable);
  // One path with at most one positive test reads directly: "p but none of n1, n2, …".
  const firstPaths: { positive: readonly number[]; negative: readonly number[] }[] = [];
  for (const cube of set.cubes()) {
    if (set.dimension.realize(cube).kind === "none") continue;
    firstPaths.push(cube);
    if (firstPaths.length > 1) break;
  }
  const [only] = firstPaths;
  if (firstPaths.length === 1 && only && only.positive.length <= 1) {
    const anyOf = only.positive.map(label);
    if (anyOf.length === 1 && isSingleton(anyOf[0] as string)) return { kind: "matching", anyOf, noneOf: [] };
    const { byName } = catalog;
    const negative = only.negative.map(label).sort();
    const known = negative.map((name) => byName.get(name));
    const positive = anyOf.length === 1 ? byName.get(anyOf[0] as string) : undefined;
    // Leave out exceptions that cannot meet the condition (`user12` beside `user22`) and those
    // another exception implies (`svc-crm` beside `svc-*`), while that is cheap.
    const noneOf =
      negative.length <= MAX_NAMED_PREDICATES && known.every((predicate) => predicate !== undefined)
        ? names(irredundant((known as Predicate[]).filter((exception) => !positive || catalog.intersects(positive, exception)), catalog))
        : negative;
    return { kind: "matching", anyOf, noneOf };
  }
  // Only predicates over variables the set's diagram tests can name it: the others are left out
  // before any set operation (a 1,000-rule file has hundreds of patterns).
  const support = new Set(set.support());
  const relevant = support.size > MAX_NAMED_PREDICATES ? [] : catalog.testing(support);
  const unionOf = (chosen: readonly Predicate[]) => chosen.reduce((union, p) => union.union(p.atoms), set.dimension.empty());
  const inside: Predicate[] = [];
  const outside: Predicate[] = [];
  const touching: Predicate[] = [];
  for (const p of relevant) {
    if (p.atoms.isEmpty()) continue;
    if (!p.atoms.intersects(set)) outside.push(p);
    else {
      touching.push(p);
      if (p.atoms.isSubsetOf(set)) inside.push(p);
    }
  }
  if (inside.length > 0 && unionOf(inside).equals(set)) return { kind: "matching", anyOf: names(irredundant(inside, catalog)), noneOf: [] };
  const excluded = unionOf(outside);
  if (outside.length > 0 && excluded.complement().equals(set)) {
    return { kind: "matching", anyOf: [], noneOf: names(irredundant(outside, catalog)) };
  }
  if (touching.length > 0 && unionOf(touching).difference(excluded).equals(set)) {
    return { kind: "matching", anyOf: names(irredundant(touching, catalog)), noneOf: names(irredundant(outside, catalog)) };
  }
  const terms: { all: string[]; none: string[] }[] = [];
  let more = 0;
  for (const cube of set.cubes()) {
    if (set.dimension.realize(cube).kind === "none") continue;
    if (terms.length < MAX_COMBINATION_TERMS) terms.push(singletonTerm(cube.positive.map(label), isSingleton) ?? { all: cube.positive.map(label), none: cube.negative.map(label) });
    else more++;
  }
  return more > 0 ? { kind: "combinations", terms, more } : { kind: "combinations", terms };
}

/**
 * A realizable path that requires a predicate holding for one value only (a literal user name) is
 * exactly that value: the other required predicates hold for it, and every excluded one misses it
 * (one that held for it would leave the path empty). A 1,000-rule file's paths exclude hundreds
 * of other users' names that way.
 */
function singletonTerm(all: readonly string[], isSingleton: (name: string) => boolean): { all: string[]; none: string[] } | undefined {
  const single = all.find(isSingleton);
  return single === undefined ? undefined : { all: [single], none: [] };
}

/** Beyond this many variables in a set's diagram, its description is its paths. */
const MAX_NAMED_PREDICATES = 24;
/** Paths listed at most; `more` counts the rest. */
const MAX_COMBINATION_TERMS = 50;

const names = (predicates: readonly Predicate[]) => predicates.map((p) => p.name);

/** Drops each predicate whose atoms another kept predicate already holds (ties: the first stays). */
function irredundant(predicates: readonly Predicate[], catalog: PredicateCatalog): Predicate[] {
  const kept: Predicate[] = [];
  predicates.forEach((candidate, position) => {
    const impliedBy = predicates.some(
      (other, otherPosition) =>
        other !== candidate &&
        catalog.isSubsetOf(candidate, other) &&
        (!catalog.isSubsetOf(other, candidate) || otherPosition < position),
    );
    if (!impliedBy) kept.push(candidate);
  });
  return kept;
}

/** The predicates of a dimension: one per variable, named as the rule sets wrote it. */
function predicatesOf(dimension: PredicateDimension<unknown>): Predicate[] {
  const predicates: Predicate[] = [];
  for (let variable = 0; variable < dimension.variableCount; variable++) {
    predicates.push({ name: dimension.variableLabel(variable), atoms: dimension.variableSet(variable) });
  }
  return predicates.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** A user-name pattern without a wildcard matches one name (case-insensitively). */
const isLiteralName = (pattern: string) => !pattern.includes("*");

/** The describer of one connection space: predicates are built once and reused for every box. */
export class DimensionDescriber {
  private readonly patterns: PredicateCatalog;
  private readonly groupCatalog: PredicateCatalog;
  private readonly filterCatalog: PredicateCatalog;

  constructor(space: ConnectionSpace) {
    this.patterns = new PredicateCatalog(predicatesOf(space.usernames as PredicateDimension<unknown>), isLiteralName);
    this.groupCatalog = new PredicateCatalog(predicatesOf(space.groups as PredicateDimension<unknown>));
    this.filterCatalog = new PredicateCatalog(predicatesOf(space.attributes as PredicateDimension<unknown>));
  }

  /** Whether the descriptions are exact: they always are (every dimension is). */
  get exact(): boolean {
    return true;
  }

  describe(box: Box): BoxDescription {
    return {
      authenticationTypes: describeEnumSet(box.authenticationTypes),
      scope: describeEnumSet(box.scopes),
      addresses: this.cached(box.ips, () => describeAddresses(box.ips)),
      ports: describePorts(box.ports),
      users: this.cachedPredicates("users", box.usernames as PredicateSet<unknown>, this.patterns),
      groups: this.cachedPredicates("groups", box.groups as PredicateSet<unknown>, this.groupCatalog),
      filters: this.cachedPredicates("filters", box.attributes as PredicateSet<unknown>, this.filterCatalog),
    };
  }

  /** Boxes cut from one rule share its address sets: each is described once. */
  private readonly addressDescriptions = new WeakMap<object, ValueSetDescription>();
  /** Decision-diagram nodes are shared: a set is described once per node. */
  private readonly predicateDescriptions = new Map<string, PredicateSetDescription>();

  private cached(set: object, describe: () => ValueSetDescription): ValueSetDescription {
    let description = this.addressDescriptions.get(set);
    if (!description) {
      description = describe();
      this.addressDescriptions.set(set, description);
    }
    return description;
  }

  private cachedPredicates(dimension: string, set: PredicateSet<unknown>, catalog: PredicateCatalog): PredicateSetDescription {
    const key = `${dimension}:${set.key}`;
    let description = this.predicateDescriptions.get(key);
    if (!description) {
      description = describePredicateSet(set, catalog);
      this.predicateDescriptions.set(key, description);
    }
    return description;
  }
}
