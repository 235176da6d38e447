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
  const taken = takenNames.get(
    ruleSet,
    () => new Set(ruleSet.allRules.flatMap((rule) => (rule.name ? [rule.name.toLowerCase()] : []))),
  );
  if (!taken.has(base.toLowerCase())) return base;
  for (let suffix = 2; ; suffix++) {
    const candidate = `${base} ${suffix}`;
    if (!taken.has(candidate.toLowerCase())) return candidate;
  }
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
 * {@link MAX_RENUMBERED_RULES} rules would have to be renumbered.
 */
export function planPriority(ruleSet: RuleSetModel, placement: Placement, moving?: CarRule): PriorityPlan | undefined {
  // Copied and searched only when a rule moves: inserting asks once per finding and candidate place.
  const numbered = moving ? numberedEvaluationOrder(ruleSet).filter((rule) => rule !== moving) : numberedEvaluationOrder(ruleSet);
  const base = lowestPriority(ruleSet);
  const anchor = placement === "first" ? undefined : "before" in placement ? placement.before : placement.after;
  if (anchor?.priority === undefined && placement !== "first") return { priority: undefined, renumbered: [] };
  if (numbered.length === 0) return { priority: undefined, renumbered: [] };
  const anchorPosition = anchor === undefined ? 0 : moving ? numbered.indexOf(anchor) : numberedPosition(ruleSet, anchor);
  const position = anchor === undefined ? 0 : anchorPosition + (placement !== "first" && "after" in placement ? 1 : 0);
  const priorityAt = (index: number) => numbered[index]!.priority!;
  const lower = position > 0 ? priorityAt(position - 1) : base - 1;
  const upper = position < numbered.length ? priorityAt(position) : Number.POSITIVE_INFINITY;
  if (upper - lower >= 2) {
    const plan = { priority: upper === Number.POSITIVE_INFINITY ? lower + 1 : upper - 1, renumbered: [] };
    return withinReach([anchor, moving]) ? plan : undefined;
  }

  const down: { rule: CarRule; priority: number }[] = [];
  let previous = lower + 1;
  for (let index = position; index < numbered.length && priorityAt(index) <= previous; index++) {
    previous += 1;
    down.push({ rule: numbered[index]!, priority: previous });
    if (down.length > MAX_RENUMBERED_RULES) break;
  }
  const up: { rule: CarRule; priority: number }[] = [];
  let next = upper - 1;
  let upPossible = next >= base;
  for (let index = position - 1; upPossible && index >= 0 && priorityAt(index) >= next; index--) {
    next -= 1;
    if (next < base || up.length >= MAX_RENUMBERED_RULES) upPossible = false;
    else up.unshift({ rule: numbered[index]!, priority: next });
  }
  const plan =
    upPossible && up.length < down.length
      ? { priority: upper - 1, renumbered: up }
      : down.length <= MAX_RENUMBERED_RULES
        ? { priority: lower + 1, renumbered: down }
        : undefined;
  return plan && withinReach([anchor, moving, ...plan.renumbered.map(({ rule }) => rule)]) ? plan : undefined;
}

/** Whether the rules a plan edits (and the place it inserts at) lie close together in the file. */
function withinReach(rules: ReadonlyArray<CarRule | undefined>): boolean {
  // Asked for every candidate place of every finding's suggestions: one pass, no copies.
  let lowest = Number.POSITIVE_INFINITY;
  let highest = Number.NEGATIVE_INFINITY;
  for (const rule of rules) {
    if (!rule) continue;
    if (rule.index < lowest) lowest = rule.index;
    if (rule.index > highest) highest = rule.index;
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
  const olds = moves.map(({ rule }) => rule.priority!);
  const news = moves.map(({ priority }) => priority);
  const span = (values: number[]) => {
    const low = Math.min(...values);
    const high = Math.max(...values);
    return low === high ? `${low}` : `${low}–${high}`;
  };
  const shift = news[0]! - olds[0]!;
  const uniform = moves.every(({ rule, priority }) => priority - rule.priority! === shift) && new Set(olds).size === olds.length;
  return uniform
    ? `, as Priority ${plan.priority}; renumbers Priority ${span(olds)} to ${span(news)}`
    : `, as Priority ${plan.priority}; renumbers ${moves.length} rules between Priority ${Math.min(...olds)} and ${Math.max(...olds)}`;
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
