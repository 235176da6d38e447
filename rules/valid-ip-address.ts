import type { AST } from "jsonc-eslint-parser";
import { createRule } from "../lib/eslint/create-rule.ts";
import { locationInString } from "../lib/eslint/string-location.ts";

export default createRule<"invalidIp" | "undocumentedIp">({
  name: "valid-ip-address",
  meta: {
    type: "problem",
    docs: {
      description:
        "require client IP conditions to be IPv4 or IPv6 addresses, `a-b` ranges or CIDR blocks",
      recommended: "error",
    },
    schema: [],
    messages: {
      undocumentedIp:
        "Undocumented {{parameter}} entry: {{detail}}. Whether Exchange accepts it in a Client Access Rule is not documented, so the rule is left out of the analysis. Write a single address, an `a-b` range or a CIDR block.",
      invalidIp:
        "Invalid {{parameter}} entry: {{detail}}. New-ClientAccessRule would reject the rule, so it is left out of the analysis. Write a single address, an `a-b` range or a CIDR block.",
    },
  },
  check({ ruleSet, report, sourceCode }) {
    for (const rule of ruleSet.rules) {
      for (const issue of rule.issues) {
        if (issue.kind !== "invalid-ip") continue;
        let node: Parameters<typeof report>[0]["node"] = issue.node;
        // An entry of a one-string comma list: underline just that entry.
        if (issue.node.type === "JSONLiteral" && typeof issue.node.value === "string" && issue.node.value.trim() !== issue.text) {
          const start = issue.node.value.indexOf(issue.text);
          if (start >= 0) node = locationInString(sourceCode, issue.node as AST.JSONStringLiteral, start, start + issue.text.length);
        }
        report({
          node,
          messageId: issue.undocumented ? "undocumentedIp" : "invalidIp",
          data: { parameter: issue.parameter, detail: issue.message },
        });
      }
    }
  },
});
