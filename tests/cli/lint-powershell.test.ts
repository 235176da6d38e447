/**
 * `client-access-rules lint` on PowerShell files: the zero-config run reads deployment scripts
 * and Microsoft365DSC configurations, and a named PowerShell file without Client Access Rules is
 * reported, never passed as clean.
 */
import path from "node:path";
import type { ESLint } from "eslint";
import { describe, expect, it } from "vitest";
import { powerShellRuleFilesUnder, supportsLanguages, zeroConfig } from "../../lib/cli/lint.ts";
import { run, temporaryDirectory, writeFiles } from "./cli-harness.ts";

const directory = temporaryDirectory("lint-ps");
const deploy = [
  "New-ClientAccessRule -Name 'Always Allow Remote PowerShell' -Action AllowAccess -AnyOfProtocols RemotePowerShell -Priority 1",
  "New-ClientAccessRule -Name 'Block EWS' -Action DenyAccess -AnyOfProtocols ExchangeWebServices -Priority 2",
  "",
].join("\n");
writeFiles(directory, {
  "scripts/deploy.ps1": deploy,
  "scripts/helpers.psm1": "function Get-Greeting { 'hello' }\n",
  "plain.ps1": 'Write-Host "no rules here"\n',
});

function findings(json: string): Record<string, string[]> {
  const results = JSON.parse(json) as ESLint.LintResult[];
  return Object.fromEntries(
    results.map((result) => [
      path.relative(directory, result.filePath),
      result.messages.map((message) => `${message.line}:${message.column} ${message.ruleId}`),
    ]),
  );
}

describe("lint: PowerShell files", () => {
  it("a script PowerShell cannot parse (a string never closed): lint reports the parse error, the other commands stop with exit 2", async () => {
    const brokenDirectory = temporaryDirectory("lint-ps-broken");
    writeFiles(brokenDirectory, { "scripts/deploy.ps1": deploy, "broken/deploy.ps1": deploy.replace("'Block EWS'", "'Block EWS") });
    const message =
      "This string is never closed, so PowerShell refuses to run the script: it runs none of the commands of a script with a syntax error, so no rule in this file is read or checked.";
    const lint = await run(brokenDirectory, "lint", "broken/deploy.ps1", "--format", "json");
    expect(lint.exitCode).toBe(1);
    const [result] = JSON.parse(lint.stdout) as ESLint.LintResult[];
    expect(result!.messages.map((entry) => [entry.fatal, entry.line, entry.column, entry.message])).toEqual([[true, 2, 28, `Parsing error: ${message}`]]);
    for (const argv of [["report", "broken/deploy.ps1"], ["what-if", "broken/deploy.ps1", "--protocol", "REST", "--ip", "192.0.2.1"], ["diff", "scripts/deploy.ps1", "broken/deploy.ps1"]]) {
      const stopped = await run(brokenDirectory, ...argv);
      expect([argv[0], stopped.exitCode, stopped.stdout]).toEqual([argv[0], 2, ""]);
      expect(stopped.stderr).toContain(`cannot parse broken/deploy.ps1 (line 2, column 28): ${message}`);
    }
  });

  it("walks a directory for .ps1 and .psm1 files; one without rules yields nothing", async () => {
    const result = await run(directory, "lint", "scripts", "--format", "json");
    expect(result.exitCode).toBe(1);
    expect(findings(result.stdout)).toEqual({
      "scripts/deploy.ps1": ["2:75 client-access-rules/no-ews-block-without-rest-exception"],
      "scripts/helpers.psm1": [],
    });
  });

  it("fixes a script in place with --fix", async () => {
    writeFiles(directory, { "fix/deploy.ps1": deploy });
    const result = await run(directory, "lint", "fix/deploy.ps1", "--fix");
    expect(result.exitCode).toBe(0);
    const { readFileSync } = await import("node:fs");
    expect(readFileSync(path.join(directory, "fix/deploy.ps1"), "utf8")).toContain("-Priority 2 -ExceptAnyOfProtocols REST\n");
  });

  it("says a named PowerShell file holds no Client Access Rules, with exit code 2", async () => {
    const result = await run(directory, "lint", "plain.ps1");
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toBe(
      "client-access-rules found no Client Access Rules in plain.ps1: no New-, Set- or Remove-ClientAccessRule command and no EXOClientAccessRule block.\n",
    );
  });

  it("uses the PowerShell config only where ESLint has languages (9.7 and later)", () => {
    expect(["8.57.1", "9.6.0", "9.7.0", "9.39.5", "10.15.0"].map(supportsLanguages)).toEqual([false, false, true, true, true]);
    expect(zeroConfig(["a.ps1", "b.json"], directory, {}, false).map((config) => config.name)).toEqual([
      "client-access-rules/recommended",
      "client-access-rules/files-named-on-the-command-line",
    ]);
    expect(zeroConfig(["a.ps1", "b.json"], directory, {}).map((config) => config.name)).toEqual([
      "client-access-rules/recommended",
      "client-access-rules/recommended-powershell",
      "client-access-rules/files-named-on-the-command-line",
      "client-access-rules/powershell-files-named-on-the-command-line",
    ]);
  });

  it("finds the PowerShell rule files an ESLint without languages would leave unlinted (so the CLI refuses them)", async () => {
    writeFiles(directory, { "node_modules/pkg/deploy.ps1": deploy, ".git/hooks/x.ps1": deploy });
    expect((await powerShellRuleFilesUnder(["."], directory)).sort()).toEqual(["fix/deploy.ps1", "scripts/deploy.ps1"]);
    expect(await powerShellRuleFilesUnder(["plain.ps1", "scripts/helpers.psm1"], directory)).toEqual([]);
  });
});
