import rule from "../../rules/no-duplicate-values.ts";
import { json, locate, runRuleTests } from "../rule-tester.ts";

const repeatedProtocol = json('[{ "Name": "r", "Action": "DenyAccess", "AnyOfProtocols": ["POP3", "IMAP4", "pop3"] }]');
const containedIp = json(
  "[",
  "  {",
  '    "Name": "Allow offices",',
  '    "Action": "AllowAccess",',
  '    "AnyOfClientIPAddressesOrRanges": [',
  '      "10.1.2.3", // the print server',
  '      "10.0.0.0/8",',
  '      "10.0.0.0-10.255.255.255"',
  "    ]",
  "  }",
  "]",
);
const containedPattern = json(
  '[{ "Name": "r", "Action": "DenyAccess", "ExceptUsernameMatchesAnyOfPatterns": ["contoso.com\\\\*", "Contoso.com\\\\admin*"] }]',
);

runRuleTests("no-duplicate-values", rule, {
  valid: [
    json('[{ "Name": "r", "Action": "DenyAccess", "AnyOfProtocols": ["ExchangeWebServices", "REST"] }]'),
    json('[{ "Name": "r", "Action": "DenyAccess", "AnyOfClientIPAddressesOrRanges": ["10.0.0.0/9", "10.128.0.0/9"] }]'),
    json('[{ "Name": "r", "Action": "DenyAccess", "UsernameMatchesAnyOfPatterns": ["*jeff*", "contoso.com\\\\j*"] }]'),
    // The same value in a condition and its exception is no-unsatisfiable-rule's business.
    json('[{ "Name": "r", "Action": "DenyAccess", "AnyOfProtocols": ["POP3"], "ExceptAnyOfProtocols": ["POP3"] }]'),
  ],
  invalid: [
    {
      code: repeatedProtocol,
      output: json('[{ "Name": "r", "Action": "DenyAccess", "AnyOfProtocols": ["POP3", "IMAP4"] }]'),
      errors: [
        {
          message: 'AnyOfProtocols lists "pop3" again (as "POP3" on line 1): the repeat changes nothing. Remove it.',
          ...locate(repeatedProtocol, '"pop3"'),
        },
      ],
    },
    {
      code: containedIp,
      // The narrower address goes, its same-line comment stays. Both fixes edit one list, so ESLint
      // applies one per pass; the repeat (the same addresses written as a range) goes next pass.
      output: json(
        "[",
        "  {",
        '    "Name": "Allow offices",',
        '    "Action": "AllowAccess",',
        '    "AnyOfClientIPAddressesOrRanges": [',
        "      // the print server",
        '      "10.0.0.0/8",',
        '      "10.0.0.0-10.255.255.255"',
        "    ]",
        "  }",
        "]",
      ),
      errors: [
        {
          message:
            'AnyOfClientIPAddressesOrRanges value "10.1.2.3" is already covered by "10.0.0.0/8" in the same list, so it changes nothing. Remove it, or narrow "10.0.0.0/8" if that was the intent.',
          ...locate(containedIp, '"10.1.2.3"'),
        },
        {
          messageId: "repeated",
          data: { parameter: "AnyOfClientIPAddressesOrRanges", value: "10.0.0.0-10.255.255.255", other: "10.0.0.0/8", line: 7 },
          ...locate(containedIp, '"10.0.0.0-10.255.255.255"'),
        },
      ],
    },
    {
      code: containedPattern,
      output: json('[{ "Name": "r", "Action": "DenyAccess", "ExceptUsernameMatchesAnyOfPatterns": ["contoso.com\\\\*"] }]'),
      errors: [{ messageId: "contained", ...locate(containedPattern, '"Contoso.com\\\\admin*"') }],
    },
    {
      // Fuzz case: the removed repeat's same-line comment is the user's note and stays on its line.
      code: json(
        "[{",
        '  "Name": "r", "Action": "DenyAccess",',
        '  "AnyOfClientIPAddressesOrRanges": [',
        '    "203.0.113.5",',
        '    "203.0.113.5" // jump host',
        "  ]",
        "}]",
      ),
      output: json(
        "[{",
        '  "Name": "r", "Action": "DenyAccess",',
        '  "AnyOfClientIPAddressesOrRanges": [',
        '    "203.0.113.5"',
        "    // jump host",
        "  ]",
        "}]",
      ),
      errors: [{ messageId: "repeated", line: 5 }],
    },
    {
      // Inside a one-string comma list: reported, fixed only after valid-schema splits the string.
      code: json('[{ "Name": "r", "Action": "DenyAccess", "AnyOfProtocols": "POP3,POP3" }]'),
      output: null,
      errors: [{ messageId: "repeated" }],
    },
  ],
});
