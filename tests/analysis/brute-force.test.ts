/**
 * The analysis against a brute-force oracle: random small rule sets, evaluated over a small
 * universe of connections with per-dimension predicates written independently of the engine
 * (regular expressions for patterns, list look-ups for the rest).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { analyzeRuleSet, decide, witnessDecidedBy } from "../../lib/analysis/index.ts";
import type { Connection, RuleSetAnalysis } from "../../lib/analysis/index.ts";
import { parseIpAddress } from "../../lib/analysis/ip-set.ts";
import type { IpRange, PortRange, RuleSpec } from "../../lib/model/rule-spec.ts";
import { sortByEvaluationOrder } from "../../lib/model/rule-spec.ts";
import type { RestSemantics } from "../../lib/eslint/settings.ts";
import type { AuthenticationType, Protocol } from "../../lib/model/vocabulary.ts";
import { readableWitness } from "../../lib/analysis/readable-witness.ts";
import { compareRestSemantics } from "../../lib/analysis/rest-semantics.ts";
import { parseRecipientFilter } from "../../lib/model/recipient-filter.ts";
import { globToRegExp, ip } from "./helpers.ts";

const SEED = 20261127;
const WITNESS_QUERIES = [{ protocols: ["REST" as const] }, { protocols: ["RemotePowerShell" as const] }];

const RULE_PROTOCOLS: Protocol[] = ["ExchangeWebServices", "REST", "RemotePowerShell", "IMAP4"];
const UNIVERSE_PROTOCOLS: Protocol[] = [...RULE_PROTOCOLS, "OutlookWebApp"];
const RULE_AUTH: AuthenticationType[] = ["BasicAuthentication", "OAuthAuthentication"];
const UNIVERSE_AUTH: AuthenticationType[] = [...RULE_AUTH, "AdfsAuthentication"];
const IP_POOL: IpRange[] = [
  "10.0.0.0/28",
  "10.0.0.4-10.0.0.9",
  "10.0.0.8/29",
  "10.0.0.0/29",
  "10.0.0.16/28",
  "0.0.0.0/0",
  "10.0.0.7",
  "2001:db8::/126",
  "2001:db8::2-2001:db8::5",
  "::/0",
].map(ip);
const PORT_POOL: PortRange[] = [
  { first: 443, last: 443 },
  { first: 0, last: 1023 },
  { first: 1000, last: 2000 },
];
const GROUPS = ["g1", "g2", "g3"];

// Recipient filters: random trees over two properties, printed as filter text (the engine reads
// the model's normalised text), evaluated by the oracle on the tree itself.
const FILTER_PROPERTIES = ["City", "Department"];
type FilterTree =
  | { op: "-eq" | "-ne" | "-like" | "-notlike"; property: string; value: string | null }
  | { op: "-and" | "-or"; left: FilterTree; right: FilterTree }
  | { op: "-not"; operand: FilterTree };
const comparison: fc.Arbitrary<FilterTree> = fc.oneof(
  fc.record({
    op: fc.constantFrom("-eq" as const, "-ne" as const),
    property: fc.constantFrom(...FILTER_PROPERTIES),
    value: fc.constantFrom<string | null>("a", "b", "ab", "A", null),
  }),
  fc.record({
    op: fc.constantFrom("-like" as const, "-notlike" as const),
    property: fc.constantFrom(...FILTER_PROPERTIES),
    value: fc.constantFrom("a*", "*b", "*", "a*b", "*a*"),
  }),
);
const filterTree: fc.Arbitrary<FilterTree> = fc.letrec<{ tree: FilterTree }>((tie) => ({
  tree: fc.oneof(
    { maxDepth: 3, depthIdentifier: "filter" },
    { weight: 3, arbitrary: comparison },
    fc.record({ op: fc.constantFrom("-and" as const, "-or" as const), left: tie("tree"), right: tie("tree") }),
    fc.record({ op: fc.constant("-not" as const), operand: tie("tree") }),
  ),
})).tree;
function filterText(tree: FilterTree): string {
  if (tree.op === "-not") return `-not (${filterText(tree.operand)})`;
  if (tree.op === "-and" || tree.op === "-or") return `(${filterText(tree.left)}) ${tree.op} (${filterText(tree.right)})`;
  if (!("property" in tree)) throw new Error("unreachable");
  return `${tree.property} ${tree.op} ${tree.value === null ? "$null" : `'${tree.value}'`}`;
}
/** The oracle's filter semantics, written from design.md: case-insensitive, unset only equals $null, -like never matches unset. */
function evaluateTree(tree: FilterTree, attributes: Readonly<Record<string, string>>): boolean {
  switch (tree.op) {
    case "-and":
      return evaluateTree(tree.left, attributes) && evaluateTree(tree.right, attributes);
    case "-or":
      return evaluateTree(tree.left, attributes) || evaluateTree(tree.right, attributes);
    case "-not":
      return !evaluateTree(tree.operand, attributes);
    default: {
      if (!("property" in tree)) throw new Error("unreachable");
      const actual = attributes[tree.property]?.toLowerCase() || undefined;
      const expected = tree.value?.toLowerCase();
      const equal = expected === undefined ? actual === undefined : actual === expected;
      const like = expected === undefined ? actual === undefined : actual !== undefined && globToRegExp(expected).test(actual);
      return { "-eq": equal, "-ne": !equal, "-like": like, "-notlike": !like }[tree.op];
    }
  }
}
/** Filter trees by the normalised text the rules carry. */
const treeByFilter = new Map<string, FilterTree>();
const recipientFilter = filterTree.map((tree) => {
  const parsed = parseRecipientFilter(filterText(tree));
  if (!parsed.ok) throw new Error(`generated filter does not parse: ${filterText(tree)}`);
  treeByFilter.set(parsed.normalized, tree);
  return parsed.normalized;
});
/** Every attribute record that matters: each property unset or any text up to three of a, b, c. */
const ATTRIBUTE_VALUES = ["", "a", "b", "c", "aa", "ab", "ac", "ba", "bb", "bc", "ca", "cb", "cc", "aab", "aba", "abb", "acb", "bab", "cab", "abc"];
const ATTRIBUTE_RECORDS: Record<string, string>[] = ATTRIBUTE_VALUES.flatMap((city) =>
  ATTRIBUTE_VALUES.map((department) => {
    const record: Record<string, string> = {};
    if (city) record["City"] = city;
    if (department) record["Department"] = department;
    return record;
  }),
);

const subset = <T>(pool: readonly T[], maxLength = pool.length) =>
  fc.uniqueArray(fc.constantFrom(...pool), { minLength: 1, maxLength });
/** `arbitrary` once in `oneIn` draws, else undefined. */
const maybe = <T>(arbitrary: fc.Arbitrary<T>, oneIn: number) =>
  fc.oneof({ weight: oneIn - 1, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary });

/** Patterns over a tiny alphabet, biased towards the `<Domain>\<User>` shape. */
const patternPart = fc.stringMatching(/^[ab*]{0,3}$/);
const pattern = fc.oneof(
  { weight: 3, arbitrary: fc.tuple(patternPart, patternPart).map(([domain, user]) => `${domain}\\${user}`) },
  { weight: 1, arbitrary: fc.stringMatching(/^[ab*\\]{1,5}$/) },
  { weight: 1, arbitrary: fc.constantFrom("*", "a\\*", "*\\b*", "a*") },
);

const general = fc.record({
  action: fc.constantFrom("AllowAccess" as const, "DenyAccess" as const),
  /** Enabled 80% of the time. */
  enabledBias: fc.integer({ min: 0, max: 9 }),
  scope: fc.constantFrom("All" as const, "Users" as const),
  priority: fc.option(fc.integer({ min: 0, max: 5 }), { nil: undefined, freq: 5 }),
  protocols: maybe(subset(RULE_PROTOCOLS, 3), 2),
  exceptProtocols: maybe(subset(RULE_PROTOCOLS, 2), 4),
  authenticationTypes: maybe(subset(RULE_AUTH), 4),
  exceptAuthenticationTypes: maybe(subset(RULE_AUTH, 1), 6),
  clientIps: maybe(subset(IP_POOL, 2), 2),
  exceptClientIps: maybe(subset(IP_POOL, 2), 4),
  sourcePorts: maybe(subset(PORT_POOL, 1), 8),
  exceptSourcePorts: maybe(subset(PORT_POOL, 1), 8),
  usernamePatterns: maybe(fc.uniqueArray(pattern, { minLength: 1, maxLength: 2 }), 2),
  exceptUsernamePatterns: maybe(fc.uniqueArray(pattern, { minLength: 1, maxLength: 2 }), 4),
  groups: maybe(subset(GROUPS, 2), 6),
  exceptGroups: maybe(subset(GROUPS, 1), 8),
  recipientFilter: maybe(recipientFilter, 4),
});

/** Rules with one or two conditions: unions of these make multi-rule covers likely. */
const simple = fc.record({
  action: fc.constantFrom("AllowAccess" as const, "DenyAccess" as const),
  enabledBias: fc.integer({ min: 0, max: 9 }),
  scope: fc.constantFrom("All" as const, "All" as const, "Users" as const),
  priority: fc.option(fc.integer({ min: 0, max: 5 }), { nil: undefined, freq: 5 }),
  protocols: maybe(subset(RULE_PROTOCOLS, 2), 2),
  clientIps: maybe(subset(IP_POOL, 1), 3),
  usernamePatterns: maybe(fc.uniqueArray(pattern, { minLength: 1, maxLength: 1 }), 4),
  groups: maybe(subset(GROUPS, 2), 8),
});

/** One protocol or one address range: pieces that add up to the broader rules above. */
const piece = fc.record({
  action: fc.constantFrom("AllowAccess" as const, "DenyAccess" as const),
  enabledBias: fc.integer({ min: 0, max: 9 }),
  scope: fc.constant("All" as const),
  priority: fc.option(fc.integer({ min: 0, max: 5 }), { nil: undefined, freq: 5 }),
  condition: fc.oneof(
    fc.constantFrom(...RULE_PROTOCOLS).map((protocol) => ({ protocols: [protocol] })),
    fc.constantFrom(...IP_POOL).map((range) => ({ clientIps: [range] })),
  ),
}).map(({ condition, ...rest }) => ({ ...rest, ...condition }));

const ruleFields = fc.oneof(general, simple, piece);

const ruleSets = fc.array(ruleFields, { minLength: 2, maxLength: 8 }).map((list) =>
  list.map((fields, index): RuleSpec => {
    const { enabledBias, ...rest } = fields;
    const spec: Record<string, unknown> = { index, name: `r${index}`, ...rest, enabled: enabledBias > 1 };
    for (const key of Object.keys(spec)) if (spec[key] === undefined && key !== "priority") delete spec[key];
    return spec as unknown as RuleSpec;
  }),
);

// ---------------------------------------------------------------------------------------------
// The oracle: per-dimension predicates, independent of the engine.

const listed = <T>(list: readonly T[] | undefined): list is readonly T[] => list !== undefined && list.length > 0;

function protocolNamed(list: readonly Protocol[], protocol: Protocol, semantics: RestSemantics) {
  return list.includes(protocol) || (semantics === "coupled" && protocol === "REST" && list.includes("ExchangeWebServices"));
}

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

type Predicate<V> = (rule: RuleSpec, value: V) => boolean;

function dimensionPredicates(semantics: RestSemantics) {
  const inIps = (list: readonly IpRange[], value: Point["ip"]) =>
    list.some((range) => range.family === value.family && range.first <= value.value && value.value <= range.last);
  const inPorts = (list: readonly PortRange[], port: number) => list.some((range) => range.first <= port && port <= range.last);
  const matchesAny = (list: readonly string[], name: string) => list.some((glob) => globToRegExp(glob).test(name));
  return {
    protocol: ((rule, protocol) =>
      (!listed(rule.protocols) || protocolNamed(rule.protocols, protocol, semantics)) &&
      !(listed(rule.exceptProtocols) && protocolNamed(rule.exceptProtocols, protocol, semantics))) as Predicate<Protocol>,
    auth: ((rule, auth) =>
      (!listed(rule.authenticationTypes) || rule.authenticationTypes.includes(auth)) &&
      !(rule.exceptAuthenticationTypes ?? []).includes(auth)) as Predicate<AuthenticationType>,
    middleTier: ((rule, middleTier) => !(rule.scope === "Users" && middleTier)) as Predicate<boolean>,
    ip: ((rule, value) =>
      (!listed(rule.clientIps) || inIps(rule.clientIps, value)) &&
      !inIps(rule.exceptClientIps ?? [], value)) as Predicate<Point["ip"]>,
    port: ((rule, port) =>
      (!listed(rule.sourcePorts) || inPorts(rule.sourcePorts, port)) && !inPorts(rule.exceptSourcePorts ?? [], port)) as Predicate<number>,
    name: ((rule, name) =>
      (!listed(rule.usernamePatterns) || matchesAny(rule.usernamePatterns, name)) &&
      !matchesAny(rule.exceptUsernamePatterns ?? [], name)) as Predicate<string>,
    groups: ((rule, groups) =>
      (!listed(rule.groups) || rule.groups.some((group) => groups.includes(group))) &&
      !(rule.exceptGroups ?? []).some((group) => groups.includes(group))) as Predicate<string[]>,
    attributes: ((rule, attributes) =>
      !rule.recipientFilter || evaluateTree(treeByFilter.get(rule.recipientFilter)!, attributes)) as Predicate<Point["attributes"]>,
  };
}

function wellFormedNames(maxLength: number): string[] {
  const names: string[] = [];
  const words = (length: number): string[] =>
    length === 0 ? [""] : words(length - 1).flatMap((word) => ["a", "b", "c"].map((char) => word + char));
  for (let total = 3; total <= maxLength; total++) {
    for (let domain = 1; domain <= total - 2; domain++) {
      for (const d of words(domain)) for (const u of words(total - 1 - domain)) names.push(`${d}\\${u}`);
    }
  }
  return names;
}
const NAMES = wellFormedNames(5);

function subsets<T>(values: readonly T[]): T[][] {
  return values.reduce<T[][]>((all, value) => [...all, ...all.map((set) => [...set, value])], [[]]);
}

/**
 * The oracle's view of a rule set: for each combination of per-dimension "which rules match"
 * masks that occurs in the universe, the matching rules. Enumerating distinct masks instead of
 * points keeps the product small while staying exact for the universe.
 */
class Oracle {
  readonly ordered: RuleSpec[];
  readonly combos: number[] = [];
  /** Per dimension (protocol first), the distinct "which rules match" masks of the universe. */
  readonly dimensionMasks: number[][];
  readonly predicates;

  constructor(
    rules: RuleSpec[],
    readonly semantics: RestSemantics,
    extraNames: readonly string[],
    groups: readonly string[] = GROUPS,
    names: readonly string[] = NAMES,
  ) {
    this.ordered = sortByEvaluationOrder(rules);
    this.predicates = dimensionPredicates(semantics);
    const used = this.ordered;
    const ipValues = new Map<string, Point["ip"]>();
    const addIp = (family: 4 | 6, value: bigint) => {
      const max = family === 4 ? (1n << 32n) - 1n : (1n << 128n) - 1n;
      if (value >= 0n && value <= max) ipValues.set(`${family}:${value}`, { family, value });
    };
    for (const rule of used) {
      for (const range of [...(rule.clientIps ?? []), ...(rule.exceptClientIps ?? [])]) {
        for (const base of [range.first, range.last]) for (const delta of [-1n, 0n, 1n]) addIp(range.family, base + delta);
      }
    }
    addIp(4, parseIpAddress("203.0.113.10")!.value);
    addIp(6, parseIpAddress("2001:db8::ff")!.value);
    const ports = new Set([443]);
    for (const rule of used) {
      for (const range of [...(rule.sourcePorts ?? []), ...(rule.exceptSourcePorts ?? [])]) {
        for (const value of [range.first - 1, range.first, range.last, range.last + 1]) {
          if (value >= 0 && value <= 65535) ports.add(value);
        }
      }
    }
    const maskSet = <V>(values: Iterable<V>, predicate: Predicate<V>) => {
      const masks = new Set<number>();
      for (const value of values) masks.add(this.maskOf(predicate, value));
      return [...masks];
    };
    const dimensions = [
      maskSet(UNIVERSE_PROTOCOLS, this.predicates.protocol),
      maskSet(UNIVERSE_AUTH, this.predicates.auth),
      maskSet([false, true], this.predicates.middleTier),
      maskSet(ipValues.values(), this.predicates.ip),
      maskSet(ports, this.predicates.port),
      maskSet([...names, ...extraNames], this.predicates.name),
      maskSet(subsets(groups), this.predicates.groups),
      maskSet(ATTRIBUTE_RECORDS, this.predicates.attributes),
    ];
    this.dimensionMasks = dimensions;
    let combos = [(1 << this.ordered.length) - 1];
    for (const masks of dimensions) {
      const next = new Set<number>();
      for (const combo of combos) for (const mask of masks) next.add(combo & mask);
      combos = [...next];
    }
    this.combos = combos;
  }

  maskOf<V>(predicate: Predicate<V>, value: V): number {
    let mask = 0;
    this.ordered.forEach((rule, position) => {
      if (predicate(rule, value)) mask |= 1 << position;
    });
    return mask;
  }

  /** Position of the first enabled rule in the mask, or -1. */
  decider(mask: number): number {
    return this.ordered.findIndex((rule, position) => rule.enabled && (mask & (1 << position)) !== 0);
  }

  maskOfConnection(connection: Connection): number {
    const address = parseIpAddress(connection.ip)!;
    const p = this.predicates;
    return (
      this.maskOf(p.protocol, connection.protocol) &
      this.maskOf(p.auth, connection.authenticationType) &
      this.maskOf(p.middleTier, connection.middleTier) &
      this.maskOf(p.ip, address) &
      this.maskOf(p.port, connection.port) &
      this.maskOf(p.name, connection.user.name.toLowerCase()) &
      this.maskOf(p.groups, [...(connection.user.groups ?? [])]) &
      this.maskOf(p.attributes, { ...(connection.user.attributes ?? {}) })
    );
  }
}

function checkAgainstOracle(
  rules: RuleSpec[],
  semantics: RestSemantics,
  analysis: RuleSetAnalysis,
  universe: { groups?: readonly string[]; names?: readonly string[] } = {},
) {
  const atomWitnesses: string[] = [];
  for (const result of analysis.results) {
    const witness = analysis.matchRegion(result.rule.index).witness();
    if (witness) atomWitnesses.push(witness.user.name.toLowerCase());
  }
  const oracle = new Oracle(rules, semantics, atomWitnesses, universe.groups, universe.names);
  const decided = new Set<number>();
  const matchesSomething = new Set<number>();
  for (const combo of oracle.combos) {
    decided.add(oracle.decider(combo));
    oracle.ordered.forEach((_, position) => {
      if (combo & (1 << position)) matchesSomething.add(position);
    });
  }

  analysis.results.forEach((result, position) => {
    const { rule } = result;
    expect(oracle.ordered[position]).toBe(rule);
    expect(result.evaluated).toBe(rule.enabled);
    if (!rule.enabled) {
      expect(result.reachable).toBe(false);
      expect(result.unsatisfiable).toBeUndefined();
      expect(result.shadowing).toBeUndefined();
      return;
    }
    if (result.unsatisfiable) {
      // No false "unsatisfiable": nothing in the universe matches the rule.
      expect(matchesSomething.has(position)).toBe(false);
      expect(result.reachable).toBe(false);
      expect(analysis.matchRegion(rule.index).isEmpty()).toBe(true);
    } else {
      // No missed "unsatisfiable": a replayed witness that the rule matches.
      const witness = analysis.matchRegion(rule.index).witness();
      expect(witness).toBeDefined();
      expect(oracle.maskOfConnection(witness!) & (1 << position)).not.toBe(0);
    }
    if (result.reachable) {
      // No missed "shadowed": a replayed witness decided by the rule, confirmed by the oracle.
      const witness = witnessDecidedBy(analysis, rule.index);
      expect(witness).toBeDefined();
      expect(oracle.decider(oracle.maskOfConnection(witness!))).toBe(position);
      expect(decide(rules, witness!, { restSemantics: semantics }).decidingRule).toBe(rule);
      // The readable witness is taken from the region without a replay: it must replay too.
      const readable = readableWitness(analysis, rule);
      expect(readable).toBeDefined();
      expect(oracle.decider(oracle.maskOfConnection(readable!))).toBe(position);
      expect(decide(rules, readable!, { restSemantics: semantics }).decidingRule).toBe(rule);
      // The same query objects for every rule and rule set: readableWitness keeps their spaces per file.
      for (const query of WITNESS_QUERIES) {
        const inQuery = readableWitness(analysis, rule, query);
        expect(inQuery === undefined).toBe(analysis.firstMatchRegion(rule.index).intersect(analysis.space(query)).isEmpty());
        if (inQuery) {
          expect(inQuery.protocol).toBe(query.protocols[0]);
          expect(decide(rules, inQuery, { restSemantics: semantics }).decidingRule).toBe(rule);
        }
      }
      expect(result.shadowing).toBeUndefined();
    } else {
      // No false "shadowed" / "unsatisfiable": the oracle finds no connection the rule decides.
      expect(decided.has(position)).toBe(false);
      expect(analysis.firstMatchRegion(rule.index).isEmpty()).toBe(true);
      if (!result.unsatisfiable) checkCover(analysis, oracle, position);
    }
  });
}

function checkCover(analysis: RuleSetAnalysis, oracle: Oracle, position: number) {
  const result = analysis.results[position]!;
  const shadowing = result.shadowing;
  expect(shadowing).toBeDefined();
  const covering = shadowing!.coveringRules;
  expect(covering.length).toBeGreaterThan(0);
  const positions = covering.map((rule) => oracle.ordered.indexOf(rule));
  // Earlier, enabled, in evaluation order.
  expect(positions.every((p) => p >= 0 && p < position && oracle.ordered[p]!.enabled)).toBe(true);
  expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  expect(shadowing!.differentAction).toBe(covering.some((rule) => rule.action !== result.rule.action));
  const target = analysis.matchRegion(result.rule.index);
  const uncoveredWithout = (skip: number) =>
    covering.reduce((rest, rule, i) => (i === skip ? rest : rest.subtract(analysis.matchRegion(rule.index))), target);
  // Really covers (by subtraction and by the oracle) …
  expect(uncoveredWithout(-1).isEmpty()).toBe(true);
  const coverMask = positions.reduce((mask, p) => mask | (1 << p), 0);
  for (const combo of oracle.combos) {
    if (combo & (1 << position)) expect(combo & coverMask).not.toBe(0);
  }
  // … and is irredundant.
  covering.forEach((_, skip) => expect(uncoveredWithout(skip).isEmpty()).toBe(false));
}

const counts = { shadowed: 0, redundant: 0, unsatisfiable: 0, reachable: 0, multiCover: 0 };
function tally(result: RuleSetAnalysis["results"][number]) {
  if (result.unsatisfiable) counts.unsatisfiable++;
  else if (result.reachable) counts.reachable++;
  else if (result.shadowing?.differentAction) counts.shadowed++;
  else if (result.shadowing) counts.redundant++;
  if ((result.shadowing?.coveringRules.length ?? 0) > 1) counts.multiCover++;
}

describe("analysis agrees with a brute-force oracle", () => {
  it("on random rule sets, both REST semantics", () => {
    fc.assert(
      fc.property(ruleSets, fc.constantFrom<RestSemantics>("coupled", "independent"), (rules, semantics) => {
        const analysis = analyzeRuleSet(rules, { restSemantics: semantics });
        expect(analysis.undecided()).toEqual([]);
        checkAgainstOracle(rules, semantics, analysis);
        for (const result of analysis.results) tally(result);
      }),
      { seed: SEED, numRuns: 1000 },
    );
    // The generator must exercise every kind of finding, or the comparison proves little.
    if (process.env.SHOW_COUNTS) console.log(counts);
    expect(counts.shadowed).toBeGreaterThan(50);
    expect(counts.redundant).toBeGreaterThan(50);
    expect(counts.unsatisfiable).toBeGreaterThan(50);
  });

  it("on rule sets of pieces followed by broader rules (multi-rule covers)", () => {
    const before = counts.multiCover;
    const piecesThenBroad = fc
      .tuple(fc.array(piece, { minLength: 2, maxLength: 6 }), fc.array(simple, { minLength: 1, maxLength: 2 }))
      .map(([pieces, broad]) =>
        [...pieces, ...broad].map((fields, index): RuleSpec => {
          const { enabledBias, ...rest } = fields;
          const spec: Record<string, unknown> = { index, name: `r${index}`, ...rest, priority: index, enabled: enabledBias > 0 };
          for (const key of Object.keys(spec)) if (spec[key] === undefined) delete spec[key];
          return spec as unknown as RuleSpec;
        }),
      );
    fc.assert(
      fc.property(piecesThenBroad, fc.constantFrom<RestSemantics>("coupled", "independent"), (rules, semantics) => {
        const analysis = analyzeRuleSet(rules, { restSemantics: semantics });
        checkAgainstOracle(rules, semantics, analysis);
        for (const result of analysis.results) tally(result);
      }),
      { seed: SEED + 3, numRuns: 400 },
    );
    if (process.env.SHOW_COUNTS) console.log(counts);
    expect(counts.multiCover - before).toBeGreaterThan(20);
  });

  it("past the covering-set budget: the later unreachable rules say so, every other result is unchanged", () => {
    let notComputed = 0;
    let computedUnderBudget = 0;
    fc.assert(
      fc.property(ruleSets, fc.integer({ min: 0, max: 40 }), (rules, maxCoverWork) => {
        const full = analyzeRuleSet(rules, { restSemantics: "coupled" });
        const budgeted = analyzeRuleSet(rules, { restSemantics: "coupled", maxCoverWork });
        let ranOut = false;
        budgeted.results.forEach((result, position) => {
          const unbounded = full.results[position]!;
          if (result.coverNotComputed) {
            notComputed++;
            ranOut = true;
            // Proven unreachable all the same: the full analysis finds its covering rules.
            expect(unbounded.shadowing).toBeDefined();
            expect({ ...result, coverNotComputed: undefined }).toEqual({ ...unbounded, shadowing: undefined });
          } else {
            // Once the budget is spent, no later rule gets covering rules.
            if (result.shadowing) expect(ranOut).toBe(false);
            if (result.shadowing && maxCoverWork > 0) computedUnderBudget++;
            expect(result).toEqual(unbounded);
          }
        });
      }),
      { seed: SEED + 7, numRuns: 800 },
    );
    expect(notComputed).toBeGreaterThan(20);
    expect(computedUnderBudget).toBeGreaterThan(20);
  });

  it("stays sound when the search bound is hit: no claim about an undecided rule, every witness verified", () => {
    let claims = 0;
    let undecided = 0;
    fc.assert(
      fc.property(ruleSets, fc.constantFrom<RestSemantics>("coupled", "independent"), (rules, semantics) => {
        const analysis = analyzeRuleSet(rules, { restSemantics: semantics, maxSearchStates: 2 });
        const oracle = new Oracle(rules, semantics, []);
        const decided = new Set(oracle.combos.map((combo) => oracle.decider(combo)));
        undecided += analysis.undecided().length;
        claims += analysis.results.filter((result) => result.evaluated && !result.reachable).length;
        analysis.results.forEach((result, position) => {
          if (result.unsatisfiable) expect(oracle.combos.some((combo) => combo & (1 << position))).toBe(false);
          if (result.evaluated && !result.reachable) {
            expect(decided.has(position)).toBe(false);
            if (!result.unsatisfiable && result.shadowing) {
              const cover = result.shadowing.coveringRules.map((rule) => oracle.ordered.indexOf(rule));
              const coverMask = cover.reduce((mask, p) => mask | (1 << p), 0);
              for (const combo of oracle.combos) if (combo & (1 << position)) expect(combo & coverMask).not.toBe(0);
            }
          }
          const witness = witnessDecidedBy(analysis, result.rule.index);
          if (witness) expect(oracle.decider(oracle.maskOfConnection(witness))).toBe(position);
          const readable = readableWitness(analysis, result.rule);
          if (readable) expect(oracle.decider(oracle.maskOfConnection(readable))).toBe(position);
        });
      }),
      { seed: SEED + 4, numRuns: 300 },
    );
    expect(claims).toBeGreaterThan(100);
    expect(undecided).toBeGreaterThan(20);
  });

  it("with 15 filters and 12 groups in one set", () => {
    const GROUPS_12 = Array.from({ length: 12 }, (_, i) => `g${i}`);
    const wide = fc.record({
      action: fc.constantFrom("AllowAccess" as const, "DenyAccess" as const),
      groups: maybe(fc.uniqueArray(fc.constantFrom(...GROUPS_12), { minLength: 1, maxLength: 4 }), 2),
      exceptGroups: maybe(fc.uniqueArray(fc.constantFrom(...GROUPS_12), { minLength: 1, maxLength: 2 }), 4),
      recipientFilter,
      protocols: maybe(subset(RULE_PROTOCOLS, 2), 3),
    });
    const sets = fc.array(wide, { minLength: 15, maxLength: 18 }).map((list) =>
      list.map((fields, index): RuleSpec => {
        const spec: Record<string, unknown> = { index, name: `r${index}`, priority: index, enabled: true, scope: "All", ...fields };
        for (const key of Object.keys(spec)) if (spec[key] === undefined) delete spec[key];
        return spec as unknown as RuleSpec;
      }),
    );
    let findings = 0;
    fc.assert(
      fc.property(sets, (rules) => {
        const analysis = analyzeRuleSet(rules, { restSemantics: "coupled" });
        expect(analysis.undecided()).toEqual([]);
        checkAgainstOracle(rules, "coupled", analysis, { groups: GROUPS_12, names: NAMES.slice(0, 3) });
        findings += analysis.results.filter((result) => !result.reachable).length;
      }),
      { seed: SEED + 5, numRuns: 40 },
    );
    expect(findings).toBeGreaterThan(20);
  });

  it("with service-account pattern sets (a dozen *\\s*app* patterns, exceptions among them)", () => {
    const APPS = ["a", "b", "ab", "ba", "aa", "bb", "aba", "bab", "abb", "baa", "aab", "bba"];
    const servicePattern = fc.constantFrom(...APPS.map((app) => `*\\s*${app}*`), "*\\s*", "a\\s*", "*\\sa", "*");
    const rule = fc.record({
      action: fc.constantFrom("AllowAccess" as const, "DenyAccess" as const),
      usernamePatterns: maybe(fc.uniqueArray(servicePattern, { minLength: 1, maxLength: 12 }), 4),
      exceptUsernamePatterns: maybe(fc.uniqueArray(servicePattern, { minLength: 1, maxLength: 3 }), 3),
      protocols: maybe(subset(RULE_PROTOCOLS, 2), 3),
    });
    const names = (() => {
      const words = (length: number): string[] =>
        length === 0 ? [""] : words(length - 1).flatMap((word) => ["a", "b", "s"].map((char) => word + char));
      const result: string[] = [];
      for (const domain of ["a", "s"]) for (let length = 1; length <= 6; length++) for (const user of words(length)) result.push(`${domain}\\${user}`);
      return result;
    })();
    const sets = fc.array(rule, { minLength: 2, maxLength: 6 }).map((list) =>
      list.map((fields, index): RuleSpec => {
        const spec: Record<string, unknown> = { index, name: `r${index}`, priority: index, enabled: true, scope: "All", ...fields };
        for (const key of Object.keys(spec)) if (spec[key] === undefined) delete spec[key];
        return spec as unknown as RuleSpec;
      }),
    );
    let findings = 0;
    fc.assert(
      fc.property(sets, (rules) => {
        const analysis = analyzeRuleSet(rules, { restSemantics: "coupled" });
        expect(analysis.undecided()).toEqual([]);
        checkAgainstOracle(rules, "coupled", analysis, { names });
        findings += analysis.results.filter((result) => !result.reachable).length;
      }),
      { seed: SEED + 6, numRuns: 150 },
    );
    expect(findings).toBeGreaterThan(30);
  });

  it("decide agrees with the oracle on random connections", () => {
    const connection = fc.record({
      protocol: fc.constantFrom(...UNIVERSE_PROTOCOLS),
      authenticationType: fc.constantFrom(...UNIVERSE_AUTH),
      ip: fc.constantFrom("10.0.0.3", "10.0.0.8", "10.0.0.20", "203.0.113.10", "2001:db8::3", "2001:db8::ff"),
      port: fc.constantFrom(443, 22, 1500),
      user: fc.record({
        name: fc.constantFrom(...NAMES.slice(0, 80)),
        groups: fc.subarray(GROUPS),
        attributes: fc.constantFrom(...ATTRIBUTE_RECORDS),
      }),
      middleTier: fc.boolean(),
    });
    fc.assert(
      fc.property(ruleSets, connection, fc.constantFrom<RestSemantics>("coupled", "independent"), (rules, c, semantics) => {
        const oracle = new Oracle(rules, semantics, []);
        const position = oracle.decider(oracle.maskOfConnection(c));
        const decision = decide(rules, c, { restSemantics: semantics });
        expect(decision.decidingRule).toBe(position < 0 ? undefined : oracle.ordered[position]);
        expect(decision.action).toBe(position < 0 ? "AllowAccess" : oracle.ordered[position]!.action);
        const all = decide(rules, c, { restSemantics: semantics, allMatches: true });
        const mask = oracle.maskOfConnection(c);
        expect(all.matchingRules).toEqual(oracle.ordered.filter((rule, p) => rule.enabled && mask & (1 << p)));
        expect(all.trace).toHaveLength(rules.length);
      }),
      { seed: SEED + 1, numRuns: 500 },
    );
  });

  it("decision regions partition the space and agree with decide on their witnesses", () => {
    fc.assert(
      fc.property(ruleSets, fc.constantFrom<RestSemantics>("coupled", "independent"), (rules, semantics) => {
        const analysis = analyzeRuleSet(rules, { restSemantics: semantics });
        const allow = analysis.decisionRegion("AllowAccess");
        const deny = analysis.decisionRegion("DenyAccess");
        expect(allow.intersect(deny).isEmpty()).toBe(true);
        const denyRules = analysis.results.filter((result) => result.rule.action === "DenyAccess");
        const denyUnion = denyRules.reduce((region, result) => region.union(analysis.firstMatchRegion(result.rule.index)), analysis.space().subtract(analysis.space()));
        expect(denyUnion.isSubsetOf(deny) && deny.isSubsetOf(denyUnion)).toBe(true);
        expect(analysis.space().subtract(allow).subtract(deny).isEmpty()).toBe(true);
        for (const [region, action] of [
          [allow, "AllowAccess"],
          [deny, "DenyAccess"],
        ] as const) {
          const witness = region.witness();
          expect(witness === undefined).toBe(region.isEmpty());
          if (witness) expect(decide(rules, witness, { restSemantics: semantics }).action).toBe(action);
        }
      }),
      { seed: SEED + 2, numRuns: 300 },
    );
  });
  it("the REST comparison finds exactly the rules deciding a connection whose action phase 2 changes, with witnesses that replay", () => {
    let changes = 0;
    fc.assert(
      fc.property(ruleSets, (rules) => {
        const comparison = compareRestSemantics(rules);
        // Reusing the coupled analysis' pass (as the ESLint rule does) changes nothing.
        const reusing = compareRestSemantics(rules, analyzeRuleSet(rules, { restSemantics: "coupled" }));
        const prefer = { users: ["contoso.com\\alex"], addresses: ["198.51.100.23"] };
        // Names beyond the oracle's short ones: each rule's own witness, and the comparison's
        // (each of those is replayed below, so the universe only grows by proven connections).
        const names: string[] = [];
        for (const semantics of ["coupled", "independent"] as const) {
          const analysis = analyzeRuleSet(rules, { restSemantics: semantics });
          for (const result of analysis.results) {
            const witness = analysis.matchRegion(result.rule.index).witness();
            if (witness) names.push(witness.user.name.toLowerCase());
            const change = comparison.changeDecidedBy(result.rule.index, semantics, prefer);
            if (change) names.push(change.connection.user.name.toLowerCase());
          }
        }
        // The oracle, jointly: every combination of the dimensions but the protocol, with REST.
        const coupled = new Oracle(rules, "coupled", names);
        const independent = new Oracle(rules, "independent", names);
        const restMask = (oracle: Oracle) => oracle.maskOf(oracle.predicates.protocol, "REST");
        let combos = [(1 << coupled.ordered.length) - 1];
        for (const masks of coupled.dimensionMasks.slice(1)) {
          const next = new Set<number>();
          for (const combo of combos) for (const mask of masks) next.add(combo & mask);
          combos = [...next];
        }
        const actionAt = (position: number) => (position < 0 ? "AllowAccess" : coupled.ordered[position]!.action);
        const expected = new Set<string>();
        for (const combo of combos) {
          const byCoupled = coupled.decider(combo & restMask(coupled));
          const byIndependent = independent.decider(combo & restMask(independent));
          if (actionAt(byCoupled) === actionAt(byIndependent)) continue;
          if (byCoupled >= 0) expected.add(`${coupled.ordered[byCoupled]!.index} coupled`);
          if (byIndependent >= 0) expected.add(`${coupled.ordered[byIndependent]!.index} independent`);
        }
        const found = new Set<string>();
        for (const rule of rules) {
          for (const semantics of ["coupled", "independent"] as const) {
            const change = comparison.changeDecidedBy(rule.index, semantics, prefer);
            expect(reusing.changeDecidedBy(rule.index, semantics, prefer)).toEqual(change);
            if (!change) continue;
            found.add(`${rule.index} ${semantics}`);
            changes++;
            const { connection } = change;
            expect(connection.protocol).toBe("REST");
            const replayed = {
              coupled: decide(rules, connection, { restSemantics: "coupled" }),
              independent: decide(rules, connection, { restSemantics: "independent" }),
            };
            expect(replayed[semantics].decidingRule).toBe(rule);
            expect(replayed.coupled.decidingRule).toBe(change.coupledDecidingRule);
            expect(replayed.independent.decidingRule).toBe(change.independentDecidingRule);
            expect([replayed.coupled.action, replayed.independent.action]).toEqual([change.coupledAction, change.independentAction]);
            expect(change.coupledAction).not.toBe(change.independentAction);
          }
        }
        expect([...found].sort()).toEqual([...expected].sort());
      }),
      { seed: SEED + 3, numRuns: 1000 },
    );
    // The generator must produce changes, or the comparison proves little.
    expect(changes).toBeGreaterThan(100);
  });
});
