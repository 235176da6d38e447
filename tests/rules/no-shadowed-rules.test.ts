import rule from "../../rules/no-shadowed-rules.ts";
import { BOUND_REACHING_RULE, locate, rules, runRuleTests } from "../rule-tester.ts";

const shadowed = rules(
  '{ "Name": "Block OWA", "Action": "DenyAccess", "AnyOfProtocols": ["OutlookWebApp"], "Priority": 1 }',
  '{ "Name": "Allow OWA from HQ", "Action": "AllowAccess", "AnyOfProtocols": ["OutlookWebApp"], "AnyOfClientIPAddressesOrRanges": ["192.0.2.0/24"], "Priority": 2 }',
  '{ "Name": "Block POP3", "Action": "DenyAccess", "AnyOfProtocols": ["POP3"], "Priority": 3 }',
);
// The file numbers from 1, the highest priority (a Priority 0 would put the rule last,
// car-reference.md §2.2): the moved rule takes 1 and the covering rule moves down into its old 2.
const moved = rules(
  '{ "Name": "Block OWA", "Action": "DenyAccess", "AnyOfProtocols": ["OutlookWebApp"], "Priority": 2 }',
  '{ "Name": "Allow OWA from HQ", "Action": "AllowAccess", "AnyOfProtocols": ["OutlookWebApp"], "AnyOfClientIPAddressesOrRanges": ["192.0.2.0/24"], "Priority": 1 }',
  '{ "Name": "Block POP3", "Action": "DenyAccess", "AnyOfProtocols": ["POP3"], "Priority": 3 }',
);

// Fuzz case: "Allow alice" ties with "Allow POP3" and is evaluated first (the later tied rule
// goes first). Moving "Deny POP3" above "Allow POP3" must not pass "Allow alice" as well, or
// alice's POP3 would go from allowed to denied without the suggestion saying so.
const allowPop3 = '{ "Name": "Allow POP3", "Action": "AllowAccess", "AnyOfProtocols": ["POP3"], "Priority": 1 }';
const allowAlice =
  '{ "Name": "Allow alice", "Action": "AllowAccess", "AnyOfProtocols": ["POP3"], "UsernameMatchesAnyOfPatterns": ["contoso.com\\\\alice"], "Priority": 1 }';
const tiedWithTarget = rules(
  allowPop3,
  allowAlice,
  '{ "Name": "Deny POP3", "Action": "DenyAccess", "AnyOfProtocols": ["POP3"], "Priority": 2 }',
);
const unionOfCidrs = rules(
  '{ "Name": "Allow west", "Action": "AllowAccess", "AnyOfClientIPAddressesOrRanges": ["10.0.0.0/9"], "Priority": 1 }',
  '{ "Name": "Allow east", "Action": "AllowAccess", "AnyOfClientIPAddressesOrRanges": ["10.128.0.0/9"], "Priority": 2 }',
  '{ "Name": "Allow Seattle", "Action": "AllowAccess", "AnyOfClientIPAddressesOrRanges": ["10.1.0.0/16", "10.200.0.0/16"], "Priority": 3 }',
  '{ "Name": "Block everything else", "Action": "DenyAccess", "ExceptAnyOfProtocols": ["RemotePowerShell"], "Priority": 4 }',
);

const protocolUnion = rules(
  '{ "Name": "Block POP3", "Action": "DenyAccess", "AnyOfProtocols": ["POP3"], "Priority": 1 }',
  '{ "Name": "Block IMAP4", "Action": "DenyAccess", "AnyOfProtocols": ["IMAP4"], "Priority": 2 }',
  '{ "Name": "Block legacy", "Action": "DenyAccess", "AnyOfProtocols": ["IMAP4", "POP3"], "Priority": 3 }',
);

// Twelve distinct recipient filters (past the old limit of ten opaque atoms): still exact.
const departmentBlocks = Array.from(
  { length: 11 },
  (_, i) =>
    `{ "Name": "Block OWA D${i + 1}", "Action": "DenyAccess", "AnyOfProtocols": ["OutlookWebApp"], "UserRecipientFilter": "Department -eq 'D${i + 1}'", "Priority": ${i + 1} }`,
);
const twelveFilters = rules(
  ...departmentBlocks,
  `{ "Name": "Allow OWA D5 office", "Action": "AllowAccess", "AnyOfProtocols": ["OutlookWebApp"], "UserRecipientFilter": "Department -eq 'D5'", "AnyOfClientIPAddressesOrRanges": ["10.0.0.0/8"], "Priority": 12 }`,
);
const likeCovers = rules(
  `{ "Name": "Block Sa*", "Action": "DenyAccess", "AnyOfProtocols": ["POP3"], "UserRecipientFilter": "Department -like 'Sa*'", "Priority": 1 }`,
  `{ "Name": "Block Sales", "Action": "DenyAccess", "AnyOfProtocols": ["POP3"], "UserRecipientFilter": "Department -eq 'sales'", "Priority": 2 }`,
);

runRuleTests("no-shadowed-rules", rule, {
  valid: [
    // The documented fix: the exception first, the general rule after (generalization, not shadowing).
    rules(
      '{ "Name": "Allow OWA from HQ", "Action": "AllowAccess", "AnyOfProtocols": ["OutlookWebApp"], "AnyOfClientIPAddressesOrRanges": ["192.0.2.0/24"], "Priority": 1 }',
      '{ "Name": "Block OWA", "Action": "DenyAccess", "AnyOfProtocols": ["OutlookWebApp"], "Priority": 2 }',
    ),
    // Two halves that leave a gap (10.128.0.0/9 missing part of 10.200.0.0/16).
    rules(
      '{ "Name": "Allow west", "Action": "AllowAccess", "AnyOfClientIPAddressesOrRanges": ["10.0.0.0/9"], "Priority": 1 }',
      '{ "Name": "Allow east", "Action": "AllowAccess", "AnyOfClientIPAddressesOrRanges": ["10.128.0.0/10"], "Priority": 2 }',
      '{ "Name": "Allow Seattle", "Action": "AllowAccess", "AnyOfClientIPAddressesOrRanges": ["10.1.0.0/16", "10.200.0.0/16"], "Priority": 3 }',
    ),
    // An Except list on the earlier rule leaves a gap the later rule still decides.
    rules(
      '{ "Name": "Block OWA", "Action": "DenyAccess", "AnyOfProtocols": ["OutlookWebApp"], "ExceptUsernameMatchesAnyOfPatterns": ["contoso.com\\\\admin*"], "Priority": 1 }',
      '{ "Name": "Allow admins", "Action": "AllowAccess", "AnyOfProtocols": ["OutlookWebApp"], "UsernameMatchesAnyOfPatterns": ["contoso.com\\\\admin-*"], "Priority": 2 }',
    ),
    // A disabled blocker blocks nothing.
    rules(
      '{ "Name": "Block OWA", "Action": "DenyAccess", "AnyOfProtocols": ["OutlookWebApp"], "Enabled": false, "Priority": 1 }',
      '{ "Name": "Allow OWA from HQ", "Action": "AllowAccess", "AnyOfProtocols": ["OutlookWebApp"], "AnyOfClientIPAddressesOrRanges": ["192.0.2.0/24"], "Priority": 2 }',
    ),
    // Scope Users skips middle-tier connections, which the later rule still decides.
    rules(
      '{ "Name": "Block users", "Action": "DenyAccess", "Scope": "Users", "Priority": 1 }',
      '{ "Name": "Block everyone", "Action": "DenyAccess", "Priority": 2 }',
    ),
    // Opaque conditions: a recipient filter on the blocker covers only users it matches.
    rules(
      '{ "Name": "Block Redmond", "Action": "DenyAccess", "UserRecipientFilter": "City -eq \'Redmond\'", "Priority": 1 }',
      '{ "Name": "Block OWA", "Action": "DenyAccess", "AnyOfProtocols": ["OutlookWebApp"], "Priority": 2 }',
    ),
    // IPv4 rules never cover IPv6 addresses.
    rules(
      '{ "Name": "Allow IPv4", "Action": "AllowAccess", "AnyOfClientIPAddressesOrRanges": ["0.0.0.0/0"], "Priority": 1 }',
      '{ "Name": "Allow lab", "Action": "AllowAccess", "AnyOfClientIPAddressesOrRanges": ["2001:db8::/32", "192.0.2.0/24"], "Priority": 2 }',
    ),
    // Coupled semantics: a REST exception on an EWS block leaves REST to the later rule.
    rules(
      '{ "Name": "Block EWS", "Action": "DenyAccess", "AnyOfProtocols": ["ExchangeWebServices"], "ExceptAnyOfProtocols": ["REST"], "Priority": 1 }',
      '{ "Name": "Allow REST", "Action": "AllowAccess", "AnyOfProtocols": ["REST"], "Priority": 2 }',
    ),
    // Independent semantics: an EWS block never covers REST.
    {
      code: rules(
        '{ "Name": "Block EWS", "Action": "DenyAccess", "AnyOfProtocols": ["ExchangeWebServices"], "Priority": 1 }',
        '{ "Name": "Block REST", "Action": "DenyAccess", "AnyOfProtocols": ["REST"], "Priority": 2 }',
      ),
      settings: { "client-access-rules": { restSemantics: "independent" } },
    },
    // An unsatisfiable rule is no-unsatisfiable-rule's finding, not a shadowing one.
    rules(
      '{ "Name": "Block all", "Action": "DenyAccess", "Priority": 1 }',
      '{ "Name": "Block POP3", "Action": "DenyAccess", "AnyOfProtocols": ["POP3"], "ExceptAnyOfProtocols": ["POP3"], "Priority": 2 }',
    ),
  ],
  invalid: [
    {
      // Never a silent pass: a question the search bound leaves open is a finding.
      code: BOUND_REACHING_RULE,
      errors: [
        {
          message:
            "The analysis left what \"Block y users\" (Priority 1) does undecided: whether any user name matches '*y' but none of 15 other patterns (the search stopped at its bound of 50,000 states). Findings about it may be missing; see docs/performance.md for the bound, and simplify the username patterns or recipient filters involved.",
          ...locate(BOUND_REACHING_RULE, '"Block y users"'),
        },
      ],
    },
    {
      code: twelveFilters,
      errors: [
        {
          messageId: "shadowed",
          data: {
            rule: '"Allow OWA D5 office" (Priority 12)',
            opposite: '"Block OWA D5" (Priority 5)',
            covering: '"Block OWA D5" (Priority 5)',
            match: "matches",
            action: "AllowAccess",
            first: '"Block OWA D5" (Priority 5)',
          },
          ...locate(twelveFilters, '"Allow OWA D5 office"'),
          suggestions: [
            {
              // Moving 1–4 up would need Priority 0: 5–11 move down into the freed 12 instead.
              desc: 'Move "Allow OWA D5 office" (Priority 12) above "Block OWA D5" (Priority 5), as Priority 5; renumbers Priority 5–11 to 6–12.',
              output: twelveFilters
                .replace('"Priority": 12 }', '"Priority": moved }')
                .replace(/"Priority": ([5-9]|1[01]) \}/gu, (_, p: string) => `"Priority": ${Number(p) + 1} }`)
                .replace('"Priority": moved }', '"Priority": 5 }'),
            },
          ],
        },
      ],
    },
    {
      // Recipient filters are attribute constraints: Department -like 'Sa*' takes every 'Sales'.
      code: likeCovers,
      errors: [
        {
          message: '"Block Sales" (Priority 2) is redundant: "Block Sa*" (Priority 1) already denies every connection it matches, so it never decides anything. Remove it.',
          ...locate(likeCovers, '"Block Sales"'),
          suggestions: [{ messageId: "remove", output: likeCovers.replace(/,\n {2}\{ "Name": "Block Sales".*\}/u, "") }],
        },
      ],
    },
    {
      code: tiedWithTarget,
      errors: [
        {
          messageId: "shadowed",
          ...locate(tiedWithTarget, '"Deny POP3"'),
          suggestions: [
            {
              desc: 'Move "Deny POP3" (Priority 2) above "Allow POP3" (Priority 1), as Priority 2; renumbers Priority 1 to 3.',
              // Order after: Allow alice (1), Deny POP3 (2), Allow POP3 (3): exactly above its target.
              output: rules(
                allowPop3.replace('"Priority": 1', '"Priority": 3'),
                allowAlice,
                '{ "Name": "Deny POP3", "Action": "DenyAccess", "AnyOfProtocols": ["POP3"], "Priority": 2 }',
              ),
            },
          ],
        },
      ],
    },
    {
      code: shadowed,
      errors: [
        {
          message:
            '"Allow OWA from HQ" (Priority 2) is shadowed by a rule that does the opposite ("Block OWA" (Priority 1)): "Block OWA" (Priority 1) matches every connection it matches before it does, so its AllowAccess never takes effect. Move it above "Block OWA" (Priority 1) if it should win, or remove it.',
          ...locate(shadowed, '"Allow OWA from HQ"'),
          suggestions: [
            {
              desc: 'Move "Allow OWA from HQ" (Priority 2) above "Block OWA" (Priority 1), as Priority 1; renumbers Priority 1 to 2.',
              output: moved,
            },
          ],
        },
      ],
    },
    {
      // Numbered from 0: the covering rule moves down into the moved rule's old Priority; the rule after it stays.
      code: rules(
        '{ "Name": "Block OWA", "Action": "DenyAccess", "AnyOfProtocols": ["OutlookWebApp"], "Priority": 0 }',
        '{ "Name": "Allow OWA from HQ", "Action": "AllowAccess", "AnyOfProtocols": ["OutlookWebApp"], "AnyOfClientIPAddressesOrRanges": ["192.0.2.0/24"], "Priority": 1 }',
        '{ "Name": "Block POP3", "Action": "DenyAccess", "AnyOfProtocols": ["POP3"], "Priority": 2 }',
      ),
      errors: [
        {
          messageId: "shadowed",
          suggestions: [
            {
              desc: 'Move "Allow OWA from HQ" (Priority 1) above "Block OWA" (Priority 0), as Priority 0; renumbers Priority 0 to 1.',
              output: rules(
                '{ "Name": "Block OWA", "Action": "DenyAccess", "AnyOfProtocols": ["OutlookWebApp"], "Priority": 1 }',
                '{ "Name": "Allow OWA from HQ", "Action": "AllowAccess", "AnyOfProtocols": ["OutlookWebApp"], "AnyOfClientIPAddressesOrRanges": ["192.0.2.0/24"], "Priority": 0 }',
                '{ "Name": "Block POP3", "Action": "DenyAccess", "AnyOfProtocols": ["POP3"], "Priority": 2 }',
              ),
            },
          ],
        },
      ],
    },
    {
      code: unionOfCidrs,
      errors: [
        {
          message:
            '"Allow Seattle" (Priority 3) is redundant: "Allow west" (Priority 1) and "Allow east" (Priority 2) already allow every connection it matches, so it never decides anything. Remove it.',
          ...locate(unionOfCidrs, '"Allow Seattle"'),
          suggestions: [
            {
              desc: 'Remove "Allow Seattle" (Priority 3).',
              output: rules(
                '{ "Name": "Allow west", "Action": "AllowAccess", "AnyOfClientIPAddressesOrRanges": ["10.0.0.0/9"], "Priority": 1 }',
                '{ "Name": "Allow east", "Action": "AllowAccess", "AnyOfClientIPAddressesOrRanges": ["10.128.0.0/9"], "Priority": 2 }',
                '{ "Name": "Block everything else", "Action": "DenyAccess", "ExceptAnyOfProtocols": ["RemotePowerShell"], "Priority": 4 }',
              ),
            },
          ],
        },
      ],
    },
    {
      code: protocolUnion,
      errors: [
        {
          messageId: "redundant",
          data: {
            rule: '"Block legacy" (Priority 3)',
            covering: '"Block POP3" (Priority 1) and "Block IMAP4" (Priority 2)',
            verb: "deny",
          },
          ...locate(protocolUnion, '"Block legacy"'),
          suggestions: [{ messageId: "remove", data: { rule: '"Block legacy" (Priority 3)' }, output: protocolUnion.replace(/,\n {2}\{ "Name": "Block legacy".*\}/u, "") }],
        },
      ],
    },
    {
      // Username containment: contoso.com\admin* sits inside contoso.com\*.
      code: rules(
        '{ "Name": "Block contoso", "Action": "DenyAccess", "AnyOfProtocols": ["OutlookWebApp"], "UsernameMatchesAnyOfPatterns": ["contoso.com\\\\*"], "Priority": 1 }',
        '{ "Name": "Allow admins", "Action": "AllowAccess", "AnyOfProtocols": ["OutlookWebApp"], "UsernameMatchesAnyOfPatterns": ["CONTOSO.COM\\\\admin*"], "Priority": 2 }',
      ),
      errors: [{ messageId: "shadowed", line: 3, suggestions: 1 }],
    },
    {
      // IPv6: two halves of 2001:db8::/32 cover a /48 inside it.
      code: rules(
        '{ "Name": "Low half", "Action": "DenyAccess", "AnyOfClientIPAddressesOrRanges": ["2001:db8::/33"], "Priority": 1 }',
        '{ "Name": "High half", "Action": "DenyAccess", "AnyOfClientIPAddressesOrRanges": ["2001:db8:8000::-2001:db8:ffff:ffff:ffff:ffff:ffff:ffff"], "Priority": 2 }',
        '{ "Name": "Lab", "Action": "DenyAccess", "AnyOfClientIPAddressesOrRanges": ["2001:db8:7fff::/48", "2001:db8:8000::/48"], "Priority": 3 }',
      ),
      errors: [{ messageId: "redundant", data: { rule: '"Lab" (Priority 3)', covering: '"Low half" (Priority 1) and "High half" (Priority 2)', verb: "deny" }, suggestions: 1 }],
    },
    {
      // The same opaque condition on both rules can be proven to cover.
      code: rules(
        '{ "Name": "Block Redmond", "Action": "DenyAccess", "UserRecipientFilter": "City -eq \'Redmond\'", "Priority": 1 }',
        '{ "Name": "Block Redmond OWA", "Action": "DenyAccess", "AnyOfProtocols": ["OutlookWebApp"], "UserRecipientFilter": "{city -EQ \\"redmond\\"}", "Priority": 2 }',
      ),
      errors: [{ messageId: "redundant", line: 3, suggestions: 1 }],
    },
    {
      // Scope All covers a later Scope Users rule.
      code: rules(
        '{ "Name": "Block everyone", "Action": "DenyAccess", "Priority": 1 }',
        '{ "Name": "Block users", "Action": "DenyAccess", "Scope": "Users", "Priority": 2 }',
      ),
      errors: [{ messageId: "redundant", line: 3, suggestions: 1 }],
    },
    {
      // Coupled (default) semantics: an EWS block also covers REST.
      code: rules(
        '{ "Name": "Block EWS", "Action": "DenyAccess", "AnyOfProtocols": ["ExchangeWebServices"], "Priority": 1 }',
        '{ "Name": "Allow REST", "Action": "AllowAccess", "AnyOfProtocols": ["REST"], "Priority": 2 }',
      ),
      errors: [{ messageId: "shadowed", line: 3, suggestions: 1 }],
    },
    {
      // Without priorities file order decides; no move suggestion can be written as a Priority edit.
      code: rules(
        '{ "Name": "Block all", "Action": "DenyAccess" }',
        '{ "Name": "Allow OWA", "Action": "AllowAccess", "AnyOfProtocols": ["OutlookWebApp"] }',
      ),
      errors: [
        {
          message:
            '"Allow OWA" (no Priority) is shadowed by a rule that does the opposite ("Block all" (no Priority)): "Block all" (no Priority) matches every connection it matches before it does, so its AllowAccess never takes effect. Move it above "Block all" (no Priority) if it should win, or remove it.',
          line: 3,
          suggestions: [],
        },
      ],
    },
  ],
});
