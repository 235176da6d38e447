/**
 * How messages name rules and connections: by Name and Priority, and as a replayable
 * Test-ClientAccessRule input.
 */
import type { Connection } from "../analysis/index.ts";
import type { RuleSpec } from "../model/index.ts";

/** `"Block EWS" (Priority 2)`, the way every message names a rule. */
export function describeRule(rule: Pick<RuleSpec, "name" | "priority">): string {
  const priority = rule.priority === undefined ? "no Priority" : `Priority ${rule.priority}`;
  return `"${rule.name}" (${priority})`;
}

/** `"A" (Priority 1) and "B" (Priority 2)`; three or more joined with commas. */
export function describeRules(rules: readonly Pick<RuleSpec, "name" | "priority">[]): string {
  const names = rules.map(describeRule);
  if (names.length <= 2) return names.join(" and ");
  return `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

/** `contoso.com\ben connecting from 192.0.2.1`: a user and an address to replay the finding with. */
export function describeWitness(connection: Connection): string {
  return `${connection.user.name} connecting from ${connection.ip}`;
}
