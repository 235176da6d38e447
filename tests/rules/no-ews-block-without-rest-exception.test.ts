import rule from "../../rules/no-ews-block-without-rest-exception.ts";
import { locate, rules, runRuleTests } from "../rule-tester.ts";

const independent = { "client-access-rules": { restSemantics: "independent" } };
const allowRps = '{ "Name": "Always Allow Remote PowerShell", "Action": "AllowAccess", "AnyOfProtocols": ["RemotePowerShell"], "Priority": 1 }';

const blockEws = rules(allowRps, '{ "Name": "blockEWS", "Action": "DenyAccess", "AnyOfProtocols": ["ExchangeWebServices"], "Priority": 2 }');
const withException = rules(
  allowRps,
  '{ "Name": "blockEWS", "Action": "DenyAccess", "AnyOfProtocols": ["ExchangeWebServices"], "Priority": 2, "ExceptAnyOfProtocols": ["REST"] }',
);
/** The AllowREST rule the option-1 suggestion inserts, in the file's two-space style. */
function allowRest(priority: number): string {
  return [
    "{",
    '    "Name": "AllowREST",',
    '    "Action": "AllowAccess",',
    '    "AnyOfProtocols": [',
    '      "REST"',
    "    ],",
    `    "Priority": ${priority},`,
    '    "Enabled": true',
    "  }",
  ].join("\n");
}
// The remote PowerShell rule decides no REST connection, so above it would be the same as directly
// above blockEWS; but the file numbers from 1 (Priority 0 would put the rule last, car-reference.md
// §2.2), so directly above blockEWS renumbers fewest: only blockEWS moves down.
const withAllowRest = rules(
  allowRps,
  allowRest(2),
  '{ "Name": "blockEWS", "Action": "DenyAccess", "AnyOfProtocols": ["ExchangeWebServices"], "Priority": 3 }',
);
// With room above the remote PowerShell rule, that equivalent place is used: nothing is renumbered.
const allowRpsSecond = allowRps.replace('"Priority": 1', '"Priority": 2');
const blockEwsWithRoomAbove = rules(
  allowRpsSecond,
  '{ "Name": "blockEWS", "Action": "DenyAccess", "AnyOfProtocols": ["ExchangeWebServices"], "Priority": 3 }',
);
const blockRestFromOffice =
  '{ "Name": "Block REST from the office", "Action": "DenyAccess", "AnyOfProtocols": ["REST"], "AnyOfClientIPAddressesOrRanges": ["192.0.2.0/24"], "Priority": 2 }';
const blockEwsBelowRestRule = rules(
  allowRps,
  blockRestFromOffice,
  '{ "Name": "blockEWS", "Action": "DenyAccess", "AnyOfProtocols": ["ExchangeWebServices"], "Priority": 3 }',
);
// Fuzz case: after the autofix a later catch-all still denies REST (the file then gets
// no-blocked-outlook-mobile): the message says so and the AllowREST suggestion comes first.
const blockEwsThenCatchAll = rules(
  '{ "Name": "Block EWS", "Action": "DenyAccess", "AnyOfProtocols": ["ExchangeWebServices"], "Priority": 1 }',
  '{ "Name": "Block the rest", "Action": "DenyAccess", "ExceptAnyOfProtocols": ["RemotePowerShell"], "Priority": 2 }',
);
const phaseOne = rules(allowRps, '{ "Name": "blockEWS", "Action": "DenyAccess", "AnyOfProtocols": ["ExchangeWebServices", "REST"], "Priority": 2 }');
const option1Below = rules(
  allowRps,
  '{ "Name": "blockEWS", "Action": "DenyAccess", "AnyOfProtocols": ["ExchangeWebServices"], "Priority": 2 }',
  '{ "Name": "AllowREST", "Action": "AllowAccess", "AnyOfProtocols": ["REST"], "Priority": 3 }',
);
const option1LimitedByIp = rules(
  '{ "Name": "AllowREST", "Action": "AllowAccess", "AnyOfProtocols": ["REST"], "AnyOfClientIPAddressesOrRanges": ["203.0.113.0/24"], "Priority": 1 }',
  '{ "Name": "blockEWS", "Action": "DenyAccess", "AnyOfProtocols": ["ExchangeWebServices"], "Priority": 2 }',
);
const emptyException = rules('{ "Name": "blockEWS", "Action": "DenyAccess", "AnyOfProtocols": "ExchangeWebServices", "ExceptAnyOfProtocols": [] }');

const blockRedmondEws = rules(
  '{ "Name": "blockEWS Redmond", "Action": "DenyAccess", "AnyOfProtocols": ["ExchangeWebServices"], "UserRecipientFilter": "City -eq \'Redmond\'" }',
);

runRuleTests("no-ews-block-without-rest-exception", rule, {
  valid: [
    { code: blockEws, settings: { "client-access-rules": { target: "exchange-server" } } },
    // The article's two remedies.
    rules(allowRps, '{ "Name": "blockEWS", "Action": "DenyAccess", "AnyOfProtocols": ["ExchangeWebServices"], "ExceptAnyOfProtocols": ["REST"], "Priority": 2 }'),
    rules(
      allowRps,
      '{ "Name": "AllowREST", "Action": "AllowAccess", "AnyOfProtocols": ["REST"], "Priority": 2 }',
      '{ "Name": "blockEWS", "Action": "DenyAccess", "AnyOfProtocols": ["ExchangeWebServices"], "Priority": 3 }',
    ),
    // After phase 2 EWS conditions never touch REST.
    { code: blockEws, settings: independent },
    // Disabled, absent and unreadable rules are not evaluated.
    rules('{ "Name": "blockEWS", "Action": "DenyAccess", "AnyOfProtocols": ["ExchangeWebServices"], "Enabled": false }'),
    rules('{ "Identity": "blockEWS", "Action": "DenyAccess", "AnyOfProtocols": ["ExchangeWebServices"], "Ensure": "Absent" }'),
    rules('{ "Name": "blockEWS", "Action": "DenyAccess", "AnyOfProtocols": ["ExchangeWebServices"], "Priority": "two" }'),
    // An allow rule naming EWS is require-explicit-rest's business; a deny without EWS is another rule's.
    rules('{ "Name": "Allow EWS", "Action": "AllowAccess", "AnyOfProtocols": ["ExchangeWebServices"] }'),
    rules('{ "Name": "Block all", "Action": "DenyAccess" }'),
  ],
  invalid: [
    {
      // Only users in Redmond are blocked: the witness says so, or replaying it with any user would not reproduce it.
      code: blockRedmondEws,
      output: blockRedmondEws.replace(`'Redmond'" }`, `'Redmond'", "ExceptAnyOfProtocols": ["REST"] }`),
      errors: [
        {
          message:
            '"blockEWS Redmond" (no Priority) blocks ExchangeWebServices, and while EWS conditions also match REST (coupled semantics) it blocks REST too: Outlook for iOS and Android sync over REST, so phones lose mail (contoso.com\\alex (City \'redmond\') connecting from 198.51.100.23 over REST is denied). Add REST to ExceptAnyOfProtocols, or put an AllowAccess rule for REST above it (KB 4013974).',
          ...locate(blockRedmondEws, '"ExchangeWebServices"'),
          suggestions: [
            {
              desc: 'Insert an AllowREST rule (AllowAccess, REST) directly above "blockEWS Redmond" (no Priority).',
              output: blockRedmondEws.replace(
                "[\n",
                '[\n  {\n    "Name": "AllowREST",\n    "Action": "AllowAccess",\n    "AnyOfProtocols": [\n      "REST"\n    ],\n    "Enabled": true\n  },\n',
              ),
            },
          ],
        },
      ],
    },
    {
      code: blockEwsThenCatchAll,
      output: blockEwsThenCatchAll.replace('"Priority": 1 }', '"Priority": 1, "ExceptAnyOfProtocols": ["REST"] }'),
      errors: [
        {
          message:
            '"Block EWS" (Priority 1) blocks ExchangeWebServices, and while EWS conditions also match REST (coupled semantics) it blocks REST too: Outlook for iOS and Android sync over REST, so phones lose mail (contoso.com\\alex connecting from 198.51.100.23 over REST is denied). Adding REST to its ExceptAnyOfProtocols (the autofix) is not enough: "Block the rest" (Priority 2) would still deny that connection. Put an AllowAccess rule for REST above "Block EWS" (Priority 1) (KB 4013974), or change "Block the rest" (Priority 2) too.',
          ...locate(blockEwsThenCatchAll, '"ExchangeWebServices"'),
          suggestions: [
            {
              desc: 'Insert an AllowREST rule (AllowAccess, REST) directly above "Block EWS" (Priority 1), as Priority 1; renumbers Priority 1–2 to 2–3.',
              output: rules(
                allowRest(1),
                '{ "Name": "Block EWS", "Action": "DenyAccess", "AnyOfProtocols": ["ExchangeWebServices"], "Priority": 2 }',
                '{ "Name": "Block the rest", "Action": "DenyAccess", "ExceptAnyOfProtocols": ["RemotePowerShell"], "Priority": 3 }',
              ),
            },
          ],
        },
      ],
    },
    {
      code: blockEws,
      output: withException,
      errors: [
        {
          message:
            '"blockEWS" (Priority 2) blocks ExchangeWebServices, and while EWS conditions also match REST (coupled semantics) it blocks REST too: Outlook for iOS and Android sync over REST, so phones lose mail (contoso.com\\alex connecting from 198.51.100.23 over REST is denied). Add REST to ExceptAnyOfProtocols, or put an AllowAccess rule for REST above it (KB 4013974).',
          ...locate(blockEws, '"ExchangeWebServices"'),
          suggestions: [
            {
              desc: 'Insert an AllowREST rule (AllowAccess, REST) directly above "blockEWS" (Priority 2), as Priority 2; renumbers Priority 2 to 3.',
              output: withAllowRest,
            },
          ],
        },
      ],
    },
    {
      code: blockEwsWithRoomAbove,
      output: blockEwsWithRoomAbove.replace('"Priority": 3 }', '"Priority": 3, "ExceptAnyOfProtocols": ["REST"] }'),
      errors: [
        {
          messageId: "ewsBlocksRest",
          suggestions: [
            {
              desc: 'Insert an AllowREST rule (AllowAccess, REST) above "Always Allow Remote PowerShell" (Priority 2), which for REST is the same as directly above "blockEWS" (Priority 3) (no rule in between decides a REST connection), as Priority 1; no other rule is renumbered.',
              output: rules(
                allowRest(1),
                allowRpsSecond,
                '{ "Name": "blockEWS", "Action": "DenyAccess", "AnyOfProtocols": ["ExchangeWebServices"], "Priority": 3 }',
              ),
            },
          ],
        },
      ],
    },
    {
      // A rule above that decides REST connections: the new rule must go directly above blockEWS.
      code: blockEwsBelowRestRule,
      output: rules(
        allowRps,
        blockRestFromOffice,
        '{ "Name": "blockEWS", "Action": "DenyAccess", "AnyOfProtocols": ["ExchangeWebServices"], "Priority": 3, "ExceptAnyOfProtocols": ["REST"] }',
      ),
      errors: [
        {
          messageId: "ewsBlocksRest",
          suggestions: [
            {
              desc: 'Insert an AllowREST rule (AllowAccess, REST) directly above "blockEWS" (Priority 3), as Priority 3; renumbers Priority 3 to 4.',
              output: rules(
                allowRps,
                blockRestFromOffice,
                allowRest(3),
                '{ "Name": "blockEWS", "Action": "DenyAccess", "AnyOfProtocols": ["ExchangeWebServices"], "Priority": 4 }',
              ),
            },
          ],
        },
      ],
    },
    {
      // The phase 1 artefact: REST named explicitly. No autofix; moving it is a suggestion.
      code: phaseOne,
      output: null,
      errors: [
        {
          messageId: "ewsBlocksRest",
          suggestions: [
            {
              messageId: "moveRestToException",
              output: rules(
                allowRps,
                '{ "Name": "blockEWS", "Action": "DenyAccess", "AnyOfProtocols": ["ExchangeWebServices"], "Priority": 2, "ExceptAnyOfProtocols": ["REST"] }',
              ),
            },
            {
              messageId: "insertAllowRest",
              output: rules(
                allowRps,
                allowRest(2),
                '{ "Name": "blockEWS", "Action": "DenyAccess", "AnyOfProtocols": ["ExchangeWebServices", "REST"], "Priority": 3 }',
              ),
            },
          ],
        },
      ],
    },
    {
      // Option 1 placed below the block takes nothing.
      code: option1Below,
      output: option1Below.replace('"Priority": 2 }', '"Priority": 2, "ExceptAnyOfProtocols": ["REST"] }'),
      errors: [{ messageId: "ewsBlocksRest", line: 3, suggestions: 1 }],
    },
    {
      // Option 1 limited by IP leaves REST from other addresses to the block.
      code: option1LimitedByIp,
      output: option1LimitedByIp.replace('"Priority": 2 }', '"Priority": 2, "ExceptAnyOfProtocols": ["REST"] }'),
      errors: [{ messageId: "ewsBlocksRest", line: 3, suggestions: 1 }],
    },
    {
      // An empty ExceptAnyOfProtocols is filled in; a one-string AnyOfProtocols is fine.
      code: emptyException,
      output: emptyException.replace('"ExceptAnyOfProtocols": []', '"ExceptAnyOfProtocols": ["REST"]'),
      errors: [{ messageId: "ewsBlocksRest", suggestions: 1 }],
    },
  ],
});
