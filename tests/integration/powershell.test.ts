/**
 * PowerShell files through the ESLint class with the shipped PowerShell configs, as users run
 * them: exact positions on the PowerShell text, the simulation of New/Set/Remove, Microsoft365DSC
 * blocks, the PowerShell fixes (idempotent), and what the reader cannot follow reported, never
 * skipped.
 */
import { ESLint } from "eslint";
import { ESLint as ESLint9 } from "eslint-v9";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import plugin from "../../lib/index.ts";
import { readPowerShellRuleSet } from "../../lib/model/powershell/read.ts";
import { sortByEvaluationOrder } from "../../lib/model/index.ts";
import { locate } from "../rule-tester.ts";

const root = fileURLToPath(new URL("../../", import.meta.url));
const eslint = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: [plugin.configs["all-powershell"]] });
const fixing = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: [plugin.configs["all-powershell"]], fix: true });

async function lint(code: string, filePath = "deploy/rules.ps1") {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages;
}

function at(code: string, needle: string, occurrence = 1) {
  const { line, column, endLine, endColumn } = locate(code, needle, occurrence);
  return { line, column, endLine, endColumn };
}

async function fixed(code: string, filePath = "deploy/rules.ps1"): Promise<string> {
  const [result] = await fixing.lintText(code, { filePath });
  return result!.output ?? code;
}

const script = [
  "# Deploy the tenant's Client Access Rules",
  'New-ClientAccessRule -Name "Always Allow Remote PowerShell" -Action AllowAccess -AnyOfProtocols RemotePowerShell -Priority 1',
  'New-ClientAccessRule -Name "Block EWS" -Action denyaccess -AnyOfProtocols ExchangeWebServices -Priority 2',
  'New-ClientAccessRule -Name "Block legacy" -Action DenyAccess -AnyOfProtocols "POP3,IMAP4" -Priority 3',
  "",
].join("\n");

describe("PowerShell deployment scripts", () => {
  it("reports at the PowerShell tokens, with exact positions", async () => {
    const messages = await lint(script);
    expect(messages.map((message) => [message.ruleId, message.line, message.column, message.endLine, message.endColumn])).toEqual([
      ["client-access-rules/valid-schema", ...Object.values(at(script, "denyaccess"))],
      ["client-access-rules/no-ews-block-without-rest-exception", ...Object.values(at(script, "ExchangeWebServices"))],
      ["client-access-rules/valid-schema", ...Object.values(at(script, '"POP3,IMAP4"'))],
    ]);
    expect(messages[1]!.message).toMatch(/^"Block EWS" \(Priority 2\) blocks ExchangeWebServices/u);
  });

  it("fixes spelling, splits a quoted comma list and adds the REST exception, in PowerShell, idempotently", async () => {
    const output = await fixed(script);
    expect(output).toBe(
      [
        "# Deploy the tenant's Client Access Rules",
        'New-ClientAccessRule -Name "Always Allow Remote PowerShell" -Action AllowAccess -AnyOfProtocols RemotePowerShell -Priority 1',
        'New-ClientAccessRule -Name "Block EWS" -Action DenyAccess -AnyOfProtocols ExchangeWebServices -Priority 2 -ExceptAnyOfProtocols REST',
        'New-ClientAccessRule -Name "Block legacy" -Action DenyAccess -AnyOfProtocols "POP3", "IMAP4" -Priority 3',
        "",
      ].join("\n"),
    );
    expect(await fixed(output)).toBe(output);
    expect(await lint(output)).toEqual([]);
  });

  it("adds REST to a literal list that is already there, keeping its quoting", async () => {
    const code = "New-ClientAccessRule 'Block EWS' -Action DenyAccess -AnyOfProtocols 'ExchangeWebServices' -ExceptAnyOfProtocols 'POP3'\n";
    expect(await fixed(code)).toBe(
      "New-ClientAccessRule 'Block EWS' -Action DenyAccess -AnyOfProtocols 'ExchangeWebServices' -ExceptAnyOfProtocols 'POP3', 'REST'\n",
    );
  });

  it("reads the cmdlets of a session connected with -Prefix, and fixes them in place", async () => {
    const prefixed = [
      "Connect-ExchangeOnline -Prefix EXO",
      "New-EXOClientAccessRule -Name 'Always Allow Remote PowerShell' -Action AllowAccess -AnyOfProtocols RemotePowerShell -Priority 1",
      "New-EXOClientAccessRule -Name 'Block EWS' -Action DenyAccess -AnyOfProtocols ExchangeWebServices -Priority 2",
      "",
    ].join("\n");
    expect((await lint(prefixed)).map((message) => [message.ruleId, message.line, message.column])).toEqual([
      ["client-access-rules/no-ews-block-without-rest-exception", at(prefixed, "ExchangeWebServices").line, at(prefixed, "ExchangeWebServices").column],
    ]);
    expect(await fixed(prefixed)).toBe(prefixed.replace("ExchangeWebServices -Priority 2", "ExchangeWebServices -Priority 2 -ExceptAnyOfProtocols REST"));
  });

  it("simulates priority shifting: a taken -Priority moves the holder and every rule after it down", async () => {
    const code = [
      "New-ClientAccessRule -Name 'Block everything' -Action DenyAccess -ExceptAnyOfProtocols RemotePowerShell -Priority 1",
      "New-ClientAccessRule -Name 'Allow office' -Action AllowAccess -AnyOfClientIPAddressesOrRanges 192.0.2.0/24 -Priority 1",
      "",
    ].join("\n");
    // "Allow office" takes Priority 1 and moves the catch-all deny to 2: nothing is shadowed and
    // no priority is duplicated, and the deny now blocks Outlook mobile for everyone else.
    const messages = await lint(code);
    expect(messages.map((message) => message.ruleId)).toEqual(["client-access-rules/no-blocked-outlook-mobile"]);
    expect(messages[0]!.message).toMatch(/^"Block everything" \(Priority 2\)/u);
    expect(messages[0]).toMatchObject({ line: 1, column: at(code, "'Block everything'").column });
  });

  it("applies Set- with @{Add=…; Remove=…}, -Priority and -Enabled, and Remove-, in order", async () => {
    const code = [
      "New-ClientAccessRule -Name 'Allow RPS' -Action AllowAccess -AnyOfProtocols RemotePowerShell -Priority 1",
      "New-ClientAccessRule -Name 'Block legacy' -Action DenyAccess -AnyOfProtocols POP3 -Priority 2",
      "New-ClientAccessRule -Name 'Temporary' -Action DenyAccess -Priority 3",
      "Set-ClientAccessRule 'Block legacy' -AnyOfProtocols @{Add='IMAP4','IMAP4'; Remove='pop3'}",
      "Set-ClientAccessRule -Identity 'Allow RPS' -Enabled:$false",
      "Remove-ClientAccessRule 'Temporary' -Confirm:$false",
      "",
    ].join("\n");
    const messages = await lint(code);
    // The duplicate IMAP4 came from the Add list; the disabled safety rule makes the lockout
    // finding about "Block legacy"? No: it names IMAP4 only, so remote PowerShell stays open.
    expect(messages.map((message) => [message.ruleId, message.line, message.column])).toEqual([
      ["client-access-rules/no-duplicate-values", 4, ...[at(code, "'IMAP4'", 2).column]],
    ]);
  });

  it("reads splatting of a literal hashtable, continuations, comments and a unique parameter prefix", async () => {
    const code = [
      "$common = @{",
      "    Action = 'DenyAccess'   # deny",
      "    Priority = 1",
      "}",
      "<# block POP3 #> New-ClientAccessRule @common -Name 'Block POP3' `",
      "    -AnyOfProt POP3",
      "",
    ].join("\n");
    const messages = await lint(code);
    expect(messages.map((message) => [message.ruleId, message.line, message.column, message.endColumn])).toEqual([
      ["client-access-rules/valid-schema", 6, 5, 15],
    ]);
    expect(messages[0]!.message).toBe(
      "-AnyOfProt abbreviates -AnyOfProtocols: PowerShell accepts a unique prefix, but a later parameter with the same start would make it ambiguous. Write -AnyOfProtocols.",
    );
    expect(messages[0]!.suggestions?.map((suggestion) => suggestion.desc)).toEqual(["Write -AnyOfProtocols."]);
  });

  it("a backtick followed by a space: reported at the backtick, the command not applied, and a suggestion that continues the line", async () => {
    const code = [
      "New-ClientAccessRule -Name 'Allow admins' -Action AllowAccess -AnyOfProtocols RemotePowerShell -Priority 1",
      "New-ClientAccessRule -Name 'Block legacy' -Action DenyAccess `  ",
      "    -AnyOfProtocols POP3, IMAP4 -Priority 2",
      "",
    ].join("\r\n");
    const messages = await lint(code);
    expect(messages.map((message) => [message.ruleId, message.line, message.column, message.endLine, message.endColumn])).toEqual([
      ["client-access-rules/valid-schema", 2, at(code, "`").column, 2, at(code, "`").column + 2],
    ]);
    expect(messages[0]!.message).toBe(
      "This backtick is followed by a space, so it does not continue the line: New-ClientAccessRule ends here with the space as an argument no parameter takes, and PowerShell refuses it, so it changes no rule (and runs the next line as a command of its own, which fails). The rule it names is left out of the analysis. Remove the spaces after the backtick.",
    );
    const [suggestion] = messages[0]!.suggestions!;
    expect(suggestion!.desc).toBe("Remove the spaces after the backtick, so the next line continues the command.");
    const continued = code.slice(0, suggestion!.fix.range[0]) + suggestion!.fix.text + code.slice(suggestion!.fix.range[1]);
    expect(continued).toBe(code.replace("`  \r\n", "`\r\n"));
    // Continued, the command creates the rule with both conditions (a block of legacy protocols: no finding).
    expect(await lint(continued)).toEqual([]);
  });

  it("reports what it cannot follow at the token and leaves the touched rule out of the analysis", async () => {
    const code = [
      "New-ClientAccessRule -Name 'Block all' -Action DenyAccess -Priority 1",
      "New-ClientAccessRule -Name 'Allow admins' -Action AllowAccess -UsernameMatchesAnyOfPatterns $admins -Priority 2",
      "Get-ClientAccessRule | Set-ClientAccessRule -Enabled $false",
      "foreach ($name in 'a','b') { New-ClientAccessRule -Name $name -Action DenyAccess }",
      "Set-ClientAccessRule -Identity 'Nobody' -Enabled $false",
      "function Deploy { Remove-ClientAccessRule 'Block all' }",
      "",
    ].join("\n");
    const messages = await lint(code);
    expect(messages.map((message) => [message.ruleId, message.line, message.column, message.message.slice(0, 40)])).toEqual([
      ["client-access-rules/valid-schema", 2, at(code, "$admins").column, "-UsernameMatchesAnyOfPatterns is a varia"],
      ["client-access-rules/valid-schema", 3, at(code, "Set-ClientAccessRule").column, "Set-ClientAccessRule takes its rules fro"],
      ["client-access-rules/valid-schema", 4, at(code, "New-ClientAccessRule", 3).column, "New-ClientAccessRule runs inside a loop:"],
      ["client-access-rules/valid-schema", 5, 1, 'Set-ClientAccessRule refers to "Nobody",'],
      ["client-access-rules/valid-schema", 6, at(code, "Deploy").column, 'Function "Deploy" runs Client Access Rul'],
    ]);
    // Every rule was touched by something unreadable: none is analysed, so no hazard is claimed.
    expect(messages.every((message) => message.ruleId === "client-access-rules/valid-schema")).toBe(true);
  });

  it("reports a second New- with a name in use as no-duplicate-name, and it changes nothing", async () => {
    const code = [
      "New-ClientAccessRule -Name 'Block POP3' -Action DenyAccess -AnyOfProtocols POP3",
      "New-ClientAccessRule -Name 'block pop3' -Action DenyAccess",
      "",
    ].join("\n");
    const messages = await lint(code);
    expect(messages.map((message) => [message.ruleId, message.line, message.column])).toEqual([
      ["client-access-rules/no-duplicate-name", 2, 28],
    ]);
  });

  it("an idempotent script that creates each rule only where it is missing: read, checked and fixed in its branch", async () => {
    const guarded = (name: string, command: string) =>
      [`if (-not (Get-ClientAccessRule -Identity '${name}' -ErrorAction SilentlyContinue)) {`, `    ${command}`, "}"].join("\n");
    const code = [
      guarded("Always Allow Remote PowerShell", "New-ClientAccessRule -Name 'Always Allow Remote PowerShell' -Action AllowAccess -AnyOfProtocols RemotePowerShell -Priority 1"),
      guarded("Block EWS", "New-ClientAccessRule -Name 'Block EWS' -Action DenyAccess -AnyOfProtocols ExchangeWebServices -Priority 2"),
      "",
    ].join("\n");
    const messages = await lint(code);
    expect(messages.map((message) => [message.ruleId, message.line, message.column])).toEqual([
      ["client-access-rules/no-ews-block-without-rest-exception", 5, 79],
    ]);
    expect((await fixed(code)).split("\n")[4]).toBe(
      "    New-ClientAccessRule -Name 'Block EWS' -Action DenyAccess -AnyOfProtocols ExchangeWebServices -Priority 2 -ExceptAnyOfProtocols REST",
    );
  });

  it("-WhatIf changes nothing and is no finding; Get- and Test- change nothing", async () => {
    const code = [
      "New-ClientAccessRule -Name 'Block all' -Action DenyAccess -WhatIf",
      "Get-ClientAccessRule | Format-List Name, Priority",
      "Test-ClientAccessRule -AuthenticationType BasicAuthentication -Protocol OutlookWebApp -RemoteAddress 172.17.17.26 -RemotePort 443 -User julia@contoso.com",
      "New-ClientAccessRule -Name 'Block POP3' -Action DenyAccess -AnyOfProtocols POP3",
      "",
    ].join("\n");
    expect(await lint(code)).toEqual([]);
  });

  it("a .ps1 without Client Access Rule cmdlets yields nothing, and only what PowerShell cannot parse fails to parse (and a UTF-16 file: utf16-files.test.ts)", async () => {
    expect(await lint('Write-Host "hello"\n$x = @{ a = 1 }\n')).toEqual([]);
    // A script without Client Access Rules is left alone, broken or not.
    expect(await lint("Write-Host 'hello\n")).toEqual([]);
    expect(await lint("if ($x) {\n")).toEqual([]);
    // A quote at each end is one string spanning the lines, as PowerShell reads it.
    for (const odd of ["", "\uFEFF", "`", '"', "-"]) {
      const messages = await lint(`${odd}\nNew-ClientAccessRule -Name x -Action DenyAccess ${odd}`);
      expect(messages.filter((message) => message.fatal)).toEqual([]);
    }
    for (const [odd, column, what] of [
      ["@'", 1, "This here-string is never closed (its closing \"@ or '@ must start a line)"],
      ["<#", 1, "This block comment (<#) is never closed (#>)"],
      ["}", 1, 'This "}" closes no bracket'],
      [")", 1, 'This ")" closes no bracket'],
      ["@{", 1, 'This "@{" is never closed'],
      ["function {", 10, 'This "{" is never closed'],
      ["[string", 1, 'This "[" is never closed'],
    ] as const) {
      const messages = await lint(`${odd}\nNew-ClientAccessRule -Name x -Action DenyAccess ${odd}`);
      expect(messages.map((message) => [message.fatal, message.line, message.column, message.message.split(",")[0]])).toEqual([
        [true, 1, column, `Parsing error: ${what}`],
      ]);
    }
  });

  it("reads -UserRecipientFilter written as a script block as its text, which PowerShell passes to the string parameter", async () => {
    const code = [
      "New-ClientAccessRule -Name 'Block EWS in Redmond' -Action DenyAccess -AnyOfProtocols ExchangeWebServices -UserRecipientFilter {City -eq 'Redmond'} -Priority 1",
      "New-ClientAccessRule -Name 'Block POP3' -Action DenyAccess -AnyOfProtocols POP3 -UserRecipientFilter { Department -eq 'Sales' -and City -eq 'Paris' -or Company -eq 'Contoso' } -Priority 2",
      "",
    ].join("\n");
    const model = readPowerShellRuleSet(code)!;
    expect(model.specs.map((spec) => [spec.name, spec.recipientFilter])).toEqual([
      ["Block EWS in Redmond", expect.stringMatching(/redmond/iu)],
      ["Block POP3", expect.stringMatching(/contoso/iu)],
    ]);
    const messages = await lint(code);
    expect(messages.map((message) => [message.ruleId, message.line, message.column])).toEqual([
      ["client-access-rules/no-ews-block-without-rest-exception", 1, at(code, "ExchangeWebServices").column],
      ["client-access-rules/valid-recipient-filter", 2, at(code, "Department").column],
    ]);
    // The suggestion writes the parenthesized filter as the equivalent single-quoted string (the
    // block's text as written, spaces included).
    const [suggestion] = messages[1]!.suggestions!;
    const suggested = code.slice(0, suggestion!.fix.range[0]) + suggestion!.fix.text + code.slice(suggestion!.fix.range[1]);
    expect(suggested.split("\n")[1]).toContain(
      "-UserRecipientFilter ' (Department -eq ''Sales'' -and City -eq ''Paris'') -or Company -eq ''Contoso'' ' -Priority 2",
    );
    expect((await lint(suggested)).map((message) => message.ruleId)).toEqual(["client-access-rules/no-ews-block-without-rest-exception"]);
  });

  it("-Enabled with a value PowerShell cannot bind says so in PowerShell's terms; a DSC block keeps the JSON wording", async () => {
    const script = "New-ClientAccessRule -Name 'Block POP3' -Action DenyAccess -AnyOfProtocols POP3 -Enabled false\n";
    expect((await lint(script)).map((message) => [message.column, message.message])).toEqual([
      [
        at(script, "false").column,
        "-Enabled takes $true or $false (or a number, 0 for $false): PowerShell refuses any other value, so this command changes no rule, and the rule it names is left out of the analysis.",
      ],
    ]);
    const dsc = "EXOClientAccessRule r { Identity = 'Block POP3'; Action = 'DenyAccess'; AnyOfProtocols = @('POP3'); Enabled = 'yes' }\n";
    expect((await lint(dsc)).map((message) => message.message)).toEqual(["Enabled must be true or false."]);
  });

  it("a splatted hashtable that repeats a key: a parse error at the second key", async () => {
    const code = [
      "$rule = @{",
      "    Name = 'Block POP3'",
      "    Action = 'DenyAccess'",
      "    name = 'Block IMAP4'",
      "}",
      "New-ClientAccessRule @rule -AnyOfProtocols POP3",
      "",
    ].join("\n");
    expect((await lint(code)).map((message) => [message.fatal, message.line, message.column, message.message])).toEqual([
      [
        true,
        4,
        5,
        'Parsing error: This hashtable already has the key "Name" (line 2), and a hash literal may not repeat a key, so PowerShell refuses to run the script: it runs none of the commands of a script with a syntax error, so no rule in this file is read or checked.',
      ],
    ]);
  });

  it("a string that is never closed: PowerShell refuses the whole script, so ESLint reports a parse error there, and the commands stop", async () => {
    const code = [
      "New-ClientAccessRule -Name 'Allow admins' -Action AllowAccess -AnyOfProtocols RemotePowerShell -Priority 1",
      'New-ClientAccessRule -Name "Block EWS -Action DenyAccess -AnyOfProtocols ExchangeWebServices -Priority 2',
      "",
    ].join("\n");
    const messages = await lint(code);
    expect(messages.map((message) => [message.fatal, message.line, message.column, message.message])).toEqual([
      [
        true,
        2,
        at(code, '"Block EWS').column,
        "Parsing error: This string is never closed, so PowerShell refuses to run the script: it runs none of the commands of a script with a syntax error, so no rule in this file is read or checked.",
      ],
    ]);
  });

  it("honours # eslint-disable-next-line and <# eslint-disable … #> comments", async () => {
    const code = [
      "# eslint-disable-next-line client-access-rules/valid-schema -- the pilot keeps this spelling",
      "New-ClientAccessRule -Name 'Block POP3' -Action denyaccess -AnyOfProtocols POP3",
      "<# eslint-disable client-access-rules/no-ews-block-without-rest-exception #>",
      "New-ClientAccessRule -Name 'Block EWS' -Action DenyAccess -AnyOfProtocols ExchangeWebServices",
      "New-ClientAccessRule -Name 'Block IMAP4' -Action denyaccess -AnyOfProtocols IMAP4",
      "",
    ].join("\n");
    const messages = await lint(code);
    expect(messages.map((message) => [message.ruleId, message.line, message.column])).toEqual([
      ["client-access-rules/valid-schema", 5, at(code, "denyaccess", 2).column],
    ]);
  });

  it("works with CRLF line endings and a byte order mark", async () => {
    const code = `\uFEFF${script.replace(/\n/gu, "\r\n")}`;
    const messages = await lint(code);
    expect(messages.map((message) => [message.line, message.column])).toEqual([
      [3, 48],
      [3, 75],
      [4, 78],
    ]);
    const output = await fixed(code);
    expect(output).toContain("-Priority 2 -ExceptAnyOfProtocols REST\r\n");
  });
});

describe("Microsoft365DSC configurations", () => {
  const configuration = [
    "Configuration M365TenantConfig",
    "{",
    "    param([System.String]$ApplicationId, [System.String]$TenantId)",
    "    Import-DscResource -ModuleName Microsoft365DSC",
    "    node localhost",
    "    {",
    "        EXOClientAccessRule 'BlockEWS'",
    "        {",
    '            Identity             = "Block EWS"',
    '            Action               = "DenyAccess"',
    "            Priority             = 1",
    '            AnyOfProtocols       = @("ExchangeWebServices")',
    '            RuleScope            = "All"',
    '            Ensure               = "Present"',
    "            ApplicationId        = $ApplicationId",
    "            TenantId             = $TenantId",
    "        }",
    "        EXOClientAccessRule 'BlockPOP'",
    "        {",
    '            Identity             = "Block POP3"',
    '            Action               = "DenyAccess"',
    "            Priority             = 1",
    '            AnyOfProtocols       = @("POP3")',
    "            ApplicationId        = $ConfigurationData.NonNodeData.ApplicationId",
    "        }",
    "    }",
    "}",
    "",
  ].join("\n");

  it("reads EXOClientAccessRule blocks: ties as in JSON (the later block first), variables in DSC keys never read", async () => {
    const messages = await lint(configuration, "dsc/M365TenantConfig.ps1");
    expect(messages.map((message) => [message.ruleId, message.line, message.column])).toEqual([
      ["client-access-rules/no-ews-block-without-rest-exception", 12, 38],
      ["client-access-rules/no-duplicate-priority", 22, 36],
    ]);
    expect(messages[1]!.message).toContain('"Block POP3" takes Priority 1 and moves "Block EWS" down');
  });

  it("gives the tied block a Priority of its own by editing the DSC values, keeping the order", async () => {
    const [, tie] = await lint(configuration, "dsc/M365TenantConfig.ps1");
    const [suggestion] = tie!.suggestions!;
    expect(suggestion!.desc).toBe(
      'Give "Block POP3" a Priority of its own, keeping the current evaluation order (of tied rules, the later one first), as Priority 1; renumbers Priority 1 to 2.',
    );
    const { range, text } = suggestion!.fix;
    const output = configuration.slice(0, range[0]) + text + configuration.slice(range[1]);
    // Block EWS moves to 2, Block POP3 keeps 1: POP3 is still evaluated first.
    expect(output.split("\n").filter((line) => line.includes("Priority "))).toEqual([
      "            Priority             = 2",
      "            Priority             = 1",
    ]);
  });

  it("adds ExceptAnyOfProtocols to the block, aligned with its neighbours", async () => {
    const output = await fixed(configuration, "dsc/M365TenantConfig.ps1");
    expect(output).toContain(['            TenantId             = $TenantId', '            ExceptAnyOfProtocols = @("REST")', "        }"].join("\n"));
    expect(await fixed(output, "dsc/M365TenantConfig.ps1")).toBe(output);
  });
});

describe("ESLint 9 runs the PowerShell language too", () => {
  it("gives the same findings", async () => {
    const eslint9 = new ESLint9({ cwd: root, overrideConfigFile: true, overrideConfig: [plugin.configs["all-powershell"]] as never });
    const [result] = await eslint9.lintText(script, { filePath: "deploy/rules.ps1" });
    expect(result!.messages.map((message) => [message.ruleId, message.line, message.column])).toEqual(
      (await lint(script)).map((message) => [message.ruleId, message.line, message.column]),
    );
  });
});

describe("priority suggestions on PowerShell", () => {
  const evaluationOrder = (text: string) => sortByEvaluationOrder(readPowerShellRuleSet(text)!.specs).map((spec) => spec.name);
  const applied = (text: string, fix: { range: [number, number]; text: string }) => text.slice(0, fix.range[0]) + fix.text + text.slice(fix.range[1]);

  it("offers no move in a script: -Priority takes effect as each command runs, and rewriting it does not renumber", async () => {
    // Once offered, the move wrote its number over the command name of the rule without -Priority.
    const code = [
      "New-ClientAccessRule -Name 'Allow PS' -Action AllowAccess -AnyOfProtocols RemotePowerShell",
      "New-ClientAccessRule -Name 'Block POP3' -Action DenyAccess -AnyOfProtocols POP3 -Priority 2",
      "New-ClientAccessRule -Name 'Allow POP3 office' -Action AllowAccess -AnyOfProtocols POP3 -AnyOfClientIPAddressesOrRanges 10.0.0.0/8",
      "",
    ].join("\n");
    const messages = await lint(code);
    expect(messages.map((message) => [message.ruleId, message.line, message.suggestions ?? []])).toEqual([
      ["client-access-rules/no-shadowed-rules", 3, []],
    ]);
  });

  it("in Microsoft365DSC configurations, moves and tie-breaks leave the evaluation order they promise", async () => {
    const block = fc.record({
      action: fc.constantFrom("AllowAccess", "DenyAccess"),
      priority: fc.option(fc.integer({ min: 1, max: 8 }), { nil: undefined, freq: 6 }),
      protocols: fc.constantFrom('"POP3"', '"IMAP4"', '"POP3", "IMAP4"'),
      office: fc.boolean(),
    });
    let checked = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(block, { minLength: 3, maxLength: 7 }), async (blocks) => {
        const text = [
          "Configuration C",
          "{",
          "    Import-DscResource -ModuleName Microsoft365DSC",
          "    node localhost",
          "    {",
          ...blocks.flatMap(({ action, priority, protocols, office }, index) => [
            `        EXOClientAccessRule 'R${index}'`,
            "        {",
            `            Identity = "R${index}"`,
            `            Action = "${action}"`,
            ...(priority === undefined ? [] : [`            Priority = ${priority}`]),
            `            AnyOfProtocols = @(${protocols})`,
            ...(office ? [`            AnyOfClientIPAddressesOrRanges = @("10.${index}.0.0/16")`] : []),
            "        }",
          ]),
          "    }",
          "}",
          "",
        ].join("\n");
        for (const message of await lint(text, "dsc/C.ps1")) {
          for (const suggestion of message.suggestions ?? []) {
            const move = /^Move "([^"]+)" \(Priority \d+\) above "([^"]+)"/u.exec(suggestion.desc);
            const tie = message.ruleId === "client-access-rules/no-duplicate-priority";
            if (!move && !tie) continue;
            const expected = evaluationOrder(text);
            if (move) {
              expected.splice(expected.indexOf(move[1]!), 1);
              expected.splice(expected.indexOf(move[2]!), 0, move[1]!);
            }
            const output = applied(text, suggestion.fix);
            expect(evaluationOrder(output)).toEqual(expected);
            if (tie) {
              const name = /so created in file order "([^"]+)"/u.exec(message.message)![1];
              const specs = readPowerShellRuleSet(output)!.specs;
              const own = specs.find((spec) => spec.name === name)!.priority;
              expect(specs.filter((spec) => spec.priority === own)).toHaveLength(1);
            }
            checked++;
          }
        }
      }),
      { numRuns: 60, seed: 7 },
    );
    // The property says nothing unless the configurations hold moves and ties.
    expect(checked).toBeGreaterThan(60);
  }, 120_000);
});
