import type { AST } from "jsonc-eslint-parser";
import { findRedundantValues, type ValueListKind } from "../lib/analysis/redundant-values.ts";
import { createRule } from "../lib/eslint/create-rule.ts";
import { removeListItem } from "../lib/fix/index.ts";
import type { ListItem, ListValue } from "../lib/model/index.ts";

type MessageIds = "repeated" | "contained";

const COMPARED_KINDS = new Set<string>([
  "protocol-list",
  "authentication-list",
  "group-list",
  "port-list",
  "ip-list",
  "pattern-list",
]);

interface Finding {
  readonly item: ListItem<unknown>;
  readonly messageId: MessageIds;
  readonly other: ListItem<unknown>;
}

/**
 * A repeat is reported on the later copy; a value inside a broader one on the narrower value.
 * Two values that contain each other (the same addresses written differently) count as a repeat.
 * Hashing and sorted sweeps keep this near-linear: lists of 100,000 values are real (exports).
 */
function findRedundantItems(list: ListValue<unknown>): Finding[] {
  const kind = list.parameter.kind;
  const items = list.items;
  // One value repeats nothing and lies inside nothing else of its list: most lists, no keys built.
  if (items.length < 2 || !COMPARED_KINDS.has(kind)) return [];
  return findRedundantValues(
    kind as ValueListKind,
    items.map((item) => item.value),
  ).map((redundant) => ({
    item: items[redundant.position]!,
    messageId: redundant.kind,
    other: items[redundant.other]!,
  }));
}

export default createRule<MessageIds>({
  name: "no-duplicate-values",
  meta: {
    type: "suggestion",
    docs: {
      description:
        "disallow list values that repeat another value of the same list or that a broader value of the list already covers",
      recommended: "warn",
    },
    fixable: "code",
    schema: [],
    messages: {
      repeated:
        '{{parameter}} lists "{{value}}" again (as "{{other}}" on line {{line}}): the repeat changes nothing. Remove it.',
      contained:
        '{{parameter}} value "{{value}}" is already covered by "{{other}}" in the same list, so it changes nothing. Remove it, or narrow "{{other}}" if that was the intent.',
    },
  },
  check({ ruleSet, report, sourceCode }) {
    for (const rule of ruleSet.rules) {
      for (const list of rule.lists.values()) {
        for (const finding of findRedundantItems(list)) {
          const { item, other } = finding;
          const array = list.array;
          // Items split out of one comma-list string share its node: valid-schema's split fix goes first.
          const removable = array !== undefined && !item.fromCommaList;
          report({
            node: item.node,
            messageId: finding.messageId,
            data: { parameter: list.property.key, value: item.text, other: other.text, line: other.node.loc.start.line },
            fix: removable
              ? (fixer) => removeListItem(sourceCode, fixer, array, item.node as AST.JSONExpression)
              : null,
          });
        }
      }
    }
  },
});
