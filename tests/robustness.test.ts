/**
 * Bad input never crashes a rule: every rule of the `all` config runs over odd inputs and must
 * report normally (or leave the file alone), never throw.
 */
import { Linter } from "eslint";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import plugin from "../lib/index.ts";

const linter = new Linter({ configType: "flat" });
const config = [{ ...plugin.configs.all, files: ["**/*.json"] }];

function lint(code: string) {
  return linter.verify(code, config, { filename: "input.json" });
}

const deep = (depth: number) => `${"[".repeat(depth)}${"]".repeat(depth)}`;
const hugeArray = `[${Array.from({ length: 2000 }, (_, index) => `{"Name":"r${index}","Action":"DenyAccess","AnyOfProtocols":["POP3"],"Priority":${index}}`).join(",")}]`;

const corpus: Record<string, string> = {
  empty: "",
  whitespace: "  \n",
  null: "null",
  number: "42",
  string: '"rules"',
  boolean: "true",
  emptyArray: "[]",
  emptyObject: "{}",
  deepArrays: deep(500),
  deepObjects: `${'{"a":'.repeat(300)}1${"}".repeat(300)}`,
  hugeArray,
  protoKeys: '[{"__proto__": {"Action": "DenyAccess"}, "Name": "x", "Action": "DenyAccess", "constructor": 1, "toString": "x"}]',
  protoValues: '[{"Name": "__proto__", "Action": "__proto__", "AnyOfProtocols": ["__proto__", "constructor"], "Priority": 1}]',
  wrongTypesEverywhere:
    '[{"Name": 1, "Action": [], "Priority": "first", "Enabled": "yes", "Scope": {}, "AnyOfProtocols": {"a": 1}, "ExceptAnyOfProtocols": 5, "AnyOfAuthenticationTypes": [[]], "AnyOfClientIPAddressesOrRanges": [1, null, {}], "UsernameMatchesAnyOfPatterns": [false], "UserRecipientFilter": 7, "AnyOfSourceTcpPortNumbers": [-1, "x"], "UserIsMemberOf": [null]}]',
  rulesObjectWithJunk: '{"rules": [null, 1, "x", [], {"Action": "DenyAccess"}], "$schema": 5}',
  commentsAndTrailingCommas:
    '// rules\n[\n  /* first */ {"Name": "Block POP3", "Action": "DenyAccess", "AnyOfProtocols": ["POP3",], },\n]\n',
  json5ish: "[{Name: 'x', Action: 'DenyAccess', AnyOfProtocols: ['POP3'], Priority: +1, Enabled: Infinity}]",
  hugeNumbers: '[{"Name": "x", "Action": "DenyAccess", "Priority": 1e400, "AnyOfSourceTcpPortNumbers": [1e309]}]',
  emptyStrings: '[{"Name": "", "Action": "", "AnyOfProtocols": ["", ","], "UserRecipientFilter": "", "AnyOfClientIPAddressesOrRanges": ","}]',
  weirdFilters: '[{"Name": "x", "Action": "DenyAccess", "UserRecipientFilter": "((((((City -eq \'a\'"}]',
  longPattern: `[{"Name": "x", "Action": "DenyAccess", "UsernameMatchesAnyOfPatterns": ["${"*a".repeat(200)}b"]}]`,
};

describe("robustness", () => {
  for (const [name, code] of Object.entries(corpus)) {
    it(`survives ${name}`, () => {
      const messages = lint(code);
      const crashes = messages.filter((message) => message.fatal && !message.message.startsWith("Parsing error"));
      expect(crashes).toEqual([]);
    });
  }

  it("survives arbitrary JSON values", () => {
    const ruleLike = fc.dictionary(
      fc.constantFrom("Name", "Action", "Priority", "Enabled", "Scope", "AnyOfProtocols", "ExceptAnyOfProtocols", "AnyOfClientIPAddressesOrRanges", "UsernameMatchesAnyOfPatterns", "UserRecipientFilter", "Identity", "Ensure", "bogus"),
      fc.jsonValue({ maxDepth: 2 }),
    );
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.array(ruleLike, { maxLength: 6 })), (value) => {
        const messages = lint(JSON.stringify(value));
        expect(messages.filter((message) => message.fatal)).toEqual([]);
      }),
      { numRuns: 300, seed: 20261127 },
    );
  });
});
