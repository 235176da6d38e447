import { createRule } from "../lib/eslint/create-rule.ts";
import { locationInString } from "../lib/eslint/string-location.ts";
import { replaceValue } from "../lib/fix/index.ts";

export default createRule<"invalidFilter" | "mixedWithoutParentheses" | "addParentheses">({
  name: "valid-recipient-filter",
  meta: {
    type: "problem",
    docs: {
      description:
        "require UserRecipientFilter to be an OPATH filter over the properties and operators Client Access Rules support",
      recommended: "error",
    },
    schema: [],
    hasSuggestions: true,
    messages: {
      mixedWithoutParentheses:
        "UserRecipientFilter mixes -and and -or without parentheses. PowerShell gives them equal precedence and reads them left to right, so this part means {{parenthesized}}, not -and first. Add parentheses to say which you mean.",
      addParentheses: "Write it as {{parenthesized}} (what it means now).",
      invalidFilter:
        "UserRecipientFilter: {{detail}} Exchange rejects a filter it cannot validate against the Client Access Rules recipient schema, so the rule is left out of the analysis.",
    },
  },
  check({ ruleSet, report, sourceCode }) {
    for (const rule of ruleSet.rules) {
      for (const issue of rule.issues) {
        if (issue.kind === "mixed-recipient-filter") {
          const text = issue.node.value;
          const data = { parenthesized: issue.parenthesized };
          report({
            node: locationInString(sourceCode, issue.node, issue.start, issue.end),
            messageId: "mixedWithoutParentheses",
            data,
            suggest: [
              {
                messageId: "addParentheses",
                data,
                fix: (fixer) => replaceValue(fixer, issue.node, `${text.slice(0, issue.start)}${issue.parenthesized}${text.slice(issue.end)}`),
              },
            ],
          });
          continue;
        }
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
