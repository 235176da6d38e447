import rule from "../../rules/no-blocked-outlook-mobile.ts";
import { locate, rules, runRuleTests } from "../rule-tester.ts";

const independent = { "client-access-rules": { restSemantics: "independent" } };
const allowRps = '{ "Name": "Always Allow Remote PowerShell", "Action": "AllowAccess", "AnyOfProtocols": ["RemotePowerShell"], "Priority": 1 }';

const catchAll = rules(
  allowRps,
  '{ "Name": "Allow Internal Network", "Action": "AllowAccess", "AnyOfClientIPAddressesOrRanges": ["192.0.2.0/24"], "Priority": 2 }',
  '{ "Name": "Block everything else", "Action": "DenyAccess", "Priority": 3 }',
);
const exceptWithoutRest = rules(
  allowRps,
  '{ "Name": "Block all but RPS", "Action": "DenyAccess", "ExceptAnyOfProtocols": ["RemotePowerShell"], "Priority": 2 }',
);
const userLimited = rules('{ "Name": "Block contractors", "Action": "DenyAccess", "UsernameMatchesAnyOfPatterns": ["contoso.com\\\\ext-*"] }');
const redmondOnly = rules(
  '{ "Name": "Block Redmond", "Action": "DenyAccess", "ExceptAnyOfProtocols": ["RemotePowerShell"], "UserRecipientFilter": "City -eq \'Redmond\' -and Company -eq \'Contoso\'" }',
);
const restDeciderBetween = rules(
  allowRps,
  '{ "Name": "Allow Internal Network", "Action": "AllowAccess", "AnyOfClientIPAddressesOrRanges": ["192.0.2.0/24"], "Priority": 3 }',
  '{ "Name": "Block everything else", "Action": "DenyAccess", "Priority": 4 }',
);
const noRestDeciderBetween = restDeciderBetween.replace('"AnyOfClientIPAddressesOrRanges": ["192.0.2.0/24"]', '"AnyOfProtocols": ["POP3"]');
/** The AllowREST rule the suggestion inserts, as written into these files. */
const ALLOW_REST_AS = (priority: number) =>
  `{\n    "Name": "AllowREST",\n    "Action": "AllowAccess",\n    "AnyOfProtocols": [\n      "REST"\n    ],\n    "Priority": ${priority},\n    "Enabled": true\n  }`;
const ewsBlock = rules('{ "Name": "blockEWS", "Action": "DenyAccess", "AnyOfProtocols": ["ExchangeWebServices"] }');

runRuleTests("no-blocked-outlook-mobile", rule, {
  valid: [
    // Exchange Server filters only EAC and remote PowerShell: REST is not in play.
    { code: catchAll, settings: { "client-access-rules": { target: "exchange-server" } } },
    // The catch-all with a REST exception, or an AllowREST rule above it.
    rules(allowRps, '{ "Name": "Block everything else", "Action": "DenyAccess", "ExceptAnyOfProtocols": ["RemotePowerShell", "REST"], "Priority": 2 }'),
    rules(
      allowRps,
      '{ "Name": "AllowREST", "Action": "AllowAccess", "AnyOfProtocols": ["REST"], "Priority": 2 }',
      '{ "Name": "Block everything else", "Action": "DenyAccess", "Priority": 3 }',
    ),
    // An explicit REST deny: the administrator meant it.
    rules('{ "Name": "Block REST", "Action": "DenyAccess", "AnyOfProtocols": ["REST"], "UsernameMatchesAnyOfPatterns": ["contoso.com\\\\ext-*"] }'),
    // Denies that never touch REST with OAuth.
    rules('{ "Name": "Block POP3", "Action": "DenyAccess", "AnyOfProtocols": ["POP3"] }'),
    rules('{ "Name": "Block basic", "Action": "DenyAccess", "AnyOfProtocols": ["ExchangeActiveSync"], "AnyOfAuthenticationTypes": ["BasicAuthentication"] }'),
    // Coupled: an EWS block that takes REST is no-ews-block-without-rest-exception's finding.
    ewsBlock,
    // Independent: an EWS block never touches REST.
    { code: ewsBlock, settings: independent },
    // Disabled, Absent and unreadable rules are not evaluated.
    rules('{ "Name": "Block everything", "Action": "DenyAccess", "Enabled": false }'),
    rules('{ "Identity": "Block everything", "Action": "DenyAccess", "Ensure": "Absent" }'),
    rules('{ "Name": "Block everything", "Action": "DenyAccess", "AnyOfClientIPAddressesOrRanges": ["10.0.0.300"] }'),
  ],
  invalid: [
    {
      code: catchAll,
      errors: [
        {
          message:
            '"Block everything else" (Priority 3) blocks Outlook for iOS and Android: the apps sync over REST with OAuth from Microsoft\'s service addresses, and this rule denies them, for example contoso.com\\alex connecting from 198.51.100.23. It never names REST, so this is likely unintended. Add REST to its ExceptAnyOfProtocols, or put an AllowAccess rule for REST above it.',
          ...locate(catchAll, '"Block everything else"'),
          suggestions: [
            {
              desc: 'Add REST to ExceptAnyOfProtocols of "Block everything else" (Priority 3).',
              output: catchAll.replace('"Priority": 3 }', '"Priority": 3, "ExceptAnyOfProtocols": ["REST"] }'),
            },
            {
              // "Allow Internal Network" decides REST connections: the new rule goes directly above.
              desc: 'Insert an AllowREST rule (AllowAccess, REST) directly above "Block everything else" (Priority 3), as Priority 3; renumbers Priority 3 to 4.',
              output: rules(
                allowRps,
                '{ "Name": "Allow Internal Network", "Action": "AllowAccess", "AnyOfClientIPAddressesOrRanges": ["192.0.2.0/24"], "Priority": 2 }',
                '{\n    "Name": "AllowREST",\n    "Action": "AllowAccess",\n    "AnyOfProtocols": [\n      "REST"\n    ],\n    "Priority": 3,\n    "Enabled": true\n  }',
                '{ "Name": "Block everything else", "Action": "DenyAccess", "Priority": 4 }',
              ),
            },
          ],
        },
      ],
    },
    {
      // An Except list without REST.
      code: exceptWithoutRest,
      errors: [
        {
          messageId: "blocksOutlookMobile",
          suggestions: [
            {
              messageId: "addRestException",
              output: exceptWithoutRest.replace('["RemotePowerShell"], "Priority": 2', '["RemotePowerShell", "REST"], "Priority": 2'),
            },
            // The remote PowerShell rule decides no REST connection, so above it would do the same for
            // REST; but the file numbers from 1 (no Priority 0, car-reference.md §2.2), and directly
            // above the block renumbers fewest.
            {
              desc: 'Insert an AllowREST rule (AllowAccess, REST) directly above "Block all but RPS" (Priority 2), as Priority 2; renumbers Priority 2 to 3.',
              output: rules(
                allowRps,
                '{\n    "Name": "AllowREST",\n    "Action": "AllowAccess",\n    "AnyOfProtocols": [\n      "REST"\n    ],\n    "Priority": 2,\n    "Enabled": true\n  }',
                '{ "Name": "Block all but RPS", "Action": "DenyAccess", "ExceptAnyOfProtocols": ["RemotePowerShell"], "Priority": 3 }',
              ),
            },
          ],
        },
      ],
    },
    {
      // A user-limited deny: its witness is one of the users it names.
      code: userLimited,
      errors: [
        {
          messageId: "blocksOutlookMobile",
          data: { rule: '"Block contractors" (no Priority)', user: "contoso.com\\ext-", ip: "198.51.100.23" },
          suggestions: 2,
        },
      ],
    },
    {
      // The deny reaches only users with these attributes: the witness names them, or replaying it with any user would not reproduce it.
      code: redmondOnly,
      errors: [
        {
          message:
            '"Block Redmond" (no Priority) blocks Outlook for iOS and Android: the apps sync over REST with OAuth from Microsoft\'s service addresses, and this rule denies them, for example contoso.com\\alex (City \'redmond\', Company \'contoso\') connecting from 198.51.100.23. It never names REST, so this is likely unintended. Add REST to its ExceptAnyOfProtocols, or put an AllowAccess rule for REST above it.',
          ...locate(redmondOnly, '"Block Redmond"'),
          suggestions: [
            {
              desc: 'Add REST to ExceptAnyOfProtocols of "Block Redmond" (no Priority).',
              output: redmondOnly.replace('["RemotePowerShell"]', '["RemotePowerShell", "REST"]'),
            },
            {
              desc: 'Insert an AllowREST rule (AllowAccess, REST) directly above "Block Redmond" (no Priority).',
              output: redmondOnly.replace(
                "[\n",
                '[\n  {\n    "Name": "AllowREST",\n    "Action": "AllowAccess",\n    "AnyOfProtocols": [\n      "REST"\n    ],\n    "Enabled": true\n  },\n',
              ),
            },
          ],
        },
      ],
    },
    {
      // Independent semantics: an EWS block is no longer the EWS rule's business, but it does not touch REST either;
      // a catch-all still blocks the apps under both semantics.
      code: rules('{ "Name": "Block all", "Action": "DenyAccess", "ExceptAnyOfProtocols": ["ExchangeWebServices"] }'),
      settings: independent,
      errors: [{ messageId: "blocksOutlookMobile", suggestions: 2 }],
    },
    // Two files alike but for whether the middle rule decides REST connections, linted one after
    // the other: which rules decide REST is remembered per file, and must not carry over.
    {
      code: restDeciderBetween,
      errors: [
        {
          messageId: "blocksOutlookMobile",
          suggestions: [
            { messageId: "addRestException", output: restDeciderBetween.replace('"Priority": 4 }', '"Priority": 4, "ExceptAnyOfProtocols": ["REST"] }') },
            {
              desc: 'Insert an AllowREST rule (AllowAccess, REST) directly above "Block everything else" (Priority 4), as Priority 4; renumbers Priority 4 to 5.',
              output: restDeciderBetween.replace(
                '  { "Name": "Block everything else", "Action": "DenyAccess", "Priority": 4 }',
                `  ${ALLOW_REST_AS(4)},\n  { "Name": "Block everything else", "Action": "DenyAccess", "Priority": 5 }`,
              ),
            },
          ],
        },
      ],
    },
    {
      code: noRestDeciderBetween,
      errors: [
        {
          messageId: "blocksOutlookMobile",
          suggestions: [
            { messageId: "addRestException", output: noRestDeciderBetween.replace('"Priority": 4 }', '"Priority": 4, "ExceptAnyOfProtocols": ["REST"] }') },
            {
              desc: 'Insert an AllowREST rule (AllowAccess, REST) above "Allow Internal Network" (Priority 3), which for REST is the same as directly above "Block everything else" (Priority 4) (no rule in between decides a REST connection), as Priority 2; no other rule is renumbered.',
              output: noRestDeciderBetween.replace('  { "Name": "Allow Internal Network"', `  ${ALLOW_REST_AS(2)},\n  { "Name": "Allow Internal Network"`),
            },
          ],
        },
      ],
    },
  ],
});
