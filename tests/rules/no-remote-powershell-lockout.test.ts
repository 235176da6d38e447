import rule from "../../rules/no-remote-powershell-lockout.ts";
import { locate, rules, runRuleTests } from "../rule-tester.ts";

const exchangeServer = { "client-access-rules": { target: "exchange-server" } };
const safetyRule = (priority: number) =>
  `{\n    "Name": "Always Allow Remote PowerShell",\n    "Action": "AllowAccess",\n    "AnyOfProtocols": [\n      "RemotePowerShell"\n    ],\n    "Priority": ${priority},\n    "Enabled": true\n  }`;

const blockEverything = rules(
  '{ "Name": "Allow OWA", "Action": "AllowAccess", "AnyOfProtocols": ["OutlookWebApp"], "Priority": 1 }',
  '{ "Name": "Block everything else", "Action": "DenyAccess", "Priority": 2 }',
);
const blockPowerShell = rules(
  '{ "Name": "Block PowerShell", "Action": "DenyAccess", "AnyOfProtocols": ["RemotePowerShell"], "ExceptAnyOfClientIPAddressesOrRanges": ["192.168.10.0/24"], "Priority": 1 }',
  '{ "Name": "Block EAC", "Action": "DenyAccess", "AnyOfProtocols": ["ExchangeAdminCenter"], "Priority": 2 }',
);

// New-ClientAccessRule rejects the allow rule (authentication types without AnyOfProtocols), so it
// never exists: no-unsupported-condition says so, and the deny below it locks everyone out.
const rejectedAllow = rules(
  '{ "Name": "Allow modern auth", "Action": "AllowAccess", "AnyOfAuthenticationTypes": ["NonBasicAuthentication"], "Priority": 1 }',
  '{ "Name": "Block everything else", "Action": "DenyAccess", "Priority": 2 }',
);

const salesOnly = rules(
  '{ "Name": "Block sales PowerShell", "Action": "DenyAccess", "AnyOfProtocols": ["RemotePowerShell"], "UserRecipientFilter": "Department -eq \'Sales\'" }',
);

runRuleTests("no-remote-powershell-lockout", rule, {
  valid: [
    // Microsoft's recommendation: the safety rule first.
    rules(
      '{ "Name": "Always Allow Remote PowerShell", "Action": "AllowAccess", "AnyOfProtocols": ["RemotePowerShell"], "Priority": 1 }',
      '{ "Name": "Block everything else", "Action": "DenyAccess", "Priority": 2 }',
    ),
    // A limited safety rule above still counts: some administrators keep access.
    rules(
      '{ "Name": "Allow admin PowerShell", "Action": "AllowAccess", "AnyOfProtocols": ["RemotePowerShell"], "AnyOfClientIPAddressesOrRanges": ["192.0.2.0/24"], "Priority": 1 }',
      '{ "Name": "Block PowerShell", "Action": "DenyAccess", "AnyOfProtocols": ["RemotePowerShell"], "Priority": 2 }',
    ),
    // Denies that never reach RemotePowerShell.
    rules('{ "Name": "Block all but PowerShell", "Action": "DenyAccess", "ExceptAnyOfProtocols": ["RemotePowerShell"] }'),
    rules('{ "Name": "Block POP3", "Action": "DenyAccess", "AnyOfProtocols": ["POP3"] }'),
    // A disabled deny is never evaluated.
    rules('{ "Name": "Block everything", "Action": "DenyAccess", "Enabled": false }'),
    { code: rules('{ "Name": "Block EAC", "Action": "DenyAccess", "AnyOfProtocols": ["ExchangeAdminCenter"] }'), settings: exchangeServer },
  ],
  invalid: [
    {
      // Only users in Sales are denied: the witness says so, or replaying it with any user would not reproduce it.
      code: salesOnly,
      errors: [
        {
          message:
            '"Block sales PowerShell" (no Priority) denies some remote PowerShell connections (for example contoso.com\\alex (Department \'sales\') from 198.51.100.23) and no AllowAccess rule for RemotePowerShell stands above it: one wrong edit to these rules can lock every administrator out of the only tool that undoes it. Add "Always Allow Remote PowerShell" as the first rule, as Microsoft recommends.',
          ...locate(salesOnly, '"Block sales PowerShell"'),
          suggestions: [
            {
              desc: 'Insert "Always Allow Remote PowerShell" (AllowAccess, RemotePowerShell) as the first rule.',
              output: salesOnly.replace(
                "[\n",
                '[\n  {\n    "Name": "Always Allow Remote PowerShell",\n    "Action": "AllowAccess",\n    "AnyOfProtocols": [\n      "RemotePowerShell"\n    ],\n    "Enabled": true\n  },\n',
              ),
            },
          ],
        },
      ],
    },
    {
      code: blockEverything,
      errors: [
        {
          message:
            '"Block everything else" (Priority 2) locks every administrator out: no remote PowerShell connection is allowed by this rule set (for example contoso.com\\alex from 198.51.100.23 is denied here), and remote PowerShell is the only way to change Client Access Rules. Add an "Always Allow Remote PowerShell" rule first.',
          ...locate(blockEverything, '"Block everything else"'),
          suggestions: [
            {
              // The file numbers from 1, the highest priority (Priority 0 would put the rule
              // last, car-reference.md §2.2): the safety rule takes 1 and the others move down.
              desc: 'Insert "Always Allow Remote PowerShell" (AllowAccess, RemotePowerShell) as the first rule, as Priority 1; renumbers Priority 1–2 to 2–3.',
              output: rules(
                safetyRule(1),
                '{ "Name": "Allow OWA", "Action": "AllowAccess", "AnyOfProtocols": ["OutlookWebApp"], "Priority": 2 }',
                '{ "Name": "Block everything else", "Action": "DenyAccess", "Priority": 3 }',
              ),
            },
          ],
        },
      ],
    },
    {
      code: rejectedAllow,
      errors: [
        {
          message:
            '"Block everything else" (Priority 2) locks every administrator out: no remote PowerShell connection is allowed by this rule set (for example contoso.com\\alex from 198.51.100.23 is denied here), and remote PowerShell is the only way to change Client Access Rules. Add an "Always Allow Remote PowerShell" rule first.',
          ...locate(rejectedAllow, '"Block everything else"'),
          suggestions: [
            {
              desc: 'Insert "Always Allow Remote PowerShell" (AllowAccess, RemotePowerShell) as the first rule, as Priority 1; renumbers Priority 1–2 to 2–3.',
              output: rules(
                safetyRule(1),
                '{ "Name": "Allow modern auth", "Action": "AllowAccess", "AnyOfAuthenticationTypes": ["NonBasicAuthentication"], "Priority": 2 }',
                '{ "Name": "Block everything else", "Action": "DenyAccess", "Priority": 3 }',
              ),
            },
          ],
        },
      ],
    },
    {
      // Exchange Server: one address range keeps access, but no safety rule stands above the block.
      code: blockPowerShell,
      settings: exchangeServer,
      errors: [
        {
          message:
            '"Block PowerShell" (Priority 1) denies some remote PowerShell connections (for example contoso.com\\alex from 198.51.100.23) and no AllowAccess rule for RemotePowerShell stands above it: one wrong edit to these rules can lock every administrator out of the only tool that undoes it. Add "Always Allow Remote PowerShell" as the first rule, as Microsoft recommends.',
          ...locate(blockPowerShell, '"Block PowerShell"'),
          suggestions: [
            {
              desc: 'Insert "Always Allow Remote PowerShell" (AllowAccess, RemotePowerShell) as the first rule, as Priority 1; renumbers Priority 1–2 to 2–3.',
              output: rules(
                safetyRule(1),
                '{ "Name": "Block PowerShell", "Action": "DenyAccess", "AnyOfProtocols": ["RemotePowerShell"], "ExceptAnyOfClientIPAddressesOrRanges": ["192.168.10.0/24"], "Priority": 2 }',
                '{ "Name": "Block EAC", "Action": "DenyAccess", "AnyOfProtocols": ["ExchangeAdminCenter"], "Priority": 3 }',
              ),
            },
          ],
        },
      ],
    },
    {
      // A file that already numbers from 0 may get 0: the safety rule takes it.
      code: rules(
        '{ "Name": "Block everything", "Action": "DenyAccess", "Priority": 0 }',
        '{ "Name": "Allow OWA", "Action": "AllowAccess", "AnyOfProtocols": ["OutlookWebApp"], "Priority": 1 }',
      ),
      errors: [
        {
          messageId: "locksEveryAdministratorOut",
          suggestions: [
            {
              desc: 'Insert "Always Allow Remote PowerShell" (AllowAccess, RemotePowerShell) as the first rule, as Priority 0; renumbers Priority 0–1 to 1–2.',
              output: rules(
                safetyRule(0),
                '{ "Name": "Block everything", "Action": "DenyAccess", "Priority": 1 }',
                '{ "Name": "Allow OWA", "Action": "AllowAccess", "AnyOfProtocols": ["OutlookWebApp"], "Priority": 2 }',
              ),
            },
          ],
        },
      ],
    },
    {
      // A gap above the first rule is used as it is: nothing is renumbered.
      code: rules('{ "Name": "Block everything", "Action": "DenyAccess", "Priority": 5 }'),
      errors: [
        {
          messageId: "locksEveryAdministratorOut",
          suggestions: [
            {
              desc: 'Insert "Always Allow Remote PowerShell" (AllowAccess, RemotePowerShell) as the first rule, as Priority 4; no other rule is renumbered.',
              output: rules(safetyRule(4), '{ "Name": "Block everything", "Action": "DenyAccess", "Priority": 5 }'),
            },
          ],
        },
      ],
    },
    {
      // A safety rule placed below the deny does not help; two denies together deny everything.
      code: rules(
        '{ "Name": "Block PowerShell from outside", "Action": "DenyAccess", "AnyOfProtocols": ["RemotePowerShell"], "ExceptAnyOfClientIPAddressesOrRanges": ["10.0.0.0/8"], "Priority": 1 }',
        '{ "Name": "Block PowerShell inside", "Action": "DenyAccess", "AnyOfProtocols": ["RemotePowerShell"], "AnyOfClientIPAddressesOrRanges": ["10.0.0.0/8"], "Priority": 2 }',
        '{ "Name": "Always Allow Remote PowerShell", "Action": "AllowAccess", "AnyOfProtocols": ["RemotePowerShell"], "Priority": 3 }',
      ),
      errors: [
        { messageId: "locksEveryAdministratorOut", line: 2, suggestions: 1 },
        { messageId: "locksEveryAdministratorOut", line: 3, suggestions: 1 },
      ],
    },
    {
      // The name is taken by a disabled rule: the suggestion picks a free one.
      code: rules(
        '{ "Name": "Always Allow Remote PowerShell", "Action": "AllowAccess", "AnyOfProtocols": ["RemotePowerShell"], "Enabled": false }',
        '{ "Name": "Block everything", "Action": "DenyAccess" }',
      ),
      errors: [
        {
          messageId: "locksEveryAdministratorOut",
          suggestions: [{ messageId: "insertSafetyRule", data: { name: "Always Allow Remote PowerShell 2", placement: "" }, output: rules(
            '{\n    "Name": "Always Allow Remote PowerShell 2",\n    "Action": "AllowAccess",\n    "AnyOfProtocols": [\n      "RemotePowerShell"\n    ],\n    "Enabled": true\n  }',
            '{ "Name": "Always Allow Remote PowerShell", "Action": "AllowAccess", "AnyOfProtocols": ["RemotePowerShell"], "Enabled": false }',
            '{ "Name": "Block everything", "Action": "DenyAccess" }',
          ) }],
        },
      ],
    },
  ],
});
