import type { Rule } from "eslint";
import type { AST } from "jsonc-eslint-parser";
import { createRule, type CarSuggestion } from "../lib/eslint/create-rule.ts";
import { continueLine, removeProperty, replaceParameterName, replaceValue, splitCommaString } from "../lib/fix/index.ts";
import { type CarRule, type ModelIssue, type RuleProperty, powerShellOrigin } from "../lib/model/index.ts";
import { findIgnoredProperty, findParameter } from "../lib/model/vocabulary.ts";
import { powerShellFileArgument, undecodableCharacters } from "../lib/model/text-encoding.ts";
import { fileNameOf } from "../lib/eslint/json-parser.ts";


const LIST_PARAMETER_KINDS = new Set([
  "protocol-list",
  "authentication-list",
  "ip-list",
  "port-list",
  "pattern-list",
  "group-list",
]);

interface WrittenItem {
  readonly text: string;
  /** As written in the source (quotes, escapes, numbers kept). */
  readonly raw: string;
}

/** The items of a list value (`"a"`, `["a", 7]`, null or `[]`), or `undefined` when it holds anything else. */
function listItems(node: AST.JSONExpression): WrittenItem[] | undefined {
  const itemOf = (element: AST.JSONNode | null): WrittenItem | undefined =>
    element?.type === "JSONLiteral" && (typeof element.value === "string" || typeof element.value === "number")
      ? { text: String(element.value), raw: element.raw }
      : undefined;
  if (node.type === "JSONLiteral") {
    if (node.value === null || node.value === "") return [];
    const item = itemOf(node);
    return item ? [item] : undefined;
  }
  if (node.type !== "JSONArrayExpression") return undefined;
  const items = node.elements.map(itemOf);
  return items.every((item) => item !== undefined) ? (items as WrittenItem[]) : undefined;
}

type MessageIds =
  | "notAnObject"
  | "rulesNotAList"
  | "misplacedRules"
  | "powerShellArrayWrapper"
  | "duplicateRulesKey"
  | "unknownParameter"
  | "unknownParameterDidYouMean"
  | "cmdletParameter"
  | "duplicateParameter"
  | "wrongType"
  | "invalidEnum"
  | "invalidEnumDidYouMean"
  | "enumCase"
  | "paddedValue"
  | "enumAlias"
  | "numericEnum"
  | "commaList"
  | "commaInName"
  | "splitCommaList"
  | "missingName"
  | "missingAction"
  | "invalidPriority"
  | "invalidEnabled"
  | "psInvalidEnabled"
  | "invalidPort"
  | "renameKey"
  | "mergeKey"
  | "replaceValue"
  | "psUnknownParameter"
  | "psUnknownParameterDidYouMean"
  | "psAmbiguousParameter"
  | "psParameterPrefix"
  | "psWriteFullName"
  | "psMissingArgument"
  | "psExtraArgument"
  | "psBrokenContinuation"
  | "psContinueLine"
  | "psNotStatic"
  | "psPipelineInput"
  | "psUnknownTarget"
  | "psNotRunStatically"
  | "psFunctionBody"
  | "psNameTaken"
  | "undecodableFile"
  | "undecodableValue";

/** The message of each PowerShell reader issue (design.md shape 9: never a silent skip). */
const POWERSHELL_MESSAGES = {
  "unknown-parameter": "psUnknownParameter",
  "ambiguous-parameter": "psAmbiguousParameter",
  "parameter-prefix": "psParameterPrefix",
  "missing-argument": "psMissingArgument",
  "extra-argument": "psExtraArgument",
  "broken-continuation": "psBrokenContinuation",
  "not-static": "psNotStatic",
  "pipeline-input": "psPipelineInput",
  "unknown-target": "psUnknownTarget",
  "not-run-statically": "psNotRunStatically",
  "function-body": "psFunctionBody",
  "name-taken": "psNameTaken",
} as const satisfies Record<Extract<ModelIssue, { kind: "powershell" }>["code"], MessageIds>;

/** A rule a PowerShell script's cmdlets make (not a Microsoft365DSC block's, nor JSON's). */
function isScriptRule(rule: CarRule): boolean {
  const origin = powerShellOrigin(rule.node);
  return origin?.kind === "rule" && origin.rule.origin === "script";
}

function describeNode(node: AST.JSONNode): string {
  if (node.type === "JSONArrayExpression") return "a list";
  if (node.type === "JSONLiteral") {
    if (node.value === null) return "null";
    return `a ${typeof node.value}`;
  }
  if (node.type === "JSONUnaryExpression") return "a number";
  if (node.type === "JSONObjectExpression") return "an object";
  return "a value";
}

export default createRule<MessageIds>({
  name: "valid-schema",
  meta: {
    type: "problem",
    docs: {
      description:
        "require every rule to use known parameters with values of the right type and spelling",
      recommended: "error",
    },
    fixable: "code",
    hasSuggestions: true,
    schema: [],
    messages: {
      notAnObject:
        "This entry is {{kind}}, not a rule object: Exchange has nothing to create from it. Turn it into a rule with Name and Action, or remove it.",
      rulesNotAList:
        "\"rules\" holds {{kind}}, not a list of rule objects: no rule in this file is read or checked. Write \"rules\": [ … ].",
      misplacedRules:
        "This file holds Client Access Rule objects {{where}}, but rules are read from a top-level array, a \"rules\" list or one rule object (or an export form docs/inputs lists), so no rule in this file is read or checked. Move them to a top-level array or under \"rules\".",
      powerShellArrayWrapper:
        "This is how Windows PowerShell's ConvertTo-Json writes an array passed to it whole ({ \"value\": [ … ], \"Count\": n }): the rules under \"value\" are not read or checked. Keep only the array, or export with Get-ClientAccessRule | ConvertTo-Json -Depth 3 (the rules piped, not passed as one array).",
      duplicateRulesKey:
        "This file has a second \"rules\" key (line {{line}}): JSON parsers keep only the last one, so the rules under this key are never read or checked. Merge the two lists into one.",
      unknownParameter:
        "\"{{key}}\" is not a Client Access Rule parameter: New-ClientAccessRule would reject the rule. Remove it or use a documented parameter.",
      cmdletParameter:
        "\"{{key}}\" is a parameter of the cmdlet, not a property of the rule: Exchange never stores it with the rule. Remove it.",
      unknownParameterDidYouMean:
        "\"{{key}}\" is not a Client Access Rule parameter: New-ClientAccessRule would reject the rule. Did you mean \"{{suggestion}}\"?",
      duplicateParameter:
        "\"{{key}}\" sets {{parameter}} a second time (first on line {{line}}): which value applies is ambiguous. Keep one.",
      wrongType: "{{parameter}} must be {{expected}}: Exchange would reject this value.",
      invalidEnum:
        "\"{{value}}\" is not a valid {{parameter}} value, so Exchange would reject the rule. Use one of: {{allowed}}.",
      invalidEnumDidYouMean:
        "\"{{value}}\" is not a valid {{parameter}} value, so Exchange would reject the rule. Did you mean \"{{suggestion}}\"?",
      enumCase: "Write {{parameter}} value \"{{value}}\" as \"{{canonical}}\", the documented spelling.",
      paddedValue:
        "{{parameter}} value \"{{value}}\" has spaces around it; every check reads it as \"{{canonical}}\". Write it without them.",
      enumAlias:
        "\"{{value}}\" is not a documented {{parameter}} value: the cmdlet documents only AllowAccess and DenyAccess (Microsoft's own examples write \"Allow\", but whether Exchange accepts it is not documented). Write \"{{canonical}}\".",
      numericEnum:
        "{{parameter}} value {{value}} is a numeric enum (as Windows PowerShell's ConvertTo-Json writes it), read as \"{{canonical}}\" from the documented declaration order. Write the name instead.",
      commaList:
        "\"{{value}}\" holds a comma-separated list in one string; Exchange takes a quoted list as one value. Write each value as its own string.",
      commaInName:
        "\"{{value}}\" holds commas: Exchange takes it as one {{what}} (a name may contain a comma), not as {{count}} values. If you meant {{count}} values, write each as its own string.",
      splitCommaList: "Split into {{count}} values: {{items}}.",
      missingName: "This rule has no Name (or Identity): Exchange requires a unique name for every rule.",
      missingAction: "This rule has no Action: Exchange requires AllowAccess or DenyAccess.",
      invalidPriority:
        "Priority must be a non-negative integer: rules are evaluated in ascending Priority, so this rule's place is unknown.",
      invalidEnabled: "Enabled must be true or false.",
      psInvalidEnabled:
        "-Enabled takes $true or $false (or a number, 0 for $false): PowerShell refuses any other value, so this command changes no rule, and the rule it names is left out of the analysis.",
      invalidPort: "\"{{text}}\" is not a TCP port number or range between 1 and 65535.",
      renameKey: "Rename to \"{{suggestion}}\".",
      mergeKey:
        "Merge into the existing \"{{suggestion}}\": add {{values}} to its list and remove \"{{key}}\".",
      replaceValue: "Replace with \"{{suggestion}}\".",
      psUnknownParameter:
        "{{cmdlet}} has no parameter -{{written}}: PowerShell refuses the whole command, so it changes no rule. Remove it or use a documented parameter.",
      psUnknownParameterDidYouMean:
        "{{cmdlet}} has no parameter -{{written}}: PowerShell refuses the whole command, so it changes no rule. Did you mean -{{suggestion}}?",
      psAmbiguousParameter:
        "-{{written}} is ambiguous: it is the start of {{candidates}}, so PowerShell refuses the command and it changes no rule. Write the full parameter name.",
      psParameterPrefix:
        "-{{written}} abbreviates -{{parameter}}: PowerShell accepts a unique prefix, but a later parameter with the same start would make it ambiguous. Write -{{parameter}}.",
      psWriteFullName: "Write -{{parameter}}.",
      psMissingArgument:
        "{{cmdlet}} -{{parameter}} has no value: PowerShell would stop and prompt for it, so the plugin cannot tell what the command does; it is not applied. Give the value.",
      psExtraArgument:
        "{{cmdlet}} cannot bind this: {{detail}}. PowerShell refuses the command, so it changes no rule, and the rule it names is left out of the analysis.",
      psBrokenContinuation:
        "This backtick is followed by a space, so it does not continue the line: {{cmdlet}} ends here with the space as an argument no parameter takes, and PowerShell refuses it, so it changes no rule (and runs the next line as a command of its own, which fails). The rule it names is left out of the analysis. Remove the spaces after the backtick.",
      psContinueLine: "Remove the spaces after the backtick, so the next line continues the command.",
      psNotStatic:
        "{{what}} is {{why}}: its value is not statically known, so the plugin leaves the rule this command or block sets out of the analysis. Write the value here (or assign a literal to the variable earlier at the script's top level).",
      psPipelineInput:
        "{{cmdlet}} takes its rules from the pipeline: which rules it changes is not statically known, so it is not applied and the rules created before it ({{count}}) are left out of the analysis. Name the rule with -Identity.",
      psUnknownTarget:
        "{{cmdlet}} refers to \"{{name}}\", a rule this file does not create: the plugin runs the script on an empty organization, so this command changes nothing here. Create the rule in this file, or lint an export of the whole rule set.",
      psNotRunStatically:
        "{{cmdlet}} runs {{where}}: whether and how often it runs is not statically known, so it is not applied and the rule it touches is left out of the analysis. Move it to the script's top level.",
      psFunctionBody:
        "Function \"{{name}}\" runs Client Access Rule cmdlets ({{count}}): commands inside a function body are not simulated, so the rules they touch are not analysed. Move them to the script's top level.",
      psNameTaken:
        "A rule is already named \"{{name}}\": Exchange refuses to rename another rule to it, so this command changes nothing. Choose another name.",
      undecodableFile:
        "This file is not UTF-8: {{count}} of its characters, the first here, could not be read and show as \"\uFFFD\" (a file saved as ANSI, as Windows PowerShell 5.1's Set-Content writes by default, holds its é, ß and ü that way). No autofix is applied to it, since writing the file would put \"\uFFFD\" over the original characters. Save it as UTF-8: in Windows PowerShell 5.1, (Get-Content {{file}}) | Set-Content -Encoding UTF8 {{file}}",
      undecodableValue:
        "{{parameter}} value \"{{value}}\" holds a character that could not be read as UTF-8 (shown as \"\uFFFD\"): what it matches is unknown, so this rule is left out of the analysis. Save the file as UTF-8.",
    },
  },
  check({ ruleSet, report, sourceCode, filename }) {
    const reportIssue = (issue: ModelIssue, rule: CarRule | undefined): void => {
      switch (issue.kind) {
        case "not-an-object":
          report({ node: issue.node, messageId: "notAnObject", data: { kind: describeNode(issue.node) } });
          return;
        case "rules-not-a-list":
          report({ node: issue.node, messageId: "rulesNotAList", data: { kind: describeNode(issue.node) } });
          return;
        case "misplaced-rules":
          if (issue.powerShellArrayWrapper) report({ node: issue.node, messageId: "powerShellArrayWrapper" });
          else report({ node: issue.node, messageId: "misplacedRules", data: { where: issue.where } });
          return;
        case "duplicate-rules-key":
          report({ node: issue.node, messageId: "duplicateRulesKey", data: { line: issue.kept.loc.start.line } });
          return;
        case "unknown-parameter": {
          const [best] = issue.suggestions;
          const keyNode = issue.property.keyNode;
          if (issue.cmdletOnly) {
            report({ node: keyNode, messageId: "cmdletParameter", data: { key: issue.property.key } });
            return;
          }
          report({
            node: keyNode,
            messageId: best ? "unknownParameterDidYouMean" : "unknownParameter",
            data: { key: issue.property.key, suggestion: best ?? "" },
            suggest: issue.suggestions.flatMap((suggestion) => renameOrMerge(rule, issue.property, suggestion)),
          });
          return;
        }
        case "duplicate-parameter":
          report({
            node: issue.property.keyNode,
            messageId: "duplicateParameter",
            data: {
              key: issue.property.key,
              parameter: issue.parameter,
              line: issue.first.keyNode.loc.start.line,
            },
          });
          return;
        case "wrong-type":
          report({
            node: issue.node,
            messageId: "wrongType",
            data: { parameter: issue.parameter, expected: issue.expected },
          });
          return;
        case "invalid-enum": {
          const [best] = issue.suggestions;
          const node = issue.node;
          report({
            node,
            messageId: best ? "invalidEnumDidYouMean" : "invalidEnum",
            data: {
              value: issue.value,
              parameter: issue.parameter,
              allowed: issue.allowed.join(", "),
              suggestion: best ?? "",
            },
            // Inside a comma list the string holds other values too; the split fix comes first.
            suggest: issue.inCommaList
              ? []
              : issue.suggestions.map((suggestion) => ({
                  messageId: "replaceValue" as const,
                  data: { suggestion },
                  fix: (fixer) => replaceValue(fixer, node, suggestion),
                })),
          });
          return;
        }
        case "enum-case":
        case "enum-alias":
        case "padded-value": {
          const node = issue.node;
          report({
            node,
            messageId: issue.kind === "enum-case" ? "enumCase" : issue.kind === "enum-alias" ? "enumAlias" : "paddedValue",
            data: { value: issue.value, parameter: issue.parameter, canonical: issue.canonical },
            fix: (fixer) => replaceValue(fixer, node, issue.canonical),
          });
          return;
        }
        case "numeric-enum": {
          const node = issue.node;
          report({
            node,
            messageId: "numericEnum",
            data: { value: issue.value, parameter: issue.parameter, canonical: issue.canonical },
            // The integer mapping is inferred, not documented: the administrator confirms it.
            suggest: [
              {
                messageId: "replaceValue",
                data: { suggestion: issue.canonical },
                fix: (fixer) => replaceValue(fixer, node, issue.canonical),
              },
            ],
          });
          return;
        }
        case "comma-list": {
          const node = issue.node;
          const items = issue.items.map((item) => JSON.stringify(item)).join(", ");
          const split = (fixer: Rule.RuleFixer): Rule.Fix[] => splitCommaString(fixer, node, issue.items, issue.standalone);
          if (issue.readAsOneValue) {
            // A group or pattern may hold a comma: splitting changes who the rule matches.
            report({
              node,
              messageId: "commaInName",
              data: {
                value: node.value,
                what: issue.parameter.toLowerCase().includes("pattern") ? "username pattern" : "group name",
                count: issue.items.length,
              },
              suggest: [{ messageId: "splitCommaList", data: { count: issue.items.length, items }, fix: split }],
            });
            return;
          }
          report({
            node,
            messageId: "commaList",
            data: { value: node.value },
            fix: issue.items.length === 0 ? null : split,
          });
          return;
        }
        case "missing-name":
        case "missing-action": {
          // The opening brace, so the squiggle marks the rule without covering all of it.
          const brace = sourceCode.getFirstToken(issue.node as never);
          report({
            node: brace ?? issue.node,
            messageId: issue.kind === "missing-name" ? "missingName" : "missingAction",
          });
          return;
        }
        case "invalid-priority":
          report({ node: issue.node, messageId: "invalidPriority" });
          return;
        case "invalid-enabled":
          // In a script the value is a cmdlet argument, which PowerShell binds (or refuses) itself.
          report({ node: issue.node, messageId: rule && isScriptRule(rule) ? "psInvalidEnabled" : "invalidEnabled" });
          return;
        case "invalid-port":
          report({ node: issue.node, messageId: "invalidPort", data: { text: issue.text } });
          return;
        case "undecodable-value":
          report({ node: issue.node, messageId: "undecodableValue", data: { parameter: issue.parameter, value: issue.value } });
          return;
        case "invalid-ip":
        case "invalid-recipient-filter":
        case "rejected-authentication":
          // Reported by valid-ip-address, valid-recipient-filter and no-unsupported-condition.
          return;
        case "powershell": {
          const node = issue.node;
          const replacement = issue.replacement;
          const messageId =
            issue.code === "unknown-parameter" && issue.data["suggestion"] ? "psUnknownParameterDidYouMean" : POWERSHELL_MESSAGES[issue.code];
          report({
            node,
            messageId,
            data: issue.data,
            suggest: replacement
              ? [{ messageId: "psWriteFullName", data: { parameter: replacement.slice(1) }, fix: (fixer) => replaceParameterName(fixer, node, replacement) }]
              : issue.code === "broken-continuation"
                ? [{ messageId: "psContinueLine", fix: (fixer) => continueLine(sourceCode, fixer, node) }]
                : [],
          });
          return;
        }
      }
    };
    /**
     * Renaming a misspelt key to one the rule already has would make a duplicate key: a list
     * parameter gets "merge into" instead, anything else no suggestion for that name.
     */
    const renameOrMerge = (
      rule: CarRule | undefined,
      property: RuleProperty,
      suggestion: string,
    ): CarSuggestion<MessageIds>[] => {
      const keyNode = property.keyNode;
      const target = findParameter(suggestion) ?? { name: findIgnoredProperty(suggestion), kind: undefined };
      const existing = rule?.properties.find(
        (other) => other !== property && (other.parameter?.name ?? other.ignoredAs) === target.name,
      );
      if (!existing) {
        return [
          {
            messageId: "renameKey",
            data: { suggestion },
            fix: (fixer) => fixer.replaceTextRange(keyNode.range, JSON.stringify(suggestion)),
          },
        ];
      }
      const ours = listItems(property.valueNode);
      const theirs = listItems(existing.valueNode);
      if (!target.kind || !LIST_PARAMETER_KINDS.has(target.kind) || !ours || !theirs) return [];
      const added = ours.filter(
        (item) => !theirs.some((other) => other.text.trim().toLowerCase() === item.text.trim().toLowerCase()),
      );
      return [
        {
          messageId: "mergeKey",
          data: {
            suggestion: existing.key,
            key: property.key,
            values: added.length === 0 ? "nothing new" : added.map((item) => item.raw).join(", "),
          },
          fix: (fixer) => [
            ...(added.length === 0
              ? []
              : [fixer.replaceTextRange(existing.valueNode.range, `[${[...theirs, ...added].map((item) => item.raw).join(", ")}]`)]),
            ...removeProperty(sourceCode, fixer, property.node),
          ],
        },
      ];
    };
    const undecodable = undecodableCharacters(sourceCode.text);
    if (undecodable) {
      const start = sourceCode.getLocFromIndex(undecodable.first);
      report({
        node: { loc: { start, end: { line: start.line, column: start.column + 1 } } },
        messageId: "undecodableFile",
        data: { count: undecodable.count, file: powerShellFileArgument(fileNameOf(filename)) },
      });
    }
    for (const issue of ruleSet.issues) reportIssue(issue, undefined);
    for (const rule of ruleSet.rules) for (const issue of rule.issues) reportIssue(issue, rule);
  },
});
