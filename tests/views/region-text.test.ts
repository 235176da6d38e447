/**
 * The readable region printer: adjacent ranges merged, CIDR blocks, the complement named when it
 * is shorter, patterns / groups in "any of … but not …" form, long lists cut with a count.
 */
import { describe, expect, it } from "vitest";
import { accessMap } from "../../lib/analysis/access-map.ts";
import { analyzeRuleSet } from "../../lib/analysis/analyze.ts";
import { describeAddresses, describePredicateSet, DimensionDescriber, PredicateCatalog } from "../../lib/analysis/dimension-description.ts";
import { GroupDimension, type PredicateSet, UsernameDimension } from "../../lib/analysis/predicate-set.ts";
import { IpSet } from "../../lib/analysis/ip-set.ts";
import { mergeBoxes } from "../../lib/analysis/region-decomposition.ts";
import { regionDocument } from "../../lib/views/documents.ts";
import { describePart, describeRegion } from "../../lib/views/region-text.ts";
import { ip, ruleSet } from "../analysis/helpers.ts";

const addresses = (...ranges: string[]) => describeAddresses(IpSet.fromRanges(ranges.map(ip)));

describe("addresses", () => {
  it("merges adjacent ranges into one CIDR block", () => {
    expect(addresses("10.0.0.0/8", "11.0.0.0/8")).toEqual({ kind: "only", values: ["10.0.0.0/7"] });
    expect(addresses("192.0.2.0-192.0.2.127", "192.0.2.128/25")).toEqual({ kind: "only", values: ["192.0.2.0/24"] });
  });

  it("writes a range as two CIDR blocks when it splits that way, else as first-last", () => {
    expect(addresses("10.0.0.0-10.0.0.5")).toEqual({ kind: "only", values: ["10.0.0.0/30", "10.0.0.4/31"] });
    expect(addresses("10.0.0.1-10.0.0.6")).toEqual({ kind: "only", values: ["10.0.0.1-10.0.0.6"] });
  });

  it("names the complement when it is shorter", () => {
    const outside = IpSet.fromRanges([ip("10.0.0.0/8")]).complement();
    expect(describeAddresses(outside)).toEqual({ kind: "except", values: ["10.0.0.0/8"] });
    expect(describePart({ addresses: describeAddresses(outside) })).toBe("from any address outside 10.0.0.0/8");
  });

  it("names whole families", () => {
    expect(addresses("0.0.0.0/0")).toEqual({ kind: "only", values: ["any IPv4 address"] });
    expect(addresses("0.0.0.0/0", "2001:db8::/32")).toEqual({ kind: "only", values: ["any IPv4 address", "2001:db8::/32"] });
  });
});

describe("predicate sets (patterns, groups, filters)", () => {
  const groups = new GroupDimension();
  const a = groups.anyOf(["a"]);
  const b = groups.anyOf(["b"]);
  const predicates = [
    { name: "a", atoms: a as PredicateSet<unknown> },
    { name: "b", atoms: b as PredicateSet<unknown> },
  ];
  const describeSet = (set: PredicateSet<readonly string[]>) => describePredicateSet(set as PredicateSet<unknown>, new PredicateCatalog(predicates));
  it("any of, none of, any of but not, and the exact combinations", () => {
    expect(describeSet(groups.full())).toEqual({ kind: "any" });
    expect(describeSet(a.union(b))).toEqual({ kind: "matching", anyOf: ["a", "b"], noneOf: [] });
    expect(describeSet(a.union(b).complement())).toEqual({ kind: "matching", anyOf: [], noneOf: ["a", "b"] });
    expect(describeSet(a.difference(b))).toEqual({ kind: "matching", anyOf: ["a"], noneOf: ["b"] });
    expect(describeSet(a.intersection(b))).toEqual({ kind: "combinations", terms: [{ all: ["a", "b"], none: [] }] });
  });

  it("leaves out a predicate another one implies", () => {
    const users = new UsernameDimension();
    const broad = { name: "contoso.com\\*", atoms: users.anyOf(["contoso.com\\*"]) as PredicateSet<unknown> };
    const narrow = { name: "contoso.com\\admin*", atoms: users.anyOf(["contoso.com\\admin*"]) as PredicateSet<unknown> };
    expect(describePredicateSet(broad.atoms, new PredicateCatalog([narrow, broad]))).toEqual({ kind: "matching", anyOf: ["contoso.com\\*"], noneOf: [] });
  });

  it("names a literal user alone: the patterns excluded beside it cannot match that name", () => {
    const users = new UsernameDimension();
    const names = ["contoso.com\\al", "contoso.com\\ben", "contoso.com\\b*", "*\\svc-*", "*x"];
    const catalog = new PredicateCatalog(
      names.map((name) => ({ name, atoms: users.anyOf([name]) as PredicateSet<unknown> })),
      (name) => !name.includes("*"),
    );
    const [al, ben, bStar, svc, endsInX] = names.map((name) => users.anyOf([name]));
    // ben, but not al and not svc-*: one path; ben and b* (or not b*), but none of the others: two paths.
    const onePath = ben!.difference(al!).difference(svc!);
    expect(describePredicateSet(onePath as PredicateSet<unknown>, catalog)).toEqual({ kind: "matching", anyOf: ["contoso.com\\ben"], noneOf: [] });
    // ben, or a b*-name ending in x: only the exact combinations name it.
    const combined = al!.union(svc!).complement().intersection(ben!.union(bStar!.intersection(endsInX!)));
    expect(describePredicateSet(combined as PredicateSet<unknown>, catalog)).toEqual({
      kind: "combinations",
      terms: expect.arrayContaining([{ all: ["contoso.com\\ben"], none: [] }]),
    });
  });
});

describe("regions of an analysis", () => {
  const rules = ruleSet(
    { action: "AllowAccess", protocols: ["RemotePowerShell"], usernamePatterns: ["contoso.com\\admin*"] },
    { action: "DenyAccess", protocols: ["RemotePowerShell"], exceptClientIps: [ip("10.0.0.0/8")] },
  );
  const analysis = analyzeRuleSet(rules, { restSemantics: "coupled" });
  const describer = new DimensionDescriber(analysis.connectionSpace);
  const powerShell = accessMap(analysis, ["RemotePowerShell"]).protocols[0]!;

  it("prints 'everyone except' and 'any address outside'", () => {
    const lines = powerShell.cells.map((cell) => describeRegion(regionDocument(describer, ["RemotePowerShell"], cell.boxes)).join(" | "));
    expect(lines).toEqual([
      "users matching contoso.com\\admin*",
      "everyone except contoso.com\\admin*, from any address outside 10.0.0.0/8",
      "everyone except contoso.com\\admin*, from 10.0.0.0/8",
    ]);
  });

  it("merges boxes that differ in one dimension only, and keeps the rest apart", () => {
    const space = analysis.connectionSpace;
    const pop10 = space.queryBox({ protocols: ["POP3"], clientIps: [ip("10.0.0.0/8")] });
    const pop11 = space.queryBox({ protocols: ["POP3"], clientIps: [ip("11.0.0.0/8")] });
    const imap12 = space.queryBox({ protocols: ["IMAP4"], clientIps: [ip("12.0.0.0/8")] });
    const merged = mergeBoxes([pop10, pop11, imap12]);
    expect(merged).toHaveLength(2);
    expect(describer.describe(merged[0]!).addresses).toEqual({ kind: "only", values: ["10.0.0.0/7"] });
    const popEveryone = space.queryBox({ protocols: ["POP3"] });
    expect(mergeBoxes([pop10, space.queryBox({ protocols: ["POP3"], clientIps: [ip("10.0.0.0/8")] })])).toHaveLength(1);
    expect(mergeBoxes([popEveryone])).toEqual([popEveryone]);
  });

  it("cuts long regions and lists with a count", () => {
    const many = ruleSet(
      ...Array.from({ length: 9 }, (_, index) => ({
        action: "DenyAccess" as const,
        protocols: ["POP3" as const],
        usernamePatterns: [`contoso.com\\user${index}*`],
        clientIps: [ip(`10.${index}.0.0/16`)],
      })),
    );
    const map = accessMap(analyzeRuleSet(many, { restSemantics: "coupled" }), ["POP3"]);
    const document = regionDocument(new DimensionDescriber(analyzeRuleSet(many, { restSemantics: "coupled" }).connectionSpace), ["POP3"], map.protocols[0]!.cells.at(-1)!.boxes);
    const lines = describeRegion(document);
    expect(lines.length).toBeLessThanOrEqual(5);
    if (document.parts.length > 4) expect(lines.at(-1)).toMatch(/^… and \d+ more parts \(--format json lists them all\)$/u);
    for (const line of lines) expect(line.length).toBeLessThan(400);
  });
});
