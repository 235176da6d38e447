/**
 * Property: a PowerShell file and the JSON file it is equivalent to give the same findings (rule
 * and message, modulo positions and line numbers in messages). Three PowerShell forms are checked
 * against the same random rule sets:
 * - a deployment script of New-ClientAccessRule commands in file order, values written in random
 *   PowerShell styles (bare, quoted, comma lists, @(…), splatting, continuations), each command
 *   possibly inside an idempotent script's existence test (`if (-not (Get-ClientAccessRule …)) {
 *   New-… }`, or `if (Get-…) { Set-… } else { New-… }`);
 * - the same script with each rule's lists split between New- and a later
 *   `Set-ClientAccessRule … @{Add=…}` (the simulation must compose them);
 * - a Microsoft365DSC configuration with one EXOClientAccessRule block per rule (ties allowed: DSC
 *   ties follow the JSON tie rule).
 * Scripts use distinct priorities: with them the simulation leaves exactly the numbers written.
 */
import { Linter } from "eslint";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import plugin from "../../lib/index.ts";

const linter = new Linter({ configType: "flat" });
const jsonConfig = [plugin.configs.all];
const powerShellConfig = [plugin.configs["all-powershell"]];

interface Rule {
  name: string;
  action: "AllowAccess" | "DenyAccess";
  priority: number;
  enabled: boolean;
  scope?: "All" | "Users";
  lists: Array<[string, string[]]>;
  filter?: string;
}

const LIST_VALUES: Record<string, readonly string[]> = {
  AnyOfProtocols: ["ExchangeWebServices", "REST", "POP3", "IMAP4", "RemotePowerShell", "OutlookWebApp", "ExchangeActiveSync"],
  ExceptAnyOfProtocols: ["REST", "ExchangeWebServices", "RemotePowerShell", "POP3"],
  AnyOfAuthenticationTypes: ["BasicAuthentication", "OAuthAuthentication"],
  AnyOfClientIPAddressesOrRanges: ["192.0.2.0/24", "198.51.100.7", "10.0.0.0/8", "203.0.113.1-203.0.113.9"],
  ExceptAnyOfClientIPAddressesOrRanges: ["192.0.2.0/24", "10.1.0.0/16", "2001:db8::/32"],
  UsernameMatchesAnyOfPatterns: ["contoso.com\\admin*", "*\\jeff", "contoso.com\\*"],
  ExceptUsernameMatchesAnyOfPatterns: ["contoso.com\\svc-*", "*\\jeff"],
};
const FILTERS = ["City -eq 'Redmond'", "Department -like 'Sa*'", "Company -ne 'Contoso' -and Office -eq '12'"];

const listArbitrary = fc
  .subarray(Object.keys(LIST_VALUES), { maxLength: 3 })
  .chain((names) =>
    fc.tuple(...names.map((name) => fc.subarray([...LIST_VALUES[name]!], { minLength: 1, maxLength: Math.min(3, LIST_VALUES[name]!.length) }).map((values) => [name, values] as [string, string[]]))),
  );

const ruleArbitrary = fc.record({
  action: fc.constantFrom("AllowAccess" as const, "DenyAccess" as const),
  enabled: fc.boolean(),
  scope: fc.option(fc.constantFrom("All" as const, "Users" as const), { nil: undefined }),
  lists: listArbitrary,
  filter: fc.option(fc.constantFrom(...FILTERS), { nil: undefined }),
});

/** Rule sets with distinct priorities (random numbers, random file order). */
const ruleSetArbitrary = fc
  .array(ruleArbitrary, { minLength: 1, maxLength: 6 })
  .chain((rules) =>
    fc.uniqueArray(fc.integer({ min: 0, max: 40 }), { minLength: rules.length, maxLength: rules.length }).map((priorities) =>
      rules.map((rule, index): Rule => ({ ...rule, name: `Rule ${index} o'brien`, priority: priorities[index]! })),
    ),
  );

function toJson(rules: readonly Rule[]): string {
  const objects = rules.map((rule) => ({
    Name: rule.name,
    Action: rule.action,
    Priority: rule.priority,
    Enabled: rule.enabled,
    ...(rule.scope ? { Scope: rule.scope } : {}),
    ...Object.fromEntries(rule.lists),
    ...(rule.filter ? { UserRecipientFilter: rule.filter } : {}),
  }));
  return `${JSON.stringify(objects, null, 2)}\n`;
}

type Style = "bare" | "single" | "double";
const single = (text: string) => `'${text.replace(/'/gu, "''")}'`;
const double = (text: string) => `"${text.replace(/[`"$]/gu, (char) => `\`${char}`)}"`;

function scalar(text: string, style: Style): string {
  if (style === "bare" && /^[\w.\\*/:-]+$/u.test(text) && !/^[-\d]/u.test(text)) return text;
  return style === "double" ? double(text) : single(text);
}

function list(values: readonly string[], style: Style, form: "comma" | "array" | "spaced"): string {
  // Inside @(…) PowerShell reads expressions, where a bare word is a command: quote there.
  const items = values.map((value) => scalar(value, form === "array" && style === "bare" ? "single" : style));
  if (form === "array") return `@(${items.join(", ")})`;
  return items.join(form === "spaced" ? ", " : ",");
}

interface Layout {
  readonly style: Style;
  readonly form: "comma" | "array" | "spaced";
  readonly continuation: boolean;
  readonly splat: boolean;
  /** The rule created where it is missing, or updated where it exists and created otherwise. */
  readonly guard: "none" | "missing" | "upsert";
}

const layoutArbitrary = fc.record({
  style: fc.constantFrom<Style>("bare", "single", "double"),
  form: fc.constantFrom("comma" as const, "array" as const, "spaced" as const),
  continuation: fc.boolean(),
  splat: fc.boolean(),
  guard: fc.constantFrom("none" as const, "missing" as const, "upsert" as const),
});

function toScript(rules: readonly Rule[], layouts: readonly Layout[], splitWithSet: boolean): string {
  const lines: string[] = ["# generated deployment script", "$ErrorActionPreference = 'Stop'"];
  const later: string[] = [];
  rules.forEach((rule, index) => {
    const layout = layouts[index % layouts.length]!;
    const parts: string[] = [];
    const kept = splitWithSet ? rule.lists.map(([name, values]) => [name, values.slice(0, 1)] as [string, string[]]) : rule.lists;
    for (const [name, values] of kept) parts.push(`-${name} ${list(values, layout.style, layout.form)}`);
    if (rule.scope) parts.push(`-Scope ${rule.scope}`);
    if (rule.filter) parts.push(`-UserRecipientFilter ${layout.style === "double" ? double(rule.filter) : single(rule.filter)}`);
    parts.push(`-Enabled:$${rule.enabled}`);
    const separator = layout.continuation ? " `\n    " : " ";
    const created: string[] = [];
    if (layout.splat) {
      created.push(`$rule${index} = @{`, `    Name = ${single(rule.name)}`, `    Action = '${rule.action}'`, `    Priority = ${rule.priority}`, "}");
      created.push(`New-ClientAccessRule @rule${index}${separator}${parts.join(separator)} -Confirm:$false`);
    } else {
      created.push(
        `New-ClientAccessRule -Name ${scalar(rule.name, layout.style === "bare" ? "single" : layout.style)} -Action ${rule.action} -Priority ${rule.priority}${separator}${parts.join(separator)}`,
      );
    }
    const get = `Get-ClientAccessRule -Identity ${single(rule.name)} -ErrorAction SilentlyContinue`;
    if (layout.guard === "missing") lines.push(`if (-not (${get})) {`, ...created, "}");
    else if (layout.guard === "upsert") lines.push(`if (${get}) {`, `    Set-ClientAccessRule ${single(rule.name)} -Enabled:$false`, "} else {", ...created, "}");
    else lines.push(...created);
    if (splitWithSet) {
      for (const [name, values] of rule.lists) {
        if (values.length > 1) later.push(`Set-ClientAccessRule -Identity ${single(rule.name)} -${name} @{Add=${list(values.slice(1), "single", "spaced")}}`);
      }
    }
  });
  return `${[...lines, ...later].join("\n")}\n`;
}

function toDsc(rules: readonly Rule[]): string {
  const blocks = rules.map((rule, index) => {
    const entries: Array<[string, string]> = [
      ["Identity", double(rule.name)],
      ["Action", double(rule.action)],
      ["Priority", String(rule.priority)],
      ["Enabled", rule.enabled ? "$True" : "$False"],
      ...(rule.scope ? [["RuleScope", double(rule.scope)] as [string, string]] : []),
      ...rule.lists.map(([name, values]) => [name, list(values, "double", "array")] as [string, string]),
      ...(rule.filter ? [["UserRecipientFilter", single(rule.filter)] as [string, string]] : []),
      ["Ensure", '"Present"'],
      ["Credential", "$Credscredential"],
    ];
    return [`        EXOClientAccessRule 'Rule${index}'`, "        {", ...entries.map(([key, value]) => `            ${key.padEnd(36)} = ${value}`), "        }"].join("\n");
  });
  return ["Configuration M365TenantConfig", "{", "    Import-DscResource -ModuleName 'Microsoft365DSC'", "    Node localhost", "    {", ...blocks, "    }", "}", ""].join("\n");
}

/** What a finding says, without where it is: positions and "line N" differ between the forms. */
function findings(messages: Linter.LintMessage[]): string[] {
  return messages.map((message) => `${message.ruleId} ${message.message.replace(/\bline \d+/gu, "line N")}`).sort();
}

function lintJson(text: string) {
  return linter.verify(text, jsonConfig, { filename: "rules.car.json" });
}

function lintPowerShell(text: string) {
  return linter.verify(text, powerShellConfig, { filename: "rules.ps1" });
}

describe("a PowerShell file gives the same findings as its JSON equivalent", () => {
  it("deployment scripts of New-ClientAccessRule commands", () => {
    fc.assert(
      fc.property(ruleSetArbitrary, fc.array(layoutArbitrary, { minLength: 1, maxLength: 3 }), (rules, layouts) => {
        const json = lintJson(toJson(rules));
        const script = lintPowerShell(toScript(rules, layouts, false));
        expect(script.filter((message) => message.fatal)).toEqual([]);
        expect(findings(script)).toEqual(findings(json));
      }),
      { numRuns: 60, seed: 8 },
    );
  });

  it("scripts that finish each rule's lists with Set-ClientAccessRule @{Add=…}", () => {
    fc.assert(
      fc.property(ruleSetArbitrary, fc.array(layoutArbitrary, { minLength: 1, maxLength: 3 }), (rules, layouts) => {
        // No finding may depend on which command wrote a value, so the JSON's findings stand.
        const json = lintJson(toJson(rules));
        const script = lintPowerShell(toScript(rules, layouts, true));
        expect(findings(script)).toEqual(findings(json));
      }),
      { numRuns: 40, seed: 88 },
    );
  });

  it("Microsoft365DSC configurations, tied priorities included", () => {
    const withTies = ruleSetArbitrary.chain((rules) =>
      fc.array(fc.integer({ min: 0, max: 3 }), { minLength: rules.length, maxLength: rules.length }).map((priorities) =>
        rules.map((rule, index) => ({ ...rule, priority: priorities[index]! })),
      ),
    );
    fc.assert(
      fc.property(withTies, (rules) => {
        const json = lintJson(toJson(rules).replace(/"Name"/gu, '"Identity"'));
        const dsc = lintPowerShell(toDsc(rules));
        expect(findings(dsc)).toEqual(findings(json));
      }),
      { numRuns: 60, seed: 888 },
    );
  });

  it("the bundled deployment script and the JSON of the rules it leaves", async () => {
    const { readFileSync } = await import("node:fs");
    const script = readFileSync(new URL("../../examples/deploy-client-access-rules.ps1", import.meta.url), "utf8");
    const leaves = toJson([
      { name: "Office networks only", action: "DenyAccess", priority: 1, enabled: true, lists: [["ExceptAnyOfClientIPAddressesOrRanges", ["192.0.2.0/24", "198.51.100.0/24"]]] },
      { name: "Always Allow Remote PowerShell", action: "AllowAccess", priority: 2, enabled: true, lists: [["AnyOfProtocols", ["RemotePowerShell"]]] },
      { name: "Allow Outlook mobile", action: "AllowAccess", priority: 3, enabled: true, lists: [["AnyOfProtocols", ["REST"]]] },
      { name: "Block legacy protocols", action: "DenyAccess", priority: 4, enabled: false, lists: [["AnyOfProtocols", ["POP3", "IMAP4"]]] },
    ]);
    const powerShellFindings = findings(lintPowerShell(script));
    expect(powerShellFindings).toHaveLength(2);
    expect(powerShellFindings).toEqual(findings(lintJson(leaves)));
  });
});

describe("the JSON shapes administrators keep give the same findings as the plain array", () => {
  const plain = [
    { Name: "Block legacy", Action: "DenyAccess", Priority: 1, AnyOfProtocols: ["POP3", "IMAP4"] },
    { Name: "Block EWS", Action: "DenyAccess", Priority: 2, AnyOfProtocols: ["ExchangeWebServices"] },
    { Name: "Block everything", Action: "DenyAccess", Priority: 3 },
  ];
  const reference = findings(lintJson(`${JSON.stringify(plain, null, 2)}\n`));

  it("the reference has the hazards: the catch-all locks administrators out, the EWS block cuts off phones", () => {
    expect(reference.map((finding) => finding.split(" ")[0])).toEqual(
      expect.arrayContaining(["client-access-rules/no-remote-powershell-lockout", "client-access-rules/no-ews-block-without-rest-exception"]),
    );
  });

  it("shape 6: Get-ClientAccessRule output with SerializationData and the serialiser's other keys", () => {
    const raw = plain.map((rule, index) => ({
      RunspaceId: "9e3f…",
      SerializationData: "AAEAAAD/////AQAAAAAAAAAMAgAAAF1NaWNyb3NvZnQuRXhjaGFuZ2U=",
      ExchangeObjectId: `0f1e2d3c-0000-0000-0000-00000000000${index}`,
      OrganizationalUnitRoot: "contoso.onmicrosoft.com",
      PSShowComputerName: false,
      Identity: rule.Name,
      ...rule,
      DatacenterAdminsOnly: false,
    }));
    expect(findings(lintJson(`${JSON.stringify(raw, null, 2)}\n`))).toEqual(reference);
  });

  it("shape 7: the admin API's wrapper with OData annotations", () => {
    const wrapped = {
      "@odata.context": "https://outlook.office365.com/adminapi/beta/contoso/$metadata#ClientAccessRule",
      value: plain.map((rule) => ({ "@odata.type": "#Exchange.GenericHashTable", "AnyOfProtocols@odata.type": "#Collection(String)", ...rule })),
    };
    expect(findings(lintJson(`${JSON.stringify(wrapped, null, 2)}\n`))).toEqual(reference);
  });

  it("shape 8: a Microsoft365DSC report, other resources and \"$null\" values beside the rules", () => {
    const report = [
      { ResourceName: "EXOAcceptedDomain", ResourceInstanceName: "contoso.com", Identity: "contoso.com", DomainType: "Authoritative" },
      ...plain.map(({ Name, ...rule }) => ({
        ResourceName: "EXOClientAccessRule",
        ResourceInstanceName: `EXOClientAccessRule-${Name}`,
        Identity: Name,
        ...rule,
        UserRecipientFilter: "$null",
        Ensure: "Present",
      })),
    ];
    expect(findings(lintJson(`${JSON.stringify(report, null, 2)}\n`))).toEqual(reference);
  });
});
