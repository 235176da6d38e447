/**
 * One analysis per file and REST semantics, shared by every rule that asks (the model is read once
 * per file, so keying on it shares the analysis across rules linting the same file).
 */
import { analyzeRuleSet, type BddLimitError, type RuleSetAnalysis } from "../analysis/index.ts";
import { compareRestSemantics, type RestSemanticsComparison } from "../analysis/rest-semantics.ts";
import type { RuleSetModel } from "../model/index.ts";
import type { RestSemantics } from "./settings.ts";
import { FileCache } from "../model/file-cache.ts";

const analyses = new FileCache<RuleSetModel, Map<RestSemantics, RuleSetAnalysis>>();

const stops = new FileCache<RuleSetModel, { error: BddLimitError | undefined }>();

/** The limit error that stopped this file's analysis (lib/eslint/create-rule.ts records it), if any. */
export function analysisStop(ruleSet: RuleSetModel): BddLimitError | undefined {
  return stops.get(ruleSet, () => ({ error: undefined })).error;
}

/**
 * Records that the analysis of this file stopped at a limit: every later rule asking about the
 * file gets the same error instead of a half-built analysis or a second attempt as costly as the first.
 */
export function recordAnalysisStop(ruleSet: RuleSetModel, error: BddLimitError): void {
  stops.get(ruleSet, () => ({ error: undefined })).error ??= error;
}

export function getAnalysis(ruleSet: RuleSetModel, restSemantics: RestSemantics): RuleSetAnalysis {
  const stopped = analysisStop(ruleSet);
  if (stopped) throw stopped;
  const bySemantics = analyses.get(ruleSet, () => new Map());
  let analysis = bySemantics.get(restSemantics);
  if (!analysis) {
    analysis = analyzeRuleSet(ruleSet.specs, { restSemantics });
    bySemantics.set(restSemantics, analysis);
  }
  return analysis;
}

const comparisons = new FileCache<RuleSetModel, RestSemanticsComparison>();

/**
 * The rule set evaluated under both REST semantics, once per file: the coupled side is the
 * coupled analysis' own pass, so only the independent pass is run here.
 */
export function getRestSemanticsComparison(ruleSet: RuleSetModel): RestSemanticsComparison {
  const stopped = analysisStop(ruleSet);
  if (stopped) throw stopped;
  return comparisons.get(ruleSet, () => compareRestSemantics(ruleSet.specs, getAnalysis(ruleSet, "coupled")));
}
