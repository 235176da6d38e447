import { describe, expect, it } from "vitest";
import { WHAT_IF_USAGE, defaultAuthenticationType, parseWhatIfArgs } from "../../lib/cli/what-if.ts";
import { PROTOCOLS } from "../../lib/model/vocabulary.ts";
import { run, temporaryDirectory, writeFiles } from "./cli-harness.ts";

const directory = temporaryDirectory("what-if");

const ewsBlockOnly = '[{"Name":"blockEWS","Action":"DenyAccess","AnyOfProtocols":["ExchangeWebServices"],"Priority":1}]\n';

// Rules in file order differ from Priority order on purpose; line numbers matter for "skipped".
const tenant = `[
  { "Name": "Catch-all", "Action": "DenyAccess", "Priority": 7 },
  { "Name": "Allow office PowerShell", "Action": "AllowAccess", "AnyOfProtocols": ["RemotePowerShell"], "Priority": 1 },
  { "Name": "Old OWA rule", "Action": "DenyAccess", "AnyOfProtocols": ["OutlookWebApp"], "Enabled": false, "Priority": 2 },
  { "Name": "Office network", "Action": "AllowAccess", "AnyOfClientIPAddressesOrRanges": ["192.0.2.0/24"], "Priority": 3 },
  { "Name": "Admins", "Action": "AllowAccess", "UsernameMatchesAnyOfPatterns": ["contoso.com\\\\admin*"], "Priority": 4 },
  { "Name": "Outside partner net", "Action": "DenyAccess", "ExceptAnyOfClientIPAddressesOrRanges": ["203.0.113.0/24"], "Priority": 5 },
  { "Name": "Block OWA", "Action": "DenyAccess", "AnyOfProtocols": ["OutlookWebApp"], "Priority": 6 },
  { "Name": "Broken", "Action": "DenyAccess", "AnyOfClientIPAddressesOrRanges": ["10.0.0.300"], "Priority": 8 },
  { "Identity": "Gone", "Action": "DenyAccess", "Ensure": "Absent" }
]
`;

writeFiles(directory, {
  "ews-block.car.json": ewsBlockOnly,
  "tenant.json": tenant,
  "with-comments.car.jsonc": `// tenant\n[{ "Name": "Block POP", "Action": "DenyAccess", "AnyOfProtocols": ["POP3"], }, ]\n`,
  "broken.json": '[{"Name": "x", "Action": ',
  "padded-pattern.car.json": '[{"Name":"Block admins","Action":"DenyAccess","UsernameMatchesAnyOfPatterns":[" contoso.com\\\\admin* "]}]\n',
  "package.json": '{ "name": "not-rules", "version": "1.0.0" }',
  "deploy.ps1": "Set-Variable -Name protocols -Value POP3\nNew-ClientAccessRule -Name 'Block legacy' -Action DenyAccess -AnyOfProtocols $protocols\nSet-ClientAccessRule 'Nobody' -Enabled $false\n",
  "rejected.ps1":
    "New-ClientAccessRule -Name 'Modern auth only' -Action AllowAccess -AnyOfAuthenticationTypes OAuthAuthentication -Priority 1\nNew-ClientAccessRule -Name 'Block the rest' -Action DenyAccess -ExceptAnyOfAuthenticationTypes BasicAuthentication -AnyOfProtocols POP3 -Priority 2\n",
  "users-scoped-deny.car.json": '[{"Name":"Block users","Action":"DenyAccess","Scope":"Users","Priority":1}]\n',
  "sales-filter.car.json":
    '[{"Name":"Block OWA D5","Action":"DenyAccess","AnyOfProtocols":["OutlookWebApp"],"UserRecipientFilter":"Department -like \'Sa*\' -and City -ne \'Paris\'","Priority":1}]\n',
});

describe("what-if: Scope Users and Outlook for iOS and Android (design.md's model)", () => {
  it("gives both the end-user and the middle-tier decision, as no-blocked-outlook-mobile sees them", async () => {
    for (const extra of [[], ["--middle-tier"]]) {
      const result = await run(directory, "what-if", "users-scoped-deny.car.json", "--protocol", "REST", "--ip", "192.0.2.1", ...extra);
      expect(result.exitCode).toBe(0);
      expect(result.stdout).toContain(
          'Outlook for iOS and Android make both kinds of REST connection in the plugin\'s model (KB 4013974): as an end-user connection this one gets DenyAccess by "Block users" (Priority 1); as a middle-tier connection, AllowAccess (no rule matched). no-blocked-outlook-mobile reports a deny that takes either.',
      );
    }
    const json = await run(directory, "what-if", "users-scoped-deny.car.json", "--protocol", "REST", "--ip", "192.0.2.1", "--middle-tier", "--json");
    expect(JSON.parse(json.stdout)).toMatchObject({
      action: "AllowAccess",
      outlookMobile: {
        endUser: { action: "DenyAccess", decidingRule: { name: "Block users", priority: 1 } },
        middleTier: { action: "AllowAccess", decidingRule: null },
      },
    });
  });

  it("says nothing more when both scopes decide alike, or for other connections", async () => {
    const same = await run(directory, "what-if", "ews-block.car.json", "--protocol", "REST", "--ip", "192.0.2.1", "--json");
    expect(JSON.parse(same.stdout).outlookMobile).toBeUndefined();
    const basic = await run(directory, "what-if", "users-scoped-deny.car.json", "--protocol", "REST", "--auth", "BasicAuthentication", "--ip", "192.0.2.1");
    expect(basic.stdout).not.toContain("Outlook for iOS");
  });
});

describe("what-if: --attribute for recipient filters", () => {
  it("evaluates the filter on the attributes given (case-insensitively; unset when not given)", async () => {
    const sales = await run(directory, "what-if", "sales-filter.car.json", "--protocol", "OutlookWebApp", "--ip", "192.0.2.1", "--attribute", "Department=Sales", "--json");
    expect(JSON.parse(sales.stdout)).toMatchObject({ action: "DenyAccess", connection: { user: { attributes: { Department: "Sales" } } } });
    const paris = await run(directory, "what-if", "sales-filter.car.json", "--protocol", "OutlookWebApp", "--ip", "192.0.2.1", "--attribute", "Department=sales", "--attribute", "city=PARIS", "--json");
    expect(JSON.parse(paris.stdout)).toMatchObject({ action: "AllowAccess" });
    const none = await run(directory, "what-if", "sales-filter.car.json", "--protocol", "OutlookWebApp", "--ip", "192.0.2.1", "--json");
    expect(JSON.parse(none.stdout)).toMatchObject({ action: "AllowAccess" });
  });
});

describe("what-if: the usage lists exactly the protocols --protocol accepts", () => {
  it("names UniversalOutlook and every other protocol of the vocabulary (fuzz case: it was accepted but not listed)", () => {
    const listed = WHAT_IF_USAGE.slice(WHAT_IF_USAGE.indexOf("--protocol <name>"), WHAT_IF_USAGE.indexOf("(required)"));
    for (const protocol of PROTOCOLS) expect(listed).toMatch(new RegExp(`\\b${protocol}\\b`, "u"));
    expect(parseWhatIfArgs(["f.json", "--protocol", "UniversalOutlook", "--ip", "192.0.2.1"])?.connection.protocol).toBe("UniversalOutlook");
  });
});

describe("what-if reads a padded username pattern as the analysis does (trimmed)", () => {
  it("matches contoso.com\\admin1 against \" contoso.com\\admin* \"", async () => {
    const result = await run(directory, "what-if", "padded-pattern.car.json", "--protocol", "POP3", "--ip", "192.0.2.1", "--user", "contoso.com\\admin1", "--json");
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ action: "DenyAccess", decidingRule: { name: "Block admins" } });
  });
});

describe("what-if: the seed scenario (REST against a file with only an EWS block)", () => {
  it("says the EWS rule denies REST under coupled semantics (the default)", async () => {
    const result = await run(directory, "what-if", "ews-block.car.json", "--protocol", "REST", "--ip", "203.0.113.5");
    expect(result).toEqual({
      exitCode: 0,
      stderr: "",
      stdout: [
        "ews-block.car.json: REST with OAuthAuthentication from 203.0.113.5, port 443, user contoso.com\\user; coupled REST/EWS semantics",
        "",
        '  "blockEWS" (Priority 1, DenyAccess): matched (REST matches ExchangeWebServices in AnyOfProtocols under coupled semantics)',
        "",
        'Decided by "blockEWS" (Priority 1): DenyAccess.',
        "",
      ].join("\n"),
    });
  });

  it("says no rule matches under independent semantics: allowed by default", async () => {
    const result = await run(directory, "what-if", "ews-block.car.json", "--protocol", "REST", "--ip", "203.0.113.5", "--semantics", "independent");
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe(
      [
        "ews-block.car.json: REST with OAuthAuthentication from 203.0.113.5, port 443, user contoso.com\\user; independent REST/EWS semantics",
        "",
        '  "blockEWS" (Priority 1, DenyAccess): protocol REST is not in AnyOfProtocols (ExchangeWebServices)',
        "",
        "No rule matched: allowed by default (AllowAccess).",
        "",
      ].join("\n"),
    );
  });

  it("gives both answers as JSON", async () => {
    const coupled = JSON.parse((await run(directory, "what-if", "ews-block.car.json", "--protocol", "REST", "--ip", "203.0.113.5", "--json")).stdout);
    expect(coupled).toMatchObject({ decidingRule: { name: "blockEWS", priority: 1 }, action: "DenyAccess", allowedByDefault: false });
    const independent = JSON.parse(
      (await run(directory, "what-if", "ews-block.car.json", "--protocol", "REST", "--ip", "203.0.113.5", "--semantics", "independent", "--json")).stdout,
    );
    expect(independent).toMatchObject({ decidingRule: null, action: "AllowAccess", allowedByDefault: true });
    expect(independent.rules).toEqual([
      {
        name: "blockEWS",
        priority: 1,
        index: 0,
        enabled: true,
        action: "DenyAccess",
        outcome: "not-matched",
        failedCondition: "protocol",
        explanation: "protocol REST is not in AnyOfProtocols (ExchangeWebServices)",
      },
    ]);
  });
});

describe("what-if: the trace", () => {
  it("explains every rule in Priority order, names the deciding rule and the skipped rules", async () => {
    const result = await run(directory, "what-if", "tenant.json", "--protocol", "OutlookWebApp", "--ip", "203.0.113.5", "--user", "contoso.com\\ben");
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe(
      [
        "tenant.json: OutlookWebApp with BasicAuthentication from 203.0.113.5, port 443, user contoso.com\\ben; coupled REST/EWS semantics",
        'skipped "Broken": line 9: AnyOfClientIPAddressesOrRanges: `10.0.0.300` is not an IPv4 address: octet 300 is out of range (0–255)',
        'skipped "Gone": Ensure is "Absent" (the rule is to be removed)',
        "",
        '  "Allow office PowerShell" (Priority 1, AllowAccess): protocol OutlookWebApp is not in AnyOfProtocols (RemotePowerShell)',
        '  "Old OWA rule" (Priority 2, DenyAccess): disabled (would match if enabled)',
        '  "Office network" (Priority 3, AllowAccess): address 203.0.113.5 is not in AnyOfClientIPAddressesOrRanges (192.0.2.0/24)',
        '  "Admins" (Priority 4, AllowAccess): user contoso.com\\ben matches none of UsernameMatchesAnyOfPatterns (contoso.com\\admin*)',
        '  "Outside partner net" (Priority 5, DenyAccess): address 203.0.113.5 is in ExceptAnyOfClientIPAddressesOrRanges (203.0.113.0/24)',
        '  "Block OWA" (Priority 6, DenyAccess): matched',
        '  "Catch-all" (Priority 7, DenyAccess): not reached (an earlier rule decided)',
        "",
        'Decided by "Block OWA" (Priority 6): DenyAccess.',
        "",
      ].join("\n"),
    );
  });

  it("--all-matches lists every rule Test-ClientAccessRule would return, disabled ones included", async () => {
    const result = await run(directory, "what-if", "tenant.json", "--protocol", "OutlookWebApp", "--ip", "203.0.113.5", "--all-matches");
    expect(result.stdout).toContain('  "Catch-all" (Priority 7, DenyAccess): matched\n');
    expect(result.stdout.split("\n\n").at(-1)).toBe(
      [
        "Matching rules, as Test-ClientAccessRule lists them (disabled rules count as enabled):",
        '  "Old OWA rule" (Priority 2, DenyAccess): disabled',
        '  "Block OWA" (Priority 6, DenyAccess)',
        '  "Catch-all" (Priority 7, DenyAccess)',
        "",
      ].join("\n"),
    );
    const json = JSON.parse((await run(directory, "what-if", "tenant.json", "--protocol", "OutlookWebApp", "--ip", "203.0.113.5", "--all-matches", "--json")).stdout);
    expect(json.decidingRule).toEqual({ name: "Block OWA", priority: 6 });
    expect(json.matchingRules.map((rule: { name: string }) => rule.name)).toEqual(["Old OWA rule", "Block OWA", "Catch-all"]);
    expect(json.skippedRules).toEqual([
      { index: 7, name: "Broken", reasons: ["line 9: AnyOfClientIPAddressesOrRanges: `10.0.0.300` is not an IPv4 address: octet 300 is out of range (0–255)"] },
      { index: 8, name: "Gone", reasons: ['Ensure is "Absent" (the rule is to be removed)'] },
    ]);
  });

  it("says in words why a PowerShell command was not applied", async () => {
    const result = await run(directory, "what-if", "deploy.ps1", "--protocol", "POP3", "--ip", "192.0.2.1");
    expect(result.exitCode).toBe(0);
    expect(result.stdout.split("\n").filter((line) => line.startsWith("skipped"))).toEqual([
      'skipped "Block legacy": the rule could not be read',
      "skipped an entry: line 2: -AnyOfProtocols is a variable whose value is not a literal assigned earlier in this file and left unchanged, so it is not statically known",
      'skipped an entry: line 3: Set-ClientAccessRule refers to "Nobody", a rule this file does not create',
    ]);
  });

  it("leaves out a rule whose authentication-type condition New-ClientAccessRule rejects, and says so", async () => {
    const result = await run(directory, "what-if", "rejected.ps1", "--protocol", "POP3", "--ip", "192.0.2.1", "--auth", "OAuthAuthentication");
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe(
      [
        "rejected.ps1: POP3 with OAuthAuthentication from 192.0.2.1, port 443, user contoso.com\\user; coupled REST/EWS semantics",
        'skipped "Modern auth only": line 1: AnyOfAuthenticationTypes without AnyOfProtocols, which New-ClientAccessRule rejects',
        'skipped "Block the rest": line 2: ExceptAnyOfAuthenticationTypes without AnyOfAuthenticationTypes, which New-ClientAccessRule rejects',
        "",
        "No rule matched: allowed by default (AllowAccess).",
        "",
      ].join("\n"),
    );
  });

  it("reads JSONC with comments and trailing commas", async () => {
    const result = await run(directory, "what-if", "with-comments.car.jsonc", "--protocol", "pop3", "--ip", "2001:DB8::1", "--json");
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      connection: { protocol: "POP3", authenticationType: "BasicAuthentication", ip: "2001:db8::1", port: 443 },
      decidingRule: { name: "Block POP", priority: null },
      action: "DenyAccess",
    });
  });
});

describe("what-if: each condition in words", () => {
  const cases: Array<{ rule: Record<string, unknown>; args: string[]; explanation: string }> = [
    { rule: { Scope: "Users" }, args: ["--middle-tier"], explanation: "Scope is Users and the connection comes from a middle-tier application" },
    {
      rule: { ExceptAnyOfProtocols: ["ExchangeWebServices"] },
      args: ["--protocol", "REST"],
      explanation: "protocol REST is excepted by ExchangeWebServices in ExceptAnyOfProtocols (coupled semantics) (ExchangeWebServices)",
    },
    { rule: { ExceptAnyOfProtocols: ["POP3", "IMAP4"] }, args: [], explanation: "protocol POP3 is in ExceptAnyOfProtocols (POP3, IMAP4)" },
    {
      rule: { AnyOfProtocols: ["POP3"], AnyOfAuthenticationTypes: ["OAuthAuthentication"] },
      args: [],
      explanation: "authentication type BasicAuthentication is not in AnyOfAuthenticationTypes (OAuthAuthentication)",
    },
    {
      rule: { AnyOfProtocols: ["POP3"], AnyOfAuthenticationTypes: ["BasicAuthentication", "OAuthAuthentication"], ExceptAnyOfAuthenticationTypes: ["OAuthAuthentication"] },
      args: ["--auth", "oauthauthentication"],
      explanation: "authentication type OAuthAuthentication is in ExceptAnyOfAuthenticationTypes (OAuthAuthentication)",
    },
    { rule: { AnyOfSourceTcpPortNumbers: ["1-1023"] }, args: ["--port", "50000"], explanation: "port 50000 is not in AnyOfSourceTcpPortNumbers (1-1023)" },
    { rule: { ExceptAnyOfSourceTcpPortNumbers: ["443"] }, args: [], explanation: "port 443 is in ExceptAnyOfSourceTcpPortNumbers (443)" },
    {
      rule: { ExceptUsernameMatchesAnyOfPatterns: ["*\\svc*"] },
      args: ["--user", "fabrikam\\svc-backup"],
      explanation: "user fabrikam\\svc-backup matches ExceptUsernameMatchesAnyOfPatterns (*\\svc*)",
    },
    {
      rule: { UserIsMemberOf: ["Admins"] },
      args: ["--group", "Helpdesk"],
      explanation: "user contoso.com\\user is not in a group of UserIsMemberOf (admins) (pass --group)",
    },
    { rule: { ExceptUserIsMemberOf: ["Admins"] }, args: ["--group", "ADMINS"], explanation: "user contoso.com\\user is in a group of ExceptUserIsMemberOf (admins)" },
    {
      rule: { UserRecipientFilter: "Department -eq 'Sales'" },
      args: [],
      explanation:
        "user contoso.com\\user with no attributes set does not satisfy UserRecipientFilter \"Department -eq 'sales'\" (pass --attribute Property=Value)",
    },
    {
      rule: { UserRecipientFilter: "Department -eq 'Sales'" },
      args: ["--attribute", "department=HR", "--attribute", "City=Paris"],
      explanation:
        "user contoso.com\\user with Department=HR, City=Paris does not satisfy UserRecipientFilter \"Department -eq 'sales'\" (pass --attribute Property=Value)",
    },
    {
      rule: { AnyOfClientIPAddressesOrRanges: ["10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.4", "10.0.0.5", "10.0.0.6", "10.0.0.7"] },
      args: [],
      explanation: "address 192.0.2.1 is not in AnyOfClientIPAddressesOrRanges (10.0.0.1, 10.0.0.2, 10.0.0.3, 10.0.0.4, 10.0.0.5 and 2 more)",
    },
  ];

  it.each(cases.map((testCase, index) => ({ ...testCase, index })))("case $index: $explanation", async ({ rule, args, index }) => {
    const file = `condition-${index}.car.json`;
    writeFiles(directory, { [file]: JSON.stringify([{ Name: "R", Action: "DenyAccess", Priority: 1, ...rule }]) });
    const withProtocol = args.includes("--protocol") ? args : ["--protocol", "POP3", ...args];
    const result = await run(directory, "what-if", file, "--ip", "192.0.2.1", "--json", ...withProtocol);
    expect(result.stderr).toBe("");
    const [outcome] = JSON.parse(result.stdout).rules;
    expect(outcome.outcome).toBe("not-matched");
    expect(outcome.explanation).toBe(cases[index]!.explanation);
  });
});

describe("what-if: defaults and option parsing", () => {
  it("defaults the authentication type to OAuth for REST and Basic otherwise", () => {
    expect(defaultAuthenticationType("REST")).toBe("OAuthAuthentication");
    expect(defaultAuthenticationType("ExchangeWebServices")).toBe("BasicAuthentication");
    expect(defaultAuthenticationType("RemotePowerShell")).toBe("BasicAuthentication");
  });

  it("builds the connection from the options", () => {
    expect(
      parseWhatIfArgs(["r.json", "--protocol", "remotepowershell", "--ip", " 192.0.2.10 ", "--user", "Fabrikam\\Admin", "--port", "5986", "--middle-tier", "--group", "Admins", "--attribute", "department=Sales"]),
    ).toEqual({
      file: "r.json",
      connection: {
        protocol: "RemotePowerShell",
        authenticationType: "BasicAuthentication",
        ip: "192.0.2.10",
        port: 5986,
        user: { name: "Fabrikam\\Admin", groups: ["admins"], attributes: { Department: "Sales" } },
        middleTier: true,
      },
      restSemantics: "coupled",
      allMatches: false,
      json: false,
    });
  });

  it("prints its help", async () => {
    const result = await run(directory, "what-if", "--help");
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/^Usage: client-access-rules what-if <file> --protocol <protocol> --ip <address>/u);
  });
});

describe("what-if: bad input gets one line on stderr and exit code 2", () => {
  const base = ["what-if", "ews-block.car.json", "--ip", "192.0.2.1"];
  const cases: Array<[string, string[], string]> = [
    ["an unknown protocol", [...base, "--protocol", "OutlookWebAp"], 'unknown protocol "OutlookWebAp": did you mean OutlookWebApp?'],
    [
      "a protocol with no near match",
      [...base, "--protocol", "SMTP"],
      'unknown protocol "SMTP": use one of ExchangeActiveSync, ExchangeAdminCenter, ExchangeWebServices, IMAP4, OfflineAddressBook, OutlookAnywhere, OutlookWebApp, POP3, PowerShellWebServices, RemotePowerShell, REST, UniversalOutlook',
    ],
    ["a range instead of an address", ["what-if", "ews-block.car.json", "--protocol", "REST", "--ip", "10.0.0.0/8"], "--ip: `10.0.0.0/8` is not a single IP address"],
    ["an unknown authentication type", [...base, "--protocol", "POP3", "--auth", "Kerberos"], 'unknown authentication type "Kerberos": use one of AdfsAuthentication, BasicAuthentication, CertificateBasedAuthentication, NonBasicAuthentication, OAuthAuthentication'],
    ["port 0", [...base, "--protocol", "POP3", "--port", "0"], '--port must be a whole number from 1 to 65535, not "0"'],
    ["a port that is not a number", [...base, "--protocol", "POP3", "--port", "https"], '--port must be a whole number from 1 to 65535, not "https"'],
    ["a user without a domain", [...base, "--protocol", "POP3", "--user", "ben@contoso.com"], '--user must be DOMAIN\\name (one backslash, both parts non-empty), not "ben@contoso.com"'],
    ["an attribute without a value", [...base, "--protocol", "POP3", "--attribute", "Department"], '--attribute takes Property=Value (such as Department=Sales), not "Department"'],
    ["an attribute filters cannot use", [...base, "--protocol", "POP3", "--attribute", "Title=CEO"], '--attribute: "Title" is not a property recipient filters can use (City, Company, CountryOrRegion, CustomAttribute1, CustomAttribute2, CustomAttribute3, CustomAttribute4, CustomAttribute5, CustomAttribute6, CustomAttribute7, CustomAttribute8, CustomAttribute9, CustomAttribute10, CustomAttribute11, CustomAttribute12, CustomAttribute13, CustomAttribute14, CustomAttribute15, Department, Office, PostalCode, StateOrProvince, StreetAddress)'],
    ["an attribute given twice", [...base, "--protocol", "POP3", "--attribute", "City=a", "--attribute", "city=b"], "--attribute: City is given twice"],
    ["unknown semantics", [...base, "--protocol", "REST", "--semantics", "split"], 'unknown semantics "split": use one of coupled, independent'],
    ["a missing --protocol", base, "what-if needs --protocol"],
    ["a missing --ip", ["what-if", "ews-block.car.json", "--protocol", "REST"], "what-if needs --ip"],
    ["no file", ["what-if", "--protocol", "REST", "--ip", "192.0.2.1"], "what-if needs a rule file"],
    ["an unknown option", [...base, "--protocol", "REST", "--verbose"], "Unknown option '--verbose'"],
    ["a missing file", ["what-if", "nope.json", "--protocol", "REST", "--ip", "192.0.2.1"], "cannot read nope.json: no such file or directory"],
    ["a directory", ["what-if", ".", "--protocol", "REST", "--ip", "192.0.2.1"], "cannot read .: it is a directory"],
    ["a file that does not parse", ["what-if", "broken.json", "--protocol", "REST", "--ip", "192.0.2.1"], "cannot parse broken.json (line 1, column 25): Unexpected token ':'."],
    ["JSON that is not a rule set", ["what-if", "package.json", "--protocol", "REST", "--ip", "192.0.2.1"], "package.json is not a Client Access Rules file (no rule object with Action or a condition)"],
  ];

  it.each(cases)("%s", async (_label, argv, message) => {
    const result = await run(directory, ...argv);
    expect(result).toEqual({ exitCode: 2, stdout: "", stderr: `client-access-rules what-if: ${message}\n` });
  });
});
