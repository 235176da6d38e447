import type { AST } from "jsonc-eslint-parser";
import { type CheckContext, createRule } from "../lib/eslint/create-rule.ts";
import { describeRule, describeWitness } from "../lib/views/describe.ts";
import { removeListItem } from "../lib/fix/index.ts";
import {
  addRestException,
  allowRestAboveSuggestion,
  denierAfterRestException,
  ewsBlockDecidingRest,
} from "../lib/eslint/outlook-mobile.ts";
import { getAnalysis } from "../lib/eslint/rule-set-analysis.ts";
import { checkReportingUndecided } from "../lib/eslint/undecided.ts";

type MessageIds = "ewsBlocksRest" | "ewsBlocksRestStillDenied" | "moveRestToException" | "insertAllowRest";

export default createRule<MessageIds>({
  name: "no-ews-block-without-rest-exception",
  meta: {
    type: "problem",
    docs: {
      description:
        "disallow blocking ExchangeWebServices without a REST exception while EWS conditions also match REST (it cuts off Outlook for iOS and Android)",
      recommended: "error",
    },
    fixable: "code",
    hasSuggestions: true,
    schema: [],
    messages: {
      ewsBlocksRest:
        "{{rule}} blocks ExchangeWebServices, and while EWS conditions also match REST (coupled semantics) it blocks REST too: Outlook for iOS and Android sync over REST, so phones lose mail ({{witness}} over REST is denied). Add REST to ExceptAnyOfProtocols, or put an AllowAccess rule for REST above it (KB 4013974).",
      ewsBlocksRestStillDenied:
        "{{rule}} blocks ExchangeWebServices, and while EWS conditions also match REST (coupled semantics) it blocks REST too: Outlook for iOS and Android sync over REST, so phones lose mail ({{witness}} over REST is denied). Adding REST to its ExceptAnyOfProtocols (the autofix) is not enough: {{denier}} would still deny that connection. Put an AllowAccess rule for REST above {{rule}} (KB 4013974), or change {{denier}} too.",
      moveRestToException:
        "Move REST from AnyOfProtocols to ExceptAnyOfProtocols, so the rule blocks EWS but not REST.",
      insertAllowRest: "Insert an AllowREST rule (AllowAccess, REST) {{where}}{{placement}}.",
    },
  },
  check(context) {
    checkReportingUndecided(context, checkFile);
  },
});

function checkFile({ ruleSet, settings, sourceCode, report }: CheckContext<MessageIds>): void {
  // Exchange Server applies Client Access Rules to EAC and remote PowerShell only: no EWS or REST.
  if (settings.restSemantics !== "coupled" || settings.target === "exchange-server") return;
  const analysis = getAnalysis(ruleSet, settings.restSemantics);
  for (const spec of ruleSet.specs) {
    const witness = ewsBlockDecidingRest(spec, ruleSet, analysis, settings);
    if (!witness) continue;
    const rule = ruleSet.ruleOf(spec);
    const protocols = rule.list("AnyOfProtocols", "protocol-list")!;
    const ews = protocols.items.find((item) => item.value === "ExchangeWebServices")!;
    const explicitRest = protocols.items.find((item) => item.value === "REST");
    // An explicit REST block may be what the administrator meant: moving it is their call.
    const canMoveRest = explicitRest !== undefined && protocols.array !== undefined && !explicitRest.fromCommaList;
    // The autofix must not promise more than it does: the witness is replayed on the fixed set.
    const denier = explicitRest ? undefined : denierAfterRestException(ruleSet.specs, spec, witness, settings);
    const allowRestAbove = [
      allowRestAboveSuggestion(sourceCode, ruleSet, analysis, rule, "insertAllowRest" as const, { rule: describeRule(spec) }),
    ].filter((suggestion) => suggestion !== undefined);
    report({
      node: ews.node,
      messageId: denier ? "ewsBlocksRestStillDenied" : "ewsBlocksRest",
      data: { rule: describeRule(spec), witness: describeWitness(witness), denier: denier ? describeRule(denier) : "" },
      fix: explicitRest ? null : (fixer) => addRestException(sourceCode, fixer, rule),
      suggest: [
        // Where the autofix is not enough, the remedy that is comes first.
        ...(denier ? allowRestAbove : []),
        ...(canMoveRest
          ? [
              {
                messageId: "moveRestToException" as const,
                fix: (fixer: Parameters<typeof addRestException>[1]) => [
                  ...removeListItem(sourceCode, fixer, protocols.array!, explicitRest.node as AST.JSONExpression),
                  ...addRestException(sourceCode, fixer, rule),
                ],
              },
            ]
          : []),
        ...(denier ? [] : allowRestAbove),
      ],
    });
  }
}

