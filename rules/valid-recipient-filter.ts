import { createRule } from "../lib/eslint/create-rule.ts";
import { locationInString } from "../lib/eslint/string-location.ts";

export default createRule<"invalidFilter">({
  name: "valid-recipient-filter",
  meta: {
    type: "problem",
    docs: {
      description:
        "require UserRecipientFilter to be an OPATH filter over the properties and operators Client Access Rules support",
      recommended: "error",
    },
    schema: [],
    messages: {
      invalidFilter:
        "UserRecipientFilter: {{detail}} Exchange rejects a filter it cannot validate against the Client Access Rules recipient schema, so the rule is left out of the analysis.",
    },
  },
  check({ ruleSet, report, sourceCode }) {
    for (const rule of ruleSet.rules) {
      for (const issue of rule.issues) {
        if (issue.kind !== "invalid-recipient-filter") continue;
        for (const problem of issue.problems) {
          report({
            node: locationInString(sourceCode, issue.node, problem.start, problem.end),
            messageId: "invalidFilter",
            data: { detail: /[.?!]$/u.test(problem.message) ? problem.message : `${problem.message}.` },
          });
        }
      }
    }
  },
});
