/**
 * What phase 2 of the REST/EWS split changes: the rule set evaluated twice, with EWS conditions
 * matching REST (coupled) and not (independent), over one universe of connections, so the two
 * outcomes can be compared connection by connection (KB 4013974).
 */
import type { RuleSpec } from "../model/rule-spec.ts";
import { positionsByIndex, sortByEvaluationOrder } from "../model/rule-spec.ts";
import type { RestSemantics } from "../model/vocabulary.ts";
import type { Action } from "../model/vocabulary.ts";
import { type FirstMatchPass, type RuleSetAnalysis, firstMatchPass } from "./analyze.ts";
import { type Box, intersectBoxes, makeBox } from "./box.ts";
import { ConnectionSpace, type RuleBoxes } from "./connection-space.ts";
import { type IpOutline, outlinesMeet } from "./ip-set.ts";
import type { Connection } from "./types.ts";
import { withReadableNames } from "./readable-witness.ts";

/** Connections one rule decides (undefined: no rule matches them, the default allows). */
interface Decided {
  readonly box: Box;
  readonly by: RuleSpec | undefined;
  /** `by`'s position in evaluation order (the default: after every rule). */
  readonly position: number;
  /** `box.ips` outlined: nearly every box a rule's box is tried against is told apart by it. */
  readonly ips: IpOutline;
}

interface Pass {
  /** First-match boxes by rule position in evaluation order. */
  readonly firstMatch: readonly (readonly Box[])[];
  /** In evaluation order of their rules, the default's last. */
  readonly decided: Readonly<Record<Action, readonly Decided[]>>;
  /** The same, only those of rules naming ExchangeWebServices. */
  readonly decidedByEwsRules: Readonly<Record<Action, readonly Decided[]>>;
}

/**
 * The analysis' own pass over `universe`, with the connections each action decides, and by which
 * rule; `ruleBoxes` as for {@link firstMatchPass}.
 */
function passOf(
  space: ConnectionSpace,
  orderedRules: readonly RuleSpec[],
  universe: Box,
  ruleBoxes?: (rule: RuleSpec, position: number) => RuleBoxes,
): Pass {
  const { states, undecided } = firstMatchPass(space, orderedRules, undefined, universe, ruleBoxes);
  return passFrom(orderedRules, states.map((state) => state.firstMatch), undecided);
}

/**
 * A whole-space pass cut down to REST connections: each box with REST kept with REST as its only
 * protocol (its other dimensions shared, not copied), the others dropped. That is box for box the
 * pass a REST-only universe would give: splitting a box commutes with cutting it to one protocol,
 * because a piece keeps its box's sets in every dimension it is not cut in.
 */
function restPartOf(orderedRules: readonly RuleSpec[], pass: FirstMatchPass, rest: Box): Pass {
  const restOnly = (boxes: readonly Box[]) => {
    const kept: Box[] = [];
    for (const box of boxes) {
      if (!box.protocols.intersects(rest.protocols)) continue;
      kept.push(makeBox(rest.protocols, box.authenticationTypes, box.scopes, box.ports, box.ips, box.usernames, box.groups, box.attributes));
    }
    return kept;
  };
  return passFrom(orderedRules, pass.firstMatch.map(restOnly), restOnly(pass.undecided));
}

function passFrom(orderedRules: readonly RuleSpec[], firstMatch: readonly (readonly Box[])[], undecided: readonly Box[]): Pass {
  const decided: Record<Action, Decided[]> = { AllowAccess: [], DenyAccess: [] };
  firstMatch.forEach((boxes, position) => {
    const rule = orderedRules[position]!;
    for (const box of boxes) decided[rule.action].push({ box, by: rule, position, ips: box.ips.outline() });
  });
  for (const box of undecided) decided.AllowAccess.push({ box, by: undefined, position: Infinity, ips: box.ips.outline() });
  const byEws = (list: readonly Decided[]) => list.filter(({ by }) => by !== undefined && namesEws(by));
  return {
    firstMatch,
    decided,
    decidedByEwsRules: { AllowAccess: byEws(decided.AllowAccess), DenyAccess: byEws(decided.DenyAccess) },
  };
}

/** The semantics differ only in what ExchangeWebServices means in a rule's protocol lists. */
function namesEws(rule: RuleSpec): boolean {
  return (rule.protocols ?? []).includes("ExchangeWebServices") || (rule.exceptProtocols ?? []).includes("ExchangeWebServices");
}

/**
 * What the other semantics decides with `action` that could lie in a first-match box of the rule
 * at `position`, in evaluation order. A rule before it that does not name ExchangeWebServices is
 * left out: it matches the same connections under both semantics, so whatever it decides under
 * one it takes under the other too, before the rule at `position` could.
 */
function* possibleDeciders(pass: Pass, action: Action, position: number): Generator<Decided> {
  for (const decided of pass.decidedByEwsRules[action]) {
    if (decided.position >= position) break;
    yield decided;
  }
  const all = pass.decided[action];
  let low = 0;
  let high = all.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (all[middle]!.position < position) low = middle + 1;
    else high = middle;
  }
  for (let index = low; index < all.length; index++) yield all[index]!;
}

export interface RestSemanticsChange {
  /** A REST connection whose action differs between the two semantics, decided by the rule. */
  readonly connection: Connection;
  readonly coupledAction: Action;
  readonly independentAction: Action;
  /** The rule that decides it under each semantics (undefined: no rule matches). */
  readonly coupledDecidingRule: RuleSpec | undefined;
  readonly independentDecidingRule: RuleSpec | undefined;
}

export interface RestSemanticsComparison {
  /**
   * A REST connection that `ruleIndex` decides under `semantics` and whose action differs under
   * the other semantics; undefined when there is none. The proof is box membership (see
   * `compareRestSemantics`).
   */
  changeDecidedBy(
    ruleIndex: number,
    semantics: RestSemantics,
    prefer?: { readonly users: readonly string[]; readonly addresses: readonly string[] },
  ): RestSemanticsChange | undefined;
}

const MAX_WITNESS_CANDIDATES = 64;

/**
 * The comparison of `rules` under both semantics. With `coupled`, the coupled analysis of the same
 * rules (`analyzeRuleSet(rules, { restSemantics: "coupled" })`), its connection space and pass are
 * reused and only the independent pass is run.
 */
export function compareRestSemantics(rules: readonly RuleSpec[], coupled?: RuleSetAnalysis): RestSemanticsComparison {
  if (coupled && coupled.restSemantics !== "coupled") throw new Error("compareRestSemantics reuses a coupled analysis only");
  const orderedRules = coupled ? coupled.orderedRules : sortByEvaluationOrder(rules);
  // Both spaces share their user dimensions, so their boxes describe the same connections and
  // can be intersected.
  const coupledSpace = coupled ? coupled.connectionSpace : new ConnectionSpace(orderedRules, "coupled");
  const spaces = {
    coupled: coupledSpace,
    // No rules: the coupled space, built from these rules, already holds their variables.
    independent: new ConnectionSpace([], "independent", { sharedWith: coupledSpace }),
  };
  // Only REST connections can change: both passes start from them, which keeps their boxes few.
  const rest = spaces.coupled.queryBox({ protocols: ["REST"] });
  const coupledPass = coupled?.pass();
  // A rule that does not name ExchangeWebServices has the same box under both semantics: the
  // independent pass takes the coupled analysis' box instead of building it again.
  const independentBoxes =
    coupledPass &&
    ((rule: RuleSpec, position: number) =>
      namesEws(rule) ? spaces.independent.ruleBoxes(rule) : (coupledPass.ruleBoxes[position] as RuleBoxes));
  const passes = {
    coupled: coupledPass ? restPartOf(orderedRules, coupledPass, rest) : passOf(spaces.coupled, orderedRules, rest),
    independent: passOf(spaces.independent, orderedRules, rest, independentBoxes),
  };
  const positionByIndex = positionsByIndex(orderedRules);
  // A connection in `firstMatch ∩ decided` is decided by the box's rule under each semantics:
  // the passes are exact and box membership of a concrete connection is exact, so, as with
  // Region.readableWitness, the proof costs the box, not a replay over every rule.
  const inBox = (box: Box, connection: Connection) =>
    connection.protocol === "REST" && spaces.coupled.boxContains(box, connection) && spaces.independent.boxContains(box, connection);
  return {
    changeDecidedBy(ruleIndex, semantics, prefer) {
      const position = positionByIndex.get(ruleIndex);
      if (position === undefined) return undefined;
      const rule = orderedRules[position]!;
      // What the rule decides (its own action) that the other semantics decides the other way,
      // box by box and only as far as needed: all changed boxes at once cost |allow| × |deny|.
      const other = semantics === "coupled" ? passes.independent : passes.coupled;
      const opposite: Action = rule.action === "AllowAccess" ? "DenyAccess" : "AllowAccess";
      const candidates = lazyIntersections(passes[semantics].firstMatch[position]!, () => possibleDeciders(other, opposite, position));
      let attempts = 0;
      for (const { box, by } of candidates) {
        if (attempts >= MAX_WITNESS_CANDIDATES) break;
        for (let variant = 0; variant < 3 && attempts < MAX_WITNESS_CANDIDATES; variant++, attempts++) {
          const shortest = spaces[semantics].witness(box, variant);
          if (!shortest || !inBox(box, shortest)) continue;
          // Readable names where the box holds them.
          const connection = prefer
            ? withReadableNames(shortest, (candidate) => inBox(box, candidate), prefer.users, prefer.addresses)
            : shortest;
          const [coupledDecidingRule, independentDecidingRule] = semantics === "coupled" ? [rule, by] : [by, rule];
          return {
            connection,
            coupledAction: coupledDecidingRule?.action ?? "AllowAccess",
            independentAction: independentDecidingRule?.action ?? "AllowAccess",
            coupledDecidingRule,
            independentDecidingRule,
          };
        }
      }
      return undefined;
    },
  };
}

/**
 * The non-empty pairwise intersections of two box lists, one at a time, with the rule deciding
 * each. In a large file nearly every pair has addresses that do not meet (blocked ranges against
 * office ranges): their outlines settle those without asking the boxes.
 */
function* lazyIntersections(a: readonly Box[], b: () => Iterable<Decided>): Generator<{ box: Box; by: RuleSpec | undefined }> {
  for (const box of a) {
    const ips = box.ips.outline();
    for (const other of b()) {
      if (!outlinesMeet(ips, other.ips)) continue;
      const both = intersectBoxes(box, other.box);
      if (both) yield { box: both, by: other.by };
    }
  }
}
