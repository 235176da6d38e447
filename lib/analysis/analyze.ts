/**
 * The rule-set analysis: one Batfish-style pass over the enabled rules in evaluation order that
 * keeps the still-undecided connections as disjoint boxes, so each rule's first-match region is
 * its box minus everything decided before it (analysis-notes.md §6). Blocking rules are worked out
 * only for rules that decide nothing.
 */
import type { RuleSpec } from "../model/rule-spec.ts";
import { positionsByIndex, sortByEvaluationOrder } from "../model/rule-spec.ts";
import type { RestSemantics } from "../model/vocabulary.ts";
import type { Action } from "../model/vocabulary.ts";
import {
  type Box,
  boxIsEmpty,
  boxIsSubsetOf,
  boxWeight,
  boxesIntersect,
  cheapDimensionsIntersect,
  makeBox,
  splitByBox,
  splitMeetingBox,
  subtractFromAll,
  subtractMeetingBox,
} from "./box.ts";
import { IpSet } from "./ip-set.ts";
import { freshList } from "./fresh-list.ts";
import { UnionTree } from "./union-tree.ts";
import { ConnectionSpace, type RuleBoxes } from "./connection-space.ts";
import { Region, type RegionContext } from "./region.ts";
import type { AnalyzeOptions, ConnectionQuery, RuleAnalysis, Shadowing, UndecidedRule } from "./types.ts";

export interface RuleSetAnalysis {
  readonly restSemantics: RestSemantics;
  /**
   * The universe the regions live in. Analyses made by {@link analyzeRuleSetsInOneSpace} share
   * it, so their regions and boxes can be combined.
   */
  readonly connectionSpace: ConnectionSpace;
  /**
   * The questions left undecided by a resource bound (docs/performance.md; empty in practice).
   * Findings stay proven, but a rule listed here may be shadowed or unsatisfiable without a
   * finding saying so, and regions may hold connections that are in fact empty: the rules report
   * these once per file. Asked again later, it includes questions raised by region queries since.
   */
  undecided(): readonly UndecidedRule[];
  /** Every rule, enabled or not, in evaluation order. */
  readonly orderedRules: readonly RuleSpec[];
  /** One result per rule, in evaluation order. */
  readonly results: readonly RuleAnalysis[];
  /** The result for the rule whose `RuleSpec.index` is `ruleIndex` (the first, if indexes repeat). */
  ruleAnalysis(ruleIndex: number): RuleAnalysis | undefined;
  /**
   * The connections the rule matches on its own, whatever the rules before it do (empty for
   * unknown and disabled rules).
   */
  matchRegion(ruleIndex: number): Region;
  /** The connections this rule decides (empty for unknown, disabled or unreachable rules). */
  firstMatchRegion(ruleIndex: number): Region;
  /** The connections that end with `action`; AllowAccess includes those no rule matches. */
  decisionRegion(action: Action): Region;
  /** The connections no enabled rule matches (allowed by default). */
  defaultRegion(): Region;
  /**
   * The partition of all connections by what decides them: one cell per enabled rule that decides
   * something (evaluation order), then the default cell (`rule` undefined, AllowAccess). Boxes are
   * those of `connectionSpace`; cells are disjoint when `exact`.
   */
  decisionCells(): readonly DecisionCell[];
  /** The connections a query describes (every connection without one). */
  space(query?: ConnectionQuery): Region;
  /**
   * The first-match pass itself: each rule's first-match boxes by position in `orderedRules`
   * (empty for disabled, unsatisfiable and unreachable rules), and the boxes no enabled rule
   * matches. Boxes of `connectionSpace`; shared, not copies.
   */
  pass(): FirstMatchPass;
}

export interface FirstMatchPass {
  readonly firstMatch: readonly (readonly Box[])[];
  readonly undecided: readonly Box[];
  /** Each rule's box by position in `orderedRules` (undefined for disabled rules). */
  readonly ruleBoxes: readonly (RuleBoxes | undefined)[];
}

export interface DecisionCell {
  /** The deciding rule; undefined for the connections no rule matches. */
  readonly rule: RuleSpec | undefined;
  readonly action: Action;
  readonly boxes: readonly Box[];
}

export interface RuleState {
  readonly rule: RuleSpec;
  readonly boxes?: RuleBoxes;
  /** The connections the rule decides. */
  readonly firstMatch: readonly Box[];
}

export function analyzeRuleSet(rules: readonly RuleSpec[], options: AnalyzeOptions): RuleSetAnalysis {
  return analyzeRuleSetsInOneSpace([rules], options)[0] as RuleSetAnalysis;
}

/**
 * One analysis per rule set, all in one connection space built from every set's patterns,
 * groups and filters, so that the regions of different sets (a file before and after a change)
 * can be intersected and subtracted.
 */
export function analyzeRuleSetsInOneSpace(
  ruleSets: readonly (readonly RuleSpec[])[],
  options: AnalyzeOptions,
): RuleSetAnalysis[] {
  const restSemantics: RestSemantics = options?.restSemantics === "independent" ? "independent" : "coupled";
  const orderedSets = ruleSets.map((rules) => sortByEvaluationOrder(Array.isArray(rules) ? rules : []));
  const space = new ConnectionSpace(
    orderedSets.flat(),
    restSemantics,
    options?.maxSearchStates === undefined ? {} : { maxSearchStates: options.maxSearchStates },
  );
  const maxCoverWork = options?.maxCoverWork ?? MAX_COVER_WORK;
  return orderedSets.map((orderedRules) => analyzeInSpace(space, orderedRules, restSemantics, maxCoverWork));
}

function analyzeInSpace(
  space: ConnectionSpace,
  orderedRules: readonly RuleSpec[],
  restSemantics: RestSemantics,
  maxCoverWork: number,
): RuleSetAnalysis {
  const context: RegionContext = { space, orderedRules };
  const undecidedRules: UndecidedRule[] = [];
  /** Runs one rule's questions and blames it for any the search bound left undecided. */
  const blaming = <T>(rule: RuleSpec, question: () => T): T => {
    const before = space.undecidedQuestions().length;
    const answer = question();
    for (const { why } of space.undecidedQuestions().slice(before)) undecidedRules.push({ rule, why });
    return answer;
  };
  const { states, undecided } = firstMatchPass(space, orderedRules, blaming);

  const coverBudget = { remaining: maxCoverWork };
  const results = states.map((state, position) => blaming(state.rule, () => analyseRule(states, position, state, coverBudget)));
  const blamedQuestions = space.undecidedQuestions().length;
  const positionByIndex = positionsByIndex(orderedRules);
  const finalUndecided = undecided;
  const stateOf = (ruleIndex: number) => {
    const position = positionByIndex.get(ruleIndex);
    return position === undefined ? undefined : states[position];
  };

  return {
    restSemantics,
    connectionSpace: space,
    undecided: () => [
      ...undecidedRules,
      ...space.undecidedQuestions().slice(blamedQuestions).map(({ why }) => ({ why })),
    ],
    orderedRules,
    results,
    ruleAnalysis: (ruleIndex) => {
      const position = positionByIndex.get(ruleIndex);
      return position === undefined ? undefined : results[position];
    },
    matchRegion: (ruleIndex) => {
      const state = stateOf(ruleIndex);
      if (!state?.boxes || state.boxes.unsatisfiable) return new Region(context, []);
      return new Region(context, [state.boxes.box], [{ kind: "matches", rule: state.rule }]);
    },
    firstMatchRegion: (ruleIndex) => {
      const state = stateOf(ruleIndex);
      if (!state) return new Region(context, []);
      return new Region(context, state.firstMatch, [{ kind: "decided-by", rule: state.rule }]);
    },
    decisionRegion: (action) => {
      const boxes: Box[] = [];
      for (const state of states) if (state.rule.action === action) boxes.push(...state.firstMatch);
      if (action === "AllowAccess") boxes.push(...finalUndecided);
      return new Region(context, boxes, [{ kind: "action", action }]);
    },
    defaultRegion: () => new Region(context, finalUndecided, [{ kind: "action", action: "AllowAccess" }]),
    decisionCells: () => [
      ...states
        .filter((state) => state.firstMatch.length > 0)
        .map((state): DecisionCell => ({ rule: state.rule, action: state.rule.action, boxes: state.firstMatch })),
      { rule: undefined, action: "AllowAccess", boxes: finalUndecided },
    ],
    space: (query) => new Region(context, [space.queryBox(query ?? {})], query ? [{ kind: "query", query }] : []),
    pass: () => ({
      firstMatch: states.map((state) => state.firstMatch),
      undecided: finalUndecided,
      ruleBoxes: states.map((state) => state.boxes),
    }),
  };
}

/**
 * The pass: the enabled rules in evaluation order, each taking what it matches of the connections
 * no earlier rule decided (within `universe`, every connection by default). Returns each rule's state (in `orderedRules` order) and the
 * connections left undecided, which are allowed by default. `ruleBoxes` gives the enabled rule's
 * box at a position (`space.ruleBoxes` by default; a caller may hand in boxes it already has).
 */
export function firstMatchPass(
  space: ConnectionSpace,
  orderedRules: readonly RuleSpec[],
  around: <T>(rule: RuleSpec, step: () => T) => T = (_, step) => step(),
  universe: Box = space.fullBox(),
  ruleBoxes: (rule: RuleSpec, position: number) => RuleBoxes = (rule) => space.ruleBoxes(rule),
): { states: RuleState[]; undecided: Box[] } {
  let undecided: Box[] = [universe];
  const states: RuleState[] = [];
  for (let position = 0; position < orderedRules.length; position++) {
    const rule = orderedRules[position] as RuleSpec;
    if (!rule.enabled) {
      states.push({ rule, firstMatch: [] });
      continue;
    }
    around(rule, () => {
      const boxes = ruleBoxes(rule, position);
      if (boxes.unsatisfiable) {
        states.push({ rule, boxes, firstMatch: [] });
        return;
      }
      const { inside: firstMatch, outside } = splitByBox(undecided, boxes.box);
      if (firstMatch.length > 0) undecided = outside;
      states.push({ rule, boxes, firstMatch });
    });
  }
  return { states, undecided };
}

/**
 * Work the covering sets of one rule set may take, counted in steps (an earlier rule scanned, a
 * blocker weighed, chosen or pruned), so the cut-off is the same on every machine. The covering
 * sets of a generated 1,000-rule set take about 50,000 steps and those of a 3,000-rule set about
 * 400,000; they grow with the square of the rule count, so the budget runs out near 4,500 such
 * rules. Past it, the remaining unreachable rules are reported without their covering rules
 * (`coverNotComputed`): their verdict (they decide nothing) is the pass's and stays proven.
 */
export const MAX_COVER_WORK = 1_000_000;

/** Covering-set work left for the rest of the rule set. */
interface CoverBudget {
  remaining: number;
}

function analyseRule(states: readonly RuleState[], position: number, state: RuleState, budget: CoverBudget): RuleAnalysis {
  const { rule, boxes } = state;
  if (!rule.enabled || !boxes) return { rule, evaluated: false, reachable: false };
  if (boxes.unsatisfiable) return { rule, evaluated: true, unsatisfiable: boxes.unsatisfiable, reachable: false };
  if (state.firstMatch.length > 0) return { rule, evaluated: true, reachable: true };
  // The pass has proven the rule unreachable; only naming the rules that cover it costs more.
  if (budget.remaining <= 0) return { rule, evaluated: true, reachable: false, coverNotComputed: true };
  const shadowing = findCover(states, position, boxes.box, budget);
  return shadowing ? { rule, evaluated: true, reachable: false, shadowing } : { rule, evaluated: true, reachable: false };
}

interface Blocker {
  readonly position: number;
  readonly state: RuleState;
  readonly weight: number;
  readonly differentAction: boolean;
}

/**
 * The earlier rules that take part of `target`, found by replaying it through them (what is left
 * of it before rule j is exactly the part rule j's first-match region can take; the replay stops
 * once nothing is left), chosen greedily by overlap weight, starting with the heaviest one whose
 * action differs, until they cover `target`; then pruned until no rule can be dropped without
 * uncovering it.
 */
function findCover(states: readonly RuleState[], position: number, target: Box, budget: CoverBudget): Shadowing | undefined {
  const action = (states[position] as RuleState).rule.action;
  const blockers: Blocker[] = [];
  const addressOnly = new Map<Box, boolean>();
  const rest = new ReplayedTarget(target, addressOnly);
  let earlier = 0;
  for (; earlier < position && !rest.isEmpty(); earlier++) {
    const state = states[earlier] as RuleState;
    const ruleBox = state.boxes?.box;
    // The target is one box: a cheap test that rejects most rules before the pieces are read.
    if (!ruleBox || state.firstMatch.length === 0 || !boxesIntersect(ruleBox, target)) continue;
    const weight = rest.take(ruleBox);
    if (weight === 0) continue;
    blockers.push({ position: earlier, state, weight, differentAction: state.rule.action !== action });
  }
  budget.remaining -= earlier + blockers.length;
  if (!rest.isEmptyAfterPendingCuts()) return undefined;

  const byWeight = [...blockers].sort((a, b) => b.weight - a.weight || a.position - b.position);
  const heaviestDifferent = byWeight.find((blocker) => blocker.differentAction);
  // Common case, and cheap: one blocker matches all of the target on its own.
  const alone =
    (heaviestDifferent && boxIsSubsetOf(target, heaviestDifferent.state.boxes?.box as Box) ? heaviestDifferent : undefined) ??
    byWeight.find((blocker) => blocker.differentAction && boxIsSubsetOf(target, blocker.state.boxes?.box as Box)) ??
    (heaviestDifferent ? undefined : byWeight.find((blocker) => boxIsSubsetOf(target, blocker.state.boxes?.box as Box)));
  if (alone) return { coveringRules: [alone.state.rule], differentAction: alone.differentAction };
  const order = heaviestDifferent ? [heaviestDifferent, ...byWeight.filter((b) => b !== heaviestDifferent)] : byWeight;

  const chosen: Blocker[] = [];
  const uncovered = new ReplayedTarget(target, addressOnly);
  for (const blocker of order) {
    const ruleBox = blocker.state.boxes?.box as Box;
    if (!uncovered.takeIfAny(ruleBox)) continue;
    chosen.push(blocker);
    if (uncovered.isEmpty()) break;
  }
  if (!uncovered.isEmptyAfterPendingCuts()) return undefined;

  // Drop the lightest first and the protected different-action blocker last.
  const pruneOrder = [...chosen].sort((a, b) => {
    if (a === heaviestDifferent) return 1;
    if (b === heaviestDifferent) return -1;
    return a.weight - b.weight || b.position - a.position;
  });
  budget.remaining -= 2 * chosen.length;
  const kept = new Set(chosen);
  if (kept.size > 1) {
    const cover = new CoverUnion(target, chosen);
    for (const candidate of pruneOrder) {
      if (cover.coveredWithout(candidate)) {
        cover.remove(candidate);
        kept.delete(candidate);
      }
    }
  }
  const coveringRules = [...kept].sort((a, b) => a.position - b.position).map((blocker) => blocker.state.rule);
  return { coveringRules, differentAction: coveringRules.some((rule) => rule.action !== action) };
}

const DIMENSIONS = ["protocols", "authenticationTypes", "scopes", "ports", "ips", "usernames", "groups", "attributes"] as const;
type Dimension = (typeof DIMENSIONS)[number];
type DimensionSet = Box[Dimension];
/** How a blocker's box cuts the target: not at all, in one dimension only, or in several. */
type Cut = { readonly kind: "whole" } | { readonly kind: "one"; readonly dimension: number; readonly member: number } | { readonly kind: "several" };

/**
 * The union of a covering set's boxes, as pruning asks about it: does it still cover the target
 * without one of them? Most blockers narrow the target in one dimension only (a blocked address
 * range, one user's rule, one protocol's rule); the target minus all of those at once is one box,
 * the target with each dimension minus the union of its blockers' sets there (a point escapes them
 * all exactly when it escapes in every dimension). Those unions sit in {@link UnionTree}s, so
 * leaving one blocker out costs a few set differences per dimension; only blockers that narrow
 * the target in several dimensions are replayed box by box. Exact: the same question as replaying
 * the whole target through every other blocker, answered without the quadratic replay.
 */
class CoverUnion {
  private readonly cuts = new Map<Blocker, Cut>();
  private readonly trees: (UnionTree<DimensionSet> | undefined)[] = [];
  private wholeCount = 0;
  private readonly several = new Set<Blocker>();

  constructor(
    private readonly target: Box,
    blockers: readonly Blocker[],
  ) {
    const members: DimensionSet[][] = DIMENSIONS.map(() => []);
    for (const blocker of blockers) {
      const box = blocker.state.boxes?.box as Box;
      let dimension = -1;
      let several = false;
      for (let d = 0; d < DIMENSIONS.length; d++) {
        const key = DIMENSIONS[d] as Dimension;
        if ((target[key] as SetOf<DimensionSet>).isSubsetOf(box[key] as never)) continue;
        if (dimension >= 0) {
          several = true;
          break;
        }
        dimension = d;
      }
      let cut: Cut;
      if (several) {
        cut = { kind: "several" };
        this.several.add(blocker);
      } else if (dimension < 0) {
        cut = { kind: "whole" };
        this.wholeCount++;
      } else {
        const list = members[dimension] as DimensionSet[];
        cut = { kind: "one", dimension, member: list.length };
        list.push(box[DIMENSIONS[dimension] as Dimension]);
      }
      this.cuts.set(blocker, cut);
    }
    for (const list of members) this.trees.push(list.length > 0 ? new UnionTree(list as never[]) : undefined);
  }

  /** Whether the other blockers still in the union cover the target without `blocker`. */
  coveredWithout(blocker: Blocker): boolean {
    const cut = this.cuts.get(blocker) as Cut;
    if (this.wholeCount - (cut.kind === "whole" ? 1 : 0) > 0) return true;
    // The others cover the target exactly when they cover the part of it this blocker matches
    // (the union covers the rest), or any part of the target containing that.
    const part = cut.kind === "one" ? this.target : cutInCheapDimensions(this.target, blocker.state.boxes?.box as Box);
    const rest: DimensionSet[] = [];
    for (let d = 0; d < DIMENSIONS.length; d++) {
      const key = DIMENSIONS[d] as Dimension;
      let set: DimensionSet = part[key];
      if (cut.kind === "one" && cut.dimension === d) {
        set = (set as SetOf<DimensionSet>).intersection((blocker.state.boxes?.box as Box)[key] as never);
      }
      const tree = this.trees[d];
      if (tree) set = tree.subtractFrom(set, cut.kind === "one" && cut.dimension === d ? cut.member : -1);
      if (set.isEmpty()) return true;
      rest.push(set);
    }
    if (this.several.size === 0 || (this.several.size === 1 && this.several.has(blocker))) return false;
    const remainder = makeBox(...(rest as Parameters<typeof makeBox>));
    const uncovered = new ReplayedTarget(remainder);
    for (const other of this.several) {
      if (other === blocker) continue;
      const box = other.state.boxes?.box as Box;
      if (!cheapDimensionsIntersect(box, remainder)) continue;
      uncovered.subtract(box);
      if (uncovered.isEmpty()) return true;
    }
    return uncovered.isEmptyAfterPendingCuts();
  }

  /** Takes `blocker` out of the union. */
  remove(blocker: Blocker): void {
    const cut = this.cuts.get(blocker) as Cut;
    if (cut.kind === "whole") this.wholeCount--;
    else if (cut.kind === "several") this.several.delete(blocker);
    else this.trees[cut.dimension]?.remove(cut.member);
  }
}

/** The operations every dimension set has, typed loosely enough to be called on any of them. */
interface SetOf<S> {
  isSubsetOf(other: S): boolean;
  intersection(other: S): S;
}

/** `target` cut to `box` in every dimension but the user dimensions (no decision-diagram work). */
function cutInCheapDimensions(target: Box, box: Box): Box {
  return makeBox(
    target.protocols.intersection(box.protocols),
    target.authenticationTypes.intersection(box.authenticationTypes),
    target.scopes.intersection(box.scopes),
    target.ports.intersection(box.ports),
    target.ips.intersection(box.ips),
    target.usernames,
    target.groups,
    target.attributes,
  );
}

/**
 * What is left of a target while it is replayed through the earlier rules. Rules that narrow the
 * target only in its addresses (blocked ranges, typically) are cut out lazily and in batches:
 * cutting slivers one by one would copy the target's ever more fragmented address list each time.
 */
class ReplayedTarget {
  private pieces: Box[];
  /** Address cuts not yet applied to `pieces`: a merged set and a short list of recent ones. */
  private pendingMerged = IpSet.EMPTY;
  private pendingRecent: IpSet[] = [];

  constructor(
    private readonly target: Box,
    /** Shared by the replays of one target: which boxes narrow it only in its addresses. */
    private readonly addressOnly = new Map<Box, boolean>(),
  ) {
    this.pieces = [target];
  }

  /** Empty for sure (cheap; pending cuts may empty it later). */
  isEmpty(): boolean {
    return this.pieces.length === 0;
  }

  isEmptyAfterPendingCuts(): boolean {
    this.flush();
    return this.pieces.every(boxIsEmpty);
  }

  /**
   * Takes what `box` matches out of what is left, and returns the weight of that part (the sum of
   * its pieces' weights; 0 when it takes nothing). One sweep over the pieces, so each piece is
   * asked once whether it meets `box`.
   */
  take(box: Box): number {
    let weight = 0;
    if (this.cutsOnlyAddresses(box)) {
      for (const piece of this.pieces) {
        const ips = this.outsidePending(piece.ips.intersection(box.ips));
        if (!ips.isEmpty()) weight += boxWeight(withIps(piece, ips));
      }
      if (weight > 0) this.cutAddresses(box.ips);
      return weight;
    }
    this.flush();
    const pieces: Box[] = freshList();
    for (const piece of this.pieces) {
      if (!boxesIntersect(piece, box)) {
        pieces.push(piece);
        continue;
      }
      weight += boxWeight(splitMeetingBox(piece, box, pieces));
    }
    if (weight > 0) this.pieces = pieces;
    return weight;
  }

  /** Takes what `box` matches out of what is left; whether it took anything. */
  takeIfAny(box: Box): boolean {
    if (this.cutsOnlyAddresses(box)) {
      if (!this.pieces.some((piece) => !this.outsidePending(piece.ips.intersection(box.ips)).isEmpty())) return false;
      this.cutAddresses(box.ips);
      return true;
    }
    this.flush();
    const pieces: Box[] = freshList();
    let took = false;
    for (const piece of this.pieces) {
      if (!boxesIntersect(piece, box)) {
        pieces.push(piece);
        continue;
      }
      took = true;
      for (const rest of subtractMeetingBox(piece, box)) pieces.push(rest);
    }
    if (took) this.pieces = pieces;
    return took;
  }

  subtract(box: Box): void {
    if (!this.cutsOnlyAddresses(box)) {
      this.flush();
      this.pieces = subtractFromAll(this.pieces, box);
      return;
    }
    this.cutAddresses(box.ips);
  }

  /** Cuts `ips` out of every piece (lazily), for a box that narrows the target only in addresses. */
  private cutAddresses(ips: IpSet): void {
    if (this.target.ips.isSubsetOf(ips)) {
      // The box contains the whole target: nothing is left.
      this.pieces = [];
      this.pendingMerged = IpSet.EMPTY;
      this.pendingRecent = [];
      return;
    }
    this.pendingRecent.push(ips);
    if (this.pendingRecent.length >= 32) {
      this.mergePending();
      // Checking for emptiness costs a pass over the fragmented pieces: only once per batch.
      if (this.pieces.every((piece) => piece.ips.isSubsetOf(this.pendingMerged))) this.flush();
    }
  }

  /** Whether `box` contains the target in every dimension but the addresses (asked once per box). */
  private cutsOnlyAddresses(box: Box): boolean {
    let known = this.addressOnly.get(box);
    if (known === undefined) {
      known = this.containsTargetBeyondAddresses(box);
      this.addressOnly.set(box, known);
    }
    return known;
  }

  private containsTargetBeyondAddresses(box: Box): boolean {
    const target = this.target;
    return (
      target.protocols.isSubsetOf(box.protocols) &&
      target.authenticationTypes.isSubsetOf(box.authenticationTypes) &&
      target.scopes.isSubsetOf(box.scopes) &&
      target.ports.isSubsetOf(box.ports) &&
      target.usernames.isSubsetOf(box.usernames) &&
      target.groups.isSubsetOf(box.groups) &&
      target.attributes.isSubsetOf(box.attributes)
    );
  }

  private outsidePending(ips: IpSet): IpSet {
    let result = ips.difference(this.pendingMerged);
    for (const cut of this.pendingRecent) {
      if (result.isEmpty()) break;
      result = result.difference(cut);
    }
    return result;
  }

  private mergePending(): void {
    this.pendingMerged = IpSet.unionAll([this.pendingMerged, ...this.pendingRecent]);
    this.pendingRecent = [];
  }

  private flush(): void {
    if (this.pendingRecent.length === 0 && this.pendingMerged.isEmpty()) return;
    this.mergePending();
    const cut = this.pendingMerged;
    this.pendingMerged = IpSet.EMPTY;
    const pieces: Box[] = freshList();
    for (const piece of this.pieces) {
      const ips = piece.ips.difference(cut);
      if (!ips.isEmpty()) pieces.push(withIps(piece, ips));
    }
    this.pieces = pieces;
  }
}

function withIps(box: Box, ips: IpSet): Box {
  return makeBox(box.protocols, box.authenticationTypes, box.scopes, box.ports, ips, box.usernames, box.groups, box.attributes);
}
