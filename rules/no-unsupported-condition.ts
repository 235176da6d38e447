import { createRule } from "../lib/eslint/create-rule.ts";
import type { CarRule, ListValue } from "../lib/model/index.ts";
import {
  AUTHENTICATION_SUPPORT,
  EXCHANGE_SERVER_PROTOCOLS,
  PARAMETERS,
  type AuthenticationType,
  type Protocol,
} from "../lib/model/vocabulary.ts";

type MessageIds =
  | "unsupportedPairs"
  | "authenticationWithoutProtocol"
  | "exceptAuthenticationWithoutAuthentication"
  | "usernameWithUniversalOutlook"
  | "universalOutlook"
  | "reservedParameter"
  | "exchangeServerProtocol";

const AUTHENTICATION_PARAMETERS = ["AnyOfAuthenticationTypes", "ExceptAnyOfAuthenticationTypes"] as const;
const PROTOCOL_PARAMETERS = ["AnyOfProtocols", "ExceptAnyOfProtocols"] as const;
const USERNAME_PARAMETERS = ["UsernameMatchesAnyOfPatterns", "ExceptUsernameMatchesAnyOfPatterns"] as const;
const RESERVED_PARAMETERS = PARAMETERS.filter((parameter) => parameter.reserved).map((parameter) => parameter.name);

/** The model's finding that New-ClientAccessRule refuses the rule's authentication-type condition. */
function rejection(rule: CarRule, parameter: string, reason: "without-protocols" | "except-alone"): boolean {
  return rule.issues.some((issue) => issue.kind === "rejected-authentication" && issue.parameter === parameter && issue.reason === reason);
}

function readValues<T>(list: ListValue<T> | undefined): T[] {
  // Every rule's protocols are read: a loop, not flatMap's array per item.
  const values: T[] = [];
  if (list) for (const item of list.items) if (item.value !== undefined) values.push(item.value);
  return values;
}

function unsupportedPairs(protocols: readonly Protocol[], authenticationTypes: readonly AuthenticationType[]): string[] {
  const pairs: string[] = [];
  for (const protocol of protocols) {
    for (const authenticationType of authenticationTypes) {
      if (!AUTHENTICATION_SUPPORT[protocol].includes(authenticationType)) pairs.push(`${protocol} with ${authenticationType}`);
    }
  }
  return pairs;
}

export default createRule<MessageIds>({
  name: "no-unsupported-condition",
  meta: {
    type: "problem",
    docs: {
      description:
        "disallow conditions Exchange rejects or ignores: unsupported protocol and authentication pairs, reserved parameters, UniversalOutlook, and protocols Exchange Server does not filter",
      recommended: "error",
    },
    schema: [],
    messages: {
      unsupportedPairs:
        "{{parameter}} lists authentication types these protocols do not support: {{pairs}}. The condition is not supported and will not match as written. Remove them, or split the rule by protocol.",
      authenticationWithoutProtocol:
        "{{parameter}} needs AnyOfProtocols: authentication-type conditions are only valid together with protocols that support them, so New-ClientAccessRule rejects this rule, and it is left out of the analysis. Add AnyOfProtocols.",
      exceptAuthenticationWithoutAuthentication:
        "ExceptAnyOfAuthenticationTypes needs AnyOfAuthenticationTypes: New-ClientAccessRule rejects it alone, so the rule is left out of the analysis. Add AnyOfAuthenticationTypes, or drop the exception.",
      usernameWithUniversalOutlook:
        "{{parameter}} does not work with the UniversalOutlook protocol (cmdlet reference), so this part of the rule would not behave as written. Drop UniversalOutlook from this rule.",
      universalOutlook:
        "UniversalOutlook (the Mail and Calendar app) was removed from Microsoft's Client Access Rules article as not supported (the cmdlet reference still lists it). Remove it; if it is the rule's only protocol, remove the rule, since a rule without AnyOfProtocols applies to every protocol.",
      reservedParameter:
        "{{parameter}} is reserved for internal Microsoft use. Remove it.",
      exchangeServerProtocol:
        "Exchange Server 2019 and SE apply Client Access Rules only to ExchangeAdminCenter and RemotePowerShell, so {{protocol}} here has no effect. Remove it (if it is the rule's only protocol, remove the rule: without AnyOfProtocols it would apply to every protocol, RemotePowerShell included), or set the `target` setting to \"exchange-online\" if these rules are for Exchange Online.",
    },
  },
  check({ ruleSet, settings, report }) {
    const checkRule = (rule: CarRule): void => {
      const protocols = readValues(rule.list("AnyOfProtocols", "protocol-list"));

      for (const parameterName of AUTHENTICATION_PARAMETERS) {
        const list = rule.list(parameterName, "authentication-list");
        if (!list) continue;
        const valueNode = list.property.valueNode;
        if (rejection(rule, parameterName, "except-alone")) {
          report({ node: list.property.keyNode, messageId: "exceptAuthenticationWithoutAuthentication" });
        }
        if (rejection(rule, parameterName, "without-protocols")) {
          report({ node: valueNode, messageId: "authenticationWithoutProtocol", data: { parameter: parameterName } });
          continue;
        }
        if (protocols.length === 0) continue;
        const pairs = unsupportedPairs(protocols, readValues(list));
        if (pairs.length > 0) {
          report({ node: valueNode, messageId: "unsupportedPairs", data: { parameter: parameterName, pairs: pairs.join(", ") } });
        }
      }

      for (const parameterName of PROTOCOL_PARAMETERS) {
        const list = rule.list(parameterName, "protocol-list");
        for (const item of list?.items ?? []) {
          if (item.value === "UniversalOutlook") report({ node: item.node, messageId: "universalOutlook" });
          else if (
            settings.target === "exchange-server" &&
            item.value !== undefined &&
            !EXCHANGE_SERVER_PROTOCOLS.includes(item.value)
          ) {
            report({ node: item.node, messageId: "exchangeServerProtocol", data: { protocol: item.value } });
          }
        }
      }

      if (protocols.includes("UniversalOutlook")) {
        for (const parameterName of USERNAME_PARAMETERS) {
          const list = rule.lists.get(parameterName);
          if (list) report({ node: list.property.keyNode, messageId: "usernameWithUniversalOutlook", data: { parameter: parameterName } });
        }
      }

      for (const parameterName of RESERVED_PARAMETERS) {
        const list = rule.lists.get(parameterName);
        if (list) report({ node: list.property.keyNode, messageId: "reservedParameter", data: { parameter: parameterName } });
      }
    };
    for (const rule of ruleSet.rules) checkRule(rule);
  },
});
