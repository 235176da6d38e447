/**
 * A region: an immutable union of disjoint boxes of one analysis's connection space, for example
 * the connections a rule decides. Every witness it hands out has been replayed with `decide`.
 */
import type { RuleSpec } from "../model/rule-spec.ts";
import type { Action } from "../model/vocabulary.ts";
import { type Box, boxIsEmpty, boxWeight, boxesIntersect, intersectBoxLists, intersectBoxes, subtractFromAll } from "./box.ts";
import type { ConnectionSpace } from "./connection-space.ts";
import type { EnumSet } from "./enum-set.ts";
import { decideInOrder, satisfiesRecipientFilter } from "./decide.ts";
import type { Connection, ConnectionQuery } from "./types.ts";
import { parseIpAddress } from "./ip-set.ts";
import { matchesPattern } from "./wildcard.ts";

/** What a witness of the region must satisfy, replayed on the concrete connection. */
export type WitnessCheck =
  | { readonly kind: "decided-by"; readonly rule: RuleSpec }
  | { readonly kind: "matches"; readonly rule: RuleSpec }
  | { readonly kind: "action"; readonly action: Action }
  | { readonly kind: "query"; readonly query: ConnectionQuery };

/** What a region needs from its analysis. */
export interface RegionContext {
  readonly space: ConnectionSpace;
  /** All rules (enabled or not) in evaluation order. */
  readonly orderedRules: readonly RuleSpec[];
}

const MAX_WITNESS_ATTEMPTS = 64;

export class Region {
  /** @internal Regions are made by the analysis; combine them with the methods below. */
  constructor(
    private readonly context: RegionContext,
    readonly boxes: readonly Box[],
    private readonly checks: readonly WitnessCheck[] = [],
  ) {}

  isEmpty(): boolean {
    return this.boxes.every(boxIsEmpty);
  }

  intersect(other: Region): Region {
    this.assertSameSpace(other);
    return new Region(this.context, intersectBoxLists(this.boxes, other.boxes), [...this.checks, ...other.checks]);
  }

  subtract(other: Region): Region {
    this.assertSameSpace(other);
    let boxes: Box[] = [...this.boxes];
    for (const b of other.boxes) {
      if (boxes.length === 0) break;
      boxes = subtractFromAll(boxes, b);
    }
    return new Region(this.context, boxes, this.checks);
  }

  union(other: Region): Region {
    this.assertSameSpace(other);
    const extra = other.subtract(this).boxes;
    const shared = this.checks.filter((check) => other.checks.includes(check));
    return new Region(this.context, [...this.boxes, ...extra], shared);
  }

  /** Whether some connection lies in both regions (stops at the first overlapping pair of boxes). */
  intersects(other: Region): boolean {
    this.assertSameSpace(other);
    return this.boxes.some((box) => other.boxes.some((otherBox) => boxesIntersect(box, otherBox)));
  }

  /** Whether every connection of this region is in `other`. */
  isSubsetOf(other: Region): boolean {
    return this.subtract(other).isEmpty();
  }

  /** Whether a concrete connection lies in the region. */
  contains(connection: Connection): boolean {
    return this.boxes.some((box) => this.context.space.boxContains(box, connection));
  }

  /**
   * A concrete connection in the region, replayed with `decide` (and against the query it came
   * from) before it is returned; undefined when the region is empty or no candidate verifies.
   */
  witness(): Connection | undefined {
    let attempts = 0;
    for (const box of this.boxes) {
      if (boxIsEmpty(box)) continue;
      for (let variant = 0; variant < 3; variant++) {
        if (++attempts > MAX_WITNESS_ATTEMPTS) return undefined;
        const candidate = this.context.space.witness(box, variant);
        if (candidate && this.context.space.boxContains(box, candidate) && this.verify(candidate)) return candidate;
        if (box.usernames.witnessCount(variant + 2) <= variant + 1) break;
      }
    }
    return undefined;
  }

  /**
   * A witness that reads like a real connection: in the first box with one, the analysis'
   * shortest witness with the first of `users` and of `addresses` that stays inside that box.
   * Lying in a box of the region is the proof (box membership of a concrete connection is exact,
   * and a first-match box holds only connections its rule decides), so no candidate is replayed
   * over the rule set and the cost is proportional to the region, not to the number of rules.
   */
  readableWitness(users: readonly string[], addresses: readonly string[], within?: Region): Connection | undefined {
    if (within) this.assertSameSpace(within);
    const { space } = this.context;
    // `this ∩ within`, box by box and only as far as needed: a fragmented region has many boxes.
    const scoped = within ? new Region(this.context, [], [...this.checks, ...within.checks]) : this;
    const proves = (connection: Connection) => scoped.verifyWithoutReplay(connection);
    let attempts = 0;
    for (const box of within ? lazyIntersections(this.boxes, within.boxes) : this.boxes) {
      if (boxIsEmpty(box)) continue;
      for (let variant = 0; variant < 3; variant++) {
        if (++attempts > MAX_WITNESS_ATTEMPTS) return undefined;
        const base = space.witness(box, variant);
        if (!base || !space.boxContains(box, base)) {
          if (box.usernames.witnessCount(variant + 2) <= variant + 1) break;
          continue;
        }
        const best = withReadableNamesInBox(box, base, users, addresses);
        if (proves(best)) return best;
        if (best !== base && proves(base)) return base;
        if (box.usernames.witnessCount(variant + 2) <= variant + 1) break;
      }
    }
    return undefined;
  }

  /** A short human summary, one line per box (at most `maxBoxes`). */
  describe(maxBoxes = 3): string {
    if (this.isEmpty()) return "no connection";
    const lines = this.boxes.slice(0, maxBoxes).map((box) => describeBox(box));
    if (this.boxes.length > maxBoxes) lines.push(`… and ${this.boxes.length - maxBoxes} more`);
    return lines.join("\n");
  }

  /** A size for ranking (the sum of box weights); 0 for an empty region. */
  weight(): number {
    return this.boxes.reduce((total, box) => total + (boxIsEmpty(box) ? 0 : boxWeight(box)), 0);
  }

  private verify(connection: Connection): boolean {
    const { restSemantics } = this.context.space;
    const needsDecision = this.checks.some((check) => check.kind === "decided-by" || check.kind === "action");
    const decision = needsDecision ? decideInOrder(this.context.orderedRules, connection, { restSemantics }) : undefined;
    return this.checks.every((check) => {
      switch (check.kind) {
        case "decided-by":
          return decision?.decidingRule === check.rule;
        case "matches":
          return decideInOrder([check.rule], connection, { restSemantics }).decidingRule === check.rule;
        case "action":
          return decision?.action === check.action;
        case "query":
          return matchesQuery(connection, check.query);
      }
    });
  }

  /** The checks that need no replay over the rule set (box membership proves the rest). */
  private verifyWithoutReplay(connection: Connection): boolean {
    const { restSemantics } = this.context.space;
    return this.checks.every((check) => {
      switch (check.kind) {
        case "decided-by":
        case "action":
          return true;
        case "matches":
          return decideInOrder([check.rule], connection, { restSemantics }).decidingRule === check.rule;
        case "query":
          return matchesQuery(connection, check.query);
      }
    });
  }

  private assertSameSpace(other: Region): void {
    if (other.context.space !== this.context.space) {
      throw new Error("Regions of different analyses cannot be combined");
    }
  }
}

/**
 * `withReadableNames(base, candidate => box contains candidate, users, addresses)` for a `base`
 * inside `box`, without building a candidate per name tried: a candidate differs from a
 * connection of the box in its name (or address) alone, so it lies in the box exactly when that
 * name (or address) does.
 */
function withReadableNamesInBox(box: Box, base: Connection, users: readonly string[], addresses: readonly string[]): Connection {
  let best = base;
  for (const name of users) {
    if (box.usernames.has(name)) {
      best = { ...best, user: { ...best.user, name } };
      break;
    }
  }
  for (const ip of addresses) {
    const address = parseIpAddress(ip);
    if (address && box.ips.has(address)) {
      best = { ...best, ip };
      break;
    }
  }
  return best;
}

/** The non-empty pairwise intersections of two box lists, one at a time. */
function* lazyIntersections(a: readonly Box[], b: readonly Box[]): Generator<Box> {
  for (const box of a) {
    for (const other of b) {
      const both = intersectBoxes(box, other);
      if (both) yield both;
    }
  }
}

/** Whether a connection satisfies every dimension a query specifies. */
export function matchesQuery(connection: Connection, query: ConnectionQuery): boolean {
  const address = parseIpAddress(connection.ip);
  const ipMatches = (ranges: NonNullable<ConnectionQuery["clientIps"]>) =>
    address !== undefined &&
    ranges.some((range) => range.family === address.family && range.first <= address.value && address.value <= range.last);
  if (query.protocols && !query.protocols.includes(connection.protocol)) return false;
  if (query.authenticationTypes && !query.authenticationTypes.includes(connection.authenticationType)) return false;
  if (query.middleTier !== undefined && query.middleTier !== connection.middleTier) return false;
  if (query.clientIps && !ipMatches(query.clientIps)) return false;
  if (query.sourcePorts && !query.sourcePorts.some((range) => range.first <= connection.port && connection.port <= range.last)) {
    return false;
  }
  if (query.usernamePatterns && !query.usernamePatterns.some((pattern) => matchesPattern(pattern, connection.user.name))) {
    return false;
  }
  const groups = (connection.user.groups ?? []).map((group) => group.toLowerCase());
  if (query.groups && !query.groups.some((group) => groups.includes(group.toLowerCase()))) return false;
  if (query.recipientFilter !== undefined && !satisfiesRecipientFilter(query.recipientFilter, connection.user.attributes)) {
    return false;
  }
  return true;
}

/** `IMAP4/POP3`, or `any protocol except RemotePowerShell` when that is shorter. */
function describeEnum<T extends string>(set: EnumSet<T>, anything: string): string {
  if (set.isFull()) return anything;
  const excluded = set.complement().values();
  return excluded.length < set.size() ? `${anything} except ${excluded.join("/")}` : set.values().join("/");
}

function describeBox(box: Box): string {
  const parts: string[] = [];
  parts.push(describeEnum(box.protocols, "any protocol"));
  if (!box.authenticationTypes.isFull()) parts.push(`with ${describeEnum(box.authenticationTypes, "any authentication")}`);
  if (!box.scopes.isFull()) parts.push(box.scopes.has("middle-tier") ? "middle-tier only" : "end users only");
  parts.push(box.ips.isFull() ? "from any address" : `from ${box.ips.describe()}`);
  if (!box.ports.isFull()) {
    parts.push(`source ports ${box.ports.ranges().map((range) => (range.first === range.last ? `${range.first}` : `${range.first}-${range.last}`)).join(", ")}`);
  }
  if (!box.usernames.isFull()) parts.push(`user names ${box.usernames.describe()}`);
  if (!box.groups.isFull()) parts.push(`users ${box.groups.describe()}`);
  if (!box.attributes.isFull()) parts.push(`attributes ${box.attributes.describe()}`);
  return parts.join(", ");
}
