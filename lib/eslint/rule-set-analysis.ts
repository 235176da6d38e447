/**
 * One analysis per file and REST semantics, shared by every rule that asks (the model is cached
 * per SourceCode, so keying on it shares the analysis across rules linting the same file).
 */
import { analyzeRuleSet, type RuleSetAnalysis } from "../analysis/index.ts";
import { compareRestSemantics, type RestSemanticsComparison } from "../analysis/rest-semantics.ts";
import type { RuleSetModel } from "../model/index.ts";
import type { RestSemantics } from "./settings.ts";

const analyses = new WeakMap<RuleSetModel, Map<RestSemantics, RuleSetAnalysis>>();

export function getAnalysis(ruleSet: RuleSetModel, restSemantics: RestSemantics): RuleSetAnalysis {
  let bySemantics = analyses.get(ruleSet);
  if (!bySemantics) {
    bySemantics = new Map();
    analyses.set(ruleSet, bySemantics);
  }
  let analysis = bySemantics.get(restSemantics);
  if (!analysis) {
    analysis = analyzeRuleSet(ruleSet.specs, { restSemantics });
    bySemantics.set(restSemantics, analysis);
  }
  return analysis;
}

const comparisons = new WeakMap<RuleSetModel, RestSemanticsComparison>();

/** The rule set evaluated under both REST semantics, once per file. */
export function getRestSemanticsComparison(ruleSet: RuleSetModel): RestSemanticsComparison {
  let comparison = comparisons.get(ruleSet);
  if (!comparison) {
    comparison = compareRestSemantics(ruleSet.specs);
    comparisons.set(ruleSet, comparison);
  }
  return comparison;
}
