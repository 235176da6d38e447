/**
 * The rule-set model: the readers of every input shape (JSON ASTs, PowerShell text) and the typed
 * rules they produce. ESLint's per-file reading and caching is lib/eslint/source-model.ts.
 */
export { readRuleSet, readRule, looksLikeCarRule } from "./read-rule-set.ts";
export { sortByEvaluationOrder } from "./rule-spec.ts";
export type { IpRange, PortRange, RuleSpec } from "./rule-spec.ts";
export type * from "./types.ts";
export { readPowerShellRuleSet, powerShellOrigin, type PowerShellOrigin } from "./powershell/read.ts";
export { UNDECODABLE_CHARACTER, isUtf16ReadAsUtf8, isUtf16RuleScript, undecodableCharacters, utf16Problem } from "./text-encoding.ts";
