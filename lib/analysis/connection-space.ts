/**
 * The universe of connections one rule set is analysed in: the domains of every dimension, the
 * username atoms of its patterns and the group / filter atoms, plus the translations rule → box,
 * query → box, box → witness connection and connection → membership.
 */
import type { RuleSpec } from "../model/rule-spec.ts";
import type { RestSemantics } from "../model/vocabulary.ts";
import { AUTHENTICATION_SUPPORT, AUTHENTICATION_TYPES, PROTOCOLS } from "../model/vocabulary.ts";
import type { AuthenticationType, Protocol } from "../model/vocabulary.ts";
import { AtomSet } from "./atom-set.ts";
import { type Box, type ScopeKind, makeBox } from "./box.ts";
import { EnumDomain } from "./enum-set.ts";
import { IntervalSet, numberDomain } from "./interval-set.ts";
import { IpSet, formatIpAddress, parseIpAddress } from "./ip-set.ts";
import { OpaqueAtoms, popCount } from "./opaque-atoms.ts";
import type { Connection, ConnectionQuery, UnsatisfiableDimension } from "./types.ts";
import { UsernameUniverse, matchesPattern, usernameUniverseFor, wellFormedMatch } from "./wildcard.ts";

export const protocolDomain = new EnumDomain<Protocol>(PROTOCOLS);
export const authenticationDomain = new EnumDomain<AuthenticationType>(AUTHENTICATION_TYPES);
export const scopeDomain = new EnumDomain<ScopeKind>(["end-user", "middle-tier"]);
export const portDomain = numberDomain(0, 65535);

/** A rule's box both ways: `over` ⊇ the connections it matches ⊇ `under` (the same box when exact). */
export interface RuleBoxes {
  readonly over: Box;
  readonly under: Box;
  /** The first dimension that leaves `over` empty, with why. */
  readonly unsatisfiable?: { dimension: UnsatisfiableDimension; explanation: string };
}

const isSet = <T>(list: readonly T[] | undefined): list is readonly T[] => list !== undefined && list.length > 0;

export class ConnectionSpace {
  readonly usernames: UsernameUniverse;
  readonly groups: OpaqueAtoms;
  readonly filters: OpaqueAtoms;
  /** False when a budget forced approximation: regions are then over-approximations. */
  readonly exact: boolean;

  constructor(
    rules: readonly RuleSpec[],
    readonly restSemantics: RestSemantics,
    extraUsernamePatterns: readonly string[] = [],
    maxUsernameStates?: number,
  ) {
    const patterns: string[] = [...extraUsernamePatterns];
    const groups: string[] = [];
    const filters: string[] = [];
    for (const rule of rules) {
      if (!rule.enabled) continue;
      patterns.push(...(rule.usernamePatterns ?? []), ...(rule.exceptUsernamePatterns ?? []));
      groups.push(...(rule.groups ?? []), ...(rule.exceptGroups ?? []));
      if (rule.recipientFilter) filters.push(rule.recipientFilter);
    }
    this.usernames = usernameUniverseFor(patterns, maxUsernameStates === undefined ? {} : { maxStates: maxUsernameStates });
    this.groups = new OpaqueAtoms(groups.map((group) => group.toLowerCase()));
    this.filters = new OpaqueAtoms(filters);
    this.exact = this.usernames.exact && this.groups.exact && this.filters.exact;
  }

  fullBox(): Box {
    return makeBox(
      protocolDomain.full(),
      authenticationDomain.full(),
      scopeDomain.full(),
      IntervalSet.full(portDomain),
      IpSet.FULL,
      AtomSet.full(this.usernames.atomCount),
      this.groups.full(),
      this.filters.full(),
    );
  }

  private protocolSet(list: readonly Protocol[]) {
    const coupled = this.restSemantics === "coupled" && list.includes("ExchangeWebServices");
    return protocolDomain.setOf(coupled ? [...list, "REST"] : list);
  }

  private patternAtoms(patterns: readonly string[]): AtomSet {
    const atoms: number[] = [];
    for (const pattern of patterns) atoms.push(...(this.usernames.atomsOf(pattern) ?? []));
    return AtomSet.of(this.usernames.atomCount, atoms);
  }

  ruleBoxes(rule: RuleSpec): RuleBoxes {
    const full = this.fullBox();
    const protocols = (isSet(rule.protocols) ? this.protocolSet(rule.protocols) : full.protocols).difference(
      isSet(rule.exceptProtocols) ? this.protocolSet(rule.exceptProtocols) : protocolDomain.empty(),
    );
    const authenticationTypes = (
      isSet(rule.authenticationTypes) ? authenticationDomain.setOf(rule.authenticationTypes) : full.authenticationTypes
    ).difference(authenticationDomain.setOf(rule.exceptAuthenticationTypes ?? []));
    const scopes = rule.scope === "Users" ? scopeDomain.setOf(["end-user"]) : full.scopes;
    const ips = (isSet(rule.clientIps) ? IpSet.fromRanges(rule.clientIps) : IpSet.FULL).difference(
      IpSet.fromRanges(rule.exceptClientIps ?? []),
    );
    const ports = (isSet(rule.sourcePorts) ? IntervalSet.fromRanges(portDomain, rule.sourcePorts) : full.ports).difference(
      IntervalSet.fromRanges(portDomain, rule.exceptSourcePorts ?? []),
    );

    const conditionPatterns = isSet(rule.usernamePatterns) ? this.patternAtoms(rule.usernamePatterns) : full.usernames;
    const hasUsernameException = isSet(rule.exceptUsernamePatterns);
    const exceptPatterns = this.patternAtoms(rule.exceptUsernamePatterns ?? []);
    let usernamesOver = conditionPatterns;
    let usernamesUnder = conditionPatterns;
    if (this.usernames.exact) {
      usernamesOver = usernamesUnder = conditionPatterns.difference(exceptPatterns);
    } else if (hasUsernameException) {
      // Pseudo-atoms overlap, so an exception's effect is unknown: assume none for the
      // over-approximation and that it removes everything for the under-approximation.
      usernamesUnder = AtomSet.empty(this.usernames.atomCount);
    }

    const groupCondition = isSet(rule.groups) ? rule.groups.map((group) => group.toLowerCase()) : undefined;
    const groupException = isSet(rule.exceptGroups) ? rule.exceptGroups.map((group) => group.toLowerCase()) : undefined;
    const filter = rule.recipientFilter ? rule.recipientFilter : undefined;
    let groupsOver = this.groups.full();
    let groupsUnder = groupsOver;
    if (this.groups.exact) {
      if (groupCondition) groupsOver = this.groups.anyOf(groupCondition);
      if (groupException) groupsOver = groupsOver.difference(this.groups.anyOf(groupException));
      groupsUnder = groupsOver;
    } else if (groupCondition || groupException) {
      groupsUnder = this.groups.empty();
    }
    let filtersOver = this.filters.full();
    let filtersUnder = filtersOver;
    if (filter !== undefined) {
      if (this.filters.exact) filtersOver = filtersUnder = this.filters.anyOf([filter]);
      else filtersUnder = this.filters.empty();
    }

    const over = makeBox(protocols, authenticationTypes, scopes, ports, ips, usernamesOver, groupsOver, filtersOver);
    const under =
      usernamesOver === usernamesUnder && groupsOver === groupsUnder && filtersOver === filtersUnder
        ? over
        : makeBox(protocols, authenticationTypes, scopes, ports, ips, usernamesUnder, groupsUnder, filtersUnder);
    const unsatisfiable = this.unsatisfiableReason(rule, over);
    return unsatisfiable ? { over, under, unsatisfiable } : { over, under };
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
    if (box.filters.isEmpty()) {
      return { dimension: "filter", explanation: "no user can satisfy UserRecipientFilter" };
    }
    return undefined;
  }

  /** The box of a query; exact for every dimension but usernames with unknown patterns (see ConnectionQuery). */
  queryBox(query: ConnectionQuery = {}): Box {
    const box: { -readonly [K in keyof Box]: Box[K] } = { ...this.fullBox() };
    if (query.protocols) box.protocols = protocolDomain.setOf(query.protocols);
    if (query.authenticationTypes) box.authenticationTypes = authenticationDomain.setOf(query.authenticationTypes);
    if (query.middleTier !== undefined) box.scopes = scopeDomain.setOf([query.middleTier ? "middle-tier" : "end-user"]);
    if (query.clientIps) box.ips = IpSet.fromRanges(query.clientIps);
    if (query.sourcePorts) box.ports = IntervalSet.fromRanges(portDomain, query.sourcePorts);
    if (query.usernamePatterns) {
      const atoms: number[] = [];
      for (const pattern of query.usernamePatterns) {
        const known = this.usernames.atomsOf(pattern);
        if (known) atoms.push(...known);
        else {
          this.usernames.atomWitnesses.forEach((witness, atom) => {
            if (matchesPattern(pattern, witness)) atoms.push(atom);
          });
        }
      }
      if (!this.usernames.exact && this.usernames.otherAtom !== undefined) atoms.push(this.usernames.otherAtom);
      box.usernames = AtomSet.of(this.usernames.atomCount, atoms);
    }
    if (query.groups) {
      box.groups = this.groups.exact
        ? this.groups.anyOf(query.groups.map((group) => group.toLowerCase()))
        : this.groups.full();
    }
    if (query.recipientFilter !== undefined) {
      box.filters = this.filters.exact ? this.filters.anyOf([query.recipientFilter]) : this.filters.full();
    }
    return makeBox(box.protocols, box.authenticationTypes, box.scopes, box.ports, box.ips, box.usernames, box.groups, box.filters);
  }

  /** Whether a concrete connection lies in a box (over-approximate when the space is not exact). */
  boxContains(box: Box, connection: Connection): boolean {
    if (!box.protocols.has(connection.protocol)) return false;
    if (!box.authenticationTypes.has(connection.authenticationType)) return false;
    if (!box.scopes.has(connection.middleTier ? "middle-tier" : "end-user")) return false;
    const address = parseIpAddress(connection.ip);
    if (!address || !box.ips.has(address)) return false;
    if (!Number.isInteger(connection.port) || !box.ports.has(connection.port)) return false;
    const name = connection.user?.name ?? "";
    if (this.usernames.exact) {
      const atom = this.usernames.atomOfName(name);
      if (atom === undefined || !box.usernames.has(atom)) return false;
    } else {
      const otherAtom = this.usernames.otherAtom;
      const viaPattern = this.usernames.patterns.some((pattern) =>
        (this.usernames.atomsOf(pattern) ?? []).some((atom) => box.usernames.has(atom) && matchesPattern(pattern, name)),
      );
      if (!viaPattern && !(otherAtom !== undefined && box.usernames.has(otherAtom))) return false;
    }
    const groups = (connection.user?.groups ?? []).map((group) => group.toLowerCase());
    if (!box.groups.has(this.groups.assignmentOf(groups))) return false;
    return box.filters.has(this.filters.assignmentOf(connection.user?.satisfiedFilters ?? []));
  }

  /**
   * A concrete connection in a non-empty box, chosen to be easy to replay: port 443 when
   * possible, an authentication type the protocol supports, an end user, a documentation address.
   * `variant` picks other usernames (for retrying when a first witness fails verification).
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
    let skipped = 0;
    const atom = box.usernames.pickMember(() => skipped++ >= variant);
    const groups = this.simplestAssignment(box.groups);
    const filters = this.simplestAssignment(box.filters);
    if (
      authenticationType === undefined ||
      scope === undefined ||
      address === undefined ||
      port === undefined ||
      atom === undefined ||
      groups === undefined ||
      filters === undefined
    ) {
      return undefined;
    }
    return {
      protocol,
      authenticationType,
      ip: formatIpAddress(address),
      port,
      user: {
        name: this.usernames.atomWitnesses[atom] ?? "x\\x",
        groups: this.groups.valuesOf(groups),
        satisfiedFilters: this.filters.valuesOf(filters),
      },
      middleTier: scope === "middle-tier",
    };
  }

  private simplestAssignment(set: AtomSet): number | undefined {
    let best: number | undefined;
    for (const assignment of set.members()) {
      if (best === undefined || popCount(assignment) < popCount(best)) best = assignment;
      if (best === 0) break;
    }
    return best;
  }
}
