/**
 * The examples of the input-form pages (docs/inputs/*.md): each JSON example is read in the form
 * its page names (`<!-- input-form example: shape=… findings=… -->` above the block) and has
 * exactly the number of findings the page states under the recommended config. The index links
 * every page.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";
import { parseJSON } from "jsonc-eslint-parser";
import { describe, expect, it } from "vitest";
import plugin from "../../lib/index.ts";
import { readPowerShellRuleSet, readRuleSet } from "../../lib/model/index.ts";

const root = fileURLToPath(new URL("../../", import.meta.url));
const pagesDir = path.join(root, "docs/inputs");
const pages = readdirSync(pagesDir).filter((name) => name.endsWith(".md") && name !== "README.md").sort();

const examples = pages.flatMap((page) => {
  const text = readFileSync(path.join(pagesDir, page), "utf8");
  return [...text.matchAll(/<!-- input-form example: shape=([\w-]+) findings=(\d+) -->\n```(jsonc?|powershell)\n([\s\S]*?)```/gu)].map(
    (match, index) => ({
      label: `${page} example ${index + 1}`,
      shape: match[1]!,
      findings: Number(match[2]),
      powerShell: match[3] === "powershell",
      code: match[4]!,
    }),
  );
});

describe("input-form pages", () => {
  it("the index links every page, and every page has an example", () => {
    const index = readFileSync(path.join(pagesDir, "README.md"), "utf8");
    for (const page of pages) {
      expect(index).toContain(`](${page})`);
      expect(examples.some((example) => example.label.startsWith(page)), page).toBe(true);
    }
    expect(readFileSync(path.join(root, "README.md"), "utf8")).toContain("](docs/inputs/README.md)");
  });

  const eslint = new ESLint({
    cwd: root,
    overrideConfigFile: true,
    overrideConfig: [plugin.configs.recommended, plugin.configs["recommended-powershell"]],
  });

  it.each(examples.map((example) => [example.label, example] as const))("%s: read in its form, with the stated findings", async (_label, example) => {
    const model = example.powerShell ? readPowerShellRuleSet(example.code) : readRuleSet(parseJSON(example.code));
    expect(model?.shape).toBe(example.shape);
    const filePath = path.join(root, example.powerShell ? "tenant/example.ps1" : "tenant/example.car.json");
    const [result] = await eslint.lintText(example.code, { filePath });
    expect(result!.messages.map((message) => `${message.line}:${message.column} ${message.ruleId}: ${message.message}`)).toHaveLength(example.findings);
    expect(result!.messages.every((message) => message.ruleId?.startsWith("client-access-rules/"))).toBe(true);
  });
});
