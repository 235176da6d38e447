/**
 * Rule files saved as UTF-16, as Windows PowerShell's Out-File and > write them: through ESLint
 * with the shipped configs (ESLint reads the bytes from disk) and through the commands, each says
 * the file is UTF-16 and how to convert it. A UTF-16 script with rules no longer lints clean; one
 * without rules still yields nothing, like any other script.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";
import plugin from "../../lib/index.ts";
import { utf16Problem } from "../../lib/model/text-encoding.ts";
import { run, temporaryDirectory } from "../cli/cli-harness.ts";

const directory = temporaryDirectory("utf16");
const rules = `${JSON.stringify(
  [
    { Name: "Always Allow Remote PowerShell", Action: "AllowAccess", AnyOfProtocols: ["RemotePowerShell"], Priority: 1 },
    { Name: "Block EWS", Action: "DenyAccess", AnyOfProtocols: ["ExchangeWebServices"], Priority: 2 },
  ],
  null,
  2,
)}\r\n`;
const script = [
  "New-ClientAccessRule -Name 'Always Allow Remote PowerShell' -Action AllowAccess -AnyOfProtocols RemotePowerShell -Priority 1",
  "New-ClientAccessRule -Name 'Block EWS' -Action DenyAccess -AnyOfProtocols ExchangeWebServices -Priority 2",
  "",
].join("\r\n");

const utf16le = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
const utf16be = (text: string) => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, "utf16le").swap16()]);
const files: Record<string, Buffer> = {
  "out-file.car.json": utf16le(rules),
  "big-endian.car.json": utf16be(rules),
  "no-bom.car.json": Buffer.from(rules, "utf16le"),
  "deploy.ps1": utf16le(script),
  "helpers.ps1": utf16le("function Get-Greeting { 'hello' }\r\n"),
  "utf8-bom.car.json": Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(rules)]),
};
for (const [name, bytes] of Object.entries(files)) writeFileSync(path.join(directory, name), bytes);

describe("UTF-16 rule files", () => {
  const eslint = new ESLint({
    cwd: directory,
    overrideConfigFile: true,
    overrideConfig: [plugin.configs.recommended, plugin.configs["recommended-powershell"]],
  });

  it("through ESLint: a parse error at 1:1 that says so, for JSON and for a script with rules; a script without rules yields nothing", async () => {
    const results = await eslint.lintFiles(Object.keys(files));
    const byFile = Object.fromEntries(
      results.map((result) => [
        path.basename(result.filePath),
        result.messages.map((message) => `${message.line}:${message.column} ${message.fatal ? "fatal" : message.ruleId}${message.fatal ? `: ${message.message}` : ""}`),
      ]),
    );
    const unreadable = (name: string) => [`1:1 fatal: Parsing error: ${utf16Problem(name)}`];
    expect(byFile).toEqual({
      "out-file.car.json": unreadable("out-file.car.json"),
      "big-endian.car.json": unreadable("big-endian.car.json"),
      "no-bom.car.json": unreadable("no-bom.car.json"),
      "deploy.ps1": unreadable("deploy.ps1"),
      "helpers.ps1": [],
      "utf8-bom.car.json": ["14:7 client-access-rules/no-ews-block-without-rest-exception"],
    });
    expect(results.find((result) => result.filePath.endsWith("deploy.ps1"))?.errorCount).toBe(1);
  });

  it("a file that parses is not looked at again: UTF-8 JSON with a stray parse error keeps the parser's message", async () => {
    const [result] = await eslint.lintText('[{ "Name": "x", "Action": "DenyAccess" ]', { filePath: path.join(directory, "broken.car.json") });
    expect(result!.messages).toHaveLength(1);
    expect(result!.messages[0]!.message).toMatch(/^Parsing error: /u);
    expect(result!.messages[0]!.message).not.toContain("UTF-16");
  });

  it.each([
    ["report", ["report", "out-file.car.json"], "out-file.car.json"],
    ["report on a script", ["report", "deploy.ps1"], "deploy.ps1"],
    ["what-if", ["what-if", "big-endian.car.json", "--protocol", "REST", "--ip", "192.0.2.1"], "big-endian.car.json"],
    ["diff", ["diff", "utf8-bom.car.json", "no-bom.car.json"], "no-bom.car.json"],
  ])("%s stops with exit code 2 and says why", async (_label, argv, name) => {
    const result = await run(directory, ...argv);
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain(utf16Problem(name));
  });

  it("the lint command reports the script as unreadable, not as a file without rules", async () => {
    const result = await run(directory, "lint", "deploy.ps1", "helpers.ps1", "--format", "json");
    const lint = JSON.parse(result.stdout) as ESLint.LintResult[];
    expect(lint.map((entry) => [path.basename(entry.filePath), entry.messages.map((message) => message.message)])).toEqual([
      ["deploy.ps1", [`Parsing error: ${utf16Problem("deploy.ps1")}`]],
      ["helpers.ps1", []],
    ]);
    // helpers.ps1 holds no rules: named on the command line, that is an error of its own.
    expect(result.stderr).toContain("found no Client Access Rules in helpers.ps1");
    expect(result.stderr).not.toContain("deploy.ps1");
    expect(result.exitCode).toBe(2);
  });
});
