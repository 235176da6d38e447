import rule from "../../rules/no-ip-condition-for-outlook-mobile.ts";
import { locate, rules, runRuleTests } from "../rule-tester.ts";

const independent = { "client-access-rules": { restSemantics: "independent" } };

const restWithIp = rules(
  '{ "Name": "Allow mobile from office", "Action": "AllowAccess", "AnyOfProtocols": ["REST", "ExchangeActiveSync"], "AnyOfClientIPAddressesOrRanges": ["192.0.2.0/24"], "Priority": 1 }',
  '{ "Name": "Block mobile", "Action": "DenyAccess", "AnyOfProtocols": ["REST", "ExchangeActiveSync"], "Priority": 2 }',
);
const ewsWithIp = rules(
  '{ "Name": "Block EWS from outside", "Action": "DenyAccess", "AnyOfProtocols": ["ExchangeWebServices", "OutlookWebApp"], "ExceptAnyOfClientIPAddressesOrRanges": ["10.0.0.0/8"], "Priority": 1 }',
);

runRuleTests("no-ip-condition-for-outlook-mobile", rule, {
  valid: [
    { code: restWithIp, settings: { "client-access-rules": { target: "exchange-server" } } },
    rules('{ "Name": "Allow OWA from office", "Action": "AllowAccess", "AnyOfProtocols": ["OutlookWebApp"], "AnyOfClientIPAddressesOrRanges": ["192.0.2.0/24"] }'),
    rules('{ "Name": "Block REST users", "Action": "DenyAccess", "AnyOfProtocols": ["REST"], "UsernameMatchesAnyOfPatterns": ["contoso.com\\\\ext-*"] }'),
    // REST exempted: the IP condition only concerns the other protocols.
    rules('{ "Name": "Block EWS", "Action": "DenyAccess", "AnyOfProtocols": ["ExchangeWebServices"], "ExceptAnyOfProtocols": ["REST"], "ExceptAnyOfClientIPAddressesOrRanges": ["10.0.0.0/8"] }'),
    // No protocol condition: the rule does not name REST (no-blocked-outlook-mobile covers catch-alls).
    rules('{ "Name": "Allow office", "Action": "AllowAccess", "AnyOfClientIPAddressesOrRanges": ["192.0.2.0/24"] }'),
    // Independent semantics: EWS no longer carries REST.
    { code: ewsWithIp, settings: independent },
    rules('{ "Name": "Allow mobile", "Action": "AllowAccess", "AnyOfProtocols": ["REST"], "AnyOfClientIPAddressesOrRanges": ["192.0.2.0/24"], "Enabled": false }'),
  ],
  invalid: [
    {
      code: restWithIp,
      errors: [
        {
          message:
            "\"Allow mobile from office\" (Priority 1) applies to REST and uses AnyOfClientIPAddressesOrRanges, but client IP conditions cannot manage Outlook for iOS and Android: their REST connections come from Microsoft's service, not from the device's address (KB 4013974). Drop the IP condition, or move REST into its own rule without one.",
          ...locate(restWithIp, '"AnyOfClientIPAddressesOrRanges"'),
          suggestions: [
            {
              desc: 'Remove AnyOfClientIPAddressesOrRanges from "Allow mobile from office" (Priority 1).',
              output: restWithIp.replace(', "AnyOfClientIPAddressesOrRanges": ["192.0.2.0/24"]', ""),
            },
            {
              desc: 'Split REST out of "Allow mobile from office" (Priority 1) into its own rule without IP conditions, as Priority 2; renumbers Priority 2 to 3.',
              output: rules(
                '{ "Name": "Allow mobile from office", "Action": "AllowAccess", "AnyOfProtocols": ["ExchangeActiveSync"], "AnyOfClientIPAddressesOrRanges": ["192.0.2.0/24"], "Priority": 1 }',
                '{\n    "Name": "Allow mobile from office (REST)",\n    "Action": "AllowAccess",\n    "AnyOfProtocols": [\n      "REST"\n    ],\n    "Priority": 2\n  }',
                '{ "Name": "Block mobile", "Action": "DenyAccess", "AnyOfProtocols": ["REST", "ExchangeActiveSync"], "Priority": 3 }',
              ),
            },
          ],
        },
      ],
    },
    {
      // Coupled: ExchangeWebServices carries REST; the split exempts REST from the original.
      code: ewsWithIp,
      errors: [
        {
          messageId: "ipConditionOnRest",
          data: {
            rule: '"Block EWS from outside" (Priority 1)',
            parameter: "ExceptAnyOfClientIPAddressesOrRanges",
            via: " (through ExchangeWebServices, with coupled semantics)",
          },
          ...locate(ewsWithIp, '"ExceptAnyOfClientIPAddressesOrRanges"'),
          suggestions: [
            { messageId: "removeIpCondition", output: ewsWithIp.replace(', "ExceptAnyOfClientIPAddressesOrRanges": ["10.0.0.0/8"]', "") },
            {
              messageId: "splitRest",
              output: rules(
                '{ "Name": "Block EWS from outside", "Action": "DenyAccess", "AnyOfProtocols": ["ExchangeWebServices", "OutlookWebApp"], "ExceptAnyOfClientIPAddressesOrRanges": ["10.0.0.0/8"], "Priority": 1, "ExceptAnyOfProtocols": ["REST"] }',
                '{\n    "Name": "Block EWS from outside (REST)",\n    "Action": "DenyAccess",\n    "AnyOfProtocols": [\n      "REST"\n    ],\n    "Priority": 2\n  }',
              ),
            },
          ],
        },
      ],
    },
    {
      // REST alone: splitting would leave nothing; only dropping the condition is offered.
      code: rules('{ "Name": "Allow mobile", "Action": "AllowAccess", "AnyOfProtocols": "REST", "AnyOfClientIPAddressesOrRanges": "192.0.2.0/24", "ExceptAnyOfClientIPAddressesOrRanges": "192.0.2.7" }'),
      errors: [
        {
          messageId: "ipConditionOnRest",
          data: { rule: '"Allow mobile" (no Priority)', parameter: "AnyOfClientIPAddressesOrRanges", via: "" },
          suggestions: 1,
        },
        {
          messageId: "ipConditionOnRest",
          data: { rule: '"Allow mobile" (no Priority)', parameter: "ExceptAnyOfClientIPAddressesOrRanges", via: "" },
          suggestions: 1,
        },
      ],
    },
  ],
});
