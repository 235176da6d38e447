import rule from "../../rules/no-unsupported-condition.ts";
import { json, locate, runRuleTests } from "../rule-tester.ts";

const exchangeServer = { "client-access-rules": { target: "exchange-server" } };

const issue211 = json(
  '[{ "Name": "Block legacy", "Action": "DenyAccess", "AnyOfProtocols": ["POP3", "OutlookAnywhere"], "AnyOfAuthenticationTypes": ["BasicAuthentication", "AdfsAuthentication"] }]',
);
const noProtocol = json(
  '[{ "Name": "Allow_BasicAuth", "Action": "AllowAccess", "AnyOfAuthenticationTypes": ["BasicAuthentication"], "AnyOfClientIPAddressesOrRanges": ["192.0.2.0/24"] }]',
);
const exceptOnly = json(
  '[{ "Name": "test", "Action": "DenyAccess", "AnyOfProtocols": ["OutlookWebApp"], "ExceptAnyOfAuthenticationTypes": ["BasicAuthentication"] }]',
);
const universal = json(
  '[{ "Name": "Mail app", "Action": "DenyAccess", "AnyOfProtocols": ["UniversalOutlook"], "UsernameMatchesAnyOfPatterns": ["*\\\\jeff"] }]',
);
const reserved = json(
  '[{ "Name": "Groups", "Action": "DenyAccess", "UserIsMemberOf": ["Sales"], "AnyOfSourceTcpPortNumbers": ["443"] }]',
);
const serverProtocols = json(
  '[{ "Name": "Block OWA", "Action": "DenyAccess", "AnyOfProtocols": ["OutlookWebApp", "ExchangeAdminCenter"], "ExceptAnyOfProtocols": ["POP3"] }]',
);

runRuleTests("no-unsupported-condition", rule, {
  valid: [
    json('[{ "Name": "OWA basic", "Action": "AllowAccess", "AnyOfProtocols": ["OutlookWebApp"], "AnyOfAuthenticationTypes": ["BasicAuthentication", "AdfsAuthentication"] }]'),
    json('[{ "Name": "EAS", "Action": "DenyAccess", "AnyOfProtocols": ["ExchangeActiveSync"], "AnyOfAuthenticationTypes": ["BasicAuthentication"], "ExceptAnyOfAuthenticationTypes": ["CertificateBasedAuthentication"] }]'),
    json('[{ "Name": "RPS", "Action": "DenyAccess", "AnyOfProtocols": ["RemotePowerShell"], "AnyOfAuthenticationTypes": ["NonBasicAuthentication"] }]'),
    json('[{ "Name": "Users", "Action": "DenyAccess", "AnyOfProtocols": ["OutlookWebApp"], "UsernameMatchesAnyOfPatterns": ["contoso.com\\\\*"] }]'),
    {
      code: json('[{ "Name": "Block EAC", "Action": "DenyAccess", "AnyOfProtocols": ["ExchangeAdminCenter"], "ExceptAnyOfClientIPAddressesOrRanges": ["10.0.0.0/8"] }]'),
      settings: exchangeServer,
    },
    // Exchange Online accepts every documented protocol.
    serverProtocols,
    // An unreadable AnyOfProtocols is valid-schema's finding; "add AnyOfProtocols" would mislead.
    json('[{ "Name": "r", "Action": "DenyAccess", "AnyOfProtocols": ["ExchangeWebService"], "AnyOfAuthenticationTypes": ["BasicAuthentication"] }]'),
  ],
  invalid: [
    {
      // An AnyOfProtocols that is set but empty is no protocol condition.
      code: json('[{ "Name": "r", "Action": "AllowAccess", "AnyOfProtocols": [], "AnyOfAuthenticationTypes": "BasicAuthentication" }]'),
      errors: [{ messageId: "authenticationWithoutProtocol", data: { parameter: "AnyOfAuthenticationTypes" } }],
    },
    {
      code: issue211,
      errors: [
        {
          message:
            'AnyOfAuthenticationTypes lists authentication types these protocols do not support: POP3 with AdfsAuthentication, OutlookAnywhere with BasicAuthentication, OutlookAnywhere with AdfsAuthentication. The condition is not supported and will not match as written. Remove them, or split the rule by protocol.',
          ...locate(issue211, '["BasicAuthentication", "AdfsAuthentication"]'),
        },
      ],
    },
    {
      code: noProtocol,
      errors: [
        {
          message:
            "AnyOfAuthenticationTypes needs AnyOfProtocols: authentication-type conditions are only valid together with protocols that support them, so New-ClientAccessRule rejects this rule, and it is left out of the analysis. Add AnyOfProtocols.",
          ...locate(noProtocol, '["BasicAuthentication"]'),
        },
      ],
    },
    {
      code: exceptOnly,
      errors: [
        {
          message:
            "ExceptAnyOfAuthenticationTypes needs AnyOfAuthenticationTypes: New-ClientAccessRule rejects it alone, so the rule is left out of the analysis. Add AnyOfAuthenticationTypes, or drop the exception.",
          ...locate(exceptOnly, '"ExceptAnyOfAuthenticationTypes"'),
        },
      ],
    },
    {
      code: universal,
      errors: [
        {
          message:
            "UniversalOutlook (the Mail and Calendar app) was removed from Microsoft's Client Access Rules article as not supported (the cmdlet reference still lists it). Remove it; if it is the rule's only protocol, remove the rule, since a rule without AnyOfProtocols applies to every protocol.",
          ...locate(universal, '"UniversalOutlook"'),
        },
        {
          message:
            "UsernameMatchesAnyOfPatterns does not work with the UniversalOutlook protocol (cmdlet reference), so this part of the rule would not behave as written. Drop UniversalOutlook from this rule.",
          ...locate(universal, '"UsernameMatchesAnyOfPatterns"'),
        },
      ],
    },
    {
      code: reserved,
      errors: [
        {
          messageId: "reservedParameter",
          data: { parameter: "UserIsMemberOf" },
          ...locate(reserved, '"UserIsMemberOf"'),
        },
        {
          message:
            "AnyOfSourceTcpPortNumbers is reserved for internal Microsoft use. Remove it.",
          ...locate(reserved, '"AnyOfSourceTcpPortNumbers"'),
        },
      ],
    },
    {
      code: serverProtocols,
      settings: exchangeServer,
      errors: [
        {
          message:
            'Exchange Server 2019 and SE apply Client Access Rules only to ExchangeAdminCenter and RemotePowerShell, so OutlookWebApp here has no effect. Remove it (if it is the rule\'s only protocol, remove the rule: without AnyOfProtocols it would apply to every protocol, RemotePowerShell included), or set the `target` setting to "exchange-online" if these rules are for Exchange Online.',
          ...locate(serverProtocols, '"OutlookWebApp"'),
        },
        { messageId: "exchangeServerProtocol", data: { protocol: "POP3" }, ...locate(serverProtocols, '"POP3"') },
      ],
    },
  ],
});
