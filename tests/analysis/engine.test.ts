/** analyzeRuleSet on hand-written rule sets: coverage, reachability, witnesses and regions. */
import { describe, expect, it } from "vitest";
import { analyzeRuleSet, decide, witnessDecidedBy } from "../../lib/analysis/index.ts";
import type { AnalyzeOptions, RuleSetAnalysis } from "../../lib/analysis/index.ts";
import type { RuleSpec } from "../../lib/model/rule-spec.ts";
import { ip, ruleSet } from "./helpers.ts";

const coupled: AnalyzeOptions = { restSemantics: "coupled" };
const independent: AnalyzeOptions = { restSemantics: "independent" };

const names = (rules: readonly RuleSpec[] | undefined) => rules?.map((rule) => rule.name);
const finding = (analysis: RuleSetAnalysis, index: number) => analysis.ruleAnalysis(index)!;

/** The rule is covered, by exactly these rules, and a replayed witness cannot reach it. */
function expectCovered(analysis: RuleSetAnalysis, index: number, covering: string[], differentAction: boolean) {
  const result = finding(analysis, index);
  expect(result.reachable).toBe(false);
  expect(result.unsatisfiable).toBeUndefined();
  expect(names(result.shadowing?.coveringRules)).toEqual(covering);
  expect(result.shadowing?.differentAction).toBe(differentAction);
  expect(witnessDecidedBy(analysis, index)).toBeUndefined();
}

function expectReachable(analysis: RuleSetAnalysis, index: number) {
  const result = finding(analysis, index);
  expect(result.reachable).toBe(true);
  expect(result.shadowing).toBeUndefined();
  const witness = witnessDecidedBy(analysis, index);
  expect(witness).toBeDefined();
  expect(decide(analysis.orderedRules, witness!, { restSemantics: analysis.restSemantics }).decidingRule).toBe(result.rule);
  return witness!;
}

describe("coverage by one rule", () => {
  it("reports a deny below an allow-all as shadowed", () => {
    const analysis = analyzeRuleSet(
      ruleSet({ action: "AllowAccess" }, { action: "DenyAccess", protocols: ["ExchangeWebServices"] }),
      coupled,
    );
    expectReachable(analysis, 0);
    expectCovered(analysis, 1, ["r0"], true);
  });

  it("reports a same-action rule below a broader one as redundant", () => {
    const analysis = analyzeRuleSet(
      ruleSet({ protocols: ["IMAP4", "POP3"] }, { protocols: ["POP3"], clientIps: [ip("10.0.0.0/8")] }),
      coupled,
    );
    expectCovered(analysis, 1, ["r0"], false);
  });

  it("sees contoso.com\\admin* inside contoso.com\\*, but not the other way round", () => {
    const shadowed = analyzeRuleSet(
      ruleSet({ action: "AllowAccess", usernamePatterns: ["contoso.com\\*"] }, { usernamePatterns: ["contoso.com\\admin*"] }),
      coupled,
    );
    expectCovered(shadowed, 1, ["r0"], true);

    const reachable = analyzeRuleSet(
      ruleSet({ usernamePatterns: ["contoso.com\\admin*"] }, { action: "AllowAccess", usernamePatterns: ["contoso.com\\*"] }),
      coupled,
    );
    const witness = expectReachable(reachable, 1);
    expect(witness.user.name).toMatch(/^contoso\.com\\/);
    expect(witness.user.name).not.toMatch(/\\admin/);
  });

  it("sees *jeff* covering contoso.com\\jeff but not contoso.com\\*", () => {
    const analysis = analyzeRuleSet(
      ruleSet({ usernamePatterns: ["*jeff*"] }, { usernamePatterns: ["contoso.com\\jeff"] }, { usernamePatterns: ["contoso.com\\*"] }),
      coupled,
    );
    expectCovered(analysis, 1, ["r0"], false);
    expectReachable(analysis, 2);
  });
});

describe("coverage by a union of rules", () => {
  it("covers two protocols with two rules", () => {
    const analysis = analyzeRuleSet(
      ruleSet(
        { action: "AllowAccess", protocols: ["IMAP4"] },
        { action: "AllowAccess", protocols: ["POP3"] },
        { protocols: ["POP3", "IMAP4"] },
      ),
      coupled,
    );
    expectCovered(analysis, 2, ["r0", "r1"], true);
  });

  it("covers an IPv4 range with two CIDR blocks", () => {
    const analysis = analyzeRuleSet(
      ruleSet(
        { clientIps: [ip("10.0.0.128/25")] },
        { clientIps: [ip("10.0.0.0/25")] },
        { clientIps: [ip("10.0.0.0-10.0.0.255")] },
        { clientIps: [ip("10.0.0.0-10.0.1.0")] },
      ),
      coupled,
    );
    expectCovered(analysis, 2, ["r0", "r1"], false);
    expect(expectReachable(analysis, 3).ip).toBe("10.0.1.0");
  });

  it("covers an IPv6 prefix, and never lets ::/0 cover IPv4", () => {
    const analysis = analyzeRuleSet(
      ruleSet(
        { clientIps: [ip("2001:db8::/33")] },
        { clientIps: [ip("2001:db8:8000::/33")] },
        { clientIps: [ip("2001:db8::/32")] },
        { action: "AllowAccess", clientIps: [ip("::/0")] },
        { clientIps: [ip("192.0.2.0/24")] },
      ),
      coupled,
    );
    expectCovered(analysis, 2, ["r0", "r1"], false);
    expect(expectReachable(analysis, 4).ip).toBe("192.0.2.1");
  });

  it("prunes the cover to an irredundant set, keeping the heaviest rule of another action", () => {
    const analysis = analyzeRuleSet(
      ruleSet(
        { action: "DenyAccess", protocols: ["IMAP4"] },
        { action: "AllowAccess", protocols: ["IMAP4", "POP3"] },
        { action: "AllowAccess", protocols: ["POP3"] },
        { action: "DenyAccess", protocols: ["IMAP4", "POP3"] },
      ),
      coupled,
    );
    // r0 and r1 both take part of r3, but r1 alone matches all of it: r0 is pruned.
    expectCovered(analysis, 2, ["r1"], false);
    expectCovered(analysis, 3, ["r1"], true);
  });
});

describe("exceptions, disabled rules and scope", () => {
  it("finds the gap an Except list leaves", () => {
    const analysis = analyzeRuleSet(
      ruleSet({ exceptProtocols: ["IMAP4"] }, { action: "AllowAccess", protocols: ["IMAP4", "POP3"] }),
      independent,
    );
    expect(expectReachable(analysis, 1).protocol).toBe("IMAP4");
  });

  it("finds the gap an IP exception leaves inside a covering range", () => {
    const analysis = analyzeRuleSet(
      ruleSet(
        { clientIps: [ip("10.0.0.0/8")], exceptClientIps: [ip("10.1.2.3")] },
        { action: "AllowAccess", clientIps: [ip("10.0.0.0/16"), ip("10.1.0.0/16")] },
      ),
      coupled,
    );
    expect(expectReachable(analysis, 1).ip).toBe("10.1.2.3");
  });

  it("never lets a disabled rule cover anything", () => {
    const analysis = analyzeRuleSet(ruleSet({ action: "AllowAccess", enabled: false }, { protocols: ["REST"] }), coupled);
    expect(finding(analysis, 0)).toEqual({ rule: analysis.orderedRules[0], evaluated: false, reachable: false });
    expectReachable(analysis, 1);
    expect(analysis.firstMatchRegion(0).isEmpty()).toBe(true);
    expect(analysis.matchRegion(0).isEmpty()).toBe(true);
  });

  it("lets middle-tier connections through a Scope Users rule", () => {
    const analysis = analyzeRuleSet(ruleSet({ action: "AllowAccess", scope: "Users" }, {}), coupled);
    expect(expectReachable(analysis, 1).middleTier).toBe(true);
    const reverse = analyzeRuleSet(ruleSet({ action: "AllowAccess" }, { scope: "Users" }), coupled);
    expectCovered(reverse, 1, ["r0"], true);
  });
});

describe("groups and recipient filters", () => {
  it("reads filters as attribute constraints: Department -like 'Sa*' covers Department -eq 'Sales'", () => {
    const same = analyzeRuleSet(
      ruleSet({ action: "AllowAccess", recipientFilter: "City -eq 'redmond'" }, { recipientFilter: "City -eq 'redmond'" }),
      coupled,
    );
    expectCovered(same, 1, ["r0"], true);
    const like = analyzeRuleSet(
      ruleSet({ action: "AllowAccess", recipientFilter: "Department -like 'sa*'" }, { recipientFilter: "Department -eq 'sales'" }),
      coupled,
    );
    expectCovered(like, 1, ["r0"], true);
    const narrower = analyzeRuleSet(
      ruleSet({ action: "AllowAccess", recipientFilter: "Department -eq 'sales'" }, { recipientFilter: "Department -like 'sa*'" }),
      coupled,
    );
    const gap = expectReachable(narrower, 1);
    expect(gap.user.attributes?.["Department"]).toMatch(/^sa/);
    expect(gap.user.attributes?.["Department"]).not.toBe("sales");
    const other = analyzeRuleSet(
      ruleSet({ action: "AllowAccess", recipientFilter: "City -eq 'redmond'" }, { recipientFilter: "Company -eq 'contoso'" }),
      coupled,
    );
    expect(expectReachable(other, 1).user.attributes).toEqual({ Company: "contoso" });
    const unfiltered = analyzeRuleSet(ruleSet({ action: "AllowAccess" }, { recipientFilter: "City -eq 'redmond'" }), coupled);
    expectCovered(unfiltered, 1, ["r0"], true);
    const filteredBlocker = analyzeRuleSet(ruleSet({ action: "AllowAccess", recipientFilter: "City -eq 'redmond'" }, {}), coupled);
    expect(expectReachable(filteredBlocker, 1).user.attributes).toEqual({});
  });

  it("covers with several filters together and honours unset attributes", () => {
    // City -eq 'a' or City -ne 'a' is everyone, including users without a City.
    const together = analyzeRuleSet(
      ruleSet(
        { action: "AllowAccess", recipientFilter: "City -eq 'a'" },
        { recipientFilter: "City -ne 'a'" },
        { action: "AllowAccess" },
      ),
      coupled,
    );
    expectCovered(together, 2, ["r0", "r1"], true);
    // -like never matches an unset attribute, -notlike does.
    const likeOrNot = analyzeRuleSet(
      ruleSet({ action: "AllowAccess", recipientFilter: "City -like '*'" }, { recipientFilter: "City -notlike '*'" }),
      coupled,
    );
    expect(expectReachable(likeOrNot, 1).user.attributes).toEqual({});
    const unsetOnly = analyzeRuleSet(
      ruleSet({ action: "AllowAccess", recipientFilter: "City -eq $null" }, { recipientFilter: "City -notlike '*'" }),
      coupled,
    );
    expectCovered(unsetOnly, 1, ["r0"], true);
  });

  it("finds contradictory filters and names the property", () => {
    const analysis = analyzeRuleSet(
      ruleSet(
        { recipientFilter: "Department -eq 'sales' -and Department -eq 'hr'" },
        { recipientFilter: "(Department -eq 'sales' -and Department -eq 'hr') -or City -eq 'x'" },
        { recipientFilter: "Office -like 'a*' -and -not (Office -like '*')" },
      ),
      coupled,
    );
    expect(finding(analysis, 0).unsatisfiable).toEqual({
      dimension: "filter",
      explanation: "UserRecipientFilter contradicts itself (no single value of Department satisfies its conditions on it)",
      properties: ["Department"],
    });
    expect(finding(analysis, 1).unsatisfiable).toBeUndefined();
    expect(finding(analysis, 2).unsatisfiable?.properties).toEqual(["Office"]);
  });

  it("treats groups as independent atoms: [g1, g2] covers [g1], [g1] does not cover [g1, g2]", () => {
    const covered = analyzeRuleSet(ruleSet({ action: "AllowAccess", groups: ["g1", "g2"] }, { groups: ["g1"] }), coupled);
    expectCovered(covered, 1, ["r0"], true);
    const gap = analyzeRuleSet(ruleSet({ action: "AllowAccess", groups: ["g1"] }, { groups: ["g1", "g2"] }), coupled);
    expect(expectReachable(gap, 1).user.groups).toEqual(["g2"]);
    const excepted = analyzeRuleSet(
      ruleSet({ action: "AllowAccess", exceptGroups: ["g1"] }, { groups: ["g1", "g2"] }),
      coupled,
    );
    expect(expectReachable(excepted, 1).user.groups).toEqual(["g1"]);
  });

  it("stays exact with 30 groups and 30 filters", () => {
    const groups = Array.from({ length: 30 }, (_, i) => `g${i}`);
    const rules = ruleSet(
      { action: "AllowAccess", groups },
      ...groups.map((group) => ({ groups: [group] })),
      ...groups.map((_, i) => ({ recipientFilter: `Department -eq 'd${i}'` })),
      { action: "AllowAccess", recipientFilter: "Department -eq 'd5'", clientIps: [ip("10.0.0.0/8")] },
    );
    const analysis = analyzeRuleSet(rules, coupled);
    expect(analysis.undecided()).toEqual([]);
    for (let i = 1; i <= 30; i++) expectCovered(analysis, i, ["r0"], true);
    for (let i = 31; i <= 60; i++) expect(finding(analysis, i).reachable).toBe(true);
    expectCovered(analysis, 61, ["r36"], true);
  });
});

describe("REST semantics", () => {
  const ewsAllowThenRestDeny = ruleSet({ action: "AllowAccess", protocols: ["ExchangeWebServices"] }, { protocols: ["REST"] });

  it("coupled: an ExchangeWebServices condition also matches REST", () => {
    expectCovered(analyzeRuleSet(ewsAllowThenRestDeny, coupled), 1, ["r0"], true);
  });

  it("independent: it does not", () => {
    expect(expectReachable(analyzeRuleSet(ewsAllowThenRestDeny, independent), 1).protocol).toBe("REST");
  });

  it("a rule naming only REST never matches ExchangeWebServices", () => {
    const analysis = analyzeRuleSet(
      ruleSet({ action: "AllowAccess", protocols: ["REST"] }, { protocols: ["ExchangeWebServices"] }),
      coupled,
    );
    expect(expectReachable(analysis, 1).protocol).toBe("ExchangeWebServices");
  });

  it("coupled: ExchangeWebServices in an exception also exempts REST", () => {
    const rules = ruleSet({ exceptProtocols: ["ExchangeWebServices"] }, { action: "AllowAccess", protocols: ["REST"] });
    expect(expectReachable(analyzeRuleSet(rules, coupled), 1).protocol).toBe("REST");
    expectCovered(analyzeRuleSet(rules, independent), 1, ["r0"], true);
  });

  it("finds the Outlook mobile connections an EWS deny takes", () => {
    const analysis = analyzeRuleSet(ruleSet({ protocols: ["ExchangeWebServices"] }), coupled);
    const mobile = analysis.space({ protocols: ["REST"], authenticationTypes: ["OAuthAuthentication"] });
    const witness = witnessDecidedBy(analysis, 0, { protocols: ["REST"], authenticationTypes: ["OAuthAuthentication"] });
    expect(witness).toMatchObject({ protocol: "REST", authenticationType: "OAuthAuthentication", port: 443, middleTier: false });
    expect(mobile.subtract(analysis.decisionRegion("DenyAccess")).isEmpty()).toBe(true);
    const fixed = analyzeRuleSet(ruleSet({ protocols: ["ExchangeWebServices"], exceptProtocols: ["REST"] }), coupled);
    expect(witnessDecidedBy(fixed, 0, { protocols: ["REST"] })).toBeUndefined();
    expect(fixed.firstMatchRegion(0).intersect(fixed.space({ protocols: ["REST"] })).isEmpty()).toBe(true);
  });
});

describe("unsatisfiable rules", () => {
  const reason = (rules: RuleSpec[], options = coupled) => analyzeRuleSet(rules, options).results[0]!.unsatisfiable;

  it("names the dimension that leaves nothing", () => {
    expect(reason(ruleSet({ protocols: ["IMAP4"], exceptProtocols: ["IMAP4", "POP3"] }))?.dimension).toBe("protocol");
    expect(reason(ruleSet({ protocols: ["REST"], exceptProtocols: ["ExchangeWebServices"] }))).toEqual({
      dimension: "protocol",
      explanation:
        "ExceptAnyOfProtocols exempts every protocol that AnyOfProtocols lists (with coupled REST semantics, ExchangeWebServices in ExceptAnyOfProtocols also exempts REST)",
    });
    expect(reason(ruleSet({ protocols: ["REST"], exceptProtocols: ["ExchangeWebServices"] }), independent)).toBeUndefined();
    expect(
      reason(ruleSet({ authenticationTypes: ["BasicAuthentication"], exceptAuthenticationTypes: ["BasicAuthentication"] }))
        ?.dimension,
    ).toBe("authenticationType");
    expect(reason(ruleSet({ clientIps: [ip("10.1.2.3")], exceptClientIps: [ip("10.0.0.0/8")] }))?.dimension).toBe("ip");
    expect(reason(ruleSet({ sourcePorts: [{ first: 443, last: 443 }], exceptSourcePorts: [{ first: 0, last: 1023 }] }))?.dimension).toBe(
      "port",
    );
    expect(reason(ruleSet({ groups: ["g1"], exceptGroups: ["g1", "g2"] }))?.dimension).toBe("group");
  });

  it("explains username patterns that match no <Domain>\\<User> name", () => {
    expect(reason(ruleSet({ usernamePatterns: ["jeff"] }))).toEqual({
      dimension: "username",
      explanation: "no <Domain>\\<User> name matches the pattern 'jeff'",
    });
    expect(reason(ruleSet({ usernamePatterns: ["jeff", "a\\b\\c"] }))?.explanation).toBe(
      "no <Domain>\\<User> name matches any of the patterns 'jeff', 'a\\b\\c'",
    );
    expect(reason(ruleSet({ usernamePatterns: ["contoso.com\\admin*"], exceptUsernamePatterns: ["*\\a*"] }))).toEqual({
      dimension: "username",
      explanation: "ExceptUsernameMatchesAnyOfPatterns exempts every user name that UsernameMatchesAnyOfPatterns matches",
    });
    // `jeff*` matches the names of a domain starting with "jeff": satisfiable.
    expect(reason(ruleSet({ usernamePatterns: ["jeff*"] }))).toBeUndefined();
  });

  it("is neither reachable nor shadowed, and covers nothing", () => {
    const analysis = analyzeRuleSet(ruleSet({ action: "AllowAccess", usernamePatterns: ["jeff"] }, {}), coupled);
    expect(finding(analysis, 0)).toMatchObject({ evaluated: true, reachable: false });
    expect(finding(analysis, 0).shadowing).toBeUndefined();
    expectReachable(analysis, 1);
  });
});

describe("evaluation order and robustness", () => {
  it("orders by priority, rules without one last, the later of tied rules first", () => {
    const rules: RuleSpec[] = [
      { index: 0, name: "no priority", priority: undefined, action: "AllowAccess", enabled: true, scope: "All" },
      { index: 1, name: "second", priority: 3, action: "DenyAccess", enabled: true, scope: "All" },
      { index: 2, name: "first", priority: 1, action: "DenyAccess", enabled: true, scope: "All", protocols: ["POP3"] },
      { index: 3, name: "tie", priority: 3, action: "AllowAccess", enabled: true, scope: "All" },
    ];
    const analysis = analyzeRuleSet(rules, coupled);
    expect(names(analysis.orderedRules)).toEqual(["first", "tie", "second", "no priority"]);
    expectCovered(analysis, 1, ["tie"], true);
    expectCovered(analysis, 0, ["tie"], false);
  });

  it("never throws on degenerate input", () => {
    const odd = [
      [],
      ruleSet({ enabled: false }, { enabled: false }),
      ruleSet({ protocols: [], exceptProtocols: [], clientIps: [], usernamePatterns: [], groups: [], recipientFilter: "" }),
      ruleSet({ priority: 0 }, { priority: 0 }, { priority: Number.NaN }),
      ruleSet({ protocols: ["Telnet" as never] }, { clientIps: [{ family: 4, first: 10n, last: 1n }] }),
      ruleSet({ usernamePatterns: ["", "*", "\\", "**\\**"] }),
      [...ruleSet({}), ...ruleSet({})],
    ];
    for (const rules of odd) {
      for (const options of [coupled, independent]) {
        const analysis = analyzeRuleSet(rules, options);
        expect(analysis.results).toHaveLength(rules.length);
        for (const action of ["AllowAccess", "DenyAccess"] as const) analysis.decisionRegion(action).witness();
        for (const rule of rules) witnessDecidedBy(analysis, rule.index);
      }
    }
    expect(analyzeRuleSet(undefined as never, undefined as never).results).toEqual([]);
  });

  it("allows everything when there are no rules", () => {
    const analysis = analyzeRuleSet([], coupled);
    expect(analysis.decisionRegion("DenyAccess").isEmpty()).toBe(true);
    expect(analysis.space().subtract(analysis.decisionRegion("AllowAccess")).isEmpty()).toBe(true);
    expect(analysis.defaultRegion().witness()).toEqual({
      protocol: "ExchangeActiveSync",
      authenticationType: "BasicAuthentication",
      ip: "203.0.113.10",
      port: 443,
      user: { name: "x\\x", groups: [], attributes: {} },
      middleTier: false,
    });
    expect(analysis.firstMatchRegion(7).isEmpty()).toBe(true);
    expect(analysis.ruleAnalysis(7)).toBeUndefined();
  });
});

describe("regions", () => {
  const rules = ruleSet(
    { action: "AllowAccess", protocols: ["RemotePowerShell"], clientIps: [ip("192.0.2.0/24")] },
    { protocols: ["RemotePowerShell"] },
    { action: "AllowAccess", usernamePatterns: ["contoso.com\\*"] },
    {},
  );
  const analysis = analyzeRuleSet(rules, coupled);

  it("answers lockout questions: which RemotePowerShell connections end denied", () => {
    const powershell = analysis.space({ protocols: ["RemotePowerShell"] });
    const denied = powershell.intersect(analysis.decisionRegion("DenyAccess"));
    expect(denied.isEmpty()).toBe(false);
    expect(powershell.subtract(analysis.decisionRegion("DenyAccess")).isEmpty()).toBe(false);
    const witness = denied.witness()!;
    expect(witness.protocol).toBe("RemotePowerShell");
    expect(witness.ip).not.toMatch(/^192\.0\.2\./);
    expect(decide(rules, witness, coupled).decidingRule?.name).toBe("r1");
  });

  it("queries users by pattern, including patterns outside the rule set", () => {
    const contoso = analysis.space({ usernamePatterns: ["contoso.com\\*"] });
    const witness = contoso.intersect(analysis.firstMatchRegion(2)).witness();
    expect(witness?.user.name).toMatch(/^contoso\.com\\/);
    const fabrikam = analysis.space({ usernamePatterns: ["fabrikam.com\\*"] }).intersect(analysis.firstMatchRegion(3));
    expect(fabrikam.witness()?.user.name).toBe("fabrikam.com\\x");
  });

  it("contains exactly the connections decide assigns to the rule", () => {
    const region = analysis.firstMatchRegion(1);
    const base = {
      protocol: "RemotePowerShell" as const,
      authenticationType: "BasicAuthentication" as const,
      port: 443,
      middleTier: false,
      user: { name: "fabrikam.com\\bob" },
    };
    expect(region.contains({ ...base, ip: "198.51.100.7" })).toBe(true);
    expect(region.contains({ ...base, ip: "192.0.2.7" })).toBe(false);
    expect(region.contains({ ...base, ip: "not an address" })).toBe(false);
  });

  it("describes a region in words", () => {
    expect(analysis.firstMatchRegion(0).describe()).toBe("RemotePowerShell, from 192.0.2.0/24");
    expect(analysis.firstMatchRegion(2).describe()).toBe("any protocol except RemotePowerShell, from any address, user names matching 'contoso.com\\*'");
    expect(analysis.firstMatchRegion(99).describe()).toBe("no connection");
  });

  it("refuses to mix regions of different analyses", () => {
    const other = analyzeRuleSet(rules, coupled);
    expect(() => analysis.space().intersect(other.space())).toThrow(/different analyses/);
  });
});

describe("the search bound (docs/performance.md)", () => {
  const rules = ruleSet(
    { action: "AllowAccess", usernamePatterns: ["contoso.com\\*"] },
    { usernamePatterns: ["contoso.com\\*"] },
    { action: "AllowAccess", usernamePatterns: ["*y"], exceptUsernamePatterns: ["*\\*y"] },
    { usernamePatterns: ["*a*b*c*"], exceptUsernamePatterns: ["*c*b*a*"] },
  );

  it("answers without any search under the default bound", () => {
    const analysis = analyzeRuleSet(rules, coupled);
    expect(analysis.undecided()).toEqual([]);
    expectCovered(analysis, 1, ["r0"], true);
    expect(finding(analysis, 2).unsatisfiable?.dimension).toBe("username");
    expect(finding(analysis, 3).reachable).toBe(true);
  });

  it("names the rules left undecided when the bound is hit, and claims nothing about them", () => {
    const analysis = analyzeRuleSet(rules, { ...coupled, maxSearchStates: 2 });
    const undecided = analysis.undecided();
    expect(undecided.length).toBeGreaterThan(0);
    expect(undecided[0]?.rule?.name).toBe("r2");
    expect(undecided[0]?.why).toMatch(/^whether any user name matches '\*y' but none of 1 other pattern \(the search stopped at its bound of 2 states\)$/);
    // Proven facts stay: identical patterns still cover; the undecided rule gets no finding.
    expectCovered(analysis, 1, ["r0"], true);
    expect(finding(analysis, 2).unsatisfiable).toBeUndefined();
    expect(finding(analysis, 2).shadowing).toBeUndefined();
  });
});
