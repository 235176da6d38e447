/**
 * Rule-level edits shared by the hazard rules' suggestions: inserting a new rule at a given place
 * in the evaluation order (using a gap in the numbering, or renumbering the few rules that must
 * move), and picking a name no rule uses yet. Built on the comment- and comma-safe helpers of lib/fix.
 */
import type { Rule, SourceCode } from "eslint";
import { insertArrayElementAfter, insertArrayElementBefore, replaceValue } from "./index.ts";
import type { CarRule, RuleSetModel } from "../model/index.ts";
import { sortByEvaluationOrder } from "../model/rule-spec.ts";
import { FileCache } from "../model/file-cache.ts";

export interface NewRule {
  readonly name: string;
  readonly action: "AllowAccess" | "DenyAccess";
  /** Further parameters, in the order they should be written (after Name and Action). */
  readonly parameters: Readonly<Record<string, unknown>>;
}

/** The lower-case names of a file's rules: suggestions ask once per finding. */
const takenNames = new FileCache<RuleSetModel, Set<string>>();

/** `base`, or `base 2`, `base 3`… : the first name no rule of the file uses (case-insensitively). */
export function unusedRuleName(ruleSet: RuleSetModel, base: string): string {
  const taken = takenNames.get(ruleSet, lowerCaseNames);
  if (!taken.has(base.toLowerCase())) return base;
  for (let suffix = 2; ; suffix++) {
    const candidate = `${base} ${suffix}`;
    if (!taken.has(candidate.toLowerCase())) return candidate;
  }
}

function lowerCaseNames(ruleSet: RuleSetModel): Set<string> {
  // Without flatMap's array per rule: built in every file with a suggestion that adds a rule.
  const names = new Set<string>();
  for (const rule of ruleSet.allRules) if (rule.name) names.add(rule.name.toLowerCase());
  return names;
}

/** The file names rules by `Identity` (Microsoft365DSC) when no rule has a `Name`. */
export function nameKey(ruleSet: RuleSetModel): string {
  const usesIdentity = ruleSet.rules.length > 0 && ruleSet.rules.every((rule) => !rule.get("Name") && rule.get("Identity"));
  return usesIdentity ? "Identity" : "Name";
}

function ruleObject(ruleSet: RuleSetModel, rule: NewRule, priority: number | undefined): Record<string, unknown> {
  return {
    [nameKey(ruleSet)]: rule.name,
    Action: rule.action,
    ...rule.parameters,
    ...(priority === undefined ? {} : { Priority: priority }),
    Enabled: true,
  };
}

/**
 * Where a new (or moved) rule goes in the numbering: the Priority it gets and the rules whose
 * Priority must change to make room, fewest first. A gap in the numbering needs no renumbering;
 * otherwise only the contiguous run of rules that must move is renumbered, down (as
 * New-ClientAccessRule -Priority shifts rules) or up when that moves fewer rules. No number
 * below the file's own base ({@link lowestPriority}) is ever written: the cmdlet appends a rule
 * given Priority 0 last, so a suggested 0 in a file numbered from 1 would do the opposite of
 * what the suggestion promises.
 */
export interface PriorityPlan {
  /** The new rule's Priority; undefined when it goes among the rules without one (file order). */
  readonly priority: number | undefined;
  /** The rules that are renumbered, with their new Priority, in evaluation order. */
  readonly renumbered: readonly { readonly rule: CarRule; readonly priority: number }[];
}

/**
 * At most this many rules are renumbered by one suggestion, and its edits lie within this many
 * rules of each other in the file (ESLint merges a suggestion's edits into one, text between
 * them included): a suggestion must not grow with the file. Where more would have to change, the
 * suggestion is not offered; a numbering with gaps (10, 20, 30…) always leaves room. 20 is the
 * Exchange Online service limit, so a real tenant's file always gets its suggestions.
 */
export const MAX_RENUMBERED_RULES = 20;

/**
 * The lowest Priority a suggestion may write: 1, the highest priority in Microsoft's procedures,
 * examples and every observed export (car-reference.md §2.2: the cmdlet appends a rule given 0
 * at the end), unless the file itself already numbers from 0 (some rule has Priority 0).
 */
export function lowestPriority(ruleSet: RuleSetModel): number {
  // Evaluation order is ascending Priority: its first numbered rule holds the file's lowest number.
  return numberedEvaluationOrder(ruleSet)[0]?.priority === 0 ? 0 : 1;
}

/** Where the new rule goes: directly before or after an existing rule, or first of all. */
export type Placement = { readonly before: CarRule } | { readonly after: CarRule } | "first";

/**
 * The plan that puts a rule at `placement` in the evaluation order (`moving`, when given, is
 * the rule being moved: its own Priority is free). Undefined when more than
 * {@link MAX_RENUMBERED_RULES} rules would have to be renumbered, and in a PowerShell script.
 */
export function planPriority(ruleSet: RuleSetModel, placement: Placement, moving?: CarRule): PriorityPlan | undefined {
  const shape = planShape(ruleSet, placement, moving);
  if (!shape) return undefined;
  const renumbered: { rule: CarRule; priority: number }[] = [];
  for (let offset = 0; offset < shape.count; offset++) {
    renumbered.push({ rule: shape.numbered.at(shape.from + offset), priority: shape.firstPriority + offset });
  }
  return { priority: shape.priority, renumbered };
}

/**
 * How many rules {@link planPriority} renumbers for `placement` (undefined: no plan), without
 * building the plan: the AllowREST suggestion weighs up to 21 places per finding and keeps one.
 */
export function renumberedCount(ruleSet: RuleSetModel, placement: Placement, moving?: CarRule): number | undefined {
  return planShape(ruleSet, placement, moving)?.count;
}

/**
 * A plan as numbers: the new rule's Priority, and the renumbered rules as a run of `numbered`
 * (`count` rules from `from`, their new numbers consecutive from `firstPriority`).
 */
interface PlanShape {
  readonly priority: number | undefined;
  readonly numbered: NumberedView;
  readonly from: number;
  readonly count: number;
  readonly firstPriority: number;
}

/**
 * The numbered rules in evaluation order, without the rule being moved (its own Priority is
 * free), read in place: every different-action shadowed rule gets a move suggestion, and copying
 * the order for each made the suggestions of a 10,000-rule file quadratic (84 MB of copies).
 */
interface NumberedView {
  readonly length: number;
  at(position: number): CarRule;
  positionOf(rule: CarRule): number;
}

function numberedView(ruleSet: RuleSetModel, moving: CarRule | undefined): NumberedView {
  const order = numberedEvaluationOrder(ruleSet);
  const skipped = moving ? numberedPosition(ruleSet, moving) : -1;
  if (skipped < 0) {
    return { length: order.length, at: (position) => order[position]!, positionOf: (rule) => numberedPosition(ruleSet, rule) };
  }
  return {
    length: order.length - 1,
    at: (position) => order[position < skipped ? position : position + 1]!,
    positionOf: (rule) => {
      const position = numberedPosition(ruleSet, rule);
      return position === skipped ? -1 : position > skipped ? position - 1 : position;
    },
  };
}

function planShape(ruleSet: RuleSetModel, placement: Placement, moving: CarRule | undefined): PlanShape | undefined {
  // A script's priorities are where its commands leave the rules: each -Priority takes effect when
  // its command runs and moves the rules after it, and a command without one has no value to edit
  // (its stand-in is the command name). Rewriting the numbers does not renumber; no plan.
  if (ruleSet.shape === "powershell-script") return undefined;
  const numbered = numberedView(ruleSet, moving);
  const base = lowestPriority(ruleSet);
  const anchor = placement === "first" ? undefined : "before" in placement ? placement.before : placement.after;
  if ((anchor?.priority === undefined && placement !== "first") || numbered.length === 0) {
    return { priority: undefined, numbered, from: 0, count: 0, firstPriority: 0 };
  }
  const anchorPosition = anchor === undefined ? 0 : numbered.positionOf(anchor);
  const position = anchor === undefined ? 0 : anchorPosition + (placement !== "first" && "after" in placement ? 1 : 0);
  const lower = position > 0 ? numbered.at(position - 1).priority! : base - 1;
  const upper = position < numbered.length ? numbered.at(position).priority! : Number.POSITIVE_INFINITY;
  if (upper - lower >= 2) {
    const priority = upper === Number.POSITIVE_INFINITY ? lower + 1 : upper - 1;
    return withinReach(anchor, moving, numbered, 0, 0) ? { priority, numbered, from: 0, count: 0, firstPriority: 0 } : undefined;
  }

  // Counted, not collected: most places weighed are not the one chosen, and at 100 rules most
  // need more than the bound.
  let down = 0;
  let previous = lower + 1;
  for (let index = position; index < numbered.length && numbered.at(index).priority! <= previous; index++) {
    previous += 1;
    down += 1;
    if (down > MAX_RENUMBERED_RULES) break;
  }
  let up = 0;
  let next = upper - 1;
  let upPossible = next >= base;
  for (let index = position - 1; upPossible && index >= 0 && numbered.at(index).priority! >= next; index--) {
    next -= 1;
    if (next < base || up >= MAX_RENUMBERED_RULES) upPossible = false;
    else up += 1;
  }
  // Renumbering up moves the `up` rules right above the place to upper - 1 - up …; down moves
  // the `down` rules from the place to lower + 2 ….
  const shape =
    upPossible && up < down
      ? { priority: upper - 1, numbered, from: position - up, count: up, firstPriority: upper - 1 - up }
      : down <= MAX_RENUMBERED_RULES
        ? { priority: lower + 1, numbered, from: position, count: down, firstPriority: lower + 2 }
        : undefined;
  return shape && withinReach(anchor, moving, numbered, shape.from, shape.count) ? shape : undefined;
}

/**
 * Whether the rules a plan edits lie close together in the file: the anchor, the moving rule and
 * the `count` renumbered rules of `numbered` from `from`.
 */
function withinReach(anchor: CarRule | undefined, moving: CarRule | undefined, numbered: NumberedView, from: number, count: number): boolean {
  // Asked for every candidate place of every finding's suggestions: one pass, no copies.
  let lowest = Math.min(anchor?.index ?? Number.POSITIVE_INFINITY, moving?.index ?? Number.POSITIVE_INFINITY);
  let highest = Math.max(anchor?.index ?? Number.NEGATIVE_INFINITY, moving?.index ?? Number.NEGATIVE_INFINITY);
  for (let position = from; position < from + count; position++) {
    const { index } = numbered.at(position);
    if (index < lowest) lowest = index;
    if (index > highest) highest = index;
  }
  return lowest === Number.POSITIVE_INFINITY || highest - lowest <= MAX_RENUMBERED_RULES + 1;
}

/**
 * For suggestion texts: `, as Priority 1; no other rule is renumbered`, `, as Priority 2; renumbers
 * Priority 2–4 to 3–5`; empty when the new rule gets no Priority.
 */
export function describePlan(plan: PriorityPlan): string {
  if (plan.priority === undefined) return "";
  const moves = plan.renumbered;
  if (moves.length === 0) return `, as Priority ${plan.priority}; no other rule is renumbered`;
  // One pass, no arrays of numbers: every suggestion that renumbers says what, up to 20 rules.
  const shift = moves[0]!.priority - moves[0]!.rule.priority!;
  let oldLow = Number.POSITIVE_INFINITY;
  let oldHigh = Number.NEGATIVE_INFINITY;
  let newLow = Number.POSITIVE_INFINITY;
  let newHigh = Number.NEGATIVE_INFINITY;
  let sameShift = true;
  let ascending = true; // old numbers strictly ascending, so distinct without a Set
  for (let index = 0; index < moves.length; index++) {
    const { rule, priority } = moves[index]!;
    const old = rule.priority!;
    if (index > 0 && old <= moves[index - 1]!.rule.priority!) ascending = false;
    if (old < oldLow) oldLow = old;
    if (old > oldHigh) oldHigh = old;
    if (priority < newLow) newLow = priority;
    if (priority > newHigh) newHigh = priority;
    if (priority - old !== shift) sameShift = false;
  }
  const distinct = ascending || new Set(moves.map(({ rule }) => rule.priority)).size === moves.length;
  const span = (low: number, high: number) => (low === high ? `${low}` : `${low}–${high}`);
  return sameShift && distinct
    ? `, as Priority ${plan.priority}; renumbers Priority ${span(oldLow, oldHigh)} to ${span(newLow, newHigh)}`
    : `, as Priority ${plan.priority}; renumbers ${moves.length} rules between Priority ${oldLow} and ${oldHigh}`;
}

/** The numbered rules in evaluation order (ascending Priority, file order breaking ties), cached per file. */
export function numberedEvaluationOrder(ruleSet: RuleSetModel): readonly CarRule[] {
  return numberedOrder.get(ruleSet, () => sortByEvaluationOrder(ruleSet.rules.filter((rule) => rule.priority !== undefined)));
}

const numberedOrder = new FileCache<RuleSetModel, readonly CarRule[]>();

/** A rule's place in {@link numberedEvaluationOrder} (-1: not numbered), without a search. */
export function numberedPosition(ruleSet: RuleSetModel, rule: CarRule): number {
  const positions = numberedPositions.get(ruleSet, () => new Map(numberedEvaluationOrder(ruleSet).map((numbered, position) => [numbered, position])));
  return positions.get(rule) ?? -1;
}

const numberedPositions = new FileCache<RuleSetModel, ReadonlyMap<CarRule, number>>();

/** The Priority edits of a plan (the new or moved rule's own Priority is written by the caller). */
export function renumberingEdits(fixer: Rule.RuleFixer, plan: PriorityPlan): Rule.Fix[] {
  const edits: Rule.Fix[] = [];
  for (const { rule, priority } of plan.renumbered) {
    const valueNode = rule.get("Priority")?.valueNode;
    if (valueNode) edits.push(...replaceValue(fixer, valueNode, priority));
  }
  return edits;
}

/**
 * Inserts `rule` so that it is evaluated directly before `target`, numbered by `plan` (from
 * {@link planPriority} with `{ before: target }`). A target without Priority gets a new rule
 * without one, placed before it in the file (file order breaks ties).
 */
export function insertRuleBefore(
  sourceCode: SourceCode,
  fixer: Rule.RuleFixer,
  ruleSet: RuleSetModel,
  target: CarRule,
  rule: NewRule,
  plan: PriorityPlan,
): Rule.Fix[] {
  const array = ruleSet.rulesArray;
  if (!array) return [];
  const fixes = insertArrayElementBefore(sourceCode, fixer, array, target.node, {
    value: ruleObject(ruleSet, rule, plan.priority),
  });
  return fixes.length === 0 ? [] : [...fixes, ...renumberingEdits(fixer, plan)];
}

/** Inserts `rule` as the first rule of the file and of the evaluation order, numbered by `plan` (placement "first"). */
export function insertRuleFirst(
  sourceCode: SourceCode,
  fixer: Rule.RuleFixer,
  ruleSet: RuleSetModel,
  rule: NewRule,
  plan: PriorityPlan,
): Rule.Fix[] {
  const array = ruleSet.rulesArray;
  const first = array?.elements[0];
  if (!array || !first) return [];
  const fixes = insertArrayElementBefore(sourceCode, fixer, array, first, { value: ruleObject(ruleSet, rule, plan.priority) });
  return fixes.length === 0 ? [] : [...fixes, ...renumberingEdits(fixer, plan)];
}

/**
 * Inserts a rule object (written as given) so that it is evaluated directly after `target`,
 * numbered by `plan` (placement `{ after: target }`). `Priority` in `object` is replaced; a
 * target without Priority gets a follower without one, after it in the file.
 */
export function insertRuleObjectAfter(
  sourceCode: SourceCode,
  fixer: Rule.RuleFixer,
  ruleSet: RuleSetModel,
  target: CarRule,
  object: Readonly<Record<string, unknown>>,
  plan: PriorityPlan,
): Rule.Fix[] {
  const array = ruleSet.rulesArray;
  if (!array) return [];
  const withoutPriority = Object.fromEntries(Object.entries(object).filter(([key]) => key.toLowerCase() !== "priority"));
  const value = plan.priority === undefined ? withoutPriority : { ...withoutPriority, Priority: plan.priority };
  const fixes = insertArrayElementAfter(sourceCode, fixer, array, target.node, { value });
  return fixes.length === 0 ? [] : [...fixes, ...renumberingEdits(fixer, plan)];
}
