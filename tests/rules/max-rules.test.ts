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
            "This file has 21 rules, more than 20, the default limit Exchange is known to apply per organization (ClientAccessRulesLimit; Microsoft does not document it): rule 21 and those after it may not be created. Merge rules, or raise the `maxRules` setting if your organization's limit is higher.",
          ...locate(twentyOne, '"Rule 21"'),
        },
      ],
    },
    {
      code: ruleFile(4),
      settings: { "client-access-rules": { maxRules: 3 } },
      errors: [
        {
          message:
            "This file has 4 rules, more than the 3 the `maxRules` setting allows (the default limit Exchange is known to apply per organization is 20, ClientAccessRulesLimit; Microsoft does not document it). Merge rules, or raise `maxRules` to your organization's limit.",
          line: 5,
        },
      ],
    },
  ],
});
