/**
 * The universe of connections one rule set is analysed in: the domains of every dimension (the
 * user dimensions grow a variable for each pattern, group and filter comparison they meet), plus
 * the translations rule → box, filter → attribute set, query → box, box → witness connection and
 * connection → membership. Every translation is exact.
 */
import type { RuleSpec } from "../model/rule-spec.ts";
import type { RestSemantics } from "../model/vocabulary.ts";
import { AUTHENTICATION_SUPPORT, AUTHENTICATION_TYPES, PROTOCOLS } from "../model/vocabulary.ts";
import type { AuthenticationType, Protocol } from "../model/vocabulary.ts";
import { type Box, type ScopeKind, makeBox } from "./box.ts";
import { EnumDomain } from "./enum-set.ts";
import { IntervalSet, numberDomain } from "./interval-set.ts";
import { IpSet, formatIpAddress, parseIpAddress } from "./ip-set.ts";
import {
  type Attributes,
  AttributeDimension,
  GroupDimension,
  type PredicateSet,
  type UndecidedQuestion,
  UsernameDimension,
} from "./predicate-set.ts";
import type { Connection, ConnectionQuery, Unsatisfiable } from "./types.ts";
import { wellFormedMatch } from "./wildcard.ts";

export const protocolDomain = new EnumDomain<Protocol>(PROTOCOLS);
export const authenticationDomain = new EnumDomain<AuthenticationType>(AUTHENTICATION_TYPES);
export const scopeDomain = new EnumDomain<ScopeKind>(["end-user", "middle-tier"]);
export const portDomain = numberDomain(0, 65535);

/** A rule's box: exactly the connections it matches. */
export interface RuleBoxes {
  readonly box: Box;
  /** The first dimension that leaves the box empty, with why. */
  readonly unsatisfiable?: Unsatisfiable;
}

const isSet = <T>(list: readonly T[] | undefined): list is readonly T[] => list !== undefined && list.length > 0;

/**
 * The values of two of the rules' lists (lower-case) in variable order: those that several rules
 * mention first, then the others, each group in reverse evaluation order (see the constructor).
 */
function variableOrder(
  rules: readonly RuleSpec[],
  first: (rule: RuleSpec) => readonly string[] | undefined,
  second: (rule: RuleSpec) => readonly string[] | undefined,
): string[] {
  const uses = new Map<string, number>();
  const lists: string[][] = [];
  for (const rule of rules) {
    const a = first(rule);
    const b = second(rule);
    if (!isSet(a) && !isSet(b)) continue;
    const values: string[] = [];
    for (const text of a ?? []) values.push(text.toLowerCase());
    for (const text of b ?? []) values.push(text.toLowerCase());
    // A rule counts once per value however often it lists it.
    if (values.length <= 16) {
      for (let position = 0; position < values.length; position++) {
        const value = values[position] as string;
        if (values.indexOf(value) === position) uses.set(value, (uses.get(value) ?? 0) + 1);
      }
    } else for (const value of new Set(values)) uses.set(value, (uses.get(value) ?? 0) + 1);
    lists.push(values);
  }
  const shared: string[] = [];
  const single: string[] = [];
  for (let position = lists.length - 1; position >= 0; position--) {
    for (const value of lists[position] as string[]) ((uses.get(value) as number) > 1 ? shared : single).push(value);
  }
  for (const value of single) shared.push(value);
  return shared;
}

export class ConnectionSpace {
  readonly usernames: UsernameDimension;
  readonly groups: GroupDimension;
  readonly attributes: AttributeDimension;

  constructor(
    rules: readonly RuleSpec[],
    readonly restSemantics: RestSemantics,
    options: { readonly maxSearchStates?: number; readonly sharedWith?: ConnectionSpace } = {},
  ) {
    // Spaces that share their user dimensions have comparable boxes.
    this.usernames = options.sharedWith?.usernames ?? new UsernameDimension(options.maxSearchStates);
    this.groups = options.sharedWith?.groups ?? new GroupDimension();
    this.attributes = options.sharedWith?.attributes ?? new AttributeDimension(options.maxSearchStates);
    // Variable order keeps the diagrams' operations cheap: patterns and groups several rules
    // share sit at the top, then the others in reverse evaluation order, so that cutting a rule
    // out of what earlier rules left adds nodes above their diagram instead of rebuilding it
    // (linear, not quadratic, in the number of per-user rules).
    const enabled = rules.filter((rule) => rule.enabled);
    for (const pattern of variableOrder(enabled, (rule) => rule.usernamePatterns, (rule) => rule.exceptUsernamePatterns)) {
      this.usernames.variableOf(pattern);
    }
    for (const group of variableOrder(enabled, (rule) => rule.groups, (rule) => rule.exceptGroups)) this.groups.variableOf(group);
  }

  /** Questions a dimension could not decide within its search bound (none in practice). */
  undecidedQuestions(): UndecidedQuestion[] {
    return [...this.usernames.undecided, ...this.attributes.undecided];
  }

  /**
   * Every connection. One box per space, made on first use: sets are immutable, and every rule's
   * box starts from its sets in the dimensions the rule leaves open.
   */
  fullBox(): Box {
    return (this.full ??= makeBox(
      protocolDomain.full(),
      authenticationDomain.full(),
      scopeDomain.full(),
      IntervalSet.full(portDomain),
      IpSet.FULL,
      this.usernames.full(),
      this.groups.full(),
      this.attributes.full(),
    ));
  }

  private full: Box | undefined;

  private protocolSet(list: readonly Protocol[]) {
    const coupled = this.restSemantics === "coupled" && list.includes("ExchangeWebServices");
    return protocolDomain.setOf(coupled ? [...list, "REST"] : list);
  }

  /** The attribute records a (normalised) recipient filter accepts; nobody's for a filter that does not parse. */
  filterSet(filter: string): PredicateSet<Attributes> {
    return this.attributes.set(this.attributes.filterNode(filter));
  }

  ruleBoxes(rule: RuleSpec): RuleBoxes {
    const full = this.fullBox();
    // An absent or empty except list takes nothing away: no set is built for it (most rules
    // have one or two conditions, and this runs for every rule of every file).
    let protocols = isSet(rule.protocols) ? this.protocolSet(rule.protocols) : full.protocols;
    if (isSet(rule.exceptProtocols)) protocols = protocols.difference(this.protocolSet(rule.exceptProtocols));
    let authenticationTypes = isSet(rule.authenticationTypes) ? authenticationDomain.setOf(rule.authenticationTypes) : full.authenticationTypes;
    if (isSet(rule.exceptAuthenticationTypes)) {
      authenticationTypes = authenticationTypes.difference(authenticationDomain.setOf(rule.exceptAuthenticationTypes));
    }
    const scopes = rule.scope === "Users" ? scopeDomain.setOf(["end-user"]) : full.scopes;
    let ips = isSet(rule.clientIps) ? IpSet.fromRanges(rule.clientIps) : full.ips;
    if (isSet(rule.exceptClientIps)) ips = ips.difference(IpSet.fromRanges(rule.exceptClientIps));
    let ports = isSet(rule.sourcePorts) ? IntervalSet.fromRanges(portDomain, rule.sourcePorts) : full.ports;
    if (isSet(rule.exceptSourcePorts)) ports = ports.difference(IntervalSet.fromRanges(portDomain, rule.exceptSourcePorts));
    let usernames = isSet(rule.usernamePatterns) ? this.usernames.anyOf(rule.usernamePatterns) : full.usernames;
    if (isSet(rule.exceptUsernamePatterns)) usernames = usernames.difference(this.usernames.anyOf(rule.exceptUsernamePatterns));
    let groups = isSet(rule.groups) ? this.groups.anyOf(rule.groups) : full.groups;
    if (isSet(rule.exceptGroups)) groups = groups.difference(this.groups.anyOf(rule.exceptGroups));
    const attributes = rule.recipientFilter ? this.filterSet(rule.recipientFilter) : full.attributes;
    const box = makeBox(protocols, authenticationTypes, scopes, ports, ips, usernames, groups, attributes);
    const unsatisfiable = this.unsatisfiableReason(rule, box);
    return unsatisfiable ? { box, unsatisfiable } : { box };
  }

  private unsatisfiableReason(rule: RuleSpec, box: Box): RuleBoxes["unsatisfiable"] {
    if (box.protocols.isEmpty()) {
      const coupled =
        this.restSemantics === "coupled" &&
        (rule.exceptProtocols ?? []).includes("ExchangeWebServices") &&
        !(rule.exceptProtocols ?? []).includes("REST") &&
        (rule.protocols ?? []).includes("REST");
      return {
        dimension: "protocol",
        explanation:
          "ExceptAnyOfProtocols exempts every protocol that AnyOfProtocols lists" +
          (coupled ? " (with coupled REST semantics, ExchangeWebServices in ExceptAnyOfProtocols also exempts REST)" : ""),
      };
    }
    if (box.authenticationTypes.isEmpty()) {
      return {
        dimension: "authenticationType",
        explanation: "ExceptAnyOfAuthenticationTypes exempts every authentication type that AnyOfAuthenticationTypes lists",
      };
    }
    if (box.ips.isEmpty()) {
      return {
        dimension: "ip",
        explanation: "ExceptAnyOfClientIPAddressesOrRanges exempts every address that AnyOfClientIPAddressesOrRanges lists",
      };
    }
    if (box.ports.isEmpty()) {
      return {
        dimension: "port",
        explanation: "ExceptAnyOfSourceTcpPortNumbers exempts every port that AnyOfSourceTcpPortNumbers lists",
      };
    }
    if (box.usernames.isEmpty()) {
      const patterns = rule.usernamePatterns ?? [];
      const noWellFormedMatch = patterns.length > 0 && patterns.every((pattern) => wellFormedMatch(pattern) === undefined);
      return {
        dimension: "username",
        explanation: noWellFormedMatch
          ? `no <Domain>\\<User> name matches ${patterns.length === 1 ? "the pattern" : "any of the patterns"} ${patterns.map((pattern) => `'${pattern}'`).join(", ")}`
          : "ExceptUsernameMatchesAnyOfPatterns exempts every user name that UsernameMatchesAnyOfPatterns matches",
      };
    }
    if (box.groups.isEmpty()) {
      return { dimension: "group", explanation: "ExceptUserIsMemberOf exempts every group that UserIsMemberOf lists" };
    }
    if (box.attributes.isEmpty()) {
      const properties = this.attributes.blame(box.attributes.node);
      return {
        dimension: "filter",
        explanation:
          properties.length === 0
            ? "UserRecipientFilter contradicts itself (no user can satisfy it)"
            : `UserRecipientFilter contradicts itself (no single value of ${properties.join(" or ")} satisfies its conditions on ${properties.length === 1 ? "it" : "them"})`,
        ...(properties.length > 0 ? { properties } : {}),
      };
    }
    return undefined;
  }

  /** The box of a query (exact in every dimension). */
  queryBox(query: ConnectionQuery = {}): Box {
    const full = this.fullBox();
    return makeBox(
      query.protocols ? protocolDomain.setOf(query.protocols) : full.protocols,
      query.authenticationTypes ? authenticationDomain.setOf(query.authenticationTypes) : full.authenticationTypes,
      query.middleTier !== undefined ? scopeDomain.setOf([query.middleTier ? "middle-tier" : "end-user"]) : full.scopes,
      query.sourcePorts ? IntervalSet.fromRanges(portDomain, query.sourcePorts) : full.ports,
      query.clientIps ? IpSet.fromRanges(query.clientIps) : full.ips,
      query.usernamePatterns ? this.usernames.anyOf(query.usernamePatterns) : full.usernames,
      query.groups ? this.groups.anyOf(query.groups) : full.groups,
      query.recipientFilter !== undefined ? this.filterSet(query.recipientFilter) : full.attributes,
    );
  }

  /** Whether a concrete connection lies in a box. */
  boxContains(box: Box, connection: Connection): boolean {
    if (!box.protocols.has(connection.protocol)) return false;
    if (!box.authenticationTypes.has(connection.authenticationType)) return false;
    if (!box.scopes.has(connection.middleTier ? "middle-tier" : "end-user")) return false;
    const address = parseIpAddress(connection.ip);
    if (!address || !box.ips.has(address)) return false;
    if (!Number.isInteger(connection.port) || !box.ports.has(connection.port)) return false;
    if (!box.usernames.has(connection.user?.name ?? "")) return false;
    if (!box.groups.has(connection.user?.groups ?? [])) return false;
    return box.attributes.has(connection.user?.attributes ?? {});
  }

  /**
   * A concrete connection in a non-empty box, chosen to be easy to replay: port 443 when
   * possible, an authentication type the protocol supports, an end user, a documentation address.
   * `variant` picks other user names (for retrying when a first witness fails verification).
   */
  witness(box: Box, variant = 0): Connection | undefined {
    const protocol = box.protocols.pickMember();
    if (protocol === undefined) return undefined;
    const authenticationType = box.authenticationTypes.pickMember([
      ...AUTHENTICATION_SUPPORT[protocol],
      "OAuthAuthentication",
      "BasicAuthentication",
    ]);
    const scope = box.scopes.pickMember(["end-user"]);
    const address = box.ips.pickMember();
    const port = box.ports.pickMember([443]);
    const name = box.usernames.witness(variant);
    const groups = box.groups.witness();
    const attributes = box.attributes.witness();
    if (
      authenticationType === undefined ||
      scope === undefined ||
      address === undefined ||
      port === undefined ||
      name === undefined ||
      groups === undefined ||
      attributes === undefined
    ) {
      return undefined;
    }
    return {
      protocol,
      authenticationType,
      ip: formatIpAddress(address),
      port,
      user: { name, groups: [...groups], attributes },
      middleTier: scope === "middle-tier",
    };
  }
}
