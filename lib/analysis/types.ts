/**
 * The public, plain-value types of the analysis: connections, queries, decisions, findings.
 */
import type { IpRange, PortRange, RuleSpec } from "../model/rule-spec.ts";
import type { RestSemantics } from "../model/vocabulary.ts";
import type { Action, AuthenticationType, Protocol } from "../model/vocabulary.ts";

export interface ConnectionUser {
  /** `<Domain>\<User>`; matched case-insensitively. */
  readonly name: string;
  /** Lower-case group names the user belongs to. */
  readonly groups?: readonly string[];
  /** The normalised recipient-filter texts the user satisfies. */
  readonly satisfiedFilters?: readonly string[];
}

/** One client connection, as `Test-ClientAccessRule` describes it. */
export interface Connection {
  readonly protocol: Protocol;
  readonly authenticationType: AuthenticationType;
  /** The client address as text (`192.0.2.1`, `2001:db8::1`). */
  readonly ip: string;
  readonly port: number;
  readonly user: ConnectionUser;
  /** A middle-tier application's connection (skipped by `Scope: "Users"` rules). */
  readonly middleTier: boolean;
}

/** A set of connections, described per dimension; an unspecified dimension means "any". */
export interface ConnectionQuery {
  readonly protocols?: readonly Protocol[];
  readonly authenticationTypes?: readonly AuthenticationType[];
  /** `true`: middle-tier connections only; `false`: end-user connections only. */
  readonly middleTier?: boolean;
  readonly clientIps?: readonly IpRange[];
  readonly sourcePorts?: readonly PortRange[];
  /**
   * Users whose name matches at least one pattern. Exact for patterns the analysis was built with
   * (those of the rules and `AnalyzeOptions.extraUsernamePatterns`); any other pattern is
   * approximated by the username atoms whose witness it matches.
   */
  readonly usernamePatterns?: readonly string[];
  /** Users who belong to at least one of these groups (lower-case). */
  readonly groups?: readonly string[];
  /** Users who satisfy this (normalised) recipient filter. */
  readonly recipientFilter?: string;
}

export interface AnalyzeOptions {
  readonly restSemantics: RestSemantics;
  /** Patterns to add to the username universe so that `space()` queries on them are exact. */
  readonly extraUsernamePatterns?: readonly string[];
  /** Product states of the username automaton before falling back to an approximation (default 100,000). */
  readonly maxUsernameStates?: number;
}

export interface DecideOptions {
  readonly restSemantics: RestSemantics;
  /** Keep evaluating after the first match (as `Test-ClientAccessRule` lists every matching rule). */
  readonly allMatches?: boolean;
}

export type FailedCondition =
  | "scope"
  | "protocol"
  | "exceptProtocol"
  | "authenticationType"
  | "exceptAuthenticationType"
  | "clientIp"
  | "exceptClientIp"
  | "sourcePort"
  | "exceptSourcePort"
  | "username"
  | "exceptUsername"
  | "group"
  | "exceptGroup"
  | "recipientFilter";

export interface DecisionStep {
  readonly rule: RuleSpec;
  readonly outcome: "matched" | "not-matched" | "disabled";
  /** For "not-matched" (and for "disabled" rules that would not match): the first failing test. */
  readonly failedCondition?: FailedCondition;
  /** For "disabled" rules: whether the rule would match if it were enabled. */
  readonly wouldMatch?: boolean;
}

export interface Decision {
  /** The first enabled rule that matches; undefined when none does (the default: AllowAccess). */
  readonly decidingRule?: RuleSpec;
  readonly action: Action;
  /**
   * Every rule in evaluation order up to the deciding rule (all rules with `allMatches` or when
   * nothing matches).
   */
  readonly trace: readonly DecisionStep[];
  /** Every enabled rule of the trace that matched, in evaluation order. */
  readonly matchingRules: readonly RuleSpec[];
}

export type UnsatisfiableDimension =
  | "protocol"
  | "authenticationType"
  | "ip"
  | "port"
  | "username"
  | "group"
  | "filter";

export interface Unsatisfiable {
  readonly dimension: UnsatisfiableDimension;
  readonly explanation: string;
}

export interface Shadowing {
  /** An irredundant set of earlier enabled rules that together match every connection the rule matches; evaluation order. */
  readonly coveringRules: readonly RuleSpec[];
  /** Whether a covering rule has an action other than the rule's own. */
  readonly differentAction: boolean;
}

export interface RuleAnalysis {
  readonly rule: RuleSpec;
  /** Whether the rule is evaluated at all (it is enabled). */
  readonly evaluated: boolean;
  /** Set when the rule's own conditions leave nothing to match. */
  readonly unsatisfiable?: Unsatisfiable;
  /** Whether some connection is decided by this rule (false for disabled and unsatisfiable rules). */
  readonly reachable: boolean;
  /** Set for an enabled, satisfiable rule that decides nothing because earlier rules match all it matches. */
  readonly shadowing?: Shadowing;
}
