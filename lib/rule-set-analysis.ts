/**
 * One analysis per file and REST semantics, shared by every rule that asks (the model is cached
 * per SourceCode, so keying on it shares the analysis across rules linting the same file).
 */
import { analyzeRuleSet, type RuleSetAnalysis } from "./analysis/index.ts";
import type { RuleSetModel } from "./model/index.ts";
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
