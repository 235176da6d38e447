/**
 * eslint-plugin-client-access-rules: lints the JSON and PowerShell files that hold Exchange Client Access Rules.
 */
import type { ESLint, Linter, Rule } from "eslint";
import { rules } from "./eslint/all-rules.ts";
import { buildConfigs } from "./eslint/configs.ts";
import { meta } from "./eslint/meta.ts";
import { powerShellLanguage } from "./eslint/powershell-language.ts";

export interface ClientAccessRulesPlugin extends ESLint.Plugin {
  readonly meta: typeof meta;
  readonly rules: Record<string, Rule.RuleModule>;
  readonly configs: {
    readonly recommended: Linter.Config;
    readonly all: Linter.Config;
    readonly "recommended-powershell": Linter.Config;
    readonly "all-powershell": Linter.Config;
    readonly "legacy-recommended": Linter.LegacyConfig;
    readonly "legacy-all": Linter.LegacyConfig;
  };
}

const languages = { powershell: powerShellLanguage };
const plugin = { meta, rules, languages } as unknown as ClientAccessRulesPlugin;
(plugin as { configs: unknown }).configs = buildConfigs(plugin, rules);

export default plugin;
/**
 * Also as named exports: eslintrc (ESLint 8 and 9) loads the plugin with require(), which for an
 * ES module returns its namespace, where it looks for `configs` and `rules`.
 */
export const configs = plugin.configs;
export { meta, rules, languages };
export { POWERSHELL_FILE_GLOBS, RULE_FILE_GLOBS } from "./eslint/configs.ts";
export type { PluginSettings, RestSemantics, Target } from "./eslint/settings.ts";
