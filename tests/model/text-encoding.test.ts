/**
 * UTF-16 files read as UTF-8 (lib/model/text-encoding.ts): told apart from every UTF-8 text, and
 * described with the command that converts them.
 */
import { describe, expect, it } from "vitest";
import { isUtf16ReadAsUtf8, isUtf16RuleScript, undecodableCharacters, utf16Problem } from "../../lib/model/text-encoding.ts";

const BOM_LE = Buffer.from([0xff, 0xfe]);
const BOM_BE = Buffer.from([0xfe, 0xff]);

function utf16le(text: string, bom = true): string {
  return Buffer.concat([bom ? BOM_LE : Buffer.alloc(0), Buffer.from(text, "utf16le")]).toString("utf8");
}

function utf16be(text: string): string {
  return Buffer.concat([BOM_BE, Buffer.from(text, "utf16le").swap16()]).toString("utf8");
}

const JSON_TEXT = '[\r\n  { "Name": "Block EWS", "Action": "DenyAccess", "AnyOfProtocols": ["ExchangeWebServices"] }\r\n]\r\n';
const SCRIPT = "New-ClientAccessRule -Name 'Block EWS' -Action DenyAccess -AnyOfProtocols ExchangeWebServices\r\n";

describe("isUtf16ReadAsUtf8", () => {
  it("tells UTF-16 little- and big-endian, with or without a byte order mark", () => {
    expect(isUtf16ReadAsUtf8(utf16le(JSON_TEXT))).toBe(true);
    expect(isUtf16ReadAsUtf8(utf16le(JSON_TEXT, false))).toBe(true);
    expect(isUtf16ReadAsUtf8(utf16be(JSON_TEXT))).toBe(true);
    expect(isUtf16ReadAsUtf8(utf16le("Ä"))).toBe(true);
  });

  it("leaves UTF-8 alone: with a byte order mark, non-ASCII, empty, or a NUL only past the first 4,096 characters", () => {
    expect(isUtf16ReadAsUtf8(`\ufeff${JSON_TEXT}`)).toBe(false);
    expect(isUtf16ReadAsUtf8('[{ "Name": "Zürich Büro – 東京", "Action": "AllowAccess" }]')).toBe(false);
    expect(isUtf16ReadAsUtf8("")).toBe(false);
    expect(isUtf16ReadAsUtf8(`${" ".repeat(4096)}\u0000`)).toBe(false);
    expect(isUtf16ReadAsUtf8(`${" ".repeat(4095)}\u0000`)).toBe(true);
  });
});

describe("isUtf16RuleScript", () => {
  it("is a UTF-16 file that mentions a Client Access Rule cmdlet or resource", () => {
    expect(isUtf16RuleScript(utf16le(SCRIPT))).toBe(true);
    expect(isUtf16RuleScript(utf16be("EXOClientAccessRule 'Block EWS' { Ensure = 'Present' }"))).toBe(true);
  });

  it("is not a UTF-16 script without one, nor a UTF-8 script with one", () => {
    expect(isUtf16RuleScript(utf16le("Get-Date\r\n"))).toBe(false);
    expect(isUtf16RuleScript(SCRIPT)).toBe(false);
  });
});

describe("utf16Problem", () => {
  it("names the file and the command that saves it as UTF-8, quoted for PowerShell", () => {
    expect(utf16Problem("rules.car.json")).toBe(
      `rules.car.json is UTF-16 ("Unicode", what Windows PowerShell's Out-File and > write by default), and rule files are read as UTF-8, ` +
        "so none of its rules could be read. Save it as UTF-8: (Get-Content 'rules.car.json') | Set-Content -Encoding UTF8 'rules.car.json'",
    );
    expect(utf16Problem("Bob's rules.json")).toContain("(Get-Content 'Bob''s rules.json') | Set-Content -Encoding UTF8 'Bob''s rules.json'");
  });

  it("says 'This file' for text without a file name", () => {
    expect(utf16Problem(undefined)).toMatch(/^This file is UTF-16 .* \(Get-Content <file>\) \| Set-Content -Encoding UTF8 <file>$/u);
  });
});

describe("undecodableCharacters", () => {
  const ansi = (text: string) => Buffer.from(text, "latin1").toString("utf8");

  it("finds the characters an ANSI file's non-ASCII bytes become when read as UTF-8", () => {
    const text = ansi('[{ "Name": "Außendienst", "UserIsMemberOf": ["Vertrieb Süd"] }]');
    expect(undecodableCharacters(text)).toEqual({ first: text.indexOf("\uFFFD"), count: 2 });
    expect(text.indexOf("\uFFFD")).toBe(14);
  });

  it("finds none in UTF-8 text, whatever it holds", () => {
    expect(undecodableCharacters('[{ "Name": "Zürich Büro – 東京 😀" }]')).toBeUndefined();
    expect(undecodableCharacters("")).toBeUndefined();
  });
});
