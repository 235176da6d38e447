/**
 * The plain, normalised form of one Client Access Rule: what `lib/analysis` consumes.
 *
 * No AST nodes and no ESLint here, so the analysis, the CLI and brute-force tests can build rule
 * specs by hand. The model (`read-rule-set.ts`) produces one for every rule it could read.
 */
import type { Action, AuthenticationType, Protocol, Scope } from "./vocabulary.ts";

/** An inclusive range of addresses of one family; IPv4 and IPv6 never mix. */
export interface IpRange {
  readonly family: 4 | 6;
  readonly first: bigint;
  readonly last: bigint;
}

/** An inclusive range of TCP port numbers. */
export interface PortRange {
  readonly first: number;
  readonly last: number;
}

/**
 * One rule's conditions and exceptions. A list that is `undefined` (or empty) is not set: no
 * condition in that dimension. Enum values are canonical, patterns and groups are lower-cased,
 * and the recipient filter is its normalised text (the analysis parses it into attribute constraints).
 */
export interface RuleSpec {
  /** Position of the rule in the file (0-based); breaks ties between equal priorities (later first). */
  readonly index: number;
  readonly name: string;
  /** `undefined` when the file gives no Priority: the rule then sorts after all numbered ones. */
  readonly priority: number | undefined;
  readonly action: Action;
  readonly enabled: boolean;
  readonly scope: Scope;
  readonly protocols?: readonly Protocol[];
  readonly exceptProtocols?: readonly Protocol[];
  readonly authenticationTypes?: readonly AuthenticationType[];
  readonly exceptAuthenticationTypes?: readonly AuthenticationType[];
  readonly clientIps?: readonly IpRange[];
  readonly exceptClientIps?: readonly IpRange[];
  readonly sourcePorts?: readonly PortRange[];
  readonly exceptSourcePorts?: readonly PortRange[];
  readonly usernamePatterns?: readonly string[];
  readonly exceptUsernamePatterns?: readonly string[];
  readonly groups?: readonly string[];
  readonly exceptGroups?: readonly string[];
  readonly recipientFilter?: string;
}

/**
 * Rules in evaluation order: ascending Priority; of rules with the same Priority the one later in
 * the file goes first, as after `New-ClientAccessRule` ran for each rule in file order (the later
 * one takes the priority and moves the earlier one down). Rules without a Priority come last, in
 * file order (as `New-ClientAccessRule` without `-Priority` appends).
 */
export function sortByEvaluationOrder<T extends Pick<RuleSpec, "priority" | "index">>(rules: readonly T[]): T[] {
  return [...rules].sort((a, b) => {
    const pa = a.priority ?? Number.POSITIVE_INFINITY;
    const pb = b.priority ?? Number.POSITIVE_INFINITY;
    if (pa !== pb) return pa < pb ? -1 : 1;
    return pa === Number.POSITIVE_INFINITY ? a.index - b.index : b.index - a.index;
  });
}

/** Each rule's position in `orderedRules` (evaluation order), by its index in the file; the first if an index repeats. */
export function positionsByIndex(orderedRules: readonly Pick<RuleSpec, "index">[]): Map<number, number> {
  const positions = new Map<number, number>();
  orderedRules.forEach((rule, position) => {
    if (!positions.has(rule.index)) positions.set(rule.index, position);
  });
  return positions;
}
