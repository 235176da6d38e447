/**
 * Parity and packaging checks: every rule has a file, a test, a docs page and an index entry, and
 * the configs are well formed.
 */
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import plugin from "../lib/index.ts";

const root = new URL("../", import.meta.url);
const baseNames = (folder: string, suffix: string) =>
  readdirSync(new URL(folder, root))
    .filter((file) => file.endsWith(suffix))
    .map((file) => file.slice(0, -suffix.length))
    .sort();

describe("plugin", () => {
  const ruleIds = Object.keys(plugin.rules).sort();

  it("registers every rule file, and nothing else", () => {
    expect(ruleIds).toEqual(baseNames("rules/", ".ts"));
  });

  it("has a test file for every rule", () => {
    expect(baseNames("tests/rules/", ".test.ts")).toEqual(ruleIds);
  });

  it("has a docs page for every rule, with the sections users need", () => {
    expect(baseNames("docs/rules/", ".md")).toEqual(ruleIds);
    for (const id of ruleIds) {
      const page = readFileSync(new URL(`docs/rules/${id}.md`, root), "utf8");
      expect(page, id).toContain(`# client-access-rules/${id}`);
      expect(page, id).toMatch(/## Rule details/);
      expect(page, id).toMatch(/## Microsoft source/);
      expect(page, id).toMatch(/learn\.microsoft\.com/);
    }
  });

  it("documents every rule in the README's generated table", () => {
    const readme = readFileSync(new URL("README.md", root), "utf8");
    for (const id of ruleIds) expect(readme, id).toContain(`[${id}](docs/rules/${id}.md)`);
  });

  it("gives every rule complete metadata", () => {
    for (const [id, rule] of Object.entries(plugin.rules)) {
      const meta = rule.meta!;
      expect(meta.docs?.url, id).toMatch(new RegExp(`/docs/rules/${id}\\.md$`));
      expect(meta.docs?.description, id).toMatch(/^[a-z]/);
      expect(Array.isArray(meta.schema), id).toBe(true);
      expect(Object.keys(meta.messages ?? {}).length, id).toBeGreaterThan(0);
    }
  });

  it("has meta with name, version and namespace from package.json", () => {
    const packageJson = JSON.parse(readFileSync(new URL("package.json", root), "utf8"));
    expect(plugin.meta).toEqual({ name: packageJson.name, version: packageJson.version, namespace: "client-access-rules" });
  });

  it("ships flat configs scoped to rule files, with names, the parser and only its own rules", () => {
    for (const name of ["recommended", "all"] as const) {
      const config = plugin.configs[name];
      expect(config.name).toBe(`client-access-rules/${name}`);
      expect(config.files).toContain("**/*.car.json");
      expect(config.languageOptions?.parser).toBeDefined();
      expect(config.plugins?.["client-access-rules"]).toBe(plugin);
      for (const ruleId of Object.keys(config.rules ?? {})) expect(ruleId).toMatch(/^client-access-rules\//);
    }
    expect(Object.keys(plugin.configs.all.rules!)).toHaveLength(ruleIds.length);
    expect(Object.values(plugin.configs.all.rules!).every((level) => level === "error")).toBe(true);
  });

  it("ships legacy eslintrc configs with an absolute parser path", () => {
    const legacy = plugin.configs["legacy-recommended"] as { plugins: string[]; overrides: Array<{ parser: string; rules: object }> };
    expect(legacy.plugins).toEqual(["client-access-rules"]);
    expect(legacy.overrides[0]!.parser).toMatch(/jsonc-eslint-parser/);
    expect(legacy.overrides[0]!.rules).toEqual(plugin.configs.recommended.rules);
  });
});
