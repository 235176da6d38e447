/**
 * The shipped configs through ESLint's own classes, as users run them: flat config on ESLint 10,
 * the legacy eslintrc config on ESLint 9 (eslintrc mode), and the repository's eslint.config.js.
 */
import { ESLint } from "eslint";
import { LegacyESLint } from "eslint-v9/use-at-your-own-risk";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import plugin from "../../lib/index.ts";

const root = fileURLToPath(new URL("../../", import.meta.url));

const badRuleFile = `[
  { "Name": "Block legacy", "Action": "Deny", "AnyOfProtocols": ["POP3", "IMAP4", "POP3"], "Priority": 1 }
]
`;

function summary(results: ESLint.LintResult[]) {
  return results.flatMap((result) => result.messages.map((message) => `${message.line}:${message.column} ${message.ruleId}`));
}

describe("flat config (ESLint 10)", () => {
  const eslint = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: [plugin.configs.recommended] });

  it("lints a rule file named by the convention", async () => {
    const results = await eslint.lintText(badRuleFile, { filePath: "tenant/rules.car.json" });
    expect(summary(results)).toEqual([
      "2:39 client-access-rules/valid-schema",
      "2:83 client-access-rules/no-duplicate-values",
    ]);
    expect(results[0]!.messages.map((message) => message.severity)).toEqual([2, 1]);
  });

  it("lints JSON under a client-access-rules folder and JSONC with comments", async () => {
    const jsonc = `// tenant rules\n${badRuleFile.replace("]\n", "  , // trailing comma\n]\n")}`;
    const results = await eslint.lintText(jsonc, { filePath: "client-access-rules/tenant.jsonc" });
    expect(summary(results)).toEqual([
      "3:39 client-access-rules/valid-schema",
      "3:83 client-access-rules/no-duplicate-values",
    ]);
  });

  it("leaves JavaScript and other JSON files alone", async () => {
    expect(await eslint.isPathIgnored("src/index.js")).toBe(false);
    const results = await eslint.lintText(badRuleFile, { filePath: "package-data.json" });
    expect(results[0]!.messages.filter((message) => !message.message.startsWith("File ignored"))).toEqual([]);
    const script = await eslint.lintText("const x = 1;\n", { filePath: "src/index.js" });
    expect(script[0]!.messages).toEqual([]);
  });

  it("applies the all config to **/*.json without touching files that are not rule sets", async () => {
    const everything = new ESLint({
      cwd: root,
      overrideConfigFile: true,
      overrideConfig: [{ ...plugin.configs.all, files: ["**/*.json"] }],
    });
    const others = {
      "package.json": JSON.stringify({ name: "x", version: "1.0.0", scripts: { test: "vitest" } }),
      "tsconfig.json": '{ "compilerOptions": { "strict": true } }',
      "menu.json": '[{ "name": "Home", "priority": 1, "enabled": true }, { "name": "About", "priority": 1 }]',
      "rules.json": '{ "rules": [{ "name": "semi", "priority": 2 }] }',
    };
    for (const [filePath, text] of Object.entries(others)) {
      const results = await everything.lintText(text, { filePath });
      expect(results[0]!.messages, filePath).toEqual([]);
    }
  });

  it("reads settings: the exchange-server target", async () => {
    const server = new ESLint({
      cwd: root,
      overrideConfigFile: true,
      overrideConfig: [plugin.configs.recommended, { settings: { "client-access-rules": { target: "exchange-server" } } }],
    });
    const results = await server.lintText(
      '[{ "Name": "Block OWA", "Action": "DenyAccess", "AnyOfProtocols": ["OutlookWebApp"] }]',
      { filePath: "server.car.json" },
    );
    expect(summary(results)).toEqual(["1:68 client-access-rules/no-unsupported-condition"]);
  });

  it("runs from the repository's own eslint.config.js (the README's command)", async () => {
    const repository = new ESLint({ cwd: root });
    const results = await repository.lintFiles(["examples/typical-mistakes.car.jsonc"]);
    expect(results[0]!.errorCount).toBeGreaterThan(0);
    expect(results[0]!.messages.every((message) => message.ruleId?.startsWith("client-access-rules/"))).toBe(true);
  });
});

describe("legacy config (ESLint 9 in eslintrc mode)", () => {
  const eslint = new LegacyESLint({
    cwd: root,
    useEslintrc: false,
    // ESLint 9's plugin types differ from ESLint 10's, which the plugin is typed against.
    plugins: { "client-access-rules": plugin as never },
    overrideConfig: { extends: ["plugin:client-access-rules/legacy-recommended"] },
  });

  it("lints a rule file with the same findings as the flat config", async () => {
    const results = await eslint.lintText(badRuleFile, { filePath: `${root}tenant/rules.car.json` });
    expect(summary(results as ESLint.LintResult[])).toEqual([
      "2:39 client-access-rules/valid-schema",
      "2:83 client-access-rules/no-duplicate-values",
    ]);
  });

  it("leaves other JSON alone", async () => {
    const results = await eslint.lintText(badRuleFile, { filePath: `${root}data.json` });
    expect(results[0]!.messages.filter((message) => !message.message.startsWith("File ignored"))).toEqual([]);
  });

  it("runs from the repository's own .eslintrc.cjs", async () => {
    const repository = new LegacyESLint({ cwd: root });
    const results = await repository.lintFiles(["examples/typical-mistakes.car.jsonc"]);
    expect(results[0]!.errorCount).toBeGreaterThan(0);
  });
});
