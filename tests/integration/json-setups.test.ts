/**
 * The plugin beside the JSON set-ups projects already have, on ESLint 9 and 10: @eslint/json's
 * languages (`json/json` on `**\/*.json`, `json/jsonc` on `**\/*.jsonc`) before and after the
 * plugin's config, eslint-plugin-jsonc's `jsonc/x` language before and after, and the plugin
 * alone. Every set-up must give the same findings (rule, span, message, severity), the same
 * autofix output and the same suggestions on every example, and leave package.json to the
 * other plugin.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import eslintJson from "@eslint/json";
import { ESLint as ESLint10, type Linter } from "eslint";
import { ESLint as ESLint9 } from "eslint-v9";
import eslintPluginJsonc from "eslint-plugin-jsonc";
import { describe, expect, it } from "vitest";
import plugin from "../../lib/index.ts";

const root = fileURLToPath(new URL("../../", import.meta.url));
const examples = readdirSync(path.join(root, "examples"))
  .filter((name) => /\.car\.jsonc?$/u.test(name))
  .sort();

const exchangeServerSettings: Linter.Config = {
  files: ["examples/exchange-server*.car.json"],
  settings: { "client-access-rules": { target: "exchange-server" } },
};

/** @eslint/json as its README sets it up: strict JSON for .json, JSONC (trailing commas allowed) for .jsonc. */
const withEslintJson: Linter.Config[] = [
  { files: ["**/*.json"], plugins: { json: eslintJson }, language: "json/json", rules: eslintJson.configs.recommended.rules },
  {
    files: ["**/*.jsonc"],
    plugins: { json: eslintJson },
    language: "json/jsonc",
    languageOptions: { allowTrailingCommas: true },
    rules: eslintJson.configs.recommended.rules,
  },
];

/** @eslint/json's JSON5 language on every JSON file (JSON and JSONC are JSON5 accepts both). */
const withEslintJson5: Linter.Config[] = [
  { files: ["**/*.json", "**/*.jsonc"], plugins: { json: eslintJson }, language: "json/json5", rules: eslintJson.configs.recommended.rules },
];

/** eslint-plugin-jsonc's recommended config for JSONC, on every .json/.jsonc/.json5 file (language jsonc/x). */
const withJsonc = eslintPluginJsonc.configs["flat/recommended-with-jsonc"] as Linter.Config[];

const car = plugin.configs.recommended;
const setups: Record<string, Linter.Config[]> = {
  "the plugin alone": [car, exchangeServerSettings],
  "@eslint/json before the plugin": [...withEslintJson, car, exchangeServerSettings],
  "@eslint/json after the plugin": [car, exchangeServerSettings, ...withEslintJson],
  "@eslint/json (json5) before the plugin": [...withEslintJson5, car, exchangeServerSettings],
  "@eslint/json (json5) after the plugin": [car, exchangeServerSettings, ...withEslintJson5],
  "eslint-plugin-jsonc before the plugin": [...withJsonc, car, exchangeServerSettings],
  "eslint-plugin-jsonc after the plugin": [car, exchangeServerSettings, ...withJsonc],
};

type EngineClass = new (options: Record<string, unknown>) => ESLint10;
const engines: Array<[string, EngineClass]> = [
  ["ESLint 9", ESLint9 as unknown as EngineClass],
  ["ESLint 10", ESLint10],
];

const isOurs = (ruleId: string | null) => ruleId?.startsWith("client-access-rules/") ?? false;

/** Every finding of ours with its span, message, fix and suggestions, per example. */
async function findings(eslint: ESLint10): Promise<Record<string, string[]>> {
  const results = await eslint.lintFiles(examples.map((name) => path.join(root, "examples", name)));
  const byFile: Record<string, string[]> = {};
  for (const result of results) {
    const fatal = result.messages.filter((message) => message.fatal);
    expect(fatal, path.basename(result.filePath)).toEqual([]);
    byFile[path.basename(result.filePath)] = result.messages
      .filter((message) => isOurs(message.ruleId))
      .map((message) =>
        JSON.stringify([
          message.ruleId,
          message.severity,
          message.line,
          message.column,
          message.endLine,
          message.endColumn,
          message.message,
          message.fix ?? null,
          (message.suggestions ?? []).map((suggestion) => [suggestion.desc, suggestion.fix]),
        ]),
      );
  }
  return byFile;
}

/** The files as `--fix` leaves them, with only our rules fixing. */
async function fixedOutputs(Engine: EngineClass, config: Linter.Config[]): Promise<Record<string, string | undefined>> {
  const eslint = new Engine({ cwd: root, overrideConfigFile: true, overrideConfig: config, fix: true, ruleFilter: ({ ruleId }: { ruleId: string }) => isOurs(ruleId) });
  const results = await eslint.lintFiles(examples.map((name) => path.join(root, "examples", name)));
  return Object.fromEntries(results.map((result) => [path.basename(result.filePath), result.output]));
}

describe.each(engines)("%s", (_engineName, Engine) => {
  const lint = (config: Linter.Config[]) => findings(new Engine({ cwd: root, overrideConfigFile: true, overrideConfig: config }));

  it("the plugin alone finds the planted findings of the examples", async () => {
    const alone = await lint(setups["the plugin alone"]!);
    expect(Object.keys(alone)).toEqual(examples);
    expect(Object.values(alone).flat().length).toBeGreaterThan(30);
    expect(alone["typical-mistakes.car.jsonc"]!.length).toBeGreaterThan(15);
  });

  it.each(Object.keys(setups).slice(1))("%s: same findings, fixes and suggestions as the plugin alone", async (setup) => {
    const [alone, beside] = await Promise.all([lint(setups["the plugin alone"]!), lint(setups[setup]!)]);
    expect(beside).toEqual(alone);
    const [aloneFixed, besideFixed] = await Promise.all([
      fixedOutputs(Engine, setups["the plugin alone"]!),
      fixedOutputs(Engine, setups[setup]!),
    ]);
    expect(besideFixed).toEqual(aloneFixed);
    expect(Object.values(aloneFixed).filter((output) => output !== undefined).length).toBeGreaterThan(2);
  });

  it.each(Object.keys(setups).slice(1))("%s: the other plugin's language and rules run on rule files, package.json gets only theirs", async (setup) => {
    const eslint = new Engine({ cwd: root, overrideConfigFile: true, overrideConfig: setups[setup]! });
    // A duplicate key: the other plugin reports it; ours reports the deny alias.
    const ruleFile = '[{ "Name": "a", "Name": "b", "Action": "Deny", "AnyOfProtocols": ["POP3"] }]\n';
    const [ruleResult] = await eslint.lintText(ruleFile, { filePath: path.join(root, "tenant/rules.car.json") });
    const ruleIds = ruleResult!.messages.map((message) => message.ruleId);
    expect(ruleIds).toContain(setup.startsWith("@eslint/json") ? "json/no-duplicate-keys" : "jsonc/no-dupe-keys");
    expect(ruleIds).toContain("client-access-rules/valid-schema");
    const packageJson = '{ "name": "x", "name": "y", "version": "1.0.0" }\n';
    const [packageResult] = await eslint.lintText(packageJson, { filePath: path.join(root, "package.json") });
    expect(packageResult!.messages.map((message) => message.ruleId)).toEqual([
      setup.startsWith("@eslint/json") ? "json/no-duplicate-keys" : "jsonc/no-dupe-keys",
    ]);
  });
});
