/** decide: the offline Test-ClientAccessRule, with its per-rule trace. */
import { describe, expect, it } from "vitest";
import { decide } from "../../lib/analysis/index.ts";
import type { Connection, FailedCondition } from "../../lib/analysis/index.ts";
import { ip, ruleSet } from "./helpers.ts";

const connection: Connection = {
  protocol: "ExchangeWebServices",
  authenticationType: "BasicAuthentication",
  ip: "192.0.2.10",
  port: 443,
  user: { name: "Contoso.com\\Jeff", groups: ["sales"], attributes: { City: "Redmond" } },
  middleTier: false,
};
const coupled = { restSemantics: "coupled" } as const;

describe("decide", () => {
  it("lets the first matching rule decide and stops there", () => {
    const rules = ruleSet(
      { action: "AllowAccess", protocols: ["RemotePowerShell"] },
      { action: "DenyAccess", protocols: ["ExchangeWebServices"] },
      { action: "AllowAccess" },
    );
    const decision = decide(rules, connection, coupled);
    expect(decision.action).toBe("DenyAccess");
    expect(decision.decidingRule).toBe(rules[1]);
    expect(decision.trace).toEqual([
      { rule: rules[0], outcome: "not-matched", failedCondition: "protocol" },
      { rule: rules[1], outcome: "matched" },
    ]);
    expect(decision.matchingRules).toEqual([rules[1]]);
  });

  it("lists every matching rule with allMatches, as Test-ClientAccessRule does", () => {
    const rules = ruleSet({ action: "DenyAccess" }, { action: "AllowAccess", enabled: false }, { action: "AllowAccess" });
    const decision = decide(rules, connection, { ...coupled, allMatches: true });
    expect(decision.decidingRule).toBe(rules[0]);
    expect(decision.matchingRules).toEqual([rules[0], rules[2]]);
    expect(decision.trace.map((step) => step.outcome)).toEqual(["matched", "disabled", "matched"]);
    expect(decision.trace[1]).toEqual({ rule: rules[1], outcome: "disabled", wouldMatch: true });
  });

  it("allows by default when nothing matches, tracing every rule", () => {
    const rules = ruleSet({ protocols: ["POP3"] }, { enabled: false, protocols: ["IMAP4"] });
    const decision = decide(rules, connection, coupled);
    expect(decision).toEqual({
      action: "AllowAccess",
      matchingRules: [],
      trace: [
        { rule: rules[0], outcome: "not-matched", failedCondition: "protocol" },
        { rule: rules[1], outcome: "disabled", wouldMatch: false, failedCondition: "protocol" },
      ],
    });
  });

  it("evaluates in priority order, not file order", () => {
    const rules = ruleSet({ action: "AllowAccess", priority: 5 }, { action: "DenyAccess", priority: 1 });
    expect(decide(rules, connection, coupled).decidingRule).toBe(rules[1]);
  });

  it("names the first failing condition of each rule", () => {
    const cases: Array<[Parameters<typeof ruleSet>[0], FailedCondition]> = [
      [{ scope: "Users" }, "scope"],
      [{ protocols: ["POP3"] }, "protocol"],
      [{ exceptProtocols: ["ExchangeWebServices"] }, "exceptProtocol"],
      [{ authenticationTypes: ["OAuthAuthentication"] }, "authenticationType"],
      [{ exceptAuthenticationTypes: ["BasicAuthentication"] }, "exceptAuthenticationType"],
      [{ clientIps: [ip("10.0.0.0/8")] }, "clientIp"],
      [{ exceptClientIps: [ip("192.0.2.0/24")] }, "exceptClientIp"],
      [{ sourcePorts: [{ first: 80, last: 80 }] }, "sourcePort"],
      [{ exceptSourcePorts: [{ first: 443, last: 443 }] }, "exceptSourcePort"],
      [{ usernamePatterns: ["fabrikam.com\\*"] }, "username"],
      [{ exceptUsernamePatterns: ["*\\jeff"] }, "exceptUsername"],
      [{ groups: ["engineering"] }, "group"],
      [{ exceptGroups: ["Sales"] }, "exceptGroup"],
      [{ recipientFilter: "City -eq 'Paris'" }, "recipientFilter"],
    ];
    for (const [fields, failedCondition] of cases) {
      const rules = ruleSet(fields);
      expect(decide(rules, { ...connection, middleTier: true }, coupled).trace[0]).toEqual({
        rule: rules[0],
        outcome: "not-matched",
        failedCondition,
      });
    }
  });

  it("matches every condition when all hold", () => {
    const rules = ruleSet({
      scope: "Users",
      protocols: ["ExchangeWebServices"],
      authenticationTypes: ["BasicAuthentication"],
      clientIps: [ip("192.0.2.0/24")],
      sourcePorts: [{ first: 1, last: 1000 }],
      usernamePatterns: ["contoso.com\\j*"],
      groups: ["sales"],
      recipientFilter: "City -eq 'Redmond'",
    });
    expect(decide(rules, connection, coupled).decidingRule).toBe(rules[0]);
  });

  it("couples REST to ExchangeWebServices in conditions and exceptions only when asked", () => {
    const rest = { ...connection, protocol: "REST" as const };
    const condition = ruleSet({ protocols: ["ExchangeWebServices"] });
    expect(decide(condition, rest, coupled).action).toBe("DenyAccess");
    expect(decide(condition, rest, { restSemantics: "independent" }).action).toBe("AllowAccess");
    const exception = ruleSet({ exceptProtocols: ["ExchangeWebServices"] });
    expect(decide(exception, rest, coupled).trace[0]?.failedCondition).toBe("exceptProtocol");
    expect(decide(exception, rest, { restSemantics: "independent" }).action).toBe("DenyAccess");
    // REST never stands for ExchangeWebServices.
    expect(decide(ruleSet({ protocols: ["REST"] }), connection, coupled).action).toBe("AllowAccess");
  });

  it("matches IPv6 and never matches an IPv4 range against it", () => {
    const v6 = { ...connection, ip: "2001:DB8::1" };
    expect(decide(ruleSet({ clientIps: [ip("2001:db8::/32")] }), v6, coupled).action).toBe("DenyAccess");
    expect(decide(ruleSet({ clientIps: [ip("0.0.0.0/0")] }), v6, coupled).action).toBe("AllowAccess");
  });

  it("does not throw on a connection it cannot read", () => {
    const broken = { ...connection, ip: "not an ip", user: { name: undefined } } as unknown as Connection;
    const decision = decide(ruleSet({ clientIps: [ip("0.0.0.0/0")] }, { exceptClientIps: [ip("0.0.0.0/0")] }), broken, coupled);
    expect(decision.trace.map((step) => step.outcome)).toEqual(["not-matched", "matched"]);
    expect(decide(ruleSet({ usernamePatterns: ["*"] }), broken, coupled).action).toBe("DenyAccess");
  });
});
