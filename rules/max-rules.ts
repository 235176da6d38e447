import { createRule } from "../lib/eslint/create-rule.ts";
import { DEFAULT_MAX_RULES } from "../lib/model/vocabulary.ts";

export default createRule<"tooManyRules" | "tooManyRulesForSetting">({
  name: "max-rules",
  meta: {
    type: "problem",
    docs: {
      description: "limit the number of rules to what Exchange accepts (default 20, the `maxRules` setting)",
      recommended: "warn",
    },
    schema: [],
    messages: {
      tooManyRulesForSetting:
        "This file has {{count}} rules, more than the {{max}} the `maxRules` setting allows: New-ClientAccessRule fails once an organization holds its limit (ClientAccessRulesLimit, 20 by default). Merge rules, or raise `maxRules` to your organization's limit.",
      tooManyRules:
        "This file has {{count}} rules, more than the {{max}} Exchange accepts per organization by default (ClientAccessRulesLimit): New-ClientAccessRule fails from rule {{first}} on. Merge rules, or raise the `maxRules` setting if your organization's limit is higher.",
    },
  },
  check({ ruleSet, settings, report, sourceCode }) {
    // Enabled and disabled rules both occupy a slot; Ensure: "Absent" ones are being removed.
    const { rules } = ruleSet;
    if (rules.length <= settings.maxRules) return;
    const firstBeyond = rules[settings.maxRules]!;
    report({
      node: firstBeyond.nameNode ?? sourceCode.getFirstToken(firstBeyond.node as never) ?? firstBeyond.node,
      messageId: settings.maxRules === DEFAULT_MAX_RULES ? "tooManyRules" : "tooManyRulesForSetting",
      data: { count: rules.length, max: settings.maxRules, first: settings.maxRules + 1 },
    });
  },
});
