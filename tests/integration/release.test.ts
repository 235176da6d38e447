/**
 * What the release process (docs/releasing.md) relies on: the README's pre-commit snippet names
 * the tag `npm version` / the release creates for the version in package.json (`v<version>`), the
 * hook ids it names exist, and CHANGELOG.md follows Keep a Changelog with a section for that
 * version and an Unreleased section.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../", import.meta.url));
const read = (file: string) => readFileSync(`${root}${file}`, "utf8");
const { version } = JSON.parse(read("package.json")) as { version: string };

describe("release bookkeeping", () => {
  it("the README's pre-commit snippet names the release tag of package.json's version and existing hook ids", () => {
    const snippet = /```yaml\n# \.pre-commit-config\.yaml\n([\s\S]*?)```/u.exec(read("README.md"))?.[1];
    expect(snippet).toBeDefined();
    expect(/^\s*rev: (\S+)$/mu.exec(snippet!)?.[1]).toBe(`v${version}`);
    const hookIds = [...read(".pre-commit-hooks.yaml").matchAll(/^- id: (\S+)$/gmu)].map((match) => match[1]);
    const named = [...snippet!.matchAll(/id: ([\w-]+)/gu), ...snippet!.matchAll(/or ([\w-]+) to apply/gu)].map((match) => match[1]);
    expect(named.length).toBeGreaterThan(0);
    for (const id of named) expect(hookIds).toContain(id);
  });

  it("npm's tag prefix is the default `v`", () => {
    expect(read(".npmrc")).not.toMatch(/tag-version-prefix/u);
  });

  it("CHANGELOG.md has an Unreleased section, a section for the current version, and links for both", () => {
    const changelog = read("CHANGELOG.md");
    expect(changelog).toMatch(/^# Changelog$/mu);
    expect(changelog).toContain("https://keepachangelog.com/en/1.1.0/");
    const headings = [...changelog.matchAll(/^## \[([^\]]+)\](?: - (.+))?$/gmu)].map((match) => match[1]);
    expect(headings[0]).toBe("Unreleased");
    expect(headings).toContain(version);
    expect(changelog).toMatch(/^\[Unreleased\]: https:\/\/\S+\/compare\/v\S+\.\.\.HEAD$/mu);
    expect(changelog).toContain(`[${version}]: `);
    for (const [, date] of changelog.matchAll(/^## \[[^\]]+\] - (.+)$/gmu)) {
      expect(date).toMatch(/^(\d{4}-\d{2}-\d{2}|Unreleased)$/u);
    }
  });
});
