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
import { type Box, intersectBoxLists, intersectWithAll } from "./box.ts";
import { ConnectionSpace } from "./connection-space.ts";
import { decide } from "./decide.ts";
import type { Connection } from "./types.ts";

interface Pass {
  /** First-match boxes by rule position in evaluation order. */
  readonly firstMatch: readonly (readonly Box[])[];
  readonly decided: Readonly<Record<Action, readonly Box[]>>;
}

/** The analysis' own pass, with the connections each action ends up deciding. */
function passOf(space: ConnectionSpace, orderedRules: readonly RuleSpec[]): Pass {
  const { states, undecided } = firstMatchPass(space, orderedRules);
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
}

export interface RestSemanticsComparison {
  /**
   * A REST connection that `ruleIndex` decides under `semantics` and whose action differs under
   * the other semantics, replayed with `decide` under both; undefined when there is none.
   */
  changeDecidedBy(ruleIndex: number, semantics: RestSemantics): RestSemanticsChange | undefined;
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
  const passes = {
    coupled: passOf(spaces.coupled, orderedRules),
    independent: passOf(spaces.independent, orderedRules),
  };
  const rest = spaces.coupled.queryBox({ protocols: ["REST"] });
  const changed = [
    ...intersectBoxLists(intersectWithAll(passes.coupled.decided.AllowAccess, rest), passes.independent.decided.DenyAccess),
    ...intersectBoxLists(intersectWithAll(passes.coupled.decided.DenyAccess, rest), passes.independent.decided.AllowAccess),
  ];
  return {
    changeDecidedBy(ruleIndex, semantics) {
      // Every change returned is replayed under both semantics, so it is proven.
      if (changed.length === 0) return undefined;
      const position = orderedRules.findIndex((rule) => rule.index === ruleIndex);
      if (position < 0) return undefined;
      const rule = orderedRules[position]!;
      const candidates = intersectBoxLists(passes[semantics].firstMatch[position]!, changed);
      let attempts = 0;
      for (const box of candidates) {
        for (let variant = 0; variant < 3 && attempts < MAX_WITNESS_CANDIDATES; variant++, attempts++) {
          const connection = spaces[semantics].witness(box, variant);
          if (!connection) continue;
          const coupled = decide(orderedRules, connection, { restSemantics: "coupled" });
          const independent = decide(orderedRules, connection, { restSemantics: "independent" });
          const decidingRule = semantics === "coupled" ? coupled.decidingRule : independent.decidingRule;
          if (connection.protocol === "REST" && decidingRule === rule && coupled.action !== independent.action) {
            return { connection, coupledAction: coupled.action, independentAction: independent.action };
          }
        }
      }
      return undefined;
    },
  };
}
