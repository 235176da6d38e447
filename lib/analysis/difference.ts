/**
 * Region difference of two analyses of one connection space (a rule set before and after a
 * change): every connection whose decision changes, as regions keyed by (protocols, deciding rule
 * before, deciding rule after), each with a witness that both rule sets decide as stated.
 */
import type { RuleSpec } from "../model/rule-spec.ts";
import type { Action, Protocol } from "../model/vocabulary.ts";
import { PROTOCOLS } from "../model/vocabulary.ts";
import type { DecisionCell, RuleSetAnalysis } from "./analyze.ts";
import { type Box, intersectBoxLists } from "./box.ts";
import type { ConnectionSpace } from "./connection-space.ts";
import { decideInOrder } from "./decide.ts";
import { splitByProtocol } from "./region-decomposition.ts";
import { withReadableNames } from "./readable-witness.ts";
import type { Connection } from "./types.ts";

export interface DecisionSide {
  readonly action: Action;
  /** The deciding rule; undefined when no rule matches (allowed by default). */
  readonly rule: RuleSpec | undefined;
}

export interface RegionChange {
  readonly protocols: readonly Protocol[];
  readonly before: DecisionSide;
  readonly after: DecisionSide;
  /** Exactly the changed connections of this change (disjoint boxes of the shared space). */
  readonly boxes: readonly Box[];
  /** A connection of the region: `before` decides it in the old set, `after` in the new (the property tests replay it). */
  readonly witness: Connection | undefined;
}

export interface RuleSetDifference {
  readonly changes: readonly RegionChange[];
  /** Some connection denied before is allowed after. */
  readonly newAccess: boolean;
  /** Some connection allowed before is denied after. */
  readonly lostAccess: boolean;
  /** False when a search bound left a question undecided: a region may then hold connections that cannot occur. */
  readonly exact: boolean;
  readonly space: ConnectionSpace;
}

export interface CompareOptions {
  /** The protocols the comparison covers (default: all). */
  readonly protocols?: readonly Protocol[];
}

/** Compares two analyses made by `analyzeRuleSetsInOneSpace` (one space, one REST semantics). */
export function compareAnalyses(before: RuleSetAnalysis, after: RuleSetAnalysis, options: CompareOptions = {}): RuleSetDifference {
  const space = before.connectionSpace;
  if (after.connectionSpace !== space) throw new Error("compareAnalyses needs two analyses of one connection space");
  const protocols = options.protocols ?? PROTOCOLS;
  const shared = sharedPrefixLength(before.orderedRules, after.orderedRules);
  const sharedRules = new Set(before.orderedRules.slice(0, shared));
  const sharedAfter = new Set(after.orderedRules.slice(0, shared));
  // Cells of a shared prefix are the same boxes on both sides and disjoint from every other
  // cell of either side: they hold no change.
  const beforeCells = before.decisionCells().filter((cell) => !cell.rule || !sharedRules.has(cell.rule));
  const afterCells = after.decisionCells().filter((cell) => !cell.rule || !sharedAfter.has(cell.rule));

  const changes: RegionChange[] = [];
  for (const old of beforeCells) {
    for (const current of afterCells) {
      if (old.action === current.action) continue;
      const boxes = intersectBoxLists(old.boxes, current.boxes);
      if (boxes.length === 0) continue;
      for (const group of splitByProtocol(boxes, protocols)) {
        changes.push({
          protocols: group.protocols,
          before: side(old),
          after: side(current),
          boxes: group.boxes,
          witness: changeWitness(space, group.boxes, before, after, side(old), side(current)),
        });
      }
    }
  }
  changes.sort(byProtocolThenRules);
  return {
    changes,
    newAccess: changes.some((change) => change.before.action === "DenyAccess" && change.after.action === "AllowAccess"),
    lostAccess: changes.some((change) => change.before.action === "AllowAccess" && change.after.action === "DenyAccess"),
    exact: before.undecided().length === 0 && after.undecided().length === 0,
    space,
  };
}

const side = (cell: DecisionCell): DecisionSide => ({ action: cell.action, rule: cell.rule });

/** How many rules at the head of both evaluation orders match the same connections the same way. */
function sharedPrefixLength(a: readonly RuleSpec[], b: readonly RuleSpec[]): number {
  let length = 0;
  while (length < a.length && length < b.length && sameMatching(a[length] as RuleSpec, b[length] as RuleSpec)) length++;
  return length;
}

/** Rules that decide the same connections the same way (their names, positions and priorities aside). */
export function sameMatching(a: RuleSpec, b: RuleSpec): boolean {
  const { index: _ai, name: _an, priority: _ap, ...restA } = a;
  const { index: _bi, name: _bn, priority: _bp, ...restB } = b;
  return canonicalJson(restA) === canonicalJson(restB);
}

function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) => {
    if (typeof inner === "bigint") return `${inner}n`;
    if (inner && typeof inner === "object" && !Array.isArray(inner)) {
      return Object.fromEntries(
        Object.entries(inner as Record<string, unknown>)
          .filter(([, v]) => v !== undefined)
          .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)),
      );
    }
    return inner;
  });
}

const MAX_WITNESS_ATTEMPTS = 64;

/** A connection of `boxes` that both sides decide as stated, with readable names where the boxes allow. */
export function changeWitness(
  space: ConnectionSpace,
  boxes: readonly Box[],
  before: RuleSetAnalysis,
  after: RuleSetAnalysis,
  beforeSide: DecisionSide,
  afterSide: DecisionSide,
): Connection | undefined {
  // When both analyses decided every question, membership in the boxes is the proof (the
  // property tests replay every witness); otherwise each candidate is replayed on both sets.
  const exact = before.undecided().length === 0 && after.undecided().length === 0;
  const replays = exact
    ? undefined
    : (connection: Connection) => decidedAs(before, connection, beforeSide) && decidedAs(after, connection, afterSide);
  return readableVerifiedWitness(space, boxes, replays);
}

/** Whether `analysis`'s rules decide `connection` as `expected` says (rule and action). */
export function decidedAs(analysis: RuleSetAnalysis, connection: Connection, expected: DecisionSide): boolean {
  const decision = decideInOrder(analysis.orderedRules, connection, { restSemantics: analysis.restSemantics });
  return decision.decidingRule === expected.rule && decision.action === expected.action;
}

/**
 * The first witness candidate of the boxes (a few username variants per box) that `replays`
 * accepts — without `replays` (an exact analysis), the first: a box's witness is a member of the
 * box by construction — with readable names where the boxes (and `replays`) still accept them.
 */
export function readableVerifiedWitness(
  space: ConnectionSpace,
  boxes: readonly Box[],
  replays?: (connection: Connection) => boolean,
): Connection | undefined {
  const found = firstVerified(space, boxes, replays);
  return found && withReadableNames(found, (connection) => boxes.some((box) => space.boxContains(box, connection)) && (replays?.(connection) ?? true));
}

function firstVerified(
  space: ConnectionSpace,
  boxes: readonly Box[],
  replays?: (connection: Connection) => boolean,
): Connection | undefined {
  let attempts = 0;
  for (const box of boxes) {
    for (let variant = 0; variant < 3; variant++) {
      if (++attempts > MAX_WITNESS_ATTEMPTS) return undefined;
      const candidate = space.witness(box, variant);
      if (candidate && (replays === undefined || replays(candidate))) return candidate;
      if (box.usernames.witnessCount(variant + 2) <= variant + 1) break;
    }
  }
  return undefined;
}

const protocolOrder = (protocols: readonly Protocol[]) => PROTOCOLS.indexOf(protocols[0] as Protocol);
const rulePosition = (side: DecisionSide) => (side.rule ? side.rule.index : Number.MAX_SAFE_INTEGER);

function byProtocolThenRules(a: RegionChange, b: RegionChange): number {
  return (
    protocolOrder(a.protocols) - protocolOrder(b.protocols) ||
    a.protocols.length - b.protocols.length ||
    rulePosition(a.before) - rulePosition(b.before) ||
    rulePosition(a.after) - rulePosition(b.after)
  );
}
