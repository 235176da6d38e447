import type { Rule, SourceCode } from "eslint";
import type { AST } from "jsonc-eslint-parser";
import { createRule } from "../lib/eslint/create-rule.ts";
import { describeRule, describeWitnessUser } from "../lib/views/describe.ts";
import { addListItem, insertArrayElementAfter } from "../lib/fix/index.ts";
import type { CarRule, ListItem, RuleSpec } from "../lib/model/index.ts";
import { namesProtocol } from "../lib/eslint/outlook-mobile.ts";
import { getRestSemanticsComparison } from "../lib/eslint/rule-set-analysis.ts";
import { checkReportingUndecided } from "../lib/eslint/undecided.ts";
import { FRIENDLY_ADDRESSES, FRIENDLY_USERS } from "../lib/analysis/readable-witness.ts";

type MessageIds = "allowsRestThroughEws" | "exemptsRestThroughEws";

const VERB = { AllowAccess: "allowed", DenyAccess: "denied" } as const;

/** `REST` right after `ExchangeWebServices` in the list (or added to a one-string list). */
function addRestBeside(
  sourceCode: SourceCode,
  fixer: Rule.RuleFixer,
  rule: CarRule,
  parameter: string,
  ews: ListItem<unknown>,
): Rule.Fix[] {
  const list = rule.lists.get(parameter)!;
  if (list.array) {
    return insertArrayElementAfter(sourceCode, fixer, list.array, ews.node as AST.JSONExpression, { value: "REST" });
  }
  return addListItem(sourceCode, fixer, rule.node, list.property.key, "REST");
}

export default createRule<MessageIds>({
  name: "require-explicit-rest",
  meta: {
    type: "suggestion",
    docs: {
      description:
        "require REST beside ExchangeWebServices where a rule allows or exempts REST only through its EWS condition, so the split of EWS and REST does not change who gets access",
      recommended: "warn",
    },
    fixable: "code",
    schema: [],
    messages: {
      allowsRestThroughEws:
        "{{rule}} allows REST only because it names ExchangeWebServices: today {{user}} from {{ip}} over REST is allowed here, but once EWS conditions no longer match REST (phase 2 of KB 4013974) the same connection is {{independentVerb}} ({{independentBy}}). Add REST beside ExchangeWebServices so the rule keeps doing what it does.",
      exemptsRestThroughEws:
        "{{rule}} exempts REST only through ExchangeWebServices in ExceptAnyOfProtocols: today {{user}} from {{ip}} over REST is {{coupledVerb}} ({{coupledBy}}), but once EWS conditions no longer match REST (phase 2 of KB 4013974) this rule takes it and it is {{independentVerb}}. Add REST beside ExchangeWebServices so the exception keeps covering it.",
    },
  },
  check(context) {
    // Only coupled semantics has a difference to warn about; Exchange Server does not filter REST.
    if (context.settings.restSemantics !== "coupled" || context.settings.target === "exchange-server") return;
    checkReportingUndecided(context, ({ ruleSet, sourceCode, report }) => {
      const namesEwsNotRest = (spec: Parameters<typeof namesProtocol>[0], list: "protocols" | "exceptProtocols") =>
        namesProtocol(spec, list, "ExchangeWebServices") && !namesProtocol(spec, list, "REST");
      // The comparison hands back the deciding rule itself: no search of the rules per report.
      const describeDecider = (decider: RuleSpec | undefined) => (decider ? `by ${describeRule(decider)}` : "by default: no rule matches");

      for (const spec of ruleSet.specs) {
        if (!spec.enabled) continue;
        const rule = ruleSet.ruleOf(spec);
        // DenyAccess rules naming EWS are no-ews-block-without-rest-exception's business. Only
        // candidates pay for the comparison, which evaluates the whole set twice.
        const checks = [
          ...(spec.action === "AllowAccess" && namesEwsNotRest(spec, "protocols")
            ? [{ parameter: "AnyOfProtocols", semantics: "coupled" as const, messageId: "allowsRestThroughEws" as const }]
            : []),
          ...(namesEwsNotRest(spec, "exceptProtocols")
            ? [{ parameter: "ExceptAnyOfProtocols", semantics: "independent" as const, messageId: "exemptsRestThroughEws" as const }]
            : []),
        ];
        for (const { parameter, semantics, messageId } of checks) {
          const change = getRestSemanticsComparison(ruleSet).changeDecidedBy(spec.index, semantics, {
            users: FRIENDLY_USERS,
            addresses: FRIENDLY_ADDRESSES,
          });
          if (!change) continue;
          const ews = rule.lists.get(parameter)!.items.find((item) => item.value === "ExchangeWebServices")!;
          // The comparison knows the rule deciding the connection under each semantics.
          const connection = change.connection;
          report({
            node: ews.node,
            messageId,
            data: {
              rule: describeRule(spec),
              user: describeWitnessUser(connection),
              ip: connection.ip,
              coupledVerb: VERB[change.coupledAction],
              independentVerb: VERB[change.independentAction],
              coupledBy: describeDecider(change.coupledDecidingRule),
              independentBy: describeDecider(change.independentDecidingRule),
            },
            // Inside a one-string comma list, valid-schema's split comes first; the next pass adds REST.
            fix: ews.fromCommaList ? null : (fixer) => addRestBeside(sourceCode, fixer, rule, parameter, ews),
          });
        }
      }
    });
  },
});
