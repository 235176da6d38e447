/**
 * The user dimensions of a box — user names, group memberships, directory attributes — as sets
 * described by a decision diagram over boolean variables ("the name matches `*\svc-*sql*`", "the
 * user is in group g", "Department is like `sa*`"). A set is exactly what its diagram says,
 * restricted to the assignments some real user can have: any combination of groups; for names and
 * attribute values, the combinations of pattern results that some string produces. Emptiness
 * asks that only of the diagram's own paths (pattern-search.ts), so the universe never grows as
 * 2^n of the patterns, groups or filters a rule set mentions.
 *
 * Each dimension can say what a set is in words (`describe`) and give a member (`witness`), which
 * the views use per dimension.
 */
import { Bdd, type Cube, FALSE, TRUE } from "./bdd.ts";
import { type SearchResult, type Segments, type StringDomain, inDomain, searchString } from "./pattern-search.ts";
import { type FilterNode, type FilterValue, parseRecipientFilter } from "../model/recipient-filter.ts";
import { matchesSegments } from "./wildcard.ts";

/** What a path of a diagram allows: a member, none, or not decided within the search bound. */
export type Realization<V> = { readonly kind: "found"; readonly value: V } | { readonly kind: "none" } | { readonly kind: "unknown"; readonly why: string };

/** A question a dimension could not decide within its bound: the analysis reports these. */
export interface UndecidedQuestion {
  readonly dimension: string;
  readonly why: string;
}

/** One family of boolean variables over one kind of value (a user name, a group list, attributes). */
export abstract class PredicateDimension<V> {
  readonly bdd = new Bdd();
  private readonly realizations = new Map<string, Realization<V>>();
  private readonly emptiness = new Map<number, boolean>();
  /** Questions left undecided so far (each at most once). */
  readonly undecided: UndecidedQuestion[] = [];
  private readonly undecidedKeys = new Set<string>();

  abstract readonly name: string;
  /** The number of variables so far (each pattern, group or comparison met). */
  abstract readonly variableCount: number;
  /** What variable `v` says, for messages. */
  abstract describeVariable(variable: number, truth: boolean): string;
  /** Variable `v` as the rule sets write it: the pattern, the group, the comparison. */
  abstract variableLabel(variable: number): string;
  /** Whether variable `v` holds for a concrete value. */
  abstract holds(variable: number, value: V): boolean;
  /** A member of a cube, none, or unknown; called once per distinct cube. */
  protected abstract realizeCube(cube: Cube): Realization<V>;

  full(): PredicateSet<V> {
    return new PredicateSet(this, TRUE);
  }

  empty(): PredicateSet<V> {
    return new PredicateSet(this, FALSE);
  }

  set(node: number): PredicateSet<V> {
    return new PredicateSet(this, node);
  }

  realize(cube: Cube): Realization<V> {
    const key = `${cube.positive.join(",")}|${cube.negative.join(",")}`;
    let realization = this.realizations.get(key);
    if (!realization) {
      realization = this.realizeCube(cube);
      this.realizations.set(key, realization);
      if (realization.kind === "unknown" && !this.undecidedKeys.has(key)) {
        this.undecidedKeys.add(key);
        this.undecided.push({ dimension: this.name, why: realization.why });
      }
    }
    return realization;
  }

  /**
   * Whether no value lies in the set. A path the search could not decide counts as non-empty (and
   * is recorded in `undecided`): a claim of emptiness is always proven.
   */
  isEmpty(node: number): boolean {
    if (node === FALSE) return true;
    if (node === TRUE) return this.isEmptyFull();
    const known = this.emptiness.get(node);
    if (known !== undefined) return known;
    // A value met before that lies in the set proves it non-empty without walking its paths.
    let empty = !this.probes.some((probe) => this.contains(node, probe));
    if (empty) {
      for (const cube of this.bdd.cubes(node)) {
        const realization = this.realize(cube);
        if (realization.kind === "none") continue;
        empty = false;
        if (realization.kind === "found") this.rememberProbe(realization.value);
        break;
      }
    }
    this.emptiness.set(node, empty);
    return empty;
  }

  /** Values recently found in some set, tried first on the next question. */
  private readonly probes: V[] = [];

  private rememberProbe(value: V): void {
    this.probes.unshift(value);
    if (this.probes.length > MAX_PROBES) this.probes.pop();
  }

  protected isEmptyFull(): boolean {
    return false;
  }

  /**
   * An equivalent, smaller diagram for the same set of real values (default: the diagram itself).
   * Dimensions whose variables exclude each other use it to keep diagrams small.
   */
  normalize(node: number): number {
    return node;
  }

  /** The paths of a set that some value realizes. */
  realizableCubes(node: number): Cube[] {
    return [...this.bdd.cubes(node)].filter((cube) => this.realize(cube).kind !== "none");
  }

  /** Members of the set, one per realizable path, in path order (lazily). */
  *witnesses(node: number): Generator<V> {
    for (const cube of this.bdd.cubes(node)) {
      const realization = this.realize(cube);
      if (realization.kind === "found") yield realization.value;
    }
  }

  contains(node: number, value: V): boolean {
    return this.bdd.evaluate(node, (variable) => this.holds(variable, value));
  }

  /** The set in words: one clause per path (at most `maxClauses`). */
  describe(node: number, maxClauses = 3): string {
    const clauses: string[] = [];
    let more = false;
    for (const cube of this.bdd.cubes(node)) {
      if (this.realize(cube).kind === "none") continue;
      if (clauses.length === maxClauses) {
        more = true;
        break;
      }
      const literals = [
        ...cube.positive.map((variable) => this.describeVariable(variable, true)),
        ...cube.negative.map((variable) => this.describeVariable(variable, false)),
      ];
      clauses.push(literals.length === 0 ? "any" : literals.join(" and "));
    }
    if (clauses.length === 0) return "none";
    return clauses.join("; or ") + (more ? "; or …" : "");
  }
}

/** Recent members each dimension tries before walking a diagram's paths. */
const MAX_PROBES = 6;

/** Realizable paths looked at for the simplest witness. */
const WITNESS_CHOICES = 8;

function simplicity(value: unknown): number {
  if (typeof value === "string") return value.length;
  if (Array.isArray(value)) return value.length;
  const entries = Object.values(value as Record<string, string>);
  return entries.length * 1000 + entries.reduce((total, text) => total + text.length, 0);
}

/** An immutable set of one predicate dimension: the same interface as the other dimension sets. */
/**
 * "Any of these variables", built from the last variable up, so each step adds one node above
 * the chain: linear in the list's length (built the other way, each step rebuilds the whole
 * chain, and 20,000 usernames overflowed the node tables — fuzz case).
 */
function disjunction(bdd: Bdd, variables: readonly number[]): number {
  let node = FALSE;
  for (const variable of [...new Set(variables)].sort((a, b) => b - a)) node = bdd.or(bdd.variable(variable), node);
  return node;
}

export class PredicateSet<V> {
  constructor(
    readonly dimension: PredicateDimension<V>,
    readonly node: number,
  ) {}

  private with(node: number): PredicateSet<V> {
    const normal = this.dimension.normalize(node);
    return normal === this.node ? this : new PredicateSet(this.dimension, normal);
  }

  isEmpty(): boolean {
    return this.dimension.isEmpty(this.node);
  }

  isFull(): boolean {
    return this.node === TRUE || this.dimension.isEmpty(this.dimension.bdd.not(this.node));
  }

  intersects(other: PredicateSet<V>): boolean {
    return !this.dimension.isEmpty(this.dimension.bdd.and(this.node, other.node));
  }

  isSubsetOf(other: PredicateSet<V>): boolean {
    if (other.node === TRUE || this.node === other.node || this.node === FALSE) return true;
    return this.dimension.isEmpty(this.dimension.bdd.difference(this.node, other.node));
  }

  intersection(other: PredicateSet<V>): PredicateSet<V> {
    return this.with(this.dimension.bdd.and(this.node, other.node));
  }

  union(other: PredicateSet<V>): PredicateSet<V> {
    return this.with(this.dimension.bdd.or(this.node, other.node));
  }

  difference(other: PredicateSet<V>): PredicateSet<V> {
    return this.with(this.dimension.bdd.difference(this.node, other.node));
  }

  complement(): PredicateSet<V> {
    return this.with(this.dimension.bdd.not(this.node));
  }

  equals(other: PredicateSet<V>): boolean {
    return this.node === other.node || (this.isSubsetOf(other) && other.isSubsetOf(this));
  }

  has(value: V): boolean {
    return this.dimension.contains(this.node, value);
  }

  /** A size for ranking only: the share of variable assignments in the set, scaled, > 0 unless empty. */
  weight(): number {
    return this.node === FALSE ? 0 : 1 + 63 * this.dimension.bdd.fraction(this.node);
  }

  /**
   * The `variant`-th simplest member (shortest name, fewest groups, fewest attributes) among the
   * first few realizable paths', or the simplest when there are fewer.
   */
  witness(variant = 0): V | undefined {
    const found: V[] = [];
    for (const value of this.dimension.witnesses(this.node)) {
      found.push(value);
      if (found.length >= Math.max(variant + 1, WITNESS_CHOICES)) break;
    }
    found.sort((a, b) => simplicity(a) - simplicity(b));
    return found[variant] ?? found[0];
  }

  /** How many distinct witnesses `witness(variant)` can give, counting up to `limit`. */
  witnessCount(limit: number): number {
    let count = 0;
    for (const _ of this.dimension.witnesses(this.node)) if (++count >= limit) break;
    return count;
  }

  describe(maxClauses = 3): string {
    return this.dimension.describe(this.node, maxClauses);
  }
}

// ---------------------------------------------------------------------------------------------
// Groups

/** Group membership: one variable per group (lower-case name); a user may be in any combination. */
export class GroupDimension extends PredicateDimension<readonly string[]> {
  readonly name = "groups";
  private readonly groups: string[] = [];
  private readonly variableByGroup = new Map<string, number>();

  variableOf(group: string): number {
    const key = group.toLowerCase();
    let variable = this.variableByGroup.get(key);
    if (variable === undefined) {
      variable = this.groups.length;
      this.groups.push(key);
      this.variableByGroup.set(key, variable);
    }
    return variable;
  }

  /** Users in at least one of the groups. */
  anyOf(groups: readonly string[]): PredicateSet<readonly string[]> {
    return this.set(disjunction(this.bdd, groups.map((group) => this.variableOf(group))));
  }

  groupName(variable: number): string {
    return this.groups[variable] ?? "?";
  }

  get variableCount(): number {
    return this.groups.length;
  }

  variableLabel(variable: number): string {
    return this.groupName(variable);
  }

  describeVariable(variable: number, truth: boolean): string {
    return `${truth ? "in" : "not in"} ${this.groupName(variable)}`;
  }

  holds(variable: number, groups: readonly string[]): boolean {
    const name = this.groupName(variable);
    return groups.some((group) => group.toLowerCase() === name);
  }

  protected realizeCube(cube: Cube): Realization<readonly string[]> {
    return { kind: "found", value: cube.positive.map((variable) => this.groupName(variable)) };
  }

  /** Any combination of groups is possible: only the false diagram is empty. */
  override isEmpty(node: number): boolean {
    return node === FALSE;
  }
}

// ---------------------------------------------------------------------------------------------
// User names

/** `<Domain>\<User>` names: one variable per pattern (lower-case), "the name matches it". */
export class UsernameDimension extends PredicateDimension<string> {
  readonly name = "user names";
  private readonly patterns: string[] = [];
  private readonly segments: Segments[] = [];
  private readonly variableByPattern = new Map<string, number>();

  constructor(private readonly maxSearchStates?: number) {
    super();
  }

  variableOf(pattern: string): number {
    const key = pattern.toLowerCase();
    let variable = this.variableByPattern.get(key);
    if (variable === undefined) {
      variable = this.patterns.length;
      this.patterns.push(key);
      this.segments.push(key.split("*"));
      this.variableByPattern.set(key, variable);
    }
    return variable;
  }

  /** Names matching at least one pattern. */
  anyOf(patterns: readonly string[]): PredicateSet<string> {
    return this.set(disjunction(this.bdd, patterns.map((pattern) => this.variableOf(pattern))));
  }

  pattern(variable: number): string {
    return this.patterns[variable] ?? "?";
  }

  get variableCount(): number {
    return this.patterns.length;
  }

  variableLabel(variable: number): string {
    return this.pattern(variable);
  }

  describeVariable(variable: number, truth: boolean): string {
    return `${truth ? "matching" : "not matching"} '${this.pattern(variable)}'`;
  }

  holds(variable: number, name: string): boolean {
    return matchesSegments(this.segments[variable] ?? [""], name.toLowerCase());
  }

  /** `withoutLiterals` of each node seen so far (literal-ness of a variable never changes). */
  private readonly withoutLiteralsMemo = new Map<number, number>();

  /**
   * A name that equals a literal pattern matches no other literal pattern, so below "matches
   * literal L" every other literal variable is false: dropping those tests keeps a per-user
   * rule's set one node deep however many other users' rules were cut out of it.
   */
  override normalize(node: number): number {
    const { bdd } = this;
    if (node === TRUE || node === FALSE || bdd.low(node) !== FALSE) return node;
    const variable = bdd.variableOf(node);
    if ((this.segments[variable]?.length ?? 0) !== 1) return node;
    const rest = bdd.high(node);
    const memo = this.withoutLiteralsMemo;
    const withoutLiterals = (at: number): number => {
      if (at === TRUE || at === FALSE) return at;
      const known = memo.get(at);
      if (known !== undefined) return known;
      const tested = bdd.variableOf(at);
      const result =
        (this.segments[tested]?.length ?? 0) === 1
          ? withoutLiterals(bdd.low(at))
          : bdd.node(tested, withoutLiterals(bdd.low(at)), withoutLiterals(bdd.high(at)));
      memo.set(at, result);
      return result;
    };
    const simplified = withoutLiterals(rest);
    return simplified === rest ? node : bdd.node(variable, FALSE, simplified);
  }

  override contains(node: number, name: string): boolean {
    return typeof name === "string" && inDomain("username", name.toLowerCase()) && super.contains(node, name);
  }

  protected realizeCube(cube: Cube): Realization<string> {
    return toRealization(
      searchString(
        "username",
        cube.positive.map((variable) => this.segments[variable] as Segments),
        cube.negative.map((variable) => this.segments[variable] as Segments),
        this.maxSearchStates,
      ),
      () =>
        `user name matches ${cube.positive.map((v) => `'${this.pattern(v)}'`).join(" and ") || "any pattern"}` +
        (cube.negative.length > 0 ? ` but none of ${cube.negative.length} other pattern${cube.negative.length === 1 ? "" : "s"}` : ""),
    );
  }
}

function toRealization(result: SearchResult, subject: () => string): Realization<string> {
  if (result.kind === "found") return { kind: "found", value: result.text };
  if (result.kind === "none") return { kind: "none" };
  return {
    kind: "unknown",
    why: `whether any ${subject()} (the search stopped at its bound of ${result.states.toLocaleString("en-US")} states)`,
  };
}

// ---------------------------------------------------------------------------------------------
// Directory attributes (recipient filters)

/** Attribute values by canonical property name; an absent property is unset. */
export type Attributes = Readonly<Record<string, string>>;

type AttributeTest = { readonly property: string; readonly kind: "set" } | { readonly property: string; readonly kind: "eq" | "like"; readonly text: string; readonly segments: Segments };

/**
 * The attributes a recipient filter reads: per property, one variable "is set" and one per value
 * or `-like` pattern the rule set compares it with (case-folded). Values compare
 * case-insensitively; an empty value is unset.
 */
export class AttributeDimension extends PredicateDimension<Attributes> {
  readonly name = "attributes";
  private readonly tests: AttributeTest[] = [];
  private readonly variableByKey = new Map<string, number>();
  private readonly filterNodes = new Map<string, number>();

  /** The diagram of a (normalised) recipient filter; false (nobody) for one that does not parse. */
  filterNode(filter: string): number {
    let node = this.filterNodes.get(filter);
    if (node === undefined) {
      const parsed = parseRecipientFilter(filter);
      node = parsed.ok ? filterSet(this, parsed.ast) : FALSE;
      this.filterNodes.set(filter, node);
    }
    return node;
  }

  constructor(private readonly maxSearchStates?: number) {
    super();
  }

  private variableFor(test: AttributeTest): number {
    const key = test.kind === "set" ? `${test.property}\u0000set` : `${test.property}\u0000${test.kind}\u0000${test.text}`;
    let variable = this.variableByKey.get(key);
    if (variable === undefined) {
      variable = this.tests.length;
      this.tests.push(test);
      this.variableByKey.set(key, variable);
    }
    return variable;
  }

  /** The property has a (non-empty) value. */
  isSet(property: string): number {
    return this.bdd.variable(this.variableFor({ property, kind: "set" }));
  }

  /** The property equals `value` (case-insensitively; `*` is a plain character here). */
  equals(property: string, value: string): number {
    const text = value.toLowerCase();
    if (text === "") return this.bdd.not(this.isSet(property));
    const test = this.bdd.variable(this.variableFor({ property, kind: "eq", text, segments: [text] }));
    return this.bdd.and(this.isSet(property), test);
  }

  /** The property is like the `*`-pattern (never when unset). */
  like(property: string, pattern: string): number {
    const text = pattern.toLowerCase();
    if (text === "") return this.bdd.not(this.isSet(property));
    const segments = text.split("*");
    const kind = segments.length === 1 ? "eq" : "like";
    const test = this.bdd.variable(this.variableFor({ property, kind, text, segments }));
    return this.bdd.and(this.isSet(property), test);
  }

  get variableCount(): number {
    return this.tests.length;
  }

  variableLabel(variable: number): string {
    const test = this.tests[variable];
    if (!test) return "?";
    if (test.kind === "set") return `${test.property} -ne $null`;
    return `${test.property} ${test.kind === "eq" ? "-eq" : "-like"} '${test.text.replaceAll("'", "''")}'`;
  }

  /** The properties the variables of a set test (for messages). */
  propertyOf(variable: number): string {
    return this.tests[variable]?.property ?? "?";
  }

  describeVariable(variable: number, truth: boolean): string {
    const test = this.tests[variable];
    if (!test) return "?";
    if (test.kind === "set") return `${test.property} ${truth ? "set" : "unset"}`;
    if (test.kind === "eq") return `${test.property}${truth ? "=" : "≠"}${test.text}`;
    return `${test.property} ${truth ? "like" : "not like"} '${test.text}'`;
  }

  holds(variable: number, attributes: Attributes): boolean {
    const test = this.tests[variable];
    if (!test) return false;
    const value = attributeValue(attributes, test.property);
    if (test.kind === "set") return value !== undefined;
    return value !== undefined && matchesSegments(test.segments, value);
  }

  protected realizeCube(cube: Cube): Realization<Attributes> {
    const failed = this.failingProperties(cube, true);
    if (failed.kind !== "found") return failed;
    return failed;
  }

  /**
   * The properties of a cube that no single value satisfies (each property is independent of the
   * others), or a member when there are none.
   */
  failingProperties(cube: Cube, stopAtFirst = false): Realization<Attributes> & { properties?: string[] } {
    const byProperty = new Map<string, { set?: boolean; positive: Segments[]; negative: Segments[]; texts: string[] }>();
    const entry = (property: string) => {
      let found = byProperty.get(property);
      if (!found) {
        found = { positive: [], negative: [], texts: [] };
        byProperty.set(property, found);
      }
      return found;
    };
    for (const [variables, truth] of [
      [cube.positive, true],
      [cube.negative, false],
    ] as const) {
      for (const variable of variables) {
        const test = this.tests[variable] as AttributeTest;
        const constraint = entry(test.property);
        if (test.kind === "set") constraint.set = truth;
        else {
          (truth ? constraint.positive : constraint.negative).push(test.segments);
          if (truth) constraint.texts.push(test.text);
        }
      }
    }
    const value: Record<string, string> = {};
    const failing: string[] = [];
    let unknown: string | undefined;
    for (const [property, constraint] of byProperty) {
      if (constraint.positive.length === 0 && constraint.set !== true) continue; // unset satisfies it
      if (constraint.set === false) {
        failing.push(property);
        if (stopAtFirst) break;
        continue;
      }
      const result = searchString("non-empty", constraint.positive, constraint.negative, this.maxSearchStates);
      if (result.kind === "found") value[property] = result.text;
      else if (result.kind === "none") {
        failing.push(property);
        if (stopAtFirst) break;
      } else {
        unknown ??= `whether any ${property} value meets ${constraint.texts.map((text) => `'${text}'`).join(" and ") || "its conditions"} and none of ${constraint.negative.length} other comparisons (the search stopped at its bound of ${result.states.toLocaleString("en-US")} states)`;
      }
    }
    if (failing.length > 0) return { kind: "none", properties: failing };
    if (unknown) return { kind: "unknown", why: unknown };
    return { kind: "found", value };
  }

  /** The properties that make a set empty: those failing on some path (for "cannot be satisfied" messages). */
  blame(node: number): string[] {
    const properties = new Set<string>();
    for (const cube of this.bdd.cubes(node)) {
      const result = this.failingProperties(cube);
      for (const property of result.properties ?? []) properties.add(property);
    }
    return [...properties];
  }
}

/** The value of a property in an attribute record (property names match case-insensitively; "" is unset). */
export function attributeValue(attributes: Attributes | undefined, property: string): string | undefined {
  if (!attributes) return undefined;
  const wanted = property.toLowerCase();
  for (const [name, value] of Object.entries(attributes)) {
    if (name.toLowerCase() === wanted && typeof value === "string" && value !== "") return value.toLowerCase();
  }
  return undefined;
}

/** The set of attribute records a parsed recipient filter accepts (design.md's filter semantics). */
export function filterSet(dimension: AttributeDimension, node: FilterNode): number {
  const { bdd } = dimension;
  switch (node.type) {
    case "and":
      return node.operands.reduce((all, operand) => bdd.and(all, filterSet(dimension, operand)), TRUE);
    case "or":
      return node.operands.reduce((any, operand) => bdd.or(any, filterSet(dimension, operand)), FALSE);
    case "not":
      return bdd.not(filterSet(dimension, node.operand));
    case "comparison": {
      const expected = comparedText(node.value);
      const unset = () => bdd.not(dimension.isSet(node.property));
      switch (node.operator) {
        case "-eq":
          return expected === undefined ? unset() : dimension.equals(node.property, expected);
        case "-ne":
          return bdd.not(expected === undefined ? unset() : dimension.equals(node.property, expected));
        case "-like":
          return expected === undefined ? unset() : dimension.like(node.property, expected);
        case "-notlike":
          return bdd.not(expected === undefined ? unset() : dimension.like(node.property, expected));
        default:
          return FALSE; // an operator the filter language lacks never matches
      }
    }
  }
}

/** The text a comparison compares with (case-folded), or undefined for `$null` and `''`. */
function comparedText(value: FilterValue): string | undefined {
  switch (value.kind) {
    case "text":
      return value.text === "" ? undefined : value.text.toLowerCase();
    case "integer":
    case "boolean":
      return String(value.value);
    case "null":
      return undefined;
  }
}
