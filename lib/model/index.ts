/**
 * The rule-set model: read once per file and shared by every rule.
 */
import type { SourceCode } from "eslint";
import type { AST } from "jsonc-eslint-parser";
import { readRuleSet } from "./read-rule-set.ts";
import type { RuleSetModel } from "./types.ts";

export { readRuleSet, readRule, looksLikeCarRule } from "./read-rule-set.ts";
export { sortByEvaluationOrder } from "./rule-spec.ts";
export type { IpRange, PortRange, RuleSpec } from "./rule-spec.ts";
export type * from "./types.ts";

const modelBySourceCode = new WeakMap<SourceCode, RuleSetModel | null>();

/**
 * The model of the file being linted, or `undefined` when it is not a Client Access Rules file
 * (or was not parsed by jsonc-eslint-parser). Cached on the SourceCode object, which ESLint
 * shares between all rules linting one file.
 */
export function getRuleSet(sourceCode: SourceCode): RuleSetModel | undefined {
  const cached = modelBySourceCode.get(sourceCode);
  if (cached !== undefined) return cached ?? undefined;
  const isJson = (sourceCode.parserServices as { isJSON?: boolean } | undefined)?.isJSON === true;
  const model = isJson ? readRuleSet(sourceCode.ast as unknown as AST.JSONProgram) : undefined;
  modelBySourceCode.set(sourceCode, model ?? null);
  return model;
}
