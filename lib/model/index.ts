/**
 * The rule-set model: read once per file and shared by every rule.
 */
import type { SourceCode } from "eslint";
import { jsonProgramOf, jsonSourceOf } from "./json-source.ts";
import { readRuleSet } from "./read-rule-set.ts";
import { readPowerShellRuleSet } from "./powershell/read.ts";
import type { RuleSetModel } from "./types.ts";
import { FileCache } from "./file-cache.ts";

export { readRuleSet, readRule, looksLikeCarRule } from "./read-rule-set.ts";
export { sortByEvaluationOrder } from "./rule-spec.ts";
export type { IpRange, PortRange, RuleSpec } from "./rule-spec.ts";
export type * from "./types.ts";
export { jsonSourceOf } from "./json-source.ts";
export { readPowerShellRuleSet, powerShellOrigin, type PowerShellOrigin } from "./powershell/read.ts";
export type { JsonSource } from "./json-source.ts";

/** A file linted with the plugin's PowerShell language (its AST root says so). */
export function isPowerShell(sourceCode: SourceCode): boolean {
  return (sourceCode.ast as unknown as { powerShell?: unknown } | undefined)?.powerShell === true;
}

const modelOfFile = new FileCache<SourceCode, RuleSetModel | undefined>();

/**
 * The model of the file being linted, or `undefined` when it is not a Client Access Rules file
 * (or not JSON). Either JSON AST works (see json-source.ts): the model's nodes are then those of
 * `jsonSourceOf(sourceCode)`. Read once per file: ESLint gives every rule linting one file the
 * same SourceCode object.
 */
export function getRuleSet(sourceCode: SourceCode): RuleSetModel | undefined {
  return modelOfFile.get(sourceCode, readModel);
}

function readModel(sourceCode: SourceCode): RuleSetModel | undefined {
  const json = isPowerShell(sourceCode) ? undefined : jsonSourceOf(sourceCode);
  return json ? readRuleSet(jsonProgramOf(json)) : isPowerShell(sourceCode) ? readPowerShellRuleSet(sourceCode.text) : undefined;
}
