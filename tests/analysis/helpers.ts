/** Builders shared by the analysis tests. */
import { parseIpAddress } from "../../lib/analysis/ip-set.ts";
import type { IpRange, RuleSpec } from "../../lib/model/rule-spec.ts";

type RuleFields = Omit<RuleSpec, "index" | "name" | "priority" | "action" | "enabled" | "scope">;

let nextIndex = 0;

/** A rule with defaults: enabled, Scope All, priority = index, DenyAccess. */
export function rule(
  fields: RuleFields & Partial<Pick<RuleSpec, "index" | "name" | "priority" | "action" | "enabled" | "scope">> = {},
): RuleSpec {
  const index = fields.index ?? nextIndex++;
  return {
    name: `rule ${index}`,
    priority: index,
    action: "DenyAccess",
    enabled: true,
    scope: "All",
    ...fields,
    index,
  };
}

/** Rules numbered 0… in file order (index and priority = position unless given). */
export function ruleSet(...specs: Array<Parameters<typeof rule>[0]>): RuleSpec[] {
  return specs.map((fields, position) => rule({ index: position, priority: position, name: `r${position}`, ...fields }));
}

/** `10.0.0.0/8`, `192.0.2.1`, `192.0.2.1-192.0.2.9`, `2001:db8::/32` as an IpRange. */
export function ip(text: string): IpRange {
  const dash = text.indexOf("-");
  if (dash >= 0) {
    const first = parseIpAddress(text.slice(0, dash)) ?? fail(text);
    const last = parseIpAddress(text.slice(dash + 1)) ?? fail(text);
    return { family: first.family, first: first.value, last: last.value };
  }
  const slash = text.indexOf("/");
  if (slash >= 0) {
    const address = parseIpAddress(text.slice(0, slash)) ?? fail(text);
    const bits = address.family === 4 ? 32n : 128n;
    const hostBits = bits - BigInt(text.slice(slash + 1));
    const size = 1n << hostBits;
    const first = (address.value / size) * size;
    return { family: address.family, first, last: first + size - 1n };
  }
  const address = parseIpAddress(text) ?? fail(text);
  return { family: address.family, first: address.value, last: address.value };
}

function fail(text: string): never {
  throw new Error(`bad address in test: ${text}`);
}

/**
 * The reference glob matcher of the oracles: a RegExp built from a test's own small patterns
 * (never user input), independent of the engine's linear-time matcher.
 */
export function globToRegExp(glob: string): RegExp {
  const body = glob
    .split("*")
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
    .join(".*");
  return new RegExp(`^${body}$`, "is");
}
