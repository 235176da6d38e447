/**
 * Rule-level edits shared by the hazard rules' suggestions: inserting a new rule at a given place
 * in the evaluation order (renumbering priorities the way New-ClientAccessRule -Priority does),
 * and picking a name no rule uses yet. Built on the comment- and comma-safe helpers of lib/fix.
 */
import type { Rule, SourceCode } from "eslint";
import { insertArrayElementAfter, insertArrayElementBefore, replaceValue } from "./index.ts";
import type { CarRule, RuleSetModel } from "../model/index.ts";

export interface NewRule {
  readonly name: string;
  readonly action: "AllowAccess" | "DenyAccess";
  /** Further parameters, in the order they should be written (after Name and Action). */
  readonly parameters: Readonly<Record<string, unknown>>;
}

/** The lower-case names of a file's rules: suggestions ask once per finding. */
const takenNames = new WeakMap<RuleSetModel, Set<string>>();

/** `base`, or `base 2`, `base 3`… : the first name no rule of the file uses (case-insensitively). */
export function unusedRuleName(ruleSet: RuleSetModel, base: string): string {
  let taken = takenNames.get(ruleSet);
  if (!taken) {
    taken = new Set(ruleSet.allRules.flatMap((rule) => (rule.name ? [rule.name.toLowerCase()] : [])));
    takenNames.set(ruleSet, taken);
  }
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
 * Inserts `rule` so that it is evaluated directly before `target`: it takes the target's
 * Priority and every rule from that Priority on moves down by one (as Exchange shifts rules when
 * a priority is taken). A target without Priority gets a new rule without one, placed before it
 * in the file (file order breaks ties). No edit for a single-rule file (nowhere to insert).
 */
export function insertRuleBefore(
  sourceCode: SourceCode,
  fixer: Rule.RuleFixer,
  ruleSet: RuleSetModel,
  target: CarRule,
  rule: NewRule,
): Rule.Fix[] {
  const array = ruleSet.rulesArray;
  if (!array) return [];
  const priority = target.priority;
  const fixes = insertArrayElementBefore(sourceCode, fixer, array, target.node, {
    value: ruleObject(ruleSet, rule, priority),
  });
  return withPrioritiesShifted(fixer, ruleSet, fixes, priority);
}

/** Inserts `rule` as the first rule of the file and of the evaluation order. */
export function insertRuleFirst(
  sourceCode: SourceCode,
  fixer: Rule.RuleFixer,
  ruleSet: RuleSetModel,
  rule: NewRule,
): Rule.Fix[] {
  const array = ruleSet.rulesArray;
  const first = array?.elements[0];
  if (!array || !first) return [];
  const numbered = ruleSet.rules.flatMap((existing) => (existing.priority === undefined ? [] : [existing.priority]));
  // Without numbered rules the new rule needs no Priority: first in the file is first evaluated.
  const priority = numbered.length > 0 ? Math.min(...numbered) : undefined;
  const fixes = insertArrayElementBefore(sourceCode, fixer, array, first, { value: ruleObject(ruleSet, rule, priority) });
  return withPrioritiesShifted(fixer, ruleSet, fixes, priority);
}

/**
 * Inserts a rule object (written as given) so that it is evaluated directly after `target`: it
 * gets the next Priority and every later rule moves down by one. `Priority` in `object` is
 * replaced; a target without Priority gets a follower without one, after it in the file.
 */
export function insertRuleObjectAfter(
  sourceCode: SourceCode,
  fixer: Rule.RuleFixer,
  ruleSet: RuleSetModel,
  target: CarRule,
  object: Readonly<Record<string, unknown>>,
): Rule.Fix[] {
  const array = ruleSet.rulesArray;
  if (!array) return [];
  const withoutPriority = Object.fromEntries(Object.entries(object).filter(([key]) => key.toLowerCase() !== "priority"));
  const priority = target.priority === undefined ? undefined : target.priority + 1;
  const value = priority === undefined ? withoutPriority : { ...withoutPriority, Priority: priority };
  const fixes = insertArrayElementAfter(sourceCode, fixer, array, target.node, { value });
  return withPrioritiesShifted(fixer, ruleSet, fixes, priority);
}

/**
 * The insertion plus the edits that move every rule from `priority` on down by one, making room
 * for the new rule (as Exchange shifts rules when a priority is taken). Nothing to shift when the
 * new rule has no Priority; no edit at all when the insertion found no safe place.
 */
function withPrioritiesShifted(
  fixer: Rule.RuleFixer,
  ruleSet: RuleSetModel,
  insertion: Rule.Fix[],
  priority: number | undefined,
): Rule.Fix[] {
  if (insertion.length === 0 || priority === undefined) return insertion;
  const shifts = ruleSet.rules.flatMap((existing) => {
    if (existing.priority === undefined || existing.priority < priority) return [];
    const valueNode = existing.get("Priority")?.valueNode;
    return valueNode ? replaceValue(fixer, valueNode, existing.priority + 1) : [];
  });
  return [...insertion, ...shifts];
}
