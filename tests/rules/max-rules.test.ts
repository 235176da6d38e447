import rule from "../../rules/max-rules.ts";
import { json, locate, runRuleTests } from "../rule-tester.ts";

function ruleFile(count: number, extra: string[] = []): string {
  const rules = Array.from(
    { length: count },
    (_, index) =>
      `  { "Name": "Rule ${index + 1}", "Action": "DenyAccess", "AnyOfProtocols": ["POP3"], "Priority": ${index + 1}, "Enabled": ${index % 2 === 0} }`,
  );
  return json("[", [...rules, ...extra].join(",\n"), "]");
}

const twentyOne = ruleFile(21);
const withAbsent = ruleFile(20, ['  { "Identity": "Retired", "Action": "DenyAccess", "Ensure": "Absent" }']);

runRuleTests("max-rules", rule, {
  valid: [
    ruleFile(20),
    // Ensure: "Absent" rules are being removed and do not count.
    withAbsent,
    { code: ruleFile(30), settings: { "client-access-rules": { maxRules: 30 } } },
  ],
  invalid: [
    {
      code: twentyOne,
      errors: [
        {
          message:
            "This file has 21 rules, more than the 20 Exchange accepts per organization by default (ClientAccessRulesLimit): New-ClientAccessRule fails from rule 21 on. Merge rules, or raise the `maxRules` setting if your organization's limit is higher.",
          ...locate(twentyOne, '"Rule 21"'),
        },
      ],
    },
    {
      code: ruleFile(4),
      settings: { "client-access-rules": { maxRules: 3 } },
      errors: [{ messageId: "tooManyRulesForSetting", data: { count: 4, max: 3 }, line: 5 }],
    },
  ],
});
