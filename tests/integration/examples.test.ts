/**
 * The bundled examples through the ESLint class with the repository's own eslint.config.js (the
 * README's `npx eslint examples/`), and every autofix of the `all` config applied to them.
 */
import { ESLint } from "eslint";
import { getStaticJSONValue, parseJSON } from "jsonc-eslint-parser";
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import plugin from "../../lib/index.ts";

const root = fileURLToPath(new URL("../../", import.meta.url));
const exampleFiles = readdirSync(`${root}examples`).filter((file) => /\.car\.jsonc?$|\.ps1$/u.test(file)).sort();

/** Every finding on every example: `line:column rule-id`. A planted mistake moves only with its file. */
const EXPECTED: Record<string, string[]> = {
  "admin-api-export.car.json": ["25:15 no-remote-powershell-lockout"],
  // "Office networks only" is created last with -Priority 1: it moves every other rule down.
  "deploy-client-access-rules.ps1": ["40:28 no-blocked-outlook-mobile", "40:28 no-remote-powershell-lockout"],
  "microsoft365dsc-configuration.ps1": ["46:54 no-ews-block-without-rest-exception"],
  "microsoft365dsc-report.car.json": ["29:5 no-ip-condition-for-outlook-mobile"],
  "clean-organization.car.json": [],
  "ews-block-option1-allow-rest.car.json": [],
  "ews-block-option2-except-rest.car.json": [],
  "ews-block-without-rest.car.json": ["14:24 no-ews-block-without-rest-exception"],
  "exchange-server-lockout.car.json": ["5:15 no-remote-powershell-lockout"],
  "exchange-server.car.json": [],
  "get-clientaccessrule-export.car.json": ["159:15 valid-schema", "170:24 valid-schema"],
  "microsoft365dsc.car.json": ["24:17 no-duplicate-priority"],
  "office-only-catch-all.car.json": ["30:15 no-blocked-outlook-mobile"],
  "phase-2-drift.car.json": ["14:24 require-explicit-rest"],
  "remote-powershell-lockout.car.json": ["20:15 no-remote-powershell-lockout"],
  "rest-with-ip-condition.car.json": ["15:5 no-ip-condition-for-outlook-mobile"],
  "shadowed-rules.car.json": [
    "19:15 no-shadowed-rules",
    "35:15 no-shadowed-rules",
    "55:7 no-unsatisfiable-rule",
    "63:39 no-unsatisfiable-rule",
  ],
  "typical-mistakes.car.jsonc": [
    "21:7 valid-schema",
    "29:26 valid-schema",
    "36:17 valid-schema",
    "44:19 no-duplicate-priority",
    "54:25 valid-schema",
    "61:26 valid-schema",
    "70:42 valid-ip-address",
    "70:56 valid-ip-address",
    "78:48 valid-recipient-filter",
    "86:31 valid-recipient-filter",
    "91:15 no-duplicate-name",
    "104:60 no-duplicate-values",
    "104:92 no-duplicate-values",
    "107:5 valid-schema",
    "116:19 valid-schema",
    "125:18 valid-schema",
    "136:35 no-unsupported-condition",
    "144:7 no-unsupported-condition",
    "153:7 no-unsupported-condition",
    "161:26 no-unsupported-condition",
    "162:7 no-unsupported-condition",
  ],
};

describe("examples with the repository's eslint.config.js", () => {
  const eslint = new ESLint({ cwd: root });

  it("covers every example file", () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(exampleFiles);
  });

  it.each(exampleFiles)("%s reports exactly the planted mistakes", async (file) => {
    const [result] = await eslint.lintFiles([`examples/${file}`]);
    const findings = result!.messages.map(
      (message) => `${message.line}:${message.column} ${message.ruleId?.replace("client-access-rules/", "")}`,
    );
    expect(result!.messages.filter((message) => message.fatal)).toEqual([]);
    expect(findings).toEqual(EXPECTED[file]);
  });
});

describe("--fix with the all config", () => {
  const configs = [plugin.configs.all, plugin.configs["all-powershell"]];
  const fixer = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: configs, fix: true });
  const linter = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: configs });

  it.each(exampleFiles)("%s: fixes converge to valid JSON, and a second --fix changes nothing", async (file) => {
    const path = `${root}examples/${file}`;
    const original = readFileSync(path, "utf8");
    const [first] = await fixer.lintText(original, { filePath: path });
    const fixed = first!.output ?? original;
    if (file.endsWith(".ps1")) {
      // PowerShell fixes only add: every line of the original is still there.
      for (const line of original.split("\n")) expect(fixed).toContain(line.replace(/;$/u, ""));
    } else {
      if (file.endsWith(".json")) expect(() => JSON.parse(fixed)).not.toThrow();
      else expect(() => getStaticJSONValue(parseJSON(fixed))).not.toThrow();
      // Comments survive: every comment of the original is still there.
      for (const comment of parseJSON(original).comments) expect(fixed).toContain(comment.value);
    }

    const [second] = await fixer.lintText(fixed, { filePath: path });
    expect(second!.output ?? fixed).toBe(fixed);
    const [remaining] = await linter.lintText(fixed, { filePath: path });
    expect(remaining!.messages.filter((message) => message.fix)).toEqual([]);
  });
});
