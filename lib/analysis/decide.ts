/**
 * The offline `Test-ClientAccessRule`: evaluates rules against one concrete connection. It is the
 * reference semantics the set-based analysis is checked against, so it stays deliberately plain.
 */
import type { IpRange, PortRange, RuleSpec } from "../model/rule-spec.ts";
import { sortByEvaluationOrder } from "../model/rule-spec.ts";
import { type FilterNode, evaluateRecipientFilter, parseRecipientFilter } from "../model/recipient-filter.ts";
import type { RestSemantics } from "../model/vocabulary.ts";
import type { Protocol } from "../model/vocabulary.ts";
import { type IpAddress, parseIpAddress } from "./ip-set.ts";
import type { Connection, Decision, DecideOptions, DecisionStep, FailedCondition } from "./types.ts";
import { matchesPattern } from "./wildcard.ts";

export function decide(rules: readonly RuleSpec[], connection: Connection, options: DecideOptions): Decision {
  return decideInOrder(sortByEvaluationOrder(rules), connection, options);
}

/** {@link decide} for rules already in evaluation order. */
export function decideInOrder(
  orderedRules: readonly RuleSpec[],
  connection: Connection,
  options: DecideOptions,
): Decision {
  const prepared = prepareConnection(connection);
  const trace: DecisionStep[] = [];
  const matchingRules: RuleSpec[] = [];
  let decidingRule: RuleSpec | undefined;
  for (const rule of orderedRules) {
    const failedCondition = firstFailedCondition(rule, prepared, options.restSemantics);
    if (!rule.enabled) {
      trace.push(
        failedCondition === undefined
          ? { rule, outcome: "disabled", wouldMatch: true }
          : { rule, outcome: "disabled", wouldMatch: false, failedCondition },
      );
      continue;
    }
    if (failedCondition !== undefined) {
      trace.push({ rule, outcome: "not-matched", failedCondition });
      continue;
    }
    trace.push({ rule, outcome: "matched" });
    matchingRules.push(rule);
    decidingRule ??= rule;
    if (!options.allMatches) break;
  }
  return decidingRule
    ? { decidingRule, action: decidingRule.action, trace, matchingRules }
    : { action: "AllowAccess", trace, matchingRules };
}

interface PreparedConnection {
  readonly connection: Connection;
  readonly address: IpAddress | undefined;
  readonly groups: ReadonlySet<string>;
}

function prepareConnection(connection: Connection): PreparedConnection {
  return {
    connection,
    address: parseIpAddress(connection.ip),
    groups: new Set((connection.user?.groups ?? []).map((group) => String(group).toLowerCase())),
  };
}

const parsedFilters = new Map<string, FilterNode | null>();

/**
 * Whether a user with these attributes satisfies a (normalised) recipient filter, by the model's
 * own evaluator; a filter that does not parse matches nobody.
 */
export function satisfiesRecipientFilter(filter: string, attributes: Connection["user"]["attributes"]): boolean {
  let ast = parsedFilters.get(filter);
  if (ast === undefined) {
    const parsed = parseRecipientFilter(filter);
    ast = parsed.ok ? parsed.ast : null;
    if (parsedFilters.size > 1000) parsedFilters.clear();
    parsedFilters.set(filter, ast);
  }
  return ast !== null && evaluateRecipientFilter(ast, attributes ?? {});
}

const isSet = <T>(list: readonly T[] | undefined): list is readonly T[] => list !== undefined && list.length > 0;

/** Whether a protocol list names the connection's protocol (ExchangeWebServices also names REST when coupled). */
export function protocolListMatches(list: readonly Protocol[], protocol: Protocol, restSemantics: RestSemantics): boolean {
  if (list.includes(protocol)) return true;
  return restSemantics === "coupled" && protocol === "REST" && list.includes("ExchangeWebServices");
}

function ipListMatches(list: readonly IpRange[], address: IpAddress | undefined): boolean {
  return address !== undefined && list.some((range) => range.family === address.family && range.first <= address.value && address.value <= range.last);
}

function portListMatches(list: readonly PortRange[], port: number): boolean {
  return list.some((range) => range.first <= port && port <= range.last);
}

function patternListMatches(list: readonly string[], name: string): boolean {
  return list.some((pattern) => matchesPattern(pattern, name));
}

/** The first condition of `rule` that the connection fails, in the order of {@link FailedCondition}. */
function firstFailedCondition(
  rule: RuleSpec,
  prepared: PreparedConnection,
  restSemantics: RestSemantics,
): FailedCondition | undefined {
  const { connection, address } = prepared;
  const name = typeof connection.user?.name === "string" ? connection.user.name : "";
  if (rule.scope === "Users" && connection.middleTier) return "scope";
  if (isSet(rule.protocols) && !protocolListMatches(rule.protocols, connection.protocol, restSemantics)) return "protocol";
  if (isSet(rule.exceptProtocols) && protocolListMatches(rule.exceptProtocols, connection.protocol, restSemantics)) {
    return "exceptProtocol";
  }
  if (isSet(rule.authenticationTypes) && !rule.authenticationTypes.includes(connection.authenticationType)) {
    return "authenticationType";
  }
  if (isSet(rule.exceptAuthenticationTypes) && rule.exceptAuthenticationTypes.includes(connection.authenticationType)) {
    return "exceptAuthenticationType";
  }
  if (isSet(rule.clientIps) && !ipListMatches(rule.clientIps, address)) return "clientIp";
  if (isSet(rule.exceptClientIps) && ipListMatches(rule.exceptClientIps, address)) return "exceptClientIp";
  if (isSet(rule.sourcePorts) && !portListMatches(rule.sourcePorts, connection.port)) return "sourcePort";
  if (isSet(rule.exceptSourcePorts) && portListMatches(rule.exceptSourcePorts, connection.port)) return "exceptSourcePort";
  if (isSet(rule.usernamePatterns) && !patternListMatches(rule.usernamePatterns, name)) return "username";
  if (isSet(rule.exceptUsernamePatterns) && patternListMatches(rule.exceptUsernamePatterns, name)) return "exceptUsername";
  if (isSet(rule.groups) && !rule.groups.some((group) => prepared.groups.has(group.toLowerCase()))) return "group";
  if (isSet(rule.exceptGroups) && rule.exceptGroups.some((group) => prepared.groups.has(group.toLowerCase()))) {
    return "exceptGroup";
  }
  if (rule.recipientFilter !== undefined && rule.recipientFilter !== "" && !satisfiesRecipientFilter(rule.recipientFilter, connection.user?.attributes)) {
    return "recipientFilter";
  }
  return undefined;
}
