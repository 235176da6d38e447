import type { Rule } from "eslint";
import { createRule } from "../lib/eslint/create-rule.ts";
import type { CarRule, RuleSetModel } from "../lib/model/index.ts";
import { replaceValue } from "../lib/fix/index.ts";
import {
  describePlan,
  numberedEvaluationOrder,
  numberedPosition,
  planPriority,
  renumberingEdits,
  type PriorityPlan,
} from "../lib/fix/rule-edits.ts";

/**
 * The plan that gives `rule` a Priority of its own and keeps the current evaluation order
 * (ascending Priority, the later of tied rules first): `rule` stays directly before the rule
 * that follows it, taking a free number or renumbering only the short run that must move
 * (planPriority's bound). Renumbering the whole file instead made each suggestion the size of the
 * file, and a file with many ties quadratic.
 */
function ownPriorityPlan(ruleSet: RuleSetModel, rule: CarRule): PriorityPlan | undefined {
  const order = numberedEvaluationOrder(ruleSet);
  // A tied rule is never last in evaluation order: the earlier rule it ties with follows it.
  const next = order[numberedPosition(ruleSet, rule) + 1];
  return next ? planPriority(ruleSet, { before: next }, rule) : undefined;
}

function ownPriorityEdits(fixer: Rule.RuleFixer, rule: CarRule, plan: PriorityPlan): Rule.Fix[] {
  const valueNode = rule.get("Priority")!.valueNode;
  const own = plan.priority === rule.priority || plan.priority === undefined ? [] : replaceValue(fixer, valueNode, plan.priority);
  return [...own, ...renumberingEdits(fixer, plan)];
}

export default createRule<"duplicatePriority" | "renumber">({
  name: "no-duplicate-priority",
  meta: {
    type: "problem",
    docs: {
      description: "disallow two rules with the same Priority",
      recommended: "warn",
    },
    hasSuggestions: true,
    schema: [],
    messages: {
      duplicatePriority:
        'Priority {{priority}} is already taken by "{{other}}" (line {{line}}): Exchange keeps priorities unique, so created in file order "{{name}}" takes Priority {{priority}} and moves "{{other}}" down, and Exchange evaluates "{{name}}" first. Give each rule its own Priority.',
      renumber:
        'Give "{{name}}" a Priority of its own, keeping the current evaluation order (of tied rules, the later one first){{placement}}.',
    },
  },
  check({ ruleSet, report }) {
    const firstByPriority = new Map<number, CarRule>();
    // Renumbering is offered only when every Priority in the file is a readable number.
    const canRenumber = ruleSet.rules.every((rule) => !rule.issues.some((issue) => issue.kind === "invalid-priority"));
    for (const rule of ruleSet.rules) {
      if (rule.priority === undefined) continue;
      const first = firstByPriority.get(rule.priority);
      if (!first) {
        firstByPriority.set(rule.priority, rule);
        continue;
      }
      const valueNode = rule.get("Priority")!.valueNode;
      const name = rule.name ?? "this unnamed rule";
      const plan = canRenumber ? ownPriorityPlan(ruleSet, rule) : undefined;
      report({
        node: valueNode,
        messageId: "duplicatePriority",
        data: {
          priority: rule.priority,
          name,
          other: first.name ?? "an unnamed rule",
          line: (first.get("Priority")?.valueNode ?? first.node).loc.start.line,
        },
        suggest: plan
          ? [{ messageId: "renumber", data: { name, placement: describePlan(plan) }, fix: (fixer) => ownPriorityEdits(fixer, rule, plan) }]
          : [],
      });
    }
  },
});
