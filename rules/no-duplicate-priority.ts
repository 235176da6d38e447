import type { Rule } from "eslint";
import { createRule } from "../lib/eslint/create-rule.ts";
import { sortByEvaluationOrder, type CarRule } from "../lib/model/index.ts";

/**
 * New priorities for every numbered rule: consecutive from the lowest priority in use, in the
 * current evaluation order (ascending Priority, the later of tied rules first), so renumbering
 * keeps the order the file is evaluated in today.
 */
function renumbering(rules: readonly CarRule[]): Map<CarRule, number> {
  const numbered = rules.filter((rule) => rule.priority !== undefined);
  const ordered = sortByEvaluationOrder(numbered);
  const start = Math.min(...numbered.map((rule) => rule.priority!));
  return new Map(ordered.map((rule, position) => [rule, start + position]));
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
      renumber: "Renumber the priorities from {{start}} in the current evaluation order (of tied rules, the later one first).",
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
      const newPriorities = canRenumber ? renumbering(ruleSet.rules) : undefined;
      const start = newPriorities ? Math.min(...newPriorities.values()) : 0;
      report({
        node: valueNode,
        messageId: "duplicatePriority",
        data: {
          priority: rule.priority,
          name: rule.name ?? "this unnamed rule",
          other: first.name ?? "an unnamed rule",
          line: (first.get("Priority")?.valueNode ?? first.node).loc.start.line,
        },
        suggest: newPriorities
          ? [
              {
                messageId: "renumber",
                data: { start },
                fix: (fixer) => {
                  const fixes: Rule.Fix[] = [];
                  for (const [numberedRule, priority] of newPriorities) {
                    if (numberedRule.priority === priority) continue;
                    const node = numberedRule.get("Priority")!.valueNode;
                    fixes.push(fixer.replaceTextRange(node.range, String(priority)));
                  }
                  return fixes;
                },
              },
            ]
          : [],
      });
    }
  },
});
