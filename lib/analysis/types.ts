/**
 * The public, plain-value types of the analysis: connections, queries, decisions, findings.
 */
import type { IpRange, PortRange, RuleSpec } from "../model/rule-spec.ts";
import type { RestSemantics } from "../model/vocabulary.ts";
import type { Action, AuthenticationType, Protocol } from "../model/vocabulary.ts";

export interface ConnectionUser {
  /** `<Domain>\<User>`; matched case-insensitively. */
  readonly name: string;
  /** Group names the user belongs to (compared case-insensitively). */
  readonly groups?: readonly string[];
  /**
   * The user's directory attributes that recipient filters read (`{ Department: "Sales" }`);
   * names and values compare case-insensitively; a property left out (or "") is unset.
   */
  readonly attributes?: Readonly<Record<string, string>>;
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
  /** Users whose name matches at least one pattern (any pattern: exact). */
  readonly usernamePatterns?: readonly string[];
  /** Users who belong to at least one of these groups. */
  readonly groups?: readonly string[];
  /** Users whose attributes satisfy this recipient filter (a filter that does not parse: nobody). */
  readonly recipientFilter?: string;
}

export interface AnalyzeOptions {
  readonly restSemantics: RestSemantics;
  /**
   * Product states one string search may visit before its question counts as undecided
   * (default `MAX_SEARCH_STATES`; tests lower it to reach the bound).
   */
  readonly maxSearchStates?: number;
  /**
   * Covering-set work per rule set (default `MAX_COVER_WORK`): past it, unreachable rules get
   * `coverNotComputed` instead of `shadowing` (tests lower it to reach the bound; `diff`, which
   * shows no covering rules, sets it to 0).
   */
  readonly maxCoverWork?: number;
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
  /** For "filter": the attribute properties no single value satisfies. */
  readonly properties?: readonly string[];
}

/** A question the analysis could not decide within a resource bound (docs/performance.md). */
export interface UndecidedRule {
  /** The rule whose own analysis was left undecided; undefined for a question about the whole set. */
  readonly rule?: RuleSpec;
  /** Why, in words (which dimension, which patterns, which bound). */
  readonly why: string;
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
  /**
   * Set instead of `shadowing` for an enabled, satisfiable rule that decides nothing (the pass
   * proves that) when the rule set's covering-set budget (`maxCoverWork`) ran out before its
   * turn: which earlier rules cover it, and whether one of them has the other action, was not
   * computed.
   */
  readonly coverNotComputed?: true;
}
