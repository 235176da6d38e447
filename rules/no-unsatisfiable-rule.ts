import type { UnsatisfiableDimension } from "../lib/analysis/index.ts";
import { createRule, type Locatable } from "../lib/eslint/create-rule.ts";
import { describeRule } from "../lib/views/describe.ts";
import { removeListItem } from "../lib/fix/index.ts";
import type { CarRule } from "../lib/model/index.ts";
import { getAnalysis } from "../lib/eslint/rule-set-analysis.ts";
import { checkReportingUndecided } from "../lib/eslint/undecided.ts";
import { allPatternsDomainless } from "../lib/model/username-patterns.ts";

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

export default createRule<"unsatisfiable" | "domainlessPatterns" | "remove">({
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
      domainlessPatterns:
        "{{rule}} cannot match the users it names: UsernameMatchesAnyOfPatterns is matched against the whole <Domain>\\<User> name, so {{patterns}} only matches users of a domain whose name starts that way (Microsoft: \"*jeff*, but not jeff*\"). Write {{example}}, or remove the rule.",
      remove: "Remove {{rule}}.",
    },
  },
  check(context) {
    checkReportingUndecided(context, ({ ruleSet, settings, sourceCode, report }) => {
      const analysis = getAnalysis(ruleSet, settings.restSemantics);
      for (const spec of ruleSet.specs) {
        if (!spec.enabled) continue;
        const unsatisfiable = analysis.ruleAnalysis(spec.index)?.unsatisfiable;
        const domainless = !unsatisfiable && allPatternsDomainless(spec.usernamePatterns);
        if (!unsatisfiable && !domainless) continue;
        const rule = ruleSet.ruleOf(spec);
        const array = ruleSet.rulesArray;
        const patterns = spec.usernamePatterns ?? [];
        report({
          ...(unsatisfiable
            ? {
                node: whereItEmpties(rule, unsatisfiable.dimension, unsatisfiable.explanation),
                messageId: "unsatisfiable" as const,
                data: { rule: describeRule(spec), explanation: unsatisfiable.explanation },
              }
            : {
                node: rule.get("UsernameMatchesAnyOfPatterns")!.valueNode,
                messageId: "domainlessPatterns" as const,
                data: {
                  rule: describeRule(spec),
                  patterns: patterns.map((pattern) => `'${pattern}'`).join(", "),
                  example: `'*${patterns[0]!.replace(/^\*+|\*+$/gu, "")}*' or '<Domain>\\${patterns[0]}'`,
                },
              }),
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
    });
  },
});
