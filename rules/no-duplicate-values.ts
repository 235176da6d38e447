import type { AST } from "jsonc-eslint-parser";
import { matchesPattern } from "../lib/analysis/index.ts";
import { createRule } from "../lib/eslint/create-rule.ts";
import { removeListItem } from "../lib/fix/index.ts";
import type { IpRange, ListItem, ListValue, PortRange } from "../lib/model/index.ts";
import { ipRangeContains, ipRangesEqual } from "../lib/model/ip-entry.ts";

type MessageIds = "repeated" | "contained";

/**
 * Every name `inner` matches is matched by `outer`: `outer` matches `inner` with each `*`
 * replaced by a symbol neither pattern contains (exact for `*`-only patterns; analysis-notes §7.2).
 */
function patternContains(outer: string, inner: string): boolean {
  const fresh = [..."\u0000\uffff\u0001"].find((symbol) => !outer.includes(symbol) && !inner.includes(symbol))!;
  return matchesPattern(outer, inner.replaceAll("*", fresh));
}

interface Comparison<T> {
  equal(a: T, b: T): boolean;
  /** `undefined` for lists whose values never contain one another (enums, groups, ports). */
  contains?: (outer: T, inner: T) => boolean;
}

const byText: Comparison<unknown> = { equal: (a, b) => a === b };
const portsEqual: Comparison<PortRange> = { equal: (a, b) => a.first === b.first && a.last === b.last };
const COMPARISONS: Readonly<Record<string, Comparison<never>>> = {
  "protocol-list": byText,
  "authentication-list": byText,
  "group-list": byText,
  "port-list": portsEqual,
  "ip-list": { equal: ipRangesEqual, contains: ipRangeContains } satisfies Comparison<IpRange>,
  "pattern-list": { equal: (a, b) => a === b, contains: patternContains } satisfies Comparison<string>,
};

interface Finding {
  readonly item: ListItem<unknown>;
  readonly messageId: MessageIds;
  readonly other: ListItem<unknown>;
}

/**
 * A repeat is reported on the later copy; a value inside a broader one on the narrower value.
 * Two values that contain each other (the same addresses written differently) count as a repeat.
 */
function findRedundantItems(list: ListValue<unknown>): Finding[] {
  const comparison = COMPARISONS[list.parameter.kind] as Comparison<unknown> | undefined;
  if (!comparison) return [];
  const items = list.items.filter((item) => item.value !== undefined);
  const findings: Finding[] = [];
  items.forEach((item, position) => {
    const earlier = items.slice(0, position);
    const repeatOf =
      earlier.find((other) => comparison.equal(other.value, item.value)) ??
      (comparison.contains
        ? earlier.find(
            (other) => comparison.contains!(other.value, item.value) && comparison.contains!(item.value, other.value),
          )
        : undefined);
    if (repeatOf) {
      findings.push({ item, messageId: "repeated", other: repeatOf });
      return;
    }
    const container = comparison.contains
      ? items.find(
          (other) =>
            other !== item && comparison.contains!(other.value, item.value) && !comparison.contains!(item.value, other.value),
        )
      : undefined;
    if (container) findings.push({ item, messageId: "contained", other: container });
  });
  return findings;
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
