import type { UnsatisfiableDimension } from "../lib/analysis/index.ts";
import { createRule, type Locatable } from "../lib/create-rule.ts";
import { describeRule } from "../lib/describe.ts";
import { removeListItem } from "../lib/fix/index.ts";
import type { CarRule } from "../lib/model/index.ts";
import { getAnalysis } from "../lib/rule-set-analysis.ts";

/** The condition and exception parameters of each dimension, exception first: where the rule empties. */
const PARAMETERS_OF: Readonly<Record<UnsatisfiableDimension, readonly string[]>> = {
  protocol: ["ExceptAnyOfProtocols", "AnyOfProtocols"],
  authenticationType: ["ExceptAnyOfAuthenticationTypes", "AnyOfAuthenticationTypes"],
  ip: ["ExceptAnyOfClientIPAddressesOrRanges", "AnyOfClientIPAddressesOrRanges"],
  port: ["ExceptAnyOfSourceTcpPortNumbers", "AnyOfSourceTcpPortNumbers"],
  username: ["ExceptUsernameMatchesAnyOfPatterns", "UsernameMatchesAnyOfPatterns"],
  group: ["ExceptUserIsMemberOf", "UserIsMemberOf"],
  filter: ["UserRecipientFilter"],
};

function whereItEmpties(rule: CarRule, dimension: UnsatisfiableDimension, explanation: string): Locatable {
  // A pattern that can never match is the culprit itself, not the exception.
  const parameters =
    dimension === "username" && !explanation.startsWith("Except") ? ["UsernameMatchesAnyOfPatterns"] : PARAMETERS_OF[dimension];
  for (const parameter of parameters) {
    const property = rule.get(parameter);
    if (property) return parameter.startsWith("Except") ? property.keyNode : property.valueNode;
  }
  return rule.nameNode ?? rule.node;
}

export default createRule<"unsatisfiable" | "remove">({
  name: "no-unsatisfiable-rule",
  meta: {
    type: "problem",
    docs: {
      description: "disallow rules whose own conditions leave no connection to match",
      recommended: "warn",
    },
    hasSuggestions: true,
    schema: [],
    messages: {
      unsatisfiable:
        "{{rule}} can never match any connection: {{explanation}}. The protection or access it promises does not exist. Fix its conditions or remove it.",
      remove: "Remove {{rule}}.",
    },
  },
  check({ ruleSet, settings, sourceCode, report }) {
    const analysis = getAnalysis(ruleSet, settings.restSemantics);
    for (const spec of ruleSet.specs) {
      const unsatisfiable = analysis.ruleAnalysis(spec.index)?.unsatisfiable;
      if (!spec.enabled || !unsatisfiable) continue;
      const rule = ruleSet.ruleOf(spec);
      const array = ruleSet.rulesArray;
      report({
        node: whereItEmpties(rule, unsatisfiable.dimension, unsatisfiable.explanation),
        messageId: "unsatisfiable",
        data: { rule: describeRule(spec), explanation: unsatisfiable.explanation },
        suggest: array
          ? [
              {
                messageId: "remove",
                data: { rule: describeRule(spec) },
                fix: (fixer) => removeListItem(sourceCode, fixer, array, rule.node),
              },
            ]
          : [],
      });
    }
  },
});
