/**
 * What phase 2 of the REST/EWS split changes: the rule set evaluated twice, with EWS conditions
 * matching REST (coupled) and not (independent), over one universe of connections, so the two
 * outcomes can be compared connection by connection (KB 4013974).
 */
import type { RuleSpec } from "../model/rule-spec.ts";
import { sortByEvaluationOrder } from "../model/rule-spec.ts";
import type { RestSemantics } from "../model/vocabulary.ts";
import type { Action } from "../model/vocabulary.ts";
import { firstMatchPass } from "./analyze.ts";
import { type Box, intersectBoxes } from "./box.ts";
import { ConnectionSpace } from "./connection-space.ts";
import { decideInOrder } from "./decide.ts";
import type { Connection } from "./types.ts";

interface Pass {
  /** First-match boxes by rule position in evaluation order. */
  readonly firstMatch: readonly (readonly Box[])[];
  readonly decided: Readonly<Record<Action, readonly Box[]>>;
}

/** The analysis' own pass, with the connections each action ends up deciding. */
function passOf(space: ConnectionSpace, orderedRules: readonly RuleSpec[], universe: Box): Pass {
  const { states, undecided } = firstMatchPass(space, orderedRules, undefined, universe);
  const decided: Record<Action, Box[]> = { AllowAccess: [], DenyAccess: [] };
  for (const state of states) decided[state.rule.action].push(...state.firstMatch);
  decided.AllowAccess.push(...undecided);
  return { firstMatch: states.map((state) => state.firstMatch), decided };
}

export interface RestSemanticsChange {
  /** A REST connection whose action differs between the two semantics, decided by the rule. */
  readonly connection: Connection;
  readonly coupledAction: Action;
  readonly independentAction: Action;
  /** The rule that decides it under each semantics, from the replays (undefined: no rule matches). */
  readonly coupledDecidingRule: RuleSpec | undefined;
  readonly independentDecidingRule: RuleSpec | undefined;
}

export interface RestSemanticsComparison {
  /**
   * A REST connection that `ruleIndex` decides under `semantics` and whose action differs under
   * the other semantics, replayed with `decide` under both; undefined when there is none.
   */
  changeDecidedBy(
    ruleIndex: number,
    semantics: RestSemantics,
    prefer?: { readonly users: readonly string[]; readonly addresses: readonly string[] },
  ): RestSemanticsChange | undefined;
}

const MAX_WITNESS_CANDIDATES = 64;

export function compareRestSemantics(rules: readonly RuleSpec[]): RestSemanticsComparison {
  const orderedRules = sortByEvaluationOrder(rules);
  // Both spaces share their user dimensions, so their boxes describe the same connections and
  // can be intersected.
  const coupledSpace = new ConnectionSpace(orderedRules, "coupled");
  const spaces = {
    coupled: coupledSpace,
    independent: new ConnectionSpace(orderedRules, "independent", { sharedWith: coupledSpace }),
  };
  // Only REST connections can change: both passes start from them, which keeps their boxes few.
  const rest = spaces.coupled.queryBox({ protocols: ["REST"] });
  const passes = {
    coupled: passOf(spaces.coupled, orderedRules, rest),
    independent: passOf(spaces.independent, orderedRules, rest),
  };
  const positionByIndex = new Map<number, number>();
  orderedRules.forEach((rule, position) => {
    if (!positionByIndex.has(rule.index)) positionByIndex.set(rule.index, position);
  });
  return {
    changeDecidedBy(ruleIndex, semantics, prefer) {
      // Every change returned is replayed under both semantics, so it is proven.
      const position = positionByIndex.get(ruleIndex);
      if (position === undefined) return undefined;
      const rule = orderedRules[position]!;
      // What the rule decides (its own action) that the other semantics decides the other way,
      // box by box and only as far as needed: all changed boxes at once cost |allow| × |deny|.
      const other = semantics === "coupled" ? passes.independent : passes.coupled;
      const opposite: Action = rule.action === "AllowAccess" ? "DenyAccess" : "AllowAccess";
      const candidates = lazyIntersections(passes[semantics].firstMatch[position]!, other.decided[opposite]);
      let attempts = 0;
      for (const box of candidates) {
        if (attempts >= MAX_WITNESS_CANDIDATES) break;
        for (let variant = 0; variant < 3 && attempts < MAX_WITNESS_CANDIDATES; variant++, attempts++) {
          const shortest = spaces[semantics].witness(box, variant);
          if (!shortest) continue;
          // Readable names where the box holds them (checked against the box, not by replays).
          const connection = prefer ? withPreferredNames(spaces[semantics], box, shortest, prefer) : shortest;
          const coupled = decideInOrder(orderedRules, connection, { restSemantics: "coupled" });
          const independent = decideInOrder(orderedRules, connection, { restSemantics: "independent" });
          const decidingRule = semantics === "coupled" ? coupled.decidingRule : independent.decidingRule;
          if (connection.protocol === "REST" && decidingRule === rule && coupled.action !== independent.action) {
            return {
              connection,
              coupledAction: coupled.action,
              independentAction: independent.action,
              coupledDecidingRule: coupled.decidingRule,
              independentDecidingRule: independent.decidingRule,
            };
          }
        }
      }
      return undefined;
    },
  };
}

function withPreferredNames(
  space: ConnectionSpace,
  box: Box,
  witness: Connection,
  prefer: { readonly users: readonly string[]; readonly addresses: readonly string[] },
): Connection {
  let best = witness;
  for (const name of prefer.users) {
    const candidate = { ...best, user: { ...best.user, name } };
    if (space.boxContains(box, candidate)) {
      best = candidate;
      break;
    }
  }
  for (const ip of prefer.addresses) {
    const candidate = { ...best, ip };
    if (space.boxContains(box, candidate)) {
      best = candidate;
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
