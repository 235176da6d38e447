import { createRule } from "../lib/eslint/create-rule.ts";
import type { CarRule } from "../lib/model/index.ts";

export default createRule<"duplicateName">({
  name: "no-duplicate-name",
  meta: {
    type: "problem",
    docs: {
      description: "disallow two rules with the same name (names are compared case-insensitively)",
      recommended: "warn",
    },
    schema: [],
    messages: {
      duplicateName:
        'Rule name "{{name}}" is already used by the rule on line {{line}}: Exchange requires unique names, and Set- or Remove-ClientAccessRule -Identity "{{name}}" would not know which rule you mean. Rename one of them.',
    },
  },
  check({ ruleSet, report }) {
    const firstByName = new Map<string, CarRule>();
    for (const rule of ruleSet.rules) {
      if (rule.name === undefined || !rule.nameNode) continue;
      const key = rule.name.trim().toLowerCase();
      const first = firstByName.get(key);
      if (!first) {
        firstByName.set(key, rule);
        continue;
      }
      report({
        node: rule.nameNode,
        messageId: "duplicateName",
        data: { name: rule.name, line: (first.nameNode ?? first.node).loc.start.line },
      });
    }
    // A script's second New-ClientAccessRule with a name in use fails and creates nothing.
    for (const duplicate of ruleSet.duplicateCreations ?? []) {
      report({
        node: duplicate.nameNode,
        messageId: "duplicateName",
        data: { name: duplicate.name, line: (duplicate.first.nameNode ?? duplicate.first.node).loc.start.line },
      });
    }
  },
});
