/**
 * A box is a product of one exact set per dimension: the connections one rule matches. Box
 * intersection is per dimension; box difference yields at most one disjoint piece per dimension.
 */
import type { AuthenticationType, Protocol } from "../vocabulary.ts";
import type { AtomSet } from "./atom-set.ts";
import type { EnumSet } from "./enum-set.ts";
import type { IntervalSet } from "./interval-set.ts";
import type { IpSet } from "./ip-set.ts";

export type ScopeKind = "end-user" | "middle-tier";

export interface Box {
  readonly protocols: EnumSet<Protocol>;
  readonly authenticationTypes: EnumSet<AuthenticationType>;
  readonly scopes: EnumSet<ScopeKind>;
  readonly ports: IntervalSet<number>;
  readonly ips: IpSet;
  readonly usernames: AtomSet;
  readonly groups: AtomSet;
  readonly filters: AtomSet;
}

interface DimensionSet<S> {
  intersection(other: S): S;
  difference(other: S): S;
  intersects(other: S): boolean;
  isSubsetOf(other: S): boolean;
  isEmpty(): boolean;
}

/** Cheap, coarse dimensions first: they split boxes least and reject disjoint pairs fastest. */
export const BOX_DIMENSIONS = [
  "protocols",
  "authenticationTypes",
  "scopes",
  "ports",
  "ips",
  "usernames",
  "groups",
  "filters",
] as const satisfies ReadonlyArray<keyof Box>;

type Dimension = (typeof BOX_DIMENSIONS)[number];
const dimensionOf = (box: Box, dimension: Dimension) => box[dimension] as unknown as DimensionSet<unknown>;

export function boxIsEmpty(box: Box): boolean {
  for (const dimension of BOX_DIMENSIONS) if (dimensionOf(box, dimension).isEmpty()) return true;
  return false;
}

export function boxesIntersect(a: Box, b: Box): boolean {
  if (!a.protocols.intersects(b.protocols)) return false;
  if (!a.authenticationTypes.intersects(b.authenticationTypes)) return false;
  if (!a.scopes.intersects(b.scopes)) return false;
  for (let i = 3; i < BOX_DIMENSIONS.length; i++) {
    const dimension = BOX_DIMENSIONS[i] as Dimension;
    if (!dimensionOf(a, dimension).intersects(b[dimension])) return false;
  }
  return true;
}

export function boxIsSubsetOf(a: Box, b: Box): boolean {
  for (const dimension of BOX_DIMENSIONS) if (!dimensionOf(a, dimension).isSubsetOf(b[dimension])) return false;
  return true;
}

/** `a ∩ b`, or undefined when it is empty. */
export function intersectBoxes(a: Box, b: Box): Box | undefined {
  if (!boxesIntersect(a, b)) return undefined;
  const result: Record<string, unknown> = {};
  for (const dimension of BOX_DIMENSIONS) result[dimension] = dimensionOf(a, dimension).intersection(b[dimension]);
  return result as unknown as Box;
}

/**
 * `a \ b` as disjoint boxes: walking the dimensions, piece d keeps `a`'s part outside `b` in
 * dimension d and `a ∩ b` in the dimensions before it.
 */
export function subtractBox(a: Box, b: Box): Box[] {
  if (!boxesIntersect(a, b)) return [a];
  const pieces: Box[] = [];
  let current: Record<string, unknown> = { ...a };
  for (const dimension of BOX_DIMENSIONS) {
    const own = dimensionOf(a, dimension);
    const other = b[dimension];
    if (own.isSubsetOf(other)) continue;
    pieces.push({ ...current, [dimension]: own.difference(other) } as unknown as Box);
    current = { ...current, [dimension]: own.intersection(other) };
  }
  return pieces;
}

/** `boxes \ b` for a list of disjoint boxes; the result is disjoint too. */
export function subtractFromAll(boxes: readonly Box[], b: Box): Box[] {
  const result: Box[] = [];
  for (const box of boxes) {
    if (!boxesIntersect(box, b)) result.push(box);
    else for (const piece of subtractBox(box, b)) result.push(piece);
  }
  return result;
}

/**
 * A size for ranking blockers: the product of per-dimension counts, with addresses and ports
 * counted logarithmically so that one wide range does not outweigh everything else.
 */
export function boxWeight(box: Box): number {
  return (
    box.protocols.size() *
    box.authenticationTypes.size() *
    box.scopes.size() *
    (1 + Math.log2(Math.max(1, box.ports.size()))) *
    box.ips.weight() *
    box.usernames.size() *
    box.groups.size() *
    box.filters.size()
  );
}
