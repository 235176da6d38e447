import { type CheckContext, createRule } from "../lib/eslint/create-rule.ts";
import { describeRule, describeWitnessUser } from "../lib/views/describe.ts";
import type { RuleSpec } from "../lib/model/index.ts";
import { namesProtocol } from "../lib/eslint/outlook-mobile.ts";
import { describePlan, insertRuleFirst, planPriority, unusedRuleName } from "../lib/fix/rule-edits.ts";
import { getAnalysis } from "../lib/eslint/rule-set-analysis.ts";
import { checkReportingUndecided } from "../lib/eslint/undecided.ts";
import { readableWitness } from "../lib/analysis/readable-witness.ts";

type MessageIds = "locksEveryAdministratorOut" | "noSafetyRule" | "insertSafetyRule";

const REMOTE_POWERSHELL = { protocols: ["RemotePowerShell" as const] };

export default createRule<MessageIds>({
  name: "no-remote-powershell-lockout",
  meta: {
    type: "problem",
    docs: {
      description:
        "disallow deny rules that can block remote PowerShell, the only tool that can change Client Access Rules, unless an allow rule for it stands above them",
      recommended: "error",
    },
    hasSuggestions: true,
    schema: [],
    messages: {
      locksEveryAdministratorOut:
        "{{rule}} locks every administrator out: no remote PowerShell connection is allowed by this rule set (for example {{user}} from {{ip}} is denied here), and remote PowerShell is the only way to change Client Access Rules. Add an \"Always Allow Remote PowerShell\" rule first.",
      noSafetyRule:
        "{{rule}} denies some remote PowerShell connections (for example {{user}} from {{ip}}) and no AllowAccess rule for RemotePowerShell stands above it: one wrong edit to these rules can lock every administrator out of the only tool that undoes it. Add \"Always Allow Remote PowerShell\" as the first rule, as Microsoft recommends.",
      insertSafetyRule:
        "Insert \"{{name}}\" (AllowAccess, RemotePowerShell) as the first rule{{placement}}.",
    },
  },
  check(context) {
    checkReportingUndecided(context, checkFile);
  },
});

function checkFile({ ruleSet, settings, sourceCode, report }: CheckContext<MessageIds>): void {
  const analysis = getAnalysis(ruleSet, settings.restSemantics);
  const denyRules = ruleSet.specs.filter((spec) => spec.enabled && spec.action === "DenyAccess");
  if (denyRules.length === 0) return;

  // Everything after the first safety rule in evaluation order has one above it.
  const evaluationOrder = analysis.orderedRules;
  const firstSafetyRule = evaluationOrder.findIndex(
    (earlier) => earlier.enabled && earlier.action === "AllowAccess" && namesProtocol(earlier, "protocols", "RemotePowerShell"),
  );
  const positions = new Map<RuleSpec, number>();
  for (let position = 0; position < evaluationOrder.length; position++) positions.set(evaluationOrder[position]!, position);
  const hasSafetyRuleAbove = (spec: RuleSpec) => firstSafetyRule >= 0 && (positions.get(spec) ?? -1) > firstSafetyRule;
  // Emptiness is only ever claimed when proven, so this universal claim is too. Asked only when
  // a deny rule has a safety rule above it (the claim alone then decides whether it reports), so
  // a file with its safety rule first pays for no witness of a rule it will not report.
  let everyConnectionDenied: boolean | undefined;
  const isEveryConnectionDenied = () =>
    (everyConnectionDenied ??= analysis.decisionRegion("AllowAccess").intersect(analysis.space(REMOTE_POWERSHELL)).isEmpty());
  const blockers = denyRules.flatMap((spec) => {
    if (hasSafetyRuleAbove(spec) && !isEveryConnectionDenied()) return [];
    const witness = readableWitness(analysis, spec, REMOTE_POWERSHELL);
    return witness ? [{ spec, witness }] : [];
  });
  if (blockers.length === 0) return;

  const name = unusedRuleName(ruleSet, "Always Allow Remote PowerShell");
  const plan = planPriority(ruleSet, "first");
  for (const { spec, witness } of blockers) {
    const rule = ruleSet.ruleOf(spec);
    report({
      node: rule.nameNode ?? rule.node,
      messageId: isEveryConnectionDenied() ? "locksEveryAdministratorOut" : "noSafetyRule",
      data: { rule: describeRule(spec), user: describeWitnessUser(witness), ip: witness.ip },
      suggest: plan
        ? [
            {
              messageId: "insertSafetyRule",
              data: { name, placement: describePlan(plan) },
              fix: (fixer) =>
                insertRuleFirst(
                  sourceCode,
                  fixer,
                  ruleSet,
                  { name, action: "AllowAccess", parameters: { AnyOfProtocols: ["RemotePowerShell"] } },
                  plan,
                ),
            },
          ]
        : [],
    });
  }
}
