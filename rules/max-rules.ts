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
        "This file has {{count}} rules, more than the {{max}} the `maxRules` setting allows (the default limit Exchange is known to apply per organization is 20, ClientAccessRulesLimit; Microsoft does not document it). Merge rules, or raise `maxRules` to your organization's limit.",
      tooManyRules:
        "This file has {{count}} rules, more than {{max}}, the default limit Exchange is known to apply per organization (ClientAccessRulesLimit; Microsoft does not document it): rule {{first}} and those after it may not be created. Merge rules, or raise the `maxRules` setting if your organization's limit is higher.",
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
