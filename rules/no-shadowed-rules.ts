import type { Rule } from "eslint";
import { createRule } from "../lib/eslint/create-rule.ts";
import { describeRule, describeRules } from "../lib/views/describe.ts";
import { removeListItem, replaceValue } from "../lib/fix/index.ts";
import type { CarRule } from "../lib/model/index.ts";
import { describePlan, planPriority, renumberingEdits, type PriorityPlan } from "../lib/fix/rule-edits.ts";
import { getAnalysis } from "../lib/eslint/rule-set-analysis.ts";
import { checkReportingUndecided } from "../lib/eslint/undecided.ts";
import { allPatternsDomainless } from "../lib/model/username-patterns.ts";

/**
 * Priority edits that put `rule` directly above `target` in the evaluation order, numbered by
 * `plan` (from planPriority with `rule` moving): `rule` takes the plan's Priority and only the
 * rules the plan names are renumbered.
 */
function moveAbove(fixer: Rule.RuleFixer, rule: CarRule, plan: PriorityPlan): Rule.Fix[] {
  const valueNode = rule.get("Priority")?.valueNode;
  if (!valueNode || plan.priority === undefined) return [];
  return [...replaceValue(fixer, valueNode, plan.priority), ...renumberingEdits(fixer, plan)];
}

const ACTION_VERB = {
  AllowAccess: { one: "allows", many: "allow" },
  DenyAccess: { one: "denies", many: "deny" },
} as const;

export default createRule<"redundant" | "shadowed" | "coverNotComputed" | "remove" | "moveAbove">({
  name: "no-shadowed-rules",
  meta: {
    type: "problem",
    docs: {
      description: "disallow rules that never decide anything because earlier rules, alone or together, match everything they match",
      recommended: "warn",
    },
    hasSuggestions: true,
    schema: [],
    messages: {
      redundant:
        "{{rule}} is redundant: {{covering}} already {{verb}} every connection it matches, so it never decides anything. Remove it.",
      shadowed:
        "{{rule}} is shadowed by a rule that does the opposite ({{opposite}}): {{covering}} {{match}} every connection it matches before it does, so its {{action}} never takes effect. Move it above {{first}} if it should win, or remove it.",
      coverNotComputed:
        "{{rule}} never decides anything: earlier rules match every connection it matches. Which rules cover it, and whether one of them does the opposite, was not computed: this file's budget for covering sets ran out before its turn. Removing it changes no decision; lint a smaller file to have its covering rules named.",
      remove: "Remove {{rule}}.",
      moveAbove: "Move {{rule}} above {{first}}{{placement}}.",
    },
  },
  check(context) {
    checkReportingUndecided(context, ({ ruleSet, settings, sourceCode, report }) => {
      const analysis = getAnalysis(ruleSet, settings.restSemantics);
      const array = ruleSet.rulesArray;
      for (const result of analysis.results) {
        const { shadowing, rule: spec } = result;
        // A rule whose patterns cannot name its users is no-unsatisfiable-rule's finding.
        if (!spec.enabled || allPatternsDomainless(spec.usernamePatterns)) continue;
        if (result.coverNotComputed) {
          const rule = ruleSet.ruleOf(spec);
          const data = { rule: describeRule(spec) };
          report({
            node: rule.nameNode ?? rule.node,
            messageId: "coverNotComputed",
            data,
            suggest: array ? [{ messageId: "remove", data, fix: (fixer) => removeListItem(sourceCode, fixer, array, rule.node) }] : [],
          });
          continue;
        }
        if (!shadowing) continue;
        const rule = ruleSet.ruleOf(spec);
        const first = ruleSet.ruleOf(shadowing.coveringRules[0]!);
        const data = {
          rule: describeRule(spec),
          covering: describeRules(shadowing.coveringRules),
          first: describeRule(shadowing.coveringRules[0]!),
          action: spec.action,
          verb: ACTION_VERB[spec.action][shadowing.coveringRules.length === 1 ? "one" : "many"],
          match: shadowing.coveringRules.length === 1 ? "matches" : "together match",
          opposite: describeRules(shadowing.coveringRules.filter((covering) => covering.action !== spec.action)),
        };
        const canMove = rule.priority !== undefined && first.priority !== undefined && first.priority < rule.priority;
        const plan = canMove && shadowing.differentAction ? planPriority(ruleSet, { before: first }, rule) : undefined;
        report({
          node: rule.nameNode ?? rule.node,
          messageId: shadowing.differentAction ? "shadowed" : "redundant",
          data,
          suggest: shadowing.differentAction
            ? plan
              ? [{ messageId: "moveAbove", data: { ...data, placement: describePlan(plan) }, fix: (fixer) => moveAbove(fixer, rule, plan) }]
              : []
            : array
              ? [{ messageId: "remove", data, fix: (fixer) => removeListItem(sourceCode, fixer, array, rule.node) }]
              : [],
        });
      }
    });
  },
});
