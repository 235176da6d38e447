import type { Rule } from "eslint";
import { getStaticJSONValue, type AST } from "jsonc-eslint-parser";
import { createRule } from "../lib/eslint/create-rule.ts";
import { describeRule } from "../lib/views/describe.ts";
import { removeListItem, removeProperty } from "../lib/fix/index.ts";
import type { CarRule, RuleSetModel, RuleSpec } from "../lib/model/index.ts";
import { addRestException, namesProtocol } from "../lib/eslint/outlook-mobile.ts";
import { describePlan, insertRuleObjectAfter, nameKey, planPriority, unusedRuleName, type PriorityPlan } from "../lib/fix/rule-edits.ts";
import type { RestSemantics } from "../lib/eslint/settings.ts";
import { READ_ONLY_EXPORT_PROPERTIES } from "../lib/model/vocabulary.ts";

type MessageIds = "ipConditionOnRest" | "removeIpCondition" | "splitRest";

const IP_PARAMETERS = ["AnyOfClientIPAddressesOrRanges", "ExceptAnyOfClientIPAddressesOrRanges"] as const;

/** REST reaches the rule: named in AnyOfProtocols, or (coupled) through ExchangeWebServices. */
function appliesToRest(spec: RuleSpec, semantics: RestSemantics): "REST" | "ExchangeWebServices" | undefined {
  const exempt =
    namesProtocol(spec, "exceptProtocols", "REST") ||
    (semantics === "coupled" && namesProtocol(spec, "exceptProtocols", "ExchangeWebServices"));
  if (exempt) return undefined;
  if (namesProtocol(spec, "protocols", "REST")) return "REST";
  if (semantics === "coupled" && namesProtocol(spec, "protocols", "ExchangeWebServices")) return "ExchangeWebServices";
  return undefined;
}

const DROPPED_FROM_COPY = new Set(
  [...IP_PARAMETERS, ...READ_ONLY_EXPORT_PROPERTIES, "Name", "Identity", "AnyOfProtocols", "Priority"].map((key) =>
    key.toLowerCase(),
  ),
);

/**
 * The REST half of a split: the rule's own conditions for REST alone, without IP conditions, as
 * a new rule right after it. The original keeps its other protocols and stops matching REST.
 */
function splitRestOut(
  sourceCode: Parameters<typeof removeProperty>[0],
  fixer: Rule.RuleFixer,
  ruleSet: RuleSetModel,
  rule: CarRule,
  semantics: RestSemantics,
  plan: PriorityPlan,
): Rule.Fix[] {
  const protocols = rule.list("AnyOfProtocols", "protocol-list")!;
  const restItem = protocols.items.find((item) => item.value === "REST");
  // The rule's values as JSON.parse would give them, the dropped ones (IP lists, often long) left
  // unread: each property as getStaticJSONValue(rule.node) assigns it, the last of equal keys winning.
  const original: Record<string, unknown> = {};
  for (const property of rule.node.properties) {
    const key = property.key.type === "JSONLiteral" ? `${property.key.value}` : property.key.name;
    if (!DROPPED_FROM_COPY.has(key.toLowerCase())) Object.assign(original, { [key]: getStaticJSONValue(property.value) });
  }
  const copy: Record<string, unknown> = { [nameKey(ruleSet)]: unusedRuleName(ruleSet, `${rule.name} (REST)`) };
  for (const [key, value] of Object.entries(original)) {
    if (key.toLowerCase() === "action") copy[key] = value;
  }
  copy["AnyOfProtocols"] = ["REST"];
  for (const [key, value] of Object.entries(original)) {
    if (!DROPPED_FROM_COPY.has(key.toLowerCase()) && key.toLowerCase() !== "action") copy[key] = value;
  }
  const keepsRestThroughEws = semantics === "coupled" && protocols.items.some((item) => item.value === "ExchangeWebServices");
  return [
    ...(restItem ? removeListItem(sourceCode, fixer, protocols.array!, restItem.node as AST.JSONExpression) : []),
    ...(keepsRestThroughEws ? addRestException(sourceCode, fixer, rule) : []),
    ...insertRuleObjectAfter(sourceCode, fixer, ruleSet, rule, copy, plan),
  ];
}

export default createRule<MessageIds>({
  name: "no-ip-condition-for-outlook-mobile",
  meta: {
    type: "problem",
    docs: {
      description:
        "disallow client IP conditions on rules that apply to REST: Outlook for iOS and Android connect from Microsoft's service, not the device",
      recommended: "error",
    },
    hasSuggestions: true,
    schema: [],
    messages: {
      ipConditionOnRest:
        "{{rule}} applies to REST{{via}} and uses {{parameter}}, but client IP conditions cannot manage Outlook for iOS and Android: their REST connections come from Microsoft's service, not from the device's address (KB 4013974). Drop the IP condition, or move REST into its own rule without one.",
      removeIpCondition: "Remove {{parameter}} from {{rule}}.",
      splitRest: "Split REST out of {{rule}} into its own rule without IP conditions{{placement}}.",
    },
  },
  check({ ruleSet, settings, sourceCode, report }) {
    // Exchange Server applies Client Access Rules to EAC and remote PowerShell only: no REST.
    if (settings.target === "exchange-server") return;
    for (const spec of ruleSet.specs) {
      if (!spec.enabled) continue;
      const reachedThrough = appliesToRest(spec, settings.restSemantics);
      if (!reachedThrough) continue;
      const rule = ruleSet.ruleOf(spec);
      // Most rules that apply to REST have no IP condition: no plan is made for them.
      if (!IP_PARAMETERS.some((parameter) => rule.lists.has(parameter))) continue;
      const protocols = rule.list("AnyOfProtocols", "protocol-list")!;
      const restItem = protocols.items.find((item) => item.value === "REST");
      const otherProtocols = protocols.items.filter((item) => item.value !== "REST");
      // Without other protocols the rule is REST only: splitting would leave a rule for every protocol.
      const splitPlan = planPriority(ruleSet, { after: rule });
      const canSplit =
        ruleSet.rulesArray !== undefined &&
        splitPlan !== undefined &&
        otherProtocols.length > 0 &&
        (!restItem || (protocols.array !== undefined && !restItem.fromCommaList));
      for (const parameter of IP_PARAMETERS) {
        if (!rule.lists.has(parameter)) continue;
        const property = rule.get(parameter)!;
        const data = {
          rule: describeRule(spec),
          parameter: property.key,
          via: reachedThrough === "REST" ? "" : " (through ExchangeWebServices, with coupled semantics)",
        };
        report({
          node: property.keyNode,
          messageId: "ipConditionOnRest",
          data,
          suggest: [
            { messageId: "removeIpCondition", data, fix: (fixer) => removeProperty(sourceCode, fixer, property.node) },
            ...(canSplit
              ? [
                  {
                    messageId: "splitRest" as const,
                    data: { ...data, placement: describePlan(splitPlan) },
                    fix: (fixer: Rule.RuleFixer) => splitRestOut(sourceCode, fixer, ruleSet, rule, settings.restSemantics, splitPlan),
                  },
                ]
              : []),
          ],
        });
      }
    }
  },
});
