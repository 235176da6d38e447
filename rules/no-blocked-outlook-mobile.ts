import { type CheckContext, createRule } from "../lib/eslint/create-rule.ts";
import { describeRule, describeWitnessUser } from "../lib/views/describe.ts";
import {
  OUTLOOK_MOBILE,
  addRestException,
  ewsBlockDecidingRest,
  allowRestAboveSuggestion,
  namesProtocol,
} from "../lib/eslint/outlook-mobile.ts";
import { getAnalysis } from "../lib/eslint/rule-set-analysis.ts";
import { checkReportingUndecided } from "../lib/eslint/undecided.ts";
import { readableWitness } from "../lib/analysis/readable-witness.ts";

type MessageIds = "blocksOutlookMobile" | "addRestException" | "insertAllowRest";

export default createRule<MessageIds>({
  name: "no-blocked-outlook-mobile",
  meta: {
    type: "problem",
    docs: {
      description:
        "disallow deny rules that block Outlook for iOS and Android (REST with OAuth from Microsoft's service) without naming REST",
      recommended: "error",
    },
    hasSuggestions: true,
    schema: [],
    messages: {
      blocksOutlookMobile:
        "{{rule}} blocks Outlook for iOS and Android: the apps sync over REST with OAuth from Microsoft's service addresses, and this rule denies them, for example {{user}} connecting from {{ip}}. It never names REST, so this is likely unintended. Add REST to its ExceptAnyOfProtocols, or put an AllowAccess rule for REST above it.",
      addRestException: "Add REST to ExceptAnyOfProtocols of {{rule}}.",
      insertAllowRest: "Insert an AllowREST rule (AllowAccess, REST) {{where}}{{placement}}.",
    },
  },
  check(context) {
    checkReportingUndecided(context, checkFile);
  },
});

function checkFile({ ruleSet, settings, sourceCode, report }: CheckContext<MessageIds>): void {
  // Exchange Server applies Client Access Rules to EAC and remote PowerShell only: no REST.
  if (settings.target === "exchange-server") return;
  const analysis = getAnalysis(ruleSet, settings.restSemantics);
  for (const spec of ruleSet.specs) {
    if (!spec.enabled || spec.action !== "DenyAccess") continue;
    // Naming REST is a deliberate decision; an EWS block that takes REST has its own rule.
    if (namesProtocol(spec, "protocols", "REST")) continue;
    if (ewsBlockDecidingRest(spec, ruleSet, analysis, settings)) continue;
    const witness = readableWitness(analysis, spec, OUTLOOK_MOBILE);
    if (!witness) continue;
    const rule = ruleSet.ruleOf(spec);
    const data = { rule: describeRule(spec), user: describeWitnessUser(witness), ip: witness.ip };
    report({
      node: rule.nameNode ?? rule.node,
      messageId: "blocksOutlookMobile",
      data,
      suggest: [
        { messageId: "addRestException", data, fix: (fixer) => addRestException(sourceCode, fixer, rule) },
        ...[allowRestAboveSuggestion(sourceCode, ruleSet, analysis, rule, "insertAllowRest" as const, data)].filter((s) => s !== undefined),
      ],
    });
  }
}

