/**
 * lib/analysis: exact, pure analysis of a Client Access Rule set (no ESLint, no JSON AST).
 *
 * - `analyzeRuleSet` runs one pass and returns per-rule findings (unsatisfiable, reachable,
 *   shadowed/redundant with an irredundant covering set) and regions of connections.
 * - `decide` is the offline `Test-ClientAccessRule` for one concrete connection.
 * - `witnessDecidedBy` gives a replayed connection that a rule decides.
 * - `BddLimitError` is what the analysis throws when it meets its one hard limit (the decision
 *   diagram's node count): the rule set is then not analysed, and callers say so.
 */
import type { RuleSetAnalysis } from "./analyze.ts";
import type { Connection, ConnectionQuery } from "./types.ts";

export { analyzeRuleSet } from "./analyze.ts";
export { BddLimitError } from "./bdd.ts";
export type { RuleSetAnalysis } from "./analyze.ts";
export { decide } from "./decide.ts";
export { Region, matchesQuery } from "./region.ts";
export { matchesPattern, isWellFormedUsername, wellFormedMatch } from "./wildcard.ts";
export { parseIpAddress, formatIpAddress, formatIpRange } from "./ip-set.ts";
export type {
  AnalyzeOptions,
  Connection,
  ConnectionQuery,
  ConnectionUser,
  Decision,
  DecideOptions,
  DecisionStep,
  FailedCondition,
  RuleAnalysis,
  Shadowing,
  UndecidedRule,
  Unsatisfiable,
  UnsatisfiableDimension,
} from "./types.ts";

/**
 * A connection that `ruleIndex` decides (inside `query` when given), replayed with `decide`
 * before it is returned; undefined when there is none or none could be verified.
 */
export function witnessDecidedBy(
  analysis: RuleSetAnalysis,
  ruleIndex: number,
  query?: ConnectionQuery,
): Connection | undefined {
  const region = analysis.firstMatchRegion(ruleIndex);
  return (query ? region.intersect(analysis.space(query)) : region).witness();
}
