/**
 * The shipped configs, as flat configs (ESLint 9 and 10) and as legacy eslintrc configs (ESLint 8
 * and 9 in eslintrc mode). Both are built from each rule's `meta.docs.recommended`.
 */
import { createRequire } from "node:module";
import type { ESLint, Linter } from "eslint";
import type { CarRuleModule } from "./create-rule.ts";
import { jsonParser } from "./json-parser.ts";
import { meta } from "./meta.ts";

/** The files the configs apply to: a naming convention, so other JSON in a repository is left alone. */
export const RULE_FILE_GLOBS = [
  "**/*.car.json",
  "**/*.car.jsonc",
  "**/client-access-rules/**/*.json",
  "**/client-access-rules/**/*.jsonc",
];

/**
 * PowerShell files: deployment scripts and Microsoft365DSC configurations. A script without Client
 * Access Rule cmdlets or blocks costs a quick text scan and yields nothing.
 */
export const POWERSHELL_FILE_GLOBS = ["**/*.ps1", "**/*.psm1"];

/** eslintrc `overrides` globs match basenames when they have no slash. */
const LEGACY_FILE_GLOBS = ["*.car.json", "*.car.jsonc", "**/client-access-rules/**/*.json", "**/client-access-rules/**/*.jsonc"];

type RuleLevels = Linter.RulesRecord;

function ruleLevels(rules: Readonly<Record<string, CarRuleModule>>, which: "recommended" | "all"): RuleLevels {
  const levels: RuleLevels = {};
  for (const [id, rule] of Object.entries(rules)) {
    const recommended = rule.meta.docs.recommended;
    if (which === "all") levels[`${meta.namespace}/${id}`] = "error";
    else if (recommended) levels[`${meta.namespace}/${id}`] = recommended;
  }
  return levels;
}

export function buildConfigs(plugin: ESLint.Plugin, rules: Readonly<Record<string, CarRuleModule>>) {
  const flat = (which: "recommended" | "all"): Linter.Config => ({
    name: `${meta.namespace}/${which}`,
    files: RULE_FILE_GLOBS,
    plugins: { [meta.namespace]: plugin },
    languageOptions: { parser: jsonParser },
    rules: ruleLevels(rules, which),
  });
  const legacy = (which: "recommended" | "all") => ({
    plugins: [meta.namespace],
    overrides: [
      {
        files: LEGACY_FILE_GLOBS,
        // An absolute path: eslintrc would otherwise resolve the parser from the user's project.
        parser: createRequire(import.meta.url).resolve("jsonc-eslint-parser"),
        rules: ruleLevels(rules, which),
      },
    ],
  });
  // A config object carries one language: PowerShell files get configs of their own (ESLint ≥ 9.7).
  const powerShell = (which: "recommended" | "all"): Linter.Config => ({
    name: `${meta.namespace}/${which}-powershell`,
    files: POWERSHELL_FILE_GLOBS,
    plugins: { [meta.namespace]: plugin },
    language: `${meta.namespace}/powershell`,
    rules: ruleLevels(rules, which),
  });
  return {
    recommended: flat("recommended"),
    all: flat("all"),
    "recommended-powershell": powerShell("recommended"),
    "all-powershell": powerShell("all"),
    "legacy-recommended": legacy("recommended"),
    "legacy-all": legacy("all"),
  };
}
