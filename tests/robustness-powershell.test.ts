/**
 * Odd PowerShell never crashes a rule or ESLint: every rule of `all-powershell` runs over broken,
 * huge and unusual scripts and must report normally (or leave the file alone). The one fatal
 * message is the parse error PowerShell itself would stop the script with, for what the reader
 * tells for certain: a string, here-string, block comment or bracket that is never closed, a
 * closing bracket that closes nothing, a hashtable literal that repeats a key.
 */
import { Linter } from "eslint";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import plugin from "../lib/index.ts";
import { parsePowerShell } from "../lib/model/powershell/parse.ts";
import { readPowerShellRuleSet } from "../lib/model/powershell/read.ts";

const linter = new Linter({ configType: "flat" });
const config = [plugin.configs["all-powershell"]];

function lint(code: string) {
  return linter.verify(code, config, { filename: "input.ps1" });
}

const rule = "New-ClientAccessRule -Name 'Block POP3' -Action DenyAccess -AnyOfProtocols POP3 -Priority 1";
const line = (index: number) =>
  `New-ClientAccessRule -Name "Rule ${index}" -Action DenyAccess -AnyOfProtocols POP3,IMAP4 -AnyOfClientIPAddressesOrRanges 192.0.2.${index % 250} -Priority ${index + 1}  # rule ${index}`;
/** About 1 MB: comments and unrelated code around a few rules. */
const megabyte = [
  ...Array.from({ length: 9000 }, (_, index) => `Write-Verbose "step ${index}: $(Get-Date) <# not a comment #>" # filler ${"x".repeat(60)}`),
  rule,
  ...Array.from({ length: 30 }, (_, index) => line(index)),
].join("\n");

const corpus: Record<string, string> = {
  empty: "",
  bomOnly: "\uFEFF",
  whitespace: "  \r\n\t",
  unterminatedSingle: `${rule}\nNew-ClientAccessRule -Name 'Block IMAP4 -Action DenyAccess`,
  unterminatedDouble: `New-ClientAccessRule -Name "Block IMAP4 -Action DenyAccess\n${rule}`,
  unterminatedHereString: `$text = @"\nNew-ClientAccessRule -Name fake -Action DenyAccess\n${rule}`,
  unterminatedBlockComment: `${rule}\n<# New-ClientAccessRule -Name fake -Action DenyAccess`,
  unterminatedHashtable: `$splat = @{ Name = 'x'; Action = 'DenyAccess'\nNew-ClientAccessRule @splat`,
  unterminatedSubexpression: `New-ClientAccessRule -Name $(Get-Name -Action DenyAccess`,
  strayClosers: `)}]) ${rule} }}}\n)))`,
  nestedScriptBlocks: `${"& { ".repeat(400)}${rule}${" }".repeat(400)}`,
  deeplyNestedParens: `New-ClientAccessRule -Name x -Action DenyAccess -AnyOfProtocols ${"(".repeat(1000)}'POP3'${")".repeat(1000)}`,
  commentsEverywhere: `<#a#>New-ClientAccessRule<#b#> -Name<#c#> 'x' <#d#>-Action <#e#>DenyAccess <#f#> -AnyOfProtocols <#g#> POP3 <#h#>, <#i#> IMAP4 # end`,
  nonAscii: `New-ClientAccessRule -Name 'Zugriff für Büro — 東京' -Action DenyAccess -UsernameMatchesAnyOfPatterns 'contoso.com\\jörg*', “contoso.com\\zoë”`,
  crlf: `${rule}\r\nSet-ClientAccessRule 'Block POP3' -Enabled:$false\r\n`,
  crOnly: `${rule}\rSet-ClientAccessRule 'Block POP3' -Enabled:$false\r`,
  backtickAtEnd: `${rule} \``,
  onlyCmdletName: "New-ClientAccessRule",
  dashesAndNoise: "New-ClientAccessRule – — -- --% ---- -: -",
  unicodeDashParameter: "New-ClientAccessRule –Name 'x' —Action DenyAccess",
  splatOfUnknown: "New-ClientAccessRule @nothing",
  splatOfArray: "$a = 1,2,3\nNew-ClientAccessRule @a",
  weirdValues: "New-ClientAccessRule -Name 1e999 -Action 0x -Priority -1 -Enabled 'yes' -AnyOfProtocols @{} -Scope @(@(1)) -UserRecipientFilter {City -eq 'x'}",
  setBeforeNew: "Set-ClientAccessRule 'x' -Priority 5\nRemove-ClientAccessRule 'x'\nNew-ClientAccessRule 'x' -Action DenyAccess",
  dscWithoutBody: "EXOClientAccessRule 'x'",
  dscUnterminated: "EXOClientAccessRule 'x' {\n Identity = 'x'\n Action = 'DenyAccess'",
  dscNested: "Configuration C { Node localhost { EXOClientAccessRule 'a' { Identity = 'a'; Action = 'DenyAccess'; EXOClientAccessRule 'b' { Identity = 'b' } } } }",
  manyRules: Array.from({ length: 500 }, (_, index) => line(index)).join("\n"),
  megabyte,
};

describe("robustness on PowerShell", () => {
  it("the megabyte script is about 1 MB", () => {
    expect(megabyte.length).toBeGreaterThan(1_000_000);
  });

  const neverClosed: Record<string, [line: number, column: number, what: string]> = {
    unterminatedSingle: [2, 28, "This string is never closed"],
    unterminatedDouble: [1, 28, "This string is never closed"],
    unterminatedHereString: [1, 9, "This here-string is never closed (its closing \"@ or '@ must start a line)"],
    unterminatedBlockComment: [2, 1, "This block comment (<#) is never closed (#>)"],
    unterminatedHashtable: [1, 10, 'This "@{" is never closed'],
    unterminatedSubexpression: [1, 28, 'This "$(" is never closed'],
    strayClosers: [1, 1, 'This ")" closes no bracket'],
    dscUnterminated: [1, 25, 'This "{" is never closed'],
  };
  for (const [name, code] of Object.entries(corpus)) {
    it(`survives ${name}`, () => {
      const messages = lint(code);
      const fatal = messages.filter((message) => message.fatal);
      const expected = neverClosed[name];
      if (expected) {
        // PowerShell runs none of a script it cannot parse: one parse error, and nothing else.
        expect(messages).toHaveLength(1);
        expect([fatal[0]?.line, fatal[0]?.column, fatal[0]?.message.startsWith(`Parsing error: ${expected[2]}, so PowerShell refuses to run the script`)]).toEqual([
          expected[0],
          expected[1],
          true,
        ]);
      } else expect(fatal).toEqual([]);
      for (const message of messages) {
        expect(message.line).toBeGreaterThanOrEqual(1);
        expect(message.column).toBeGreaterThanOrEqual(1);
      }
    });
  }

  it("reads the rules of the megabyte script behind its filler", () => {
    const messages = lint(megabyte);
    // 31 rules: max-rules reports the 21st, and nothing else is wrong with them.
    expect(messages.map((message) => message.ruleId)).toContain("client-access-rules/max-rules");
    expect(parsePowerShell(megabyte).commands).toHaveLength(31);
  });

  it("reads non-ASCII names and smart quotes as PowerShell does", () => {
    const model = readPowerShellRuleSet(corpus["nonAscii"]!);
    expect(model?.specs.map((spec) => [spec.name, spec.usernamePatterns])).toEqual([
      ["Zugriff für Büro — 東京", ["contoso.com\\jörg*", "contoso.com\\zoë"]],
    ]);
  });

  it("survives arbitrary text built from PowerShell's special characters", () => {
    const piece = fc.constantFrom(
      "New-ClientAccessRule", "Set-ClientAccessRule", "Remove-ClientAccessRule", "EXOClientAccessRule", " -Name ", " -Action ",
      " -AnyOfProtocols ", " -Priority ", "'", '"', "`", "@'", "'@", '@"', '"@', "@(", "@{", "$(", "(", ")", "{", "}", "[", "]",
      ",", ";", "|", "#", "<#", "#>", "\n", "\r\n", "$x", "$true", "POP3", "=", "&", "-", "1", " ", "foreach", "function", "if", "else", "exit", "Get-ClientAccessRule", " -EA SilentlyContinue", "-not", "!",
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const text = pieces.join("");
        const fatal = lint(text).filter((message) => message.fatal);
        // Only the parse error of an unclosed string, comment or bracket, a stray closer or a repeated
        // key, and only where the reader found one.
        const unclosed = /clientaccessrule/iu.test(text) && parsePowerShell(text).syntaxErrors.length > 0;
        const syntaxError = /^Parsing error: (?:This (?:string|here-string|block comment \(<#\)|"(?:[$@]?[({]|\[)") is never closed|This "[)}]" closes no bracket|This hashtable already has the key)/u;
        expect(fatal.map((message) => syntaxError.test(message.message))).toEqual(unclosed ? [true] : []);
      }),
      { numRuns: 400, seed: 20261201 },
    );
  });
});
