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
  return `${describeWitnessUser(connection)} connecting from ${connection.ip}`;
}

/**
 * `contoso.com\ben`, or `contoso.com\ben (member of sales-team; Department 'sales')` when the
 * witness needs groups or directory attributes: without them a reader who replays the finding
 * with that user alone would not reproduce it. Values are shown as the analysis compares them
 * (lower case: names, groups and attributes compare case-insensitively). A middle-tier
 * connection says so, since `Scope: Users` rules skip it.
 */
export function describeWitnessUser(connection: Connection): string {
  const qualifiers: string[] = [];
  const groups = connection.user.groups ?? [];
  if (groups.length > 0) qualifiers.push(`member of ${groups.join(", ")}`);
  const attributes = Object.entries(connection.user.attributes ?? {}).filter(([, value]) => value !== "");
  if (attributes.length > 0) qualifiers.push(attributes.map(([name, value]) => `${name} '${value}'`).join(", "));
  if (connection.middleTier) qualifiers.push("as a middle-tier application");
  return qualifiers.length === 0 ? connection.user.name : `${connection.user.name} (${qualifiers.join("; ")})`;
}
