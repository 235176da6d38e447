/**
 * The change review against an independent brute-force evaluator: random rule sets, each changed
 * by one to three edits, evaluated over a universe of connections that holds a representative of
 * every cell of both sets' joint partition (boundary addresses, short names over the patterns'
 * alphabet, every group combination). Checked: every changed connection lies in exactly one
 * change whose rules and decisions are the evaluator's; no unchanged connection lies in any;
 * newAccess / lostAccess; every witness replays with what-if's `decide`; edits that change no
 * decision report nothing. Rules carry recipient filters (four properties, written in any case;
 * -eq/-ne/-like/-notlike, $null, -and/-or/-not, parenthesised or as
 * chains mixing -and and -or without parentheses, read left to right; unset attributes per
 * design.md) and source ports; the universe holds every combination of the attribute values
 * (unset included) and the port boundaries.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { analyzeRuleSetsInOneSpace } from "../../lib/analysis/analyze.ts";
import { decide } from "../../lib/analysis/decide.ts";
import { accessMap } from "../../lib/analysis/access-map.ts";
import { analyzeRuleSet } from "../../lib/analysis/analyze.ts";
import { compareAnalyses } from "../../lib/analysis/difference.ts";
import { formatIpAddress, parseIpAddress } from "../../lib/analysis/ip-set.ts";
import type { Connection } from "../../lib/analysis/types.ts";
import type { IpRange, PortRange, RuleSpec } from "../../lib/model/rule-spec.ts";
import type { Action, AuthenticationType, Protocol, RestSemantics } from "../../lib/model/vocabulary.ts";
import { globToRegExp, ip } from "./helpers.ts";

const SEED = 20261201;
const RUNS = 150;

const PROTOCOL_POOL: Protocol[] = ["ExchangeWebServices", "REST", "RemotePowerShell", "POP3"];
const UNIVERSE_PROTOCOLS: Protocol[] = [...PROTOCOL_POOL, "OutlookWebApp"];
const AUTH_POOL: AuthenticationType[] = ["BasicAuthentication", "OAuthAuthentication"];
const UNIVERSE_AUTH: AuthenticationType[] = [...AUTH_POOL, "AdfsAuthentication"];
const IP_POOL: IpRange[] = ["10.0.0.0/28", "10.0.0.4-10.0.0.9", "10.0.0.8/29", "0.0.0.0/0", "10.0.0.7", "2001:db8::/126"].map(ip);
const GROUPS = ["g1", "g2"];
const PATTERNS = ["a\\*", "*\\b*", "ab\\*", "*", "b\\a", "*a\\*"];

const PORT_POOL: PortRange[] = [
  { first: 443, last: 443 },
  { first: 1, last: 1023 },
  { first: 80, last: 8080 },
  { first: 5000, last: 5000 },
];
/**
 * The properties filters name, each as written (property names are case-insensitive) with the
 * property it means, written out here from design.md's list rather than taken from lib/model.
 * (Active Directory aliases such as `l` are not supported names: valid-recipient-filter reports them.)
 */
const ATTRIBUTE_SPELLINGS: ReadonlyArray<readonly [spelling: string, property: string]> = [
  ["Department", "Department"],
  ["department", "Department"],
  ["City", "City"],
  ["city", "City"],
  ["StateOrProvince", "StateOrProvince"],
  ["STATEORPROVINCE", "StateOrProvince"],
  ["CustomAttribute7", "CustomAttribute7"],
  ["customattribute7", "CustomAttribute7"],
];
const PROPERTY_OF = new Map(ATTRIBUTE_SPELLINGS);
const SPELLINGS = ATTRIBUTE_SPELLINGS.map(([spelling]) => spelling);
/** Attribute values of the universe: unset, case variants, a literal `*`, and values no pattern names. */
const ATTRIBUTE_VALUES: Array<string | undefined> = [undefined, "Sales", "sam", "s*m", "x", "SA"];
/** Each property takes every value (one per cell of the values and patterns filters use). */
const UNIVERSE_ATTRIBUTES: ReadonlyArray<readonly [property: string, values: Array<string | undefined>]> = [
  ["Department", ATTRIBUTE_VALUES],
  ["City", ATTRIBUTE_VALUES],
  ["StateOrProvince", ATTRIBUTE_VALUES],
  ["CustomAttribute7", ATTRIBUTE_VALUES],
];

/**
 * A recipient filter as a tree, evaluated here on its own and printed for the rule: `and`/`or`
 * print their operands in parentheses; a `chain` prints its operands joined by `-and`/`-or`
 * without parentheses, which PowerShell reads left to right with equal precedence (design.md).
 */
type Filter =
  | { kind: "compare"; attribute: string; operator: "-eq" | "-ne" | "-like" | "-notlike"; value: string | null }
  | { kind: "and" | "or"; left: Filter; right: Filter }
  | { kind: "not"; operand: Filter }
  | { kind: "chain"; first: Filter; rest: Array<{ operator: "and" | "or"; operand: Filter }> };

const comparison: fc.Arbitrary<Filter> = fc.oneof(
  fc.record({
    kind: fc.constant("compare" as const),
    attribute: fc.constantFrom(...SPELLINGS),
    operator: fc.constantFrom("-eq" as const, "-ne" as const),
    value: fc.constantFrom<string | null>("sales", "SAM", "s*m", null),
  }),
  fc.record({
    kind: fc.constant("compare" as const),
    attribute: fc.constantFrom(...SPELLINGS),
    operator: fc.constantFrom("-like" as const, "-notlike" as const),
    value: fc.constantFrom<string | null>("sa*", "*s", "*", "s*m"),
  }),
);
/** An operand of a chain: a comparison, `-not` one, or a parenthesised tree. */
const chainOperand = (tree: fc.Arbitrary<Filter>): fc.Arbitrary<Filter> =>
  fc.oneof(
    { weight: 3, arbitrary: comparison },
    { weight: 1, arbitrary: comparison.map((operand): Filter => ({ kind: "not", operand })) },
    { weight: 1, arbitrary: tree },
  );
const filterTree: fc.Arbitrary<Filter> = fc.letrec<{ node: Filter }>((tie) => ({
  node: fc.oneof(
    { depthSize: "small", maxDepth: 2, withCrossShrink: true },
    comparison,
    fc.record({ kind: fc.constantFrom("and" as const, "or" as const), left: tie("node"), right: tie("node") }),
    fc.record({ kind: fc.constant("not" as const), operand: tie("node") }),
    fc.record({
      kind: fc.constant("chain" as const),
      first: chainOperand(tie("node")),
      rest: fc.array(fc.record({ operator: fc.constantFrom("and" as const, "or" as const), operand: chainOperand(tie("node")) }), {
        minLength: 2,
        maxLength: 3,
      }),
    }),
  ),
})).node;

function filterText(filter: Filter): string {
  switch (filter.kind) {
    case "compare":
      return `${filter.attribute} ${filter.operator} ${filter.value === null ? "$null" : `'${filter.value}'`}`;
    case "not":
      return `-not (${filterText(filter.operand)})`;
    case "chain":
      return [operandText(filter.first), ...filter.rest.map(({ operator, operand }) => `-${operator} ${operandText(operand)}`)].join(" ");
    default:
      return `(${filterText(filter.left)}) -${filter.kind} (${filterText(filter.right)})`;
  }
}

/** A chain operand: a comparison bare, `-not` a comparison bare (it binds tightest), anything else in parentheses. */
function operandText(filter: Filter): string {
  if (filter.kind === "compare") return filterText(filter);
  if (filter.kind === "not" && filter.operand.kind === "compare") return `-not ${filterText(filter.operand)}`;
  return `(${filterText(filter)})`;
}

function filterHolds(filter: Filter, attributes: Readonly<Record<string, string>>): boolean {
  switch (filter.kind) {
    case "not":
      return !filterHolds(filter.operand, attributes);
    case "and":
      return filterHolds(filter.left, attributes) && filterHolds(filter.right, attributes);
    case "or":
      return filterHolds(filter.left, attributes) || filterHolds(filter.right, attributes);
    case "chain":
      // Left to right, equal precedence: `a -or b -and c` is `(a -or b) -and c`.
      return filter.rest.reduce(
        (sofar, { operator, operand }) => (operator === "and" ? sofar && filterHolds(operand, attributes) : sofar || filterHolds(operand, attributes)),
        filterHolds(filter.first, attributes),
      );
    case "compare": {
      const property = PROPERTY_OF.get(filter.attribute);
      if (property === undefined) throw new Error(`no property for ${filter.attribute}`);
      const actual = attributes[property];
      if (filter.value === null) return filter.operator === "-eq" ? actual === undefined : actual !== undefined;
      if (actual === undefined) return filter.operator === "-ne" || filter.operator === "-notlike";
      const equal = actual.toLowerCase() === filter.value.toLowerCase();
      const like = globToRegExp(filter.value).test(actual);
      return { "-eq": equal, "-ne": !equal, "-like": like, "-notlike": !like }[filter.operator];
    }
  }
}

const subset = <T>(pool: readonly T[], max: number) => fc.uniqueArray(fc.constantFrom(...pool), { minLength: 1, maxLength: max });
const maybe = <T>(arbitrary: fc.Arbitrary<T>, oneIn: number) =>
  fc.oneof({ weight: oneIn - 1, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary });

interface Fields {
  action: Action;
  enabled: boolean;
  scope: "All" | "Users";
  priority: number | undefined;
  protocols?: Protocol[];
  exceptProtocols?: Protocol[];
  authenticationTypes?: AuthenticationType[];
  clientIps?: IpRange[];
  exceptClientIps?: IpRange[];
  usernamePatterns?: string[];
  exceptUsernamePatterns?: string[];
  groups?: string[];
  exceptGroups?: string[];
  filter?: Filter;
  sourcePorts?: PortRange[];
  exceptSourcePorts?: PortRange[];
}

const fields: fc.Arbitrary<Fields> = fc.record({
  action: fc.constantFrom<Action>("AllowAccess", "DenyAccess"),
  enabled: fc.constantFrom(true, true, true, true, false),
  scope: fc.constantFrom<"All" | "Users">("All", "All", "Users"),
  priority: fc.option(fc.integer({ min: 0, max: 6 }), { nil: undefined, freq: 6 }),
  protocols: maybe(subset(PROTOCOL_POOL, 2), 2),
  exceptProtocols: maybe(subset(PROTOCOL_POOL, 1), 5),
  authenticationTypes: maybe(subset(AUTH_POOL, 1), 5),
  clientIps: maybe(subset(IP_POOL, 2), 3),
  exceptClientIps: maybe(subset(IP_POOL, 1), 4),
  usernamePatterns: maybe(subset(PATTERNS, 2), 3),
  exceptUsernamePatterns: maybe(subset(PATTERNS, 1), 5),
  groups: maybe(subset(GROUPS, 2), 5),
  exceptGroups: maybe(subset(GROUPS, 1), 7),
  filter: maybe(filterTree, 3),
  sourcePorts: maybe(subset(PORT_POOL, 2), 4),
  exceptSourcePorts: maybe(subset(PORT_POOL, 1), 5),
}) as fc.Arbitrary<Fields>;

/** The evaluator reads each rule's filter tree, never the analysis' parse of its text. */
const FILTERS = new Map<string, Filter>();

function toSpecs(list: readonly Fields[]): RuleSpec[] {
  return list.map((rule, index) => {
    const { filter, ...rest } = rule;
    const spec: Record<string, unknown> = { index, name: `r${index}`, ...rest };
    if (filter !== undefined) {
      spec["recipientFilter"] = filterText(filter);
      FILTERS.set(filterText(filter), filter);
    }
    for (const key of Object.keys(spec)) if (spec[key] === undefined && key !== "priority") delete spec[key];
    return spec as unknown as RuleSpec;
  });
}

type Edit =
  | { kind: "set"; at: number; key: keyof Fields; value: unknown }
  | { kind: "remove"; at: number }
  | { kind: "insert"; at: number; rule: Fields }
  | { kind: "move"; at: number; to: number };

const fieldValue = fc.oneof(
  fc.record({ key: fc.constant<keyof Fields>("action"), value: fc.constantFrom("AllowAccess", "DenyAccess") }),
  fc.record({ key: fc.constant<keyof Fields>("enabled"), value: fc.boolean() }),
  fc.record({ key: fc.constant<keyof Fields>("scope"), value: fc.constantFrom("All", "Users") }),
  fc.record({ key: fc.constant<keyof Fields>("protocols"), value: maybe(subset(PROTOCOL_POOL, 2), 3) }),
  fc.record({ key: fc.constant<keyof Fields>("exceptProtocols"), value: maybe(subset(PROTOCOL_POOL, 2), 3) }),
  fc.record({ key: fc.constant<keyof Fields>("clientIps"), value: maybe(subset(IP_POOL, 2), 3) }),
  fc.record({ key: fc.constant<keyof Fields>("exceptClientIps"), value: maybe(subset(IP_POOL, 1), 3) }),
  fc.record({ key: fc.constant<keyof Fields>("usernamePatterns"), value: maybe(subset(PATTERNS, 2), 3) }),
  fc.record({ key: fc.constant<keyof Fields>("exceptUsernamePatterns"), value: maybe(subset(PATTERNS, 1), 3) }),
  fc.record({ key: fc.constant<keyof Fields>("groups"), value: maybe(subset(GROUPS, 2), 3) }),
  fc.record({ key: fc.constant<keyof Fields>("authenticationTypes"), value: maybe(subset(AUTH_POOL, 1), 3) }),
  fc.record({ key: fc.constant<keyof Fields>("filter"), value: maybe(filterTree, 3) }),
  fc.record({ key: fc.constant<keyof Fields>("sourcePorts"), value: maybe(subset(PORT_POOL, 2), 3) }),
  fc.record({ key: fc.constant<keyof Fields>("exceptSourcePorts"), value: maybe(subset(PORT_POOL, 1), 3) }),
);

const edit: fc.Arbitrary<Edit> = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(fc.nat(), fieldValue).map(([at, { key, value }]): Edit => ({ kind: "set", at, key, value })) },
  { weight: 1, arbitrary: fc.nat().map((at): Edit => ({ kind: "remove", at })) },
  { weight: 1, arbitrary: fc.tuple(fc.nat(), fields).map(([at, rule]): Edit => ({ kind: "insert", at, rule })) },
  { weight: 1, arbitrary: fc.tuple(fc.nat(), fc.nat()).map(([at, to]): Edit => ({ kind: "move", at, to })) },
);

/** Applies edits to a copy; `move` reorders in the file and renumbers priorities by file order. */
function applyEdits(list: readonly Fields[], edits: readonly Edit[]): Fields[] {
  let rules = list.map((rule) => ({ ...rule }));
  for (const change of edits) {
    const at = rules.length === 0 ? 0 : change.at % rules.length;
    if (change.kind === "set" && rules.length > 0) (rules[at] as Record<string, unknown>)[change.key] = change.value;
    if (change.kind === "remove" && rules.length > 1) rules.splice(at, 1);
    if (change.kind === "insert") rules.splice(change.at % (rules.length + 1), 0, { ...change.rule });
    if (change.kind === "move" && rules.length > 1) {
      const [moved] = rules.splice(at, 1);
      rules.splice(change.to % (rules.length + 1), 0, moved as Fields);
      rules = rules.map((rule, position) => ({ ...rule, priority: position }));
    }
  }
  return rules;
}

// ---------------------------------------------------------------------------------------------
// The independent evaluator.

interface Point {
  protocol: Protocol;
  auth: AuthenticationType;
  middleTier: boolean;
  ip: { family: 4 | 6; value: bigint };
  port: number;
  name: string;
  groups: string[];
  attributes: Record<string, string>;
}

const listed = <T>(list: readonly T[] | undefined): list is readonly T[] => list !== undefined && list.length > 0;

function matches(rule: RuleSpec, point: Point, semantics: RestSemantics): boolean {
  const named = (list: readonly Protocol[]) =>
    list.includes(point.protocol) || (semantics === "coupled" && point.protocol === "REST" && list.includes("ExchangeWebServices"));
  const inIps = (list: readonly IpRange[]) =>
    list.some((range) => range.family === point.ip.family && range.first <= point.ip.value && point.ip.value <= range.last);
  const matchesAny = (list: readonly string[]) => list.some((glob) => globToRegExp(glob).test(point.name));
  if (rule.scope === "Users" && point.middleTier) return false;
  if (listed(rule.protocols) && !named(rule.protocols)) return false;
  if (listed(rule.exceptProtocols) && named(rule.exceptProtocols)) return false;
  if (listed(rule.authenticationTypes) && !rule.authenticationTypes.includes(point.auth)) return false;
  if (listed(rule.clientIps) && !inIps(rule.clientIps)) return false;
  if (listed(rule.exceptClientIps) && inIps(rule.exceptClientIps)) return false;
  if (listed(rule.usernamePatterns) && !matchesAny(rule.usernamePatterns)) return false;
  if (listed(rule.exceptUsernamePatterns) && matchesAny(rule.exceptUsernamePatterns)) return false;
  if (listed(rule.groups) && !rule.groups.some((group) => point.groups.includes(group))) return false;
  if (listed(rule.exceptGroups) && rule.exceptGroups.some((group) => point.groups.includes(group))) return false;
  const inPorts = (list: readonly PortRange[]) => list.some((range) => range.first <= point.port && point.port <= range.last);
  if (listed(rule.sourcePorts) && !inPorts(rule.sourcePorts)) return false;
  if (listed(rule.exceptSourcePorts) && inPorts(rule.exceptSourcePorts)) return false;
  const filter = FILTERS.get(rule.recipientFilter ?? "");
  if (rule.recipientFilter !== undefined && filter === undefined) throw new Error(`unknown filter ${rule.recipientFilter}`);
  if (filter !== undefined && !filterHolds(filter, point.attributes)) return false;
  return true;
}

/**
 * Evaluation order written out again (design.md): ascending Priority; on a tie the rule later in
 * the file goes first; rules without a Priority last, in file order.
 */
function evaluationOrder(rules: readonly RuleSpec[]): RuleSpec[] {
  const numbered = rules.filter((rule) => rule.priority !== undefined);
  const unnumbered = rules.filter((rule) => rule.priority === undefined);
  numbered.sort((a, b) => (a.priority === b.priority ? b.index - a.index : (a.priority as number) - (b.priority as number)));
  return [...numbered, ...unnumbered];
}

function evaluate(ordered: readonly RuleSpec[], point: Point, semantics: RestSemantics): { rule: RuleSpec | undefined; action: Action } {
  const rule = ordered.find((candidate) => candidate.enabled && matches(candidate, point, semantics));
  return { rule, action: rule?.action ?? "AllowAccess" };
}

function names(maxLength: number): string[] {
  const result: string[] = [];
  const words = (length: number): string[] =>
    length === 0 ? [""] : words(length - 1).flatMap((word) => ["a", "b", "c"].map((char) => word + char));
  for (let total = 3; total <= maxLength; total++) {
    for (let domain = 1; domain <= total - 2; domain++) {
      for (const d of words(domain)) for (const u of words(total - 1 - domain)) result.push(`${d}\\${u}`);
    }
  }
  return result;
}
const NAMES = names(5);
const GROUP_SETS = [[], ["g1"], ["g2"], ["g1", "g2"]];
/** Every combination of the properties' values (unset included). */
const ATTRIBUTE_SETS: Array<Record<string, string>> = UNIVERSE_ATTRIBUTES.reduce<Array<Record<string, string>>>(
  (sets, [property, values]) => sets.flatMap((set) => values.map((value) => (value === undefined ? set : { ...set, [property]: value }))),
  [{}],
);
const PORTS = [
  ...new Set([0, 65535, 443, ...PORT_POOL.flatMap((range) => [range.first - 1, range.first, range.last, range.last + 1])]),
].filter((port) => port >= 0 && port <= 65535);

/** One point per distinct combination of "which rules of either set match", over the universe. */
function representatives(rules: readonly RuleSpec[], semantics: RestSemantics): Point[] {
  const addresses = new Map<string, Point["ip"]>();
  for (const range of IP_POOL) {
    for (const base of [range.first, range.last]) {
      for (const delta of [-1n, 0n, 1n]) {
        const max = range.family === 4 ? (1n << 32n) - 1n : (1n << 128n) - 1n;
        const value = base + delta;
        if (value >= 0n && value <= max) addresses.set(`${range.family}:${value}`, { family: range.family, value });
      }
    }
  }
  const dimensions: Array<Array<Partial<Point>>> = [
    UNIVERSE_PROTOCOLS.map((protocol) => ({ protocol })),
    UNIVERSE_AUTH.map((auth) => ({ auth })),
    [{ middleTier: false }, { middleTier: true }],
    [...addresses.values()].map((value) => ({ ip: value })),
    NAMES.map((name) => ({ name })),
    GROUP_SETS.map((groups) => ({ groups })),
    PORTS.map((port) => ({ port })),
    ATTRIBUTE_SETS.map((attributes) => ({ attributes })),
  ];
  const base: Point = {
    protocol: "POP3",
    auth: "BasicAuthentication",
    middleTier: false,
    ip: addresses.values().next().value!,
    port: 443,
    name: "a\\a",
    groups: [],
    attributes: {},
  };
  // Each dimension's values, deduplicated by which rules they let through (with the others at any value).
  const maskOf = (partial: Partial<Point>, key: keyof Point) =>
    rules.map((rule) => {
      const probe = { ...rule } as Record<string, unknown>;
      // Only the rule's conditions on this dimension decide; the others are dropped.
      const keep: Record<keyof Point, string[]> = {
        protocol: ["protocols", "exceptProtocols"],
        auth: ["authenticationTypes"],
        middleTier: ["scope"],
        ip: ["clientIps", "exceptClientIps"],
        name: ["usernamePatterns", "exceptUsernamePatterns"],
        groups: ["groups", "exceptGroups"],
        port: ["sourcePorts", "exceptSourcePorts"],
        attributes: ["recipientFilter"],
      };
      for (const field of Object.values(keep).flat()) {
        if (!keep[key].includes(field)) delete probe[field];
      }
      if (key !== "middleTier") probe.scope = "All";
      return matches(probe as unknown as RuleSpec, { ...base, ...partial }, semantics) ? "1" : "0";
    }).join("");
  const keys: Array<keyof Point> = ["protocol", "auth", "middleTier", "ip", "name", "groups", "port", "attributes"];
  let points: Array<{ mask: string; point: Partial<Point> }> = [{ mask: "1".repeat(rules.length), point: {} }];
  dimensions.forEach((values, dimension) => {
    const distinct = new Map<string, Partial<Point>>();
    for (const value of values) {
      const mask = maskOf(value, keys[dimension] as keyof Point);
      if (!distinct.has(mask)) distinct.set(mask, value);
    }
    const next = new Map<string, Partial<Point>>();
    for (const { mask, point } of points) {
      for (const [valueMask, value] of distinct) {
        let combined = "";
        for (let i = 0; i < mask.length; i++) combined += mask[i] === "1" && valueMask[i] === "1" ? "1" : "0";
        // Keep one point per combination, plus every protocol (changes are split by protocol).
        const key = `${combined}|${(value.protocol ?? point.protocol) as string}`;
        if (!next.has(key)) next.set(key, { ...point, ...value });
      }
    }
    points = [...next.entries()].map(([key, point]) => ({ mask: key.split("|")[0] as string, point }));
  });
  return points.map(({ point }) => point as Point);
}

function connectionOf(point: Point): Connection {
  return {
    protocol: point.protocol,
    authenticationType: point.auth,
    ip: formatIpAddress(point.ip),
    port: point.port,
    user: { name: point.name, groups: point.groups, attributes: point.attributes },
    middleTier: point.middleTier,
  };
}

function pointOf(connection: Connection): Point {
  return {
    protocol: connection.protocol,
    auth: connection.authenticationType,
    middleTier: connection.middleTier,
    ip: parseIpAddress(connection.ip)!,
    port: connection.port,
    name: connection.user.name,
    groups: [...(connection.user.groups ?? [])],
    attributes: { ...(connection.user.attributes ?? {}) },
  };
}

function checkDifference(beforeFields: readonly Fields[], afterFields: readonly Fields[], semantics: RestSemantics) {
  const before = toSpecs(beforeFields);
  const after = toSpecs(afterFields);
  const [beforeAnalysis, afterAnalysis] = analyzeRuleSetsInOneSpace([before, after], { restSemantics: semantics });
  const difference = compareAnalyses(beforeAnalysis!, afterAnalysis!);
  expect(difference.exact).toBe(true);
  const space = difference.space;
  const beforeOrder = evaluationOrder(before);
  const afterOrder = evaluationOrder(after);

  let newAccess = false;
  let lostAccess = false;
  for (const point of representatives([...before, ...after], semantics)) {
    const connection = connectionOf(point);
    const old = evaluate(beforeOrder, point, semantics);
    const current = evaluate(afterOrder, point, semantics);
    const holders = difference.changes.filter((change) => change.boxes.some((box) => space.boxContains(box, connection)));
    if (old.action === current.action) {
      expect(holders, `unchanged ${JSON.stringify(connection)} lies in a change`).toEqual([]);
      continue;
    }
    newAccess ||= old.action === "DenyAccess";
    lostAccess ||= old.action === "AllowAccess";
    expect(holders, `changed ${JSON.stringify(connection)} lies in exactly one change`).toHaveLength(1);
    const [holder] = holders;
    expect(holder!.protocols).toContain(point.protocol);
    expect(holder!.before).toEqual({ action: old.action, rule: old.rule });
    expect(holder!.after).toEqual({ action: current.action, rule: current.rule });
  }
  expect(difference.newAccess).toBe(newAccess);
  expect(difference.lostAccess).toBe(lostAccess);

  for (const change of difference.changes) {
    const witness = change.witness;
    expect(witness, "every change has a witness").toBeDefined();
    // Port 443 unless a rule of either set sets ports.
    if (![...before, ...after].some((rule) => listed(rule.sourcePorts) || listed(rule.exceptSourcePorts))) expect(witness!.port).toBe(443);
    expect(Number.isInteger(witness!.port)).toBe(true);
    expect(witness!.user.name).toMatch(/^[^\\]+\\[^\\]+$/u);
    expect(change.protocols).toContain(witness!.protocol);
    // Replays with what-if's engine and with the independent evaluator.
    const replayBefore = decide(before, witness!, { restSemantics: semantics });
    const replayAfter = decide(after, witness!, { restSemantics: semantics });
    expect([replayBefore.decidingRule, replayBefore.action]).toEqual([change.before.rule, change.before.action]);
    expect([replayAfter.decidingRule, replayAfter.action]).toEqual([change.after.rule, change.after.action]);
    expect(evaluate(beforeOrder, pointOf(witness!), semantics)).toEqual(change.before);
    expect(evaluate(afterOrder, pointOf(witness!), semantics)).toEqual(change.after);
  }
  return difference;
}

describe("diff engine vs a brute-force evaluator", () => {
  const sets = fc.array(fields, { minLength: 1, maxLength: 6 });

  for (const semantics of ["coupled", "independent"] as const) {
    it(`random rule sets with one to three edits (${semantics})`, () => {
      fc.assert(
        fc.property(sets, fc.array(edit, { minLength: 1, maxLength: 3 }), (list, edits) => {
          checkDifference(list, applyEdits(list, edits), semantics);
        }),
        { seed: SEED, numRuns: RUNS },
      );
    });
  }

  it("edits that change no decision report nothing: renames, renumbering in order, an added disabled rule", () => {
    fc.assert(
      fc.property(sets, fields, fc.nat(), (list, extra, at) => {
        const ordered = list.map((rule, position) => ({ ...rule, priority: position }));
        const renumbered = ordered.map((rule, position) => ({ ...rule, priority: position * 10 + 5 }));
        const withDisabled = [...renumbered];
        withDisabled.splice(at % (renumbered.length + 1), 0, { ...extra, enabled: false, priority: 1000 });
        const difference = checkDifference(ordered, withDisabled, "coupled");
        expect(difference.changes).toEqual([]);
        expect(difference.newAccess || difference.lostAccess).toBe(false);
      }),
      { seed: SEED, numRuns: 100 },
    );
  });

  it("a change of who decides without a change of decision is no change", () => {
    const before = toSpecs([{ action: "DenyAccess", enabled: true, scope: "All", priority: 1, protocols: ["POP3"] }]);
    const after = toSpecs([
      { action: "DenyAccess", enabled: true, scope: "All", priority: 1, protocols: ["POP3"], clientIps: [ip("10.0.0.0/28")] },
      { action: "DenyAccess", enabled: true, scope: "All", priority: 2, protocols: ["POP3"] },
    ]);
    const [a, b] = analyzeRuleSetsInOneSpace([before, after], { restSemantics: "coupled" });
    expect(compareAnalyses(a!, b!).changes).toEqual([]);
  });
});

describe("access map vs the brute-force evaluator", () => {
  it("each protocol's regions partition its connections, with the evaluator's deciding rule, and every witness replays", () => {
    fc.assert(
      fc.property(fc.array(fields, { minLength: 1, maxLength: 6 }), fc.constantFrom<RestSemantics>("coupled", "independent"), (list, semantics) => {
        const rules = toSpecs(list);
        const analysis = analyzeRuleSet(rules, { restSemantics: semantics });
        const map = accessMap(analysis);
        const space = analysis.connectionSpace;
        const order = evaluationOrder(rules);
        for (const point of representatives(rules, semantics)) {
          const connection = connectionOf(point);
          const cells = map.protocols.find((entry) => entry.protocol === point.protocol)!.cells;
          const holders = cells.filter((cell) => cell.boxes.some((box) => space.boxContains(box, connection)));
          expect(holders).toHaveLength(1);
          const expected = evaluate(order, point, semantics);
          expect({ action: holders[0]!.action, rule: holders[0]!.rule }).toEqual(expected);
        }
        for (const { protocol, cells } of map.protocols) {
          for (const cell of cells) {
            expect(cell.witness?.protocol).toBe(protocol);
            const replay = decide(rules, cell.witness!, { restSemantics: semantics });
            expect([replay.decidingRule, replay.action]).toEqual([cell.rule, cell.action]);
          }
        }
        for (const verdict of [map.remotePowerShell, map.outlookMobile]) {
          if (verdict.verdict !== "allowed") {
            expect(decide(rules, verdict.witness!, { restSemantics: semantics }).action).toBe("DenyAccess");
          }
        }
      }),
      { seed: SEED, numRuns: 100 },
    );
  });
});
