/**
 * Rule files saved as ANSI (Windows-1252), as Windows PowerShell 5.1's Set-Content and older
 * editors write them: ESLint and the commands read them as UTF-8, so every non-ASCII character is
 * U+FFFD. Through ESLint with the shipped configs and `fix: true` (ESLint reads the bytes from
 * disk and would write its output back), each file gets one finding that says so, a value holding
 * such a character keeps its rule out of the analysis, and no autofix is applied: the same files
 * saved as UTF-8 are fixed, so the difference is the encoding.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";
import plugin from "../../lib/index.ts";
import { run, temporaryDirectory } from "../cli/cli-harness.ts";

const directory = temporaryDirectory("ansi");
// "Allow" is autofixed to "AllowAccess" in a UTF-8 file; the EWS block is a no-ews-block finding
// unless its rule is left out of the analysis.
const rules = `${JSON.stringify(
  [
    { Name: "Fernwartung erlauben", Action: "Allow", AnyOfProtocols: ["RemotePowerShell"], Priority: 1 },
    { Name: "EWS für alle außer Jürgen sperren", Action: "DenyAccess", AnyOfProtocols: ["ExchangeWebServices"], ExceptUsernameMatchesAnyOfPatterns: ["contoso\\jürgen"], Priority: 2 },
  ],
  null,
  2,
)}\r\n`;
const script = [
  "# Regeln für den Außendienst",
  "New-ClientAccessRule -Name 'Fernwartung erlauben' -Action Allow -AnyOfProtocols RemotePowerShell -Priority 1",
  "New-ClientAccessRule -Name 'EWS sperren' -Action DenyAccess -AnyOfProtocols ExchangeWebServices -ExceptUsernameMatchesAnyOfPatterns 'contoso\\jürgen' -Priority 2",
  "",
].join("\r\n");
const files: Record<string, Buffer> = {
  "ansi.car.json": Buffer.from(rules, "latin1"),
  "utf8.car.json": Buffer.from(rules, "utf8"),
  "ansi.ps1": Buffer.from(script, "latin1"),
  "utf8.ps1": Buffer.from(script, "utf8"),
};
for (const [name, bytes] of Object.entries(files)) writeFileSync(path.join(directory, name), bytes);

const undecodableFile = (count: number, name: string) =>
  `This file is not UTF-8: ${count} of its characters, the first here, could not be read and show as "\uFFFD" (a file saved as ANSI, as Windows PowerShell 5.1's Set-Content writes by default, holds its é, ß and ü that way). No autofix is applied to it, since writing the file would put "\uFFFD" over the original characters. Save it as UTF-8: in Windows PowerShell 5.1, (Get-Content '${name}') | Set-Content -Encoding UTF8 '${name}'`;

describe("ANSI rule files", () => {
  const eslint = new ESLint({
    cwd: directory,
    fix: true,
    overrideConfigFile: true,
    overrideConfig: [plugin.configs.recommended, plugin.configs["recommended-powershell"]],
  });

  it("through ESLint: one finding for the file, one per unreadable pattern (its rule left out), and no autofix; UTF-8 copies are fixed", async () => {
    const results = await eslint.lintFiles(Object.keys(files));
    const byFile = Object.fromEntries(
      results.map((result) => [path.basename(result.filePath), result.messages.map((message) => `${message.line}:${message.column} ${message.ruleId}`)]),
    );
    // The ANSI copies keep every finding, the EWS block's excepted: its rule is not analysed.
    expect(byFile).toEqual({
      "ansi.car.json": ["4:15 client-access-rules/valid-schema", "11:19 client-access-rules/valid-schema", "17:7 client-access-rules/valid-schema"],
      "utf8.car.json": [],
      "ansi.ps1": ["1:11 client-access-rules/valid-schema", "2:59 client-access-rules/valid-schema", "3:133 client-access-rules/valid-schema"],
      "utf8.ps1": [],
    });
    const result = (name: string) => results.find((entry) => path.basename(entry.filePath) === name)!;
    expect(result("ansi.car.json").output).toBeUndefined();
    expect(result("ansi.ps1").output).toBeUndefined();
    // The UTF-8 copies: the alias autofixed, and the EWS block (analysed) given its REST exception.
    expect(result("utf8.car.json").output).toContain('"Action": "AllowAccess"');
    expect(result("utf8.car.json").output).toContain('"ExceptAnyOfProtocols": [\n      "REST"\n    ]');
    expect(result("utf8.ps1").output).toContain("'contoso\\jürgen' -Priority 2 -ExceptAnyOfProtocols REST");

    const [json, powerShell] = [result("ansi.car.json").messages, result("ansi.ps1").messages];
    expect(json[1]!.message).toBe(undecodableFile(4, "ansi.car.json"));
    expect(json[2]!.message).toBe(
      'ExceptUsernameMatchesAnyOfPatterns value "contoso\\j\uFFFDrgen" holds a character that could not be read as UTF-8 (shown as "\uFFFD"): what it matches is unknown, so this rule is left out of the analysis. Save the file as UTF-8.',
    );
    expect(powerShell[0]!.message).toBe(undecodableFile(3, "ansi.ps1"));
    expect(powerShell[2]!.message).toBe(json[2]!.message);
  });

  it("report lists the rule it could not read, and why", async () => {
    const result = await run(directory, "report", "ansi.car.json");
    expect(result.stdout).toContain(
      `"EWS f\uFFFDr alle au\uFFFDer J\uFFFDrgen sperren" was not read and counts as absent: line 17: ExceptUsernameMatchesAnyOfPatterns value "contoso\\j\uFFFDrgen" holds a character that is not UTF-8 (the file is not saved as UTF-8)`,
    );
  });
});
