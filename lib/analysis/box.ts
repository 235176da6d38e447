/**
 * A box is a product of one exact set per dimension: the connections one rule matches. Box
 * intersection is per dimension; box difference yields at most one disjoint piece per dimension.
 */
import type { AuthenticationType, Protocol } from "../model/vocabulary.ts";
import type { EnumSet } from "./enum-set.ts";
import type { IntervalSet } from "./interval-set.ts";
import type { IpSet } from "./ip-set.ts";
import type { Attributes, PredicateSet } from "./predicate-set.ts";
import { freshList } from "./fresh-list.ts";

export type ScopeKind = "end-user" | "middle-tier";

export interface Box {
  readonly protocols: EnumSet<Protocol>;
  readonly authenticationTypes: EnumSet<AuthenticationType>;
  readonly scopes: EnumSet<ScopeKind>;
  readonly ports: IntervalSet<number>;
  readonly ips: IpSet;
  /** Well-formed `<Domain>\<User>` names. */
  readonly usernames: PredicateSet<string>;
  /** Group memberships (lists of lower-case group names). */
  readonly groups: PredicateSet<readonly string[]>;
  /** Directory attributes, as recipient filters read them. */
  readonly attributes: PredicateSet<Attributes>;
}

/**
 * Every box is an instance of this class: one hidden class for all of them (spreads with computed
 * keys would leave V8 with slow dictionary-mode objects in the hot loop), and never pretenured,
 * unlike an object literal, which the first-match pass (whose boxes live on) and the covering-set
 * replays (whose millions of pieces die young) would share as one allocation site (fresh-list.ts).
 */
class ConnectionBox implements Box {
  constructor(
    readonly protocols: Box["protocols"],
    readonly authenticationTypes: Box["authenticationTypes"],
    readonly scopes: Box["scopes"],
    readonly ports: Box["ports"],
    readonly ips: Box["ips"],
    readonly usernames: Box["usernames"],
    readonly groups: Box["groups"],
    readonly attributes: Box["attributes"],
  ) {}
}

export function makeBox(
  protocols: Box["protocols"],
  authenticationTypes: Box["authenticationTypes"],
  scopes: Box["scopes"],
  ports: Box["ports"],
  ips: Box["ips"],
  usernames: Box["usernames"],
  groups: Box["groups"],
  attributes: Box["attributes"],
): Box {
  return new ConnectionBox(protocols, authenticationTypes, scopes, ports, ips, usernames, groups, attributes);
}

export function boxIsEmpty(box: Box): boolean {
  return (
    box.protocols.isEmpty() ||
    box.authenticationTypes.isEmpty() ||
    box.scopes.isEmpty() ||
    box.ports.isEmpty() ||
    box.ips.isEmpty() ||
    box.usernames.isEmpty() ||
    box.groups.isEmpty() ||
    box.attributes.isEmpty()
  );
}

/** Whether `a` and `b` meet in every dimension but the user dimensions (a cheap necessary test). */
export function cheapDimensionsIntersect(a: Box, b: Box): boolean {
  return (
    a.protocols.intersects(b.protocols) &&
    a.authenticationTypes.intersects(b.authenticationTypes) &&
    a.scopes.intersects(b.scopes) &&
    a.ports.intersects(b.ports) &&
    a.ips.intersects(b.ips)
  );
}

export function boxesIntersect(a: Box, b: Box): boolean {
  return (
    cheapDimensionsIntersect(a, b) &&
    a.usernames.intersects(b.usernames) &&
    a.groups.intersects(b.groups) &&
    a.attributes.intersects(b.attributes)
  );
}

export function boxIsSubsetOf(a: Box, b: Box): boolean {
  return (
    a.protocols.isSubsetOf(b.protocols) &&
    a.authenticationTypes.isSubsetOf(b.authenticationTypes) &&
    a.scopes.isSubsetOf(b.scopes) &&
    a.ports.isSubsetOf(b.ports) &&
    a.ips.isSubsetOf(b.ips) &&
    a.usernames.isSubsetOf(b.usernames) &&
    a.groups.isSubsetOf(b.groups) &&
    a.attributes.isSubsetOf(b.attributes)
  );
}

/** `a ∩ b`, or undefined when it is empty. */
export function intersectBoxes(a: Box, b: Box): Box | undefined {
  if (!boxesIntersect(a, b)) return undefined;
  return intersectMeetingBoxes(a, b);
}

/** `a ∩ b` for boxes known to intersect (`boxesIntersect`), without asking again. */
export function intersectMeetingBoxes(a: Box, b: Box): Box {
  return makeBox(
    a.protocols.intersection(b.protocols),
    a.authenticationTypes.intersection(b.authenticationTypes),
    a.scopes.intersection(b.scopes),
    a.ports.intersection(b.ports),
    a.ips.intersection(b.ips),
    a.usernames.intersection(b.usernames),
    a.groups.intersection(b.groups),
    a.attributes.intersection(b.attributes),
  );
}

/** Each of `boxes` intersected with `box`; empty intersections are dropped. */
export function intersectWithAll(boxes: readonly Box[], box: Box): Box[] {
  const result: Box[] = freshList();
  for (const candidate of boxes) {
    const both = intersectBoxes(candidate, box);
    if (both) result.push(both);
  }
  return result;
}

/** The pairwise intersections of two lists of boxes (disjoint when both lists are). */
export function intersectBoxLists(a: readonly Box[], b: readonly Box[]): Box[] {
  const result: Box[] = freshList();
  for (const box of a) result.push(...intersectWithAll(b, box));
  return result;
}

/**
 * `a \ b` as disjoint boxes. Walking the dimensions (cheap, coarse ones first: they split boxes
 * least), piece d keeps `a`'s part outside `b` in dimension d and `a ∩ b` in the dimensions
 * before it.
 */
export function subtractBox(a: Box, b: Box): Box[] {
  if (!boxesIntersect(a, b)) return [a];
  return subtractMeetingBox(a, b);
}

/** `a \ b` for boxes known to intersect (`boxesIntersect`), without asking again. */
export function subtractMeetingBox(a: Box, b: Box): Box[] {
  const pieces: Box[] = freshList();
  cutMeetingBox(a, b, pieces, false);
  return pieces;
}

/** `boxes \ b` for a list of disjoint boxes; the result is disjoint too. */
export function subtractFromAll(boxes: readonly Box[], b: Box): Box[] {
  const result: Box[] = freshList();
  for (const box of boxes) {
    if (!boxesIntersect(box, b)) result.push(box);
    else for (const piece of subtractMeetingBox(box, b)) result.push(piece);
  }
  return result;
}

/**
 * `boxes ∩ b` and `boxes \ b` in one sweep, asking once per box whether it meets `b` (the
 * first-match pass needs both); `inside` is empty when `b` takes nothing.
 */
export function splitByBox(boxes: readonly Box[], b: Box): { inside: Box[]; outside: Box[] } {
  const inside: Box[] = freshList();
  const outside: Box[] = freshList();
  for (const box of boxes) {
    if (!boxesIntersect(box, b)) {
      outside.push(box);
      continue;
    }
    inside.push(splitMeetingBox(box, b, outside));
  }
  return { inside, outside };
}

/**
 * `a ∩ b` (returned) and the pieces of `a \ b` (pushed onto `outside`) for boxes known to meet:
 * the same boxes as {@link intersectMeetingBoxes} and {@link subtractMeetingBox}, with each
 * dimension's intersection worked out once for both.
 */
export function splitMeetingBox(a: Box, b: Box, outside: Box[]): Box {
  return cutMeetingBox(a, b, outside, true) as Box;
}

/**
 * Pushes the pieces of `a \ b` onto `outside` (piece d keeps `a`'s part outside `b` in dimension
 * d and `a ∩ b` in the dimensions before it) and, `withInside`, returns `a ∩ b`. In the exact,
 * canonical dimensions (enum and interval sets) `a ∩ b` is `a`'s own set when `a` lies inside `b`;
 * in the user dimensions the intersection is always asked, so every set keeps the representation
 * it had.
 */
function cutMeetingBox(a: Box, b: Box, outside: Box[], withInside: boolean): Box | undefined {
  let { protocols, authenticationTypes, scopes, ports, ips, usernames, groups } = a;
  const { attributes } = a;
  if (!protocols.isSubsetOf(b.protocols)) {
    outside.push(makeBox(protocols.difference(b.protocols), authenticationTypes, scopes, ports, ips, usernames, groups, attributes));
    protocols = protocols.intersection(b.protocols);
  }
  if (!authenticationTypes.isSubsetOf(b.authenticationTypes)) {
    outside.push(
      makeBox(protocols, authenticationTypes.difference(b.authenticationTypes), scopes, ports, ips, usernames, groups, attributes),
    );
    authenticationTypes = authenticationTypes.intersection(b.authenticationTypes);
  }
  if (!scopes.isSubsetOf(b.scopes)) {
    outside.push(makeBox(protocols, authenticationTypes, scopes.difference(b.scopes), ports, ips, usernames, groups, attributes));
    scopes = scopes.intersection(b.scopes);
  }
  if (!ports.isSubsetOf(b.ports)) {
    outside.push(makeBox(protocols, authenticationTypes, scopes, ports.difference(b.ports), ips, usernames, groups, attributes));
    ports = ports.intersection(b.ports);
  }
  if (!ips.isSubsetOf(b.ips)) {
    outside.push(makeBox(protocols, authenticationTypes, scopes, ports, ips.difference(b.ips), usernames, groups, attributes));
    ips = ips.intersection(b.ips);
  }
  let insideUsernames = usernames;
  if (!usernames.isSubsetOf(b.usernames)) {
    outside.push(makeBox(protocols, authenticationTypes, scopes, ports, ips, usernames.difference(b.usernames), groups, attributes));
    usernames = usernames.intersection(b.usernames);
    insideUsernames = usernames;
  } else if (withInside) insideUsernames = usernames.intersection(b.usernames);
  let insideGroups = groups;
  if (!groups.isSubsetOf(b.groups)) {
    outside.push(makeBox(protocols, authenticationTypes, scopes, ports, ips, usernames, groups.difference(b.groups), attributes));
    groups = groups.intersection(b.groups);
    insideGroups = groups;
  } else if (withInside) insideGroups = groups.intersection(b.groups);
  if (!attributes.isSubsetOf(b.attributes)) {
    outside.push(makeBox(protocols, authenticationTypes, scopes, ports, ips, usernames, groups, attributes.difference(b.attributes)));
  }
  if (!withInside) return undefined;
  return makeBox(protocols, authenticationTypes, scopes, ports, ips, insideUsernames, insideGroups, attributes.intersection(b.attributes));
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
    box.usernames.weight() *
    box.groups.weight() *
    box.attributes.weight()
  );
}
