import { parseJSON } from "jsonc-eslint-parser";
import { describe, expect, it } from "vitest";
import { readRuleSet } from "../../lib/model/index.ts";

function read(code: string) {
  return readRuleSet(parseJSON(code));
}

describe("readRuleSet: input shapes", () => {
  it("reads a top-level array", () => {
    const model = read('[{ "Name": "Block POP3", "Action": "DenyAccess", "AnyOfProtocols": ["POP3"] }]');
    expect(model?.shape).toBe("array");
    expect(model?.specs).toEqual([
      { index: 0, name: "Block POP3", priority: undefined, action: "DenyAccess", enabled: true, scope: "All", protocols: ["POP3"] },
    ]);
  });

  it("reads { rules: [...] } with $schema, and an empty rules list that declares our schema", () => {
    const model = read('{ "$schema": "x", "rules": [{ "Name": "a", "Action": "AllowAccess", "AnyOfProtocols": "REST" }] }');
    expect(model?.shape).toBe("rules-object");
    expect(model?.specs[0]?.protocols).toEqual(["REST"]);
    expect(read('{ "$schema": "../schema/client-access-rules.schema.json", "rules": [] }')?.shape).toBe("rules-object");
    expect(read('{ "rules": [] }')).toBeUndefined();
  });

  it("matches the rules key case-insensitively (fuzz case: { \"Rules\": [...] } was not a CAR file)", () => {
    const model = read('{ "Rules": [{ "Name": "a", "Action": "DenyAccess", "AnyOfProtocols": "POP3" }] }');
    expect(model?.shape).toBe("rules-object");
    expect(model?.specs.map((spec) => spec.name)).toEqual(["a"]);
    expect(model?.issues).toEqual([]);
  });

  it("reports a rules key that holds no list instead of misreading it", () => {
    const model = read('{ "rules": { "Name": "a", "Action": "DenyAccess" } }');
    expect(model?.shape).toBe("rules-object");
    expect(model?.allRules).toEqual([]);
    expect(model?.issues).toMatchObject([{ kind: "rules-not-a-list", node: { type: "JSONObjectExpression" } }]);
    // An .eslintrc.json has a rules object too: it stays no CAR file.
    expect(read('{ "rules": { "no-console": "error" } }')).toBeUndefined();
  });

  it("reads the last of two rules keys, as JSON.parse does, and reports the ignored one", () => {
    const model = read(`{ "rules": [{ "Name": "first", "Action": "DenyAccess" }],
      "RULES": [{ "Name": "last", "Action": "DenyAccess" }] }`);
    expect(model?.specs.map((spec) => spec.name)).toEqual(["last"]);
    expect(model?.issues).toMatchObject([{ kind: "duplicate-rules-key", node: { value: "rules" }, kept: { value: "RULES" } }]);
  });

  it("reads a single rule object, as ConvertTo-Json writes one rule", () => {
    const model = read('{ "Name": "Block all", "Action": "DenyAccess", "Priority": 3 }');
    expect(model?.shape).toBe("single-rule");
    expect(model?.specs[0]).toMatchObject({ name: "Block all", priority: 3, action: "DenyAccess" });
  });

  it("reads a Get-ClientAccessRule export: read-only properties, RuleScope, numeric enums, [] and null", () => {
    const model = read(`[{
      "RunspaceId": "x", "Identity": "activesync_test", "Guid": "g", "DatacenterAdminsOnly": false,
      "Priority": 5, "Enabled": true, "Action": 1, "AnyOfClientIPAddressesOrRanges": [],
      "ExceptAnyOfClientIPAddressesOrRanges": ["192.0.2.0/24"], "UsernameMatchesAnyOfPatterns": ["*Michael.Mast"],
      "AnyOfProtocols": [7], "ExceptAnyOfProtocols": null, "UserRecipientFilter": "", "RuleScope": 1, "Name": "activesync_test"
    }]`);
    expect(model?.specs).toEqual([
      {
        index: 0,
        name: "activesync_test",
        priority: 5,
        action: "DenyAccess",
        enabled: true,
        scope: "Users",
        protocols: ["ExchangeActiveSync"],
        exceptClientIps: [{ family: 4, first: 3221225984n, last: 3221226239n }],
        usernamePatterns: ["*michael.mast"],
      },
    ]);
    expect(model?.rules[0]?.issues.map((issue) => issue.kind)).toEqual(["numeric-enum", "numeric-enum", "numeric-enum"]);
  });

  it("reads Microsoft365DSC objects: Identity as the name, and Ensure: Absent rules left out", () => {
    const model = read(`[
      { "Identity": "Always Allow Remote PowerShell", "Action": "AllowAccess", "AnyOfProtocols": ["RemotePowerShell"], "Ensure": "Present", "TenantId": "t" },
      { "Identity": "Retired", "Action": "DenyAccess", "Ensure": "absent", "Whatever": 1 }
    ]`);
    expect(model?.allRules).toHaveLength(2);
    expect(model?.rules.map((rule) => rule.name)).toEqual(["Always Allow Remote PowerShell"]);
    expect(model?.specs.map((spec) => spec.name)).toEqual(["Always Allow Remote PowerShell"]);
  });

  it.each([
    ['{ "name": "pkg", "version": "1.0.0", "dependencies": {} }'],
    ['{ "compilerOptions": { "strict": true } }'],
    ['[{ "name": "a", "priority": 1, "enabled": true }]'],
    ['[{ "Name": "Only a name", "Priority": 1, "Enabled": true }]'],
    ["[]"],
    ["{}"],
    ["null"],
    ['"text"'],
    ["[1, 2, 3]"],
  ])("leaves a file that is not a rule set alone: %s", (code) => {
    expect(read(code)).toBeUndefined();
  });
});

describe("readRuleSet: the shapes administrators keep (design.md 6–8)", () => {
  it("shape 6: accepts SerializationData and the other keys the serialiser kept, and reads the rule", () => {
    const model = read(`[{
      "SerializationData": "AAEAAAD/////AQAAAAAAAAAMAgAAAF1NaWNyb3NvZnQ=", "ExchangeObjectId": "0f1e", "OrganizationalUnitRoot": "contoso.onmicrosoft.com",
      "PSShowComputerName": false, "Identity": "Block all", "Name": "Block all", "Action": "DenyAccess", "Priority": 1,
      "InternalPriority": 1000000, "RuleFlags": 1, "RuleXml": "<rule/>"
    }]`);
    expect(model?.rules[0]?.issues).toEqual([]);
    expect(model?.specs).toEqual([
      { index: 0, name: "Block all", priority: 1, action: "DenyAccess", enabled: true, scope: "All" },
    ]);
  });

  it("shape 7: reads the admin API's value array and ignores its OData annotations", () => {
    const model = read(`{
      "@odata.context": "https://outlook.office365.com/adminapi/beta/x/$metadata#ClientAccessRule",
      "value": [{
        "Name": "Block legacy", "Action": "DenyAccess", "Priority": 1,
        "AnyOfProtocols@odata.type": "#Collection(String)", "AnyOfProtocols": ["POP3", "IMAP4"],
        "@adminapi.id": "x", "Priority@data.type": "Int32"
      }]
    }`);
    expect(model?.shape).toBe("admin-api");
    expect(model?.rules[0]?.issues).toEqual([]);
    expect(model?.specs[0]).toMatchObject({ name: "Block legacy", protocols: ["POP3", "IMAP4"] });
    // An object with a value array but no annotation is not the admin API's wrapper: its rules are
    // misplaced (reported by valid-schema), and none is read.
    const unannotated = read('{ "value": [{ "Name": "a", "Action": "DenyAccess" }] }');
    expect(unannotated?.shape).toBe("misplaced-rules");
    expect(unannotated?.allRules).toEqual([]);
    expect(unannotated?.issues).toMatchObject([{ kind: "misplaced-rules", where: 'under "value"', powerShellArrayWrapper: false, blocking: true }]);
    expect(read('{ "@odata.context": "x", "value": [{ "name": "n", "priority": 1 }] }')).toBeUndefined();
  });

  it("shape 8: reads only the EXOClientAccessRule entries of a Microsoft365DSC report, with \"$null\" as null", () => {
    const model = read(`[
      { "ResourceName": "EXOAcceptedDomain", "ResourceInstanceName": "contoso.com", "Identity": "contoso.com", "Action": "x" },
      { "ResourceName": "EXOClientAccessRule", "ResourceInstanceName": "EXOClientAccessRule-Block", "ModuleName": "Microsoft365DSC",
        "ConfigurationName": "M365TenantConfig", "Type": "x",
        "Identity": "Block", "Action": "DenyAccess", "Priority": 1, "AnyOfProtocols": ["POP3"], "UserRecipientFilter": "$null",
        "ExceptAnyOfProtocols": "$null", "Ensure": "Present", "ApplicationId": "$ConfigurationData.NonNodeData.AppId" }
    ]`);
    expect(model?.shape).toBe("dsc-report");
    expect(model?.rules).toHaveLength(1);
    expect(model?.rules[0]?.issues).toEqual([]);
    expect(model?.specs).toEqual([
      { index: 1, name: "Block", priority: 1, action: "DenyAccess", enabled: true, scope: "All", protocols: ["POP3"] },
    ]);
    // A report without Client Access Rules is not a CAR file.
    expect(read('[{ "ResourceName": "EXOAcceptedDomain", "Identity": "a", "Action": "DenyAccess" }]')).toBeUndefined();
  });
});

describe("readRuleSet: evaluation order of tied priorities", () => {
  it("puts the later rule first, as New-ClientAccessRule in file order would", async () => {
    const { sortByEvaluationOrder } = await import("../../lib/model/index.ts");
    const model = read(`[
      { "Name": "A", "Action": "DenyAccess", "Priority": 2 },
      { "Name": "B", "Action": "DenyAccess", "Priority": 1 },
      { "Name": "C", "Action": "DenyAccess", "Priority": 2 },
      { "Name": "D", "Action": "DenyAccess" },
      { "Name": "E", "Action": "DenyAccess" }
    ]`);
    expect(sortByEvaluationOrder(model!.specs).map((spec) => spec.name)).toEqual(["B", "C", "A", "D", "E"]);
  });
});

describe("readRuleSet: normalisation", () => {
  it("matches property names case-insensitively", () => {
    const model = read('[{ "name": "x", "ACTION": "denyaccess", "anyofprotocols": ["rest"], "scope": "users" }]');
    expect(model?.specs[0]).toMatchObject({ action: "DenyAccess", protocols: ["REST"], scope: "Users" });
  });

  it("reads the Allow/Deny aliases and one-string comma lists as their fixes would write them", () => {
    const model = read('[{ "Name": "x", "Action": "Allow", "AnyOfProtocols": "POP3, IMAP4", "ExceptAnyOfClientIPAddressesOrRanges": ["10.0.0.1,10.0.0.2"] }]');
    expect(model?.specs[0]).toMatchObject({
      action: "AllowAccess",
      protocols: ["POP3", "IMAP4"],
      exceptClientIps: [
        { family: 4, first: 167772161n, last: 167772161n },
        { family: 4, first: 167772162n, last: 167772162n },
      ],
    });
    expect(model?.rules[0]?.issues.map((issue) => issue.kind)).toEqual(["enum-alias", "comma-list", "comma-list"]);
  });

  it("reads a group or pattern string with commas as one value (a name may hold a comma)", () => {
    const model = read(`[{ "Name": "x", "Action": "DenyAccess", "ExceptUserIsMemberOf": "CN=Sales,OU=Groups,DC=contoso,DC=com",
      "UserIsMemberOf": ["Sales, Marketing"], "AnyOfProtocols": "POP3, IMAP4" }]`);
    expect(model?.specs[0]).toMatchObject({
      exceptGroups: ["cn=sales,ou=groups,dc=contoso,dc=com"],
      groups: ["sales, marketing"],
      protocols: ["POP3", "IMAP4"],
    });
    // The distinguished name is no finding; the display name is, with a suggested split only.
    expect(model?.rules[0]?.issues).toMatchObject([
      { kind: "comma-list", items: ["Sales", "Marketing"], readAsOneValue: true },
      { kind: "comma-list", items: ["POP3", "IMAP4"], readAsOneValue: false },
    ]);
  });

  it("treats null, empty strings and empty lists as not set", () => {
    const model = read('[{ "Name": "x", "Action": "DenyAccess", "AnyOfProtocols": [], "UsernameMatchesAnyOfPatterns": "", "Scope": null, "Priority": null, "Enabled": null }]');
    expect(model?.specs[0]).toEqual({ index: 0, name: "x", priority: undefined, action: "DenyAccess", enabled: true, scope: "All" });
  });

  it("keeps IPv6, ports, groups and a normalised recipient filter", () => {
    const model = read(`[{ "Name": "x", "Action": "DenyAccess", "AnyOfClientIPAddressesOrRanges": ["2001:db8::/127"],
      "AnyOfSourceTcpPortNumbers": [443, "1000-2000"], "UserIsMemberOf": [" Sales "], "UserRecipientFilter": "{city -EQ \\"Redmond\\"}" }]`);
    expect(model?.specs[0]).toMatchObject({
      clientIps: [{ family: 6, first: 0x20010db8000000000000000000000000n, last: 0x20010db8000000000000000000000001n }],
      sourcePorts: [
        { first: 443, last: 443 },
        { first: 1000, last: 2000 },
      ],
      groups: ["sales"],
      recipientFilter: "City -eq 'redmond'",
    });
  });

  it("leaves a rule it cannot read out of the specs, and says why", () => {
    const model = read(`[
      { "Name": "ok", "Action": "DenyAccess", "AnyOfProtocols": ["POP3"] },
      { "Name": "bad ip", "Action": "DenyAccess", "AnyOfClientIPAddressesOrRanges": ["10.0.0.256"] },
      { "Name": "bad enum", "Action": "DenyAccess", "AnyOfProtocols": ["Pidgeon"] },
      { "Name": "no action", "AnyOfProtocols": ["POP3"] },
      { "Name": "dup", "Action": "DenyAccess", "Scope": "All", "RuleScope": "Users" },
      { "Name": "unknown", "Action": "DenyAccess", "Colour": "red" },
      { "Name": "bad filter", "Action": "DenyAccess", "UserRecipientFilter": "City -eq" },
      { "Name": "bad priority", "Action": "DenyAccess", "Priority": 1.5 }
    ]`);
    expect(model?.specs.map((spec) => spec.name)).toEqual(["ok"]);
    expect(model?.rules.map((rule) => rule.issues.filter((issue) => issue.blocking).map((issue) => issue.kind))).toEqual([
      [],
      ["invalid-ip"],
      ["invalid-enum"],
      ["missing-action"],
      ["duplicate-parameter"],
      ["unknown-parameter"],
      ["invalid-recipient-filter"],
      ["invalid-priority"],
    ]);
  });

  it("keeps the AST node of every key and value", () => {
    const code = '[{ "Name": "x", "Action": "DenyAccess", "AnyOfProtocols": ["POP3", "IMAP4"] }]';
    const rule = read(code)!.rules[0]!;
    const protocols = rule.list("AnyOfProtocols", "protocol-list")!;
    expect(protocols.items.map((item) => code.slice(...item.node.range))).toEqual(['"POP3"', '"IMAP4"']);
    expect(code.slice(...protocols.property.keyNode.range)).toBe('"AnyOfProtocols"');
    expect(code.slice(...rule.nameNode!.range)).toBe('"x"');
  });
});
