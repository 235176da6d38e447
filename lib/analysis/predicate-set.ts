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
import { IdSet } from "./id-set.ts";
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
   * Whether no value lies in the diagram's set. A path the search could not decide counts as
   * non-empty (and is recorded in `undecided`): a claim of emptiness is always proven.
   */
  isEmpty(node: number): boolean {
    return this.isEmptyExcept(node);
  }

  /**
   * Whether every value of the diagram's set is the value of a literal variable in one of the
   * sorted lists `except`. Undecided paths count as non-empty.
   */
  isEmptyExcept(node: number, a: IdSet = IdSet.EMPTY, b: IdSet = IdSet.EMPTY, c: IdSet = IdSet.EMPTY, d: IdSet = IdSet.EMPTY): boolean {
    // Four lists as parameters, not a rest array: asked hundreds of thousands of times per large file.
    if (node === FALSE) return true;
    const plain = a.size === 0 && b.size === 0 && c.size === 0 && d.size === 0;
    if (node === TRUE && plain) return this.isEmptyFull();
    const known = this.emptiness.get(node);
    if (known === true) return true;
    if (known === false && plain) return false;
    const member = this.members.get(node);
    if (member !== undefined && (plain || !this.excepted(member, a, b, c, d))) return false;
    // A value met before that lies in the set proves it non-empty without walking its paths.
    for (const probe of this.probes) {
      if ((plain || !this.excepted(probe, a, b, c, d)) && this.contains(node, probe)) {
        if (plain) this.emptiness.set(node, false);
        return false;
      }
    }
    let empty = true;
    let allFoundExcepted = true;
    for (const cube of this.bdd.cubes(node)) {
      let realization = this.realize(cube);
      if (realization.kind === "none") continue;
      if (realization.kind === "found" && !plain && this.excepted(realization.value, a, b, c, d)) {
        // Some values of this path are excepted: ask again without any excepted literal the path allows.
        const negative = [...cube.negative];
        for (const list of [a, b, c, d]) for (const literal of list.toArray()) if (this.literalSatisfies(literal, cube)) negative.push(literal);
        realization = this.realize({ positive: cube.positive, negative: negative.sort((x, y) => x - y) });
        if (realization.kind === "none") continue;
      } else allFoundExcepted = false;
      empty = false;
      if (realization.kind === "found") {
        this.rememberProbe(realization.value);
        if (!this.members.has(node)) this.members.set(node, realization.value);
      }
      break;
    }
    if (plain) this.emptiness.set(node, empty);
    else if (!empty && !allFoundExcepted) this.emptiness.set(node, false);
    return empty;
  }

  /** Whether the value is that of a literal variable in one of the lists. */
  private excepted(value: V, a: IdSet, b: IdSet, c: IdSet, d: IdSet): boolean {
    const literal = this.literalOf(value);
    return literal !== undefined && (a.has(literal) || b.has(literal) || c.has(literal) || d.has(literal));
  }

  // --- Literal values (a dimension whose variables include "the value is exactly x") -----------

  /** Whether variable `v` holds for exactly one value (a pattern without `*`); none by default. */
  isLiteral(_variable: number): boolean {
    return false;
  }

  /** The literal variable whose one value is `value`, if any. */
  literalOf(_value: V): number | undefined {
    return undefined;
  }

  /** The one value of a literal variable. */
  literalValue(_literal: number): V {
    throw new Error("this dimension has no literal variables");
  }

  /** `holds(variable, literalValue(literal))` per literal, by wildcard slot: 1 holds, -1 not, 0 unknown. */
  private readonly literalMatches: (Int8Array | undefined)[] = [];

  literalHolds(literal: number, variable: number): boolean {
    if (literal === variable) return true;
    // Distinct literals never hold together; rows are indexed by the other (wildcard) variables only.
    if (this.isLiteral(variable)) return false;
    let slot = this.wildcardSlots[variable];
    if (slot === undefined) {
      slot = this.wildcardCount++;
      this.wildcardSlots[variable] = slot;
    }
    let row = this.literalMatches[literal];
    if (!row || row.length <= slot) {
      const grown = new Int8Array(Math.max(8, slot + 1, (row?.length ?? 0) * 2));
      if (row) grown.set(row);
      row = grown;
      this.literalMatches[literal] = row;
    }
    let known = row[slot] as number;
    if (known === 0) {
      known = this.holds(variable, this.literalValue(literal)) ? 1 : -1;
      row[slot] = known;
    }
    return known === 1;
  }

  /** A dense index per wildcard variable met, for the rows of {@link literalMatches}. */
  private readonly wildcardSlots: number[] = [];
  private wildcardCount = 0;

  /** Whether the literal's value lies in the diagram's set. */
  diagramHasLiteral(node: number, literal: number): boolean {
    if (node === TRUE || node === FALSE) return node === TRUE;
    // Few diagrams meet thousands of literals, again and again: remember each answer (once a
    // diagram has been asked often enough to be worth a row of its own).
    let row = this.diagramLiterals.get(node);
    if (!row) {
      const asked = (this.diagramQuestions.get(node) ?? 0) + 1;
      if (asked < ROW_AFTER_QUESTIONS) {
        this.diagramQuestions.set(node, asked);
        return this.evaluateOnLiteral(node, literal);
      }
      this.diagramQuestions.delete(node);
    }
    if (!row || row.length <= literal) {
      const grown = new Int8Array(Math.max(this.variableCount, literal + 1, (row?.length ?? 0) * 2));
      if (row) grown.set(row);
      row = grown;
      this.diagramLiterals.set(node, row);
    }
    let known = row[literal] as number;
    if (known === 0) {
      known = this.evaluateOnLiteral(node, literal) ? 1 : -1;
      row[literal] = known;
    }
    return known === 1;
  }

  private evaluateOnLiteral(node: number, literal: number): boolean {
    let at = node;
    while (at !== TRUE && at !== FALSE) at = this.literalHolds(literal, this.bdd.variableOf(at)) ? this.bdd.high(at) : this.bdd.low(at);
    return at === TRUE;
  }

  /** How often a diagram without a row was asked about a literal. */
  private readonly diagramQuestions = new Map<number, number>();

  /** Per diagram, per literal: 1 when the literal's value is in it, -1 when not, 0 not yet known. */
  private readonly diagramLiterals = new Map<number, Int8Array>();

  /** Whether the literal's value meets every test of a cube. */
  literalSatisfies(literal: number, cube: Cube): boolean {
    return cube.positive.every((variable) => this.literalHolds(literal, variable)) && !cube.negative.some((variable) => this.literalHolds(literal, variable));
  }

  /** The set of values for which variable `v` holds. */
  variableSet(variable: number): PredicateSet<V> {
    return this.set(this.bdd.variable(variable));
  }

  /** A member found for a diagram: a diagram with a member outside some literal lists is not empty without them. */
  private readonly members = new Map<number, V>();

  /** Values recently found in some set, tried first on the next question. */
  private readonly probes: V[] = [];

  private rememberProbe(value: V): void {
    this.probes.unshift(value);
    if (this.probes.length > MAX_PROBES) this.probes.pop();
  }

  protected isEmptyFull(): boolean {
    return false;
  }

  contains(node: number, value: V): boolean {
    return this.bdd.evaluate(node, (variable) => this.holds(variable, value));
  }

  /** A set from its parts (the literal lists sorted, disjoint, and each literal's membership unlike the diagram's). */
  make(node: number, included: readonly number[], excluded: readonly number[]): PredicateSet<V> {
    return new PredicateSet(this, node, IdSet.fromSorted(included), IdSet.fromSorted(excluded));
  }
}

/** Questions about literals a diagram answers by walking before it gets a row of answers. */
const ROW_AFTER_QUESTIONS = 64;

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

/**
 * "Any of these variables", built from the last variable up, so each step adds one node above
 * the chain: linear in the list's length (built the other way, each step rebuilds the whole
 * chain, and 20,000 usernames overflowed the node tables — fuzz case).
 */
function disjunction(bdd: Bdd, variables: readonly number[]): number {
  if (variables.length === 0) return FALSE;
  if (variables.length === 1) return bdd.variable(variables[0] as number);
  let node = FALSE;
  for (const variable of [...new Set(variables)].sort((a, b) => b - a)) node = bdd.or(bdd.variable(variable), node);
  return node;
}

const AND = 0;
const OR = 1;
const DIFFERENCE = 2;
type Operation = typeof AND | typeof OR | typeof DIFFERENCE;

function operate(operation: Operation, a: boolean, b: boolean): boolean {
  return operation === AND ? a && b : operation === OR ? a || b : a && !b;
}

/**
 * An immutable set of one predicate dimension: the same interface as the other dimension sets.
 *
 * The set is its diagram `node` with a finite list of exceptions: values that are one literal
 * variable's only value (a user name pattern without `*`). `included` holds those in the set
 * although the diagram does not have them, `excluded` those outside it although the diagram has
 * them; every other value is in the set exactly when the diagram says so. Literal values exclude
 * each other (a user has one name), so "none of these 3,000 users" is a sorted list beside the
 * diagram `true`, not a 3,000-variable chain, and the diagrams only test the wildcard patterns.
 * A literal is listed only where its membership differs from the diagram's, so a set has one
 * form per diagram. Dimensions without literal variables (groups, attributes) never list any.
 */
export class PredicateSet<V> {
  constructor(
    readonly dimension: PredicateDimension<V>,
    readonly node: number,
    /** Literal variables whose value is in the set though the diagram lacks it (sorted). */
    readonly includedIds: IdSet = IdSet.EMPTY,
    /** Literal variables whose value is outside the set though the diagram has it (sorted). */
    readonly excludedIds: IdSet = IdSet.EMPTY,
  ) {}

  /** The included literals, ascending. */
  get included(): readonly number[] {
    return this.includedIds.toArray();
  }

  /** The excluded literals, ascending. */
  get excluded(): readonly number[] {
    return this.excludedIds.toArray();
  }

  private get plain(): boolean {
    return this.includedIds.size === 0 && this.excludedIds.size === 0;
  }

  /** Whether the literal variable's value is in the set. */
  hasLiteral(literal: number): boolean {
    if (this.includedIds.has(literal)) return true;
    if (this.excludedIds.has(literal)) return false;
    return this.dimension.diagramHasLiteral(this.node, literal);
  }

  isEmpty(): boolean {
    return this.includedIds.size === 0 && this.dimension.isEmptyExcept(this.node, this.excludedIds);
  }

  isFull(): boolean {
    if (this.plain) return this.node === TRUE || this.dimension.isEmpty(this.dimension.bdd.not(this.node));
    return this.complement().isEmpty();
  }

  intersects(other: PredicateSet<V>): boolean {
    // A set of names only (a per-user rule): look each name up in the other set.
    if (this.node === FALSE && (other.node !== FALSE || this.includedIds.size <= other.includedIds.size)) return other.hasAnyOf(this.includedIds);
    if (other.node === FALSE) return this.hasAnyOf(other.includedIds);
    const { dimension } = this;
    const node = dimension.bdd.and(this.node, other.node);
    if (this.plain && other.plain) return !dimension.isEmpty(node);
    for (const literal of this.included) if (other.hasLiteral(literal)) return true;
    for (const literal of other.included) if (this.hasLiteral(literal)) return true;
    // Every listed literal is settled above: only the diagrams' other values are left.
    return !dimension.isEmptyExcept(node, this.excludedIds, other.excludedIds, this.includedIds, other.includedIds);
  }

  /** Whether any of the literals' values is in the set. */
  private hasAnyOf(literals: IdSet): boolean {
    for (const literal of literals.toArray()) if (this.hasLiteral(literal)) return true;
    return false;
  }

  isSubsetOf(other: PredicateSet<V>): boolean {
    if (other === this || (other.node === TRUE && other.plain) || (this.node === FALSE && this.includedIds.size === 0)) return true;
    if (this.node === FALSE) {
      for (const literal of this.included) if (!other.hasLiteral(literal)) return false;
      return true;
    }
    const { dimension } = this;
    const node = dimension.bdd.difference(this.node, other.node);
    if (this.plain && other.plain) return this.node === other.node || dimension.isEmpty(node);
    if (!dimension.isEmptyExcept(node, this.excludedIds, other.excludedIds, this.includedIds, other.includedIds)) return false;
    for (const literal of this.included) if (!other.hasLiteral(literal)) return false;
    for (const literal of other.excluded) if (this.hasLiteral(literal)) return false;
    return true;
  }

  intersection(other: PredicateSet<V>): PredicateSet<V> {
    // Every user set (no listed literal beside the true diagram) changes nothing: the other set
    // itself, as combine would make it again. Most rules have no condition on a user dimension.
    if (other.node === TRUE && other.plain) return this;
    if (this.node === TRUE && this.plain) return other;
    return this.combine(other, AND);
  }

  union(other: PredicateSet<V>): PredicateSet<V> {
    return this.combine(other, OR);
  }

  difference(other: PredicateSet<V>): PredicateSet<V> {
    if (other.node === FALSE && other.includedIds.size === 0) return this;
    return this.combine(other, DIFFERENCE);
  }

  complement(): PredicateSet<V> {
    return new PredicateSet(this.dimension, this.dimension.bdd.not(this.node), this.excludedIds, this.includedIds);
  }

  /**
   * `this op other`: the diagrams combined, then each listed literal's membership worked out and
   * listed again where it differs from the new diagram's — but only the literals that can change:
   * a set of names only (a per-user rule) is combined by looking its names up in the other set,
   * and beside a constant diagram one side's lists pass unchanged (see the three cases below), so
   * a one-user set meets "none of 3,000 users" in a few lookups, not a walk of the list.
   */
  private combine(other: PredicateSet<V>, operation: Operation): PredicateSet<V> {
    const { dimension } = this;
    if (this.node === FALSE && operation !== OR && (other.node !== FALSE || this.includedIds.size <= other.includedIds.size)) {
      // Names only, cut down: each looked up in the other set.
      const keep = operation === AND;
      const kept = namesKept(this.included, (literal) => other.hasLiteral(literal) === keep);
      return kept ? new PredicateSet(dimension, FALSE, IdSet.fromSorted(kept)) : this;
    }
    if (other.node === FALSE && other.includedIds.size > 0) return this.combineWithNames(other, operation);
    if (this.node === FALSE && this.includedIds.size > 0 && operation === AND) return other.combineWithNames(this, operation);
    const { bdd } = dimension;
    const node =
      operation === AND ? bdd.and(this.node, other.node) : operation === OR ? bdd.or(this.node, other.node) : bdd.difference(this.node, other.node);
    if (this.plain && other.plain) return node === this.node ? this : new PredicateSet(dimension, node);
    return this.node === TRUE || this.node === FALSE || other.node === TRUE || other.node === FALSE
      ? this.combineBesideConstant(other, operation, node)
      : this.combineDiagrams(other, operation, node);
  }

  /**
   * {@link combine} with a set of listed names only (`names`: diagram false), the commonest case
   * (a per-user rule): each name is looked up in this set, and the diagram stays as it is.
   */
  private combineWithNames(names: PredicateSet<V>, operation: Operation): PredicateSet<V> {
    const listed = names.included;
    if (this.node === FALSE && listed.length * 8 > this.includedIds.size) {
      // Two sets of names of like size (the unions of a covering-set search): one linear merge.
      const merged = mergeNames(this.included, listed, operation);
      return merged.length === this.includedIds.size && operation !== AND ? this : new PredicateSet(this.dimension, FALSE, IdSet.fromSorted(merged));
    }
    if (operation === AND) {
      const kept = namesKept(listed, (literal) => this.hasLiteral(literal));
      return kept ? new PredicateSet(this.dimension, FALSE, IdSet.fromSorted(kept)) : names;
    }
    // Union adds the names this set lacks, difference removes those it has. Lists are made only
    // for the kinds of change that occur (this runs for every per-user rule and undecided box).
    const isOr = operation === OR;
    let fromIncluded: number[] | undefined;
    let fromExcluded: number[] | undefined;
    let viaDiagram: number[] | undefined;
    for (const literal of listed) {
      if (this.hasLiteral(literal) === isOr) continue;
      if (this.includedIds.has(literal)) (fromIncluded ??= []).push(literal);
      else if (this.excludedIds.has(literal)) (fromExcluded ??= []).push(literal);
      else (viaDiagram ??= []).push(literal);
    }
    if (!fromIncluded && !fromExcluded && !viaDiagram) return this;
    // OR: a name excluded comes back (unlisted), one the diagram lacks is included.
    // DIFFERENCE: a name included goes (unlisted), one the diagram has is excluded.
    const { includedIds, excludedIds } = this;
    const included = isOr ? (viaDiagram ? includedIds.patch(viaDiagram, viaDiagram) : includedIds) : fromIncluded ? includedIds.patch(fromIncluded, []) : includedIds;
    const excluded = isOr ? (fromExcluded ? excludedIds.patch(fromExcluded, []) : excludedIds) : viaDiagram ? excludedIds.patch(viaDiagram, viaDiagram) : excludedIds;
    return new PredicateSet(this.dimension, this.node, included, excluded);
  }

  /** {@link combine} when neither diagram is a constant: every listed literal is settled. */
  private combineDiagrams(other: PredicateSet<V>, operation: Operation, node: number): PredicateSet<V> {
    const { dimension } = this;
    const included: number[] = [];
    const excluded: number[] = [];
    // `node` is the two diagrams combined by `operation`, so its value at a literal is theirs
    // combined, and a side's diagram value is its membership, turned over where the side lists the
    // literal (one form per diagram): no walk of the new diagram, which has no row of answers yet.
    const settle = (literal: number, inThis: boolean, listedInThis: boolean, inOther: boolean, listedInOther: boolean) => {
      const member = operate(operation, inThis, inOther);
      if (member !== operate(operation, inThis !== listedInThis, inOther !== listedInOther)) (member ? included : excluded).push(literal);
    };
    const [ti, te, oi, oe] = [this.included, this.excluded, other.included, other.excluded];
    let [a, b, c, d] = [0, 0, 0, 0];
    // Neither diagram is a constant, so any listed literal may change: walk all four lists at once.
    for (;;) {
      let literal = Number.POSITIVE_INFINITY;
      if (a < ti.length && (ti[a] as number) < literal) literal = ti[a] as number;
      if (b < te.length && (te[b] as number) < literal) literal = te[b] as number;
      if (c < oi.length && (oi[c] as number) < literal) literal = oi[c] as number;
      if (d < oe.length && (oe[d] as number) < literal) literal = oe[d] as number;
      if (literal === Number.POSITIVE_INFINITY) break;
      let inThis: boolean;
      let listedInThis = true;
      if (ti[a] === literal) {
        inThis = true;
        a++;
      } else if (te[b] === literal) {
        inThis = false;
        b++;
      } else {
        inThis = dimension.diagramHasLiteral(this.node, literal);
        listedInThis = false;
      }
      let inOther: boolean;
      let listedInOther = true;
      if (oi[c] === literal) {
        inOther = true;
        c++;
      } else if (oe[d] === literal) {
        inOther = false;
        d++;
      } else {
        inOther = dimension.diagramHasLiteral(other.node, literal);
        listedInOther = false;
      }
      settle(literal, inThis, listedInThis, inOther, listedInOther);
    }
    return new PredicateSet(dimension, node, reusedIds(included, this, other), reusedIds(excluded, this, other));
  }

  /**
   * {@link combine} when at least one diagram is a constant (the usual case: "these users", "all
   * but these users"). A constant decides what becomes of the other side's own literals (listed
   * there only): `∧ false`, `∨ true` and `∖ true` drop them, `∧ true`, `∨ false` and `∖ false`
   * keep them as they are, `true ∖` turns them over. So one side lends its lists unchanged, or
   * drops them, and only the other side's literals are settled one by one: a one-user set cut out
   * of "all but 3,000 users" costs a few binary searches and a block copy, not a walk of the list.
   */
  private combineBesideConstant(other: PredicateSet<V>, operation: Operation, node: number): PredicateSet<V> {
    // What becomes of a side's own literals: 0 dropped, 1 kept, 2 turned over, -1 unknown
    // (the other diagram is not a constant).
    const thisMode = other.node === TRUE ? (operation === AND ? 1 : 0) : other.node === FALSE ? (operation === AND ? 0 : 1) : -1;
    const otherMode =
      this.node === TRUE ? (operation === AND ? 1 : operation === OR ? 0 : 2) : this.node === FALSE ? (operation === OR ? 1 : 0) : -1;
    const thisSize = this.includedIds.size + this.excludedIds.size;
    const otherSize = other.includedIds.size + other.excludedIds.size;
    // The cheapest plan: settle one side's literals, into the other side's lists when it lends them.
    let settleThis = true;
    let lend = 0;
    let cost = Number.POSITIVE_INFINITY;
    if (thisMode === 0 && otherSize < cost) [settleThis, lend, cost] = [false, 0, otherSize];
    if (otherMode === 0 && thisSize < cost) [settleThis, lend, cost] = [true, 0, thisSize];
    if (thisMode > 0 && otherSize + thisSize / 8 < cost) [settleThis, lend, cost] = [false, thisMode, otherSize + thisSize / 8];
    if (otherMode > 0 && thisSize + otherSize / 8 < cost) [settleThis, lend] = [true, otherMode];
    const settled = settleThis ? this : other;
    const lender = settleThis ? other : this;
    const touched = mergeSorted(settled.included, settled.excluded);
    const included: number[] = [];
    const excluded: number[] = [];
    const { dimension } = this;
    for (const literal of touched) {
      const member = operate(operation, this.hasLiteral(literal), other.hasLiteral(literal));
      if (member !== dimension.diagramHasLiteral(node, literal)) (member ? included : excluded).push(literal);
    }
    const [lentIncluded, lentExcluded] =
      lend === 0 ? [IdSet.EMPTY, IdSet.EMPTY] : lend === 1 ? [lender.includedIds, lender.excludedIds] : [lender.excludedIds, lender.includedIds];
    const resultIncluded = lend === 0 ? IdSet.fromSorted(included) : lentIncluded.patch(touched, included);
    const resultExcluded = lend === 0 ? IdSet.fromSorted(excluded) : lentExcluded.patch(touched, excluded);
    if (node === this.node && resultIncluded.equals(this.includedIds) && resultExcluded.equals(this.excludedIds)) return this;
    return new PredicateSet(dimension, node, resultIncluded, resultExcluded);
  }

  equals(other: PredicateSet<V>): boolean {
    if (this.node === other.node && this.includedIds.equals(other.includedIds) && this.excludedIds.equals(other.excludedIds)) return true;
    return this.isSubsetOf(other) && other.isSubsetOf(this);
  }

  has(value: V): boolean {
    const literal = this.dimension.literalOf(value);
    if (literal !== undefined) {
      if (this.includedIds.has(literal)) return true;
      if (this.excludedIds.has(literal)) return false;
    }
    return this.dimension.contains(this.node, value);
  }

  /**
   * A size for ranking only, > 0 unless empty: the share of variable assignments in the set,
   * scaled, counting each literal as a variable of its own (as a diagram over all variables would).
   */
  weight(): number {
    if (this.node === FALSE && this.includedIds.size === 0) return 0;
    const fraction = this.dimension.bdd.fraction(this.node);
    if (this.plain) return 1 + 63 * fraction;
    const outsideIncluded = 2 ** -this.includedIds.size;
    return 1 + 63 * (1 - outsideIncluded + outsideIncluded * fraction * 2 ** -this.excludedIds.size);
  }

  /** A key equal for equal representations (for caches of descriptions). */
  get key(): string {
    return this.plain ? `${this.node}` : `${this.node}|${this.included.join(",")}|${this.excluded.join(",")}`;
  }

  /** The variables the set depends on, ascending: its diagram's and its listed literals. */
  support(): number[] {
    const support = this.dimension.bdd.support(this.node);
    if (this.plain) return support;
    return [...new Set([...support, ...this.included, ...this.excluded])].sort((a, b) => a - b);
  }

  /**
   * The set as disjoint cubes over every variable (literal ones included), lazily: one per
   * included literal, then the diagram's paths, each also testing the excluded literals it allows.
   */
  *cubes(): Generator<Cube> {
    for (const literal of this.included) yield { positive: [literal], negative: [] };
    for (const cube of this.dimension.bdd.cubes(this.node)) yield this.withExclusions(cube);
  }

  private withExclusions(cube: Cube): Cube {
    if (this.excludedIds.size === 0) return cube;
    const extra = this.excluded.filter((literal) => this.dimension.literalSatisfies(literal, cube));
    return extra.length === 0 ? cube : { positive: cube.positive, negative: [...cube.negative, ...extra].sort((a, b) => a - b) };
  }

  /** Members of the set, one per realizable cube, in cube order (lazily). */
  *witnesses(): Generator<V> {
    const { dimension } = this;
    for (const literal of this.included) yield dimension.literalValue(literal);
    for (const cube of dimension.bdd.cubes(this.node)) {
      let realization = dimension.realize(cube);
      if (realization.kind === "found" && this.excludedIds.size > 0) {
        const literal = dimension.literalOf(realization.value);
        if (literal !== undefined && this.excludedIds.has(literal)) realization = dimension.realize(this.withExclusions(cube));
      }
      if (realization.kind === "found") yield realization.value;
    }
  }

  /**
   * The `variant`-th simplest member (shortest name, fewest groups, fewest attributes) among the
   * first few realizable paths', or the simplest when there are fewer.
   */
  witness(variant = 0): V | undefined {
    const found: V[] = [];
    for (const value of this.witnesses()) {
      found.push(value);
      if (found.length >= Math.max(variant + 1, WITNESS_CHOICES)) break;
    }
    found.sort((a, b) => simplicity(a) - simplicity(b));
    return found[variant] ?? found[0];
  }

  /** How many distinct witnesses `witness(variant)` can give, counting up to `limit`. */
  witnessCount(limit: number): number {
    let count = 0;
    for (const _ of this.witnesses()) if (++count >= limit) break;
    return count;
  }

  /** The set in words: one clause per realizable cube (at most `maxClauses`). */
  describe(maxClauses = 3): string {
    const { dimension } = this;
    const clauses: string[] = [];
    let more = false;
    for (const cube of this.cubes()) {
      if (dimension.realize(cube).kind === "none") continue;
      if (clauses.length === maxClauses) {
        more = true;
        break;
      }
      const literals = [
        ...cube.positive.map((variable) => dimension.describeVariable(variable, true)),
        ...cube.negative.map((variable) => dimension.describeVariable(variable, false)),
      ];
      clauses.push(literals.length === 0 ? "any" : literals.join(" and "));
    }
    if (clauses.length === 0) return "none";
    return clauses.join("; or ") + (more ? "; or …" : "");
  }
}

/** The id set of a sorted list, one of the operands' own when it lists the same ids (no new tree). */
function reusedIds<V>(list: readonly number[], a: PredicateSet<V>, b: PredicateSet<V>): IdSet {
  for (const ids of [a.includedIds, a.excludedIds, b.includedIds, b.excludedIds]) {
    if (ids.size === list.length && sameIds(ids.toArray(), list)) return ids;
  }
  return IdSet.fromSorted(list);
}

function sameIds(a: readonly number[], b: readonly number[]): boolean {
  for (let index = 0; index < a.length; index++) if (a[index] !== b[index]) return false;
  return true;
}

/** The names `keep` holds for, or undefined when it holds for all of them (no list made then). */
function namesKept(names: readonly number[], keep: (literal: number) => boolean): number[] | undefined {
  let kept: number[] | undefined;
  for (let index = 0; index < names.length; index++) {
    const literal = names[index] as number;
    if (keep(literal)) kept?.push(literal);
    else kept ??= names.slice(0, index);
  }
  return kept;
}

/** `a op b` for two sorted lists of names. */
function mergeNames(a: readonly number[], b: readonly number[], operation: Operation): number[] {
  const merged: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = i < a.length ? (a[i] as number) : Number.POSITIVE_INFINITY;
    const y = j < b.length ? (b[j] as number) : Number.POSITIVE_INFINITY;
    const value = x < y ? x : y;
    const inA = x === value;
    const inB = y === value;
    if (inA) i++;
    if (inB) j++;
    if (operate(operation, inA, inB)) merged.push(value);
  }
  return merged;
}

function mergeSorted(a: readonly number[], b: readonly number[]): readonly number[] {
  if (b.length === 0) return a;
  if (a.length === 0) return b;
  const merged: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) merged.push((a[i] as number) < (b[j] as number) ? (a[i++] as number) : (b[j++] as number));
  while (i < a.length) merged.push(a[i++] as number);
  while (j < b.length) merged.push(b[j++] as number);
  return merged;
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

/**
 * `<Domain>\<User>` names: one variable per pattern (lower-case), "the name matches it". A
 * pattern without `*` is a literal: its one name is listed beside the diagram, never tested in it
 * (see {@link PredicateSet}).
 */
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
    // One pass and no intermediate lists for the usual one to three patterns of a rule.
    let wildcards: number[] | undefined;
    let literals: number[] | undefined;
    for (const pattern of patterns) {
      const variable = this.variableOf(pattern);
      if (!this.isLiteral(variable)) (wildcards ??= []).push(variable);
      else if (this.isName(variable)) (literals ??= []).push(variable);
    }
    const node = wildcards ? disjunction(this.bdd, wildcards) : FALSE;
    if (!literals) return this.set(node);
    const listed: number[] = [];
    for (const literal of literals.sort((a, b) => a - b)) {
      if (listed[listed.length - 1] !== literal && !this.diagramHasLiteral(node, literal)) listed.push(literal);
    }
    return this.make(node, listed, []);
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

  override isLiteral(variable: number): boolean {
    return this.segments[variable]?.length === 1;
  }

  override literalOf(name: string): number | undefined {
    const variable = this.variableByPattern.get(name.toLowerCase());
    return variable !== undefined && this.isLiteral(variable) ? variable : undefined;
  }

  override literalValue(literal: number): string {
    return this.pattern(literal);
  }

  /** The literal pattern's name, when it is a well-formed `<Domain>\<User>` name (else it matches nobody). */
  private isName(literal: number): boolean {
    return inDomain("username", this.pattern(literal));
  }

  override variableSet(variable: number): PredicateSet<string> {
    if (!this.isLiteral(variable)) return super.variableSet(variable);
    return this.make(FALSE, this.isName(variable) ? [variable] : [], []);
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
