import rule from "../../rules/valid-schema.ts";
import { json, locate, runRuleTests } from "../rule-tester.ts";

const misspeltKey = json(
  "[",
  '  { "Name": "Block POP", "Action": "DenyAccess", "AnyOfProtocol": ["POP3"] }',
  "]",
);
const wrongCase = json('[{ "Name": "Block REST", "Action": "denyaccess", "AnyOfProtocols": ["rest", "POP3"] }]');
const alias = json('[{ "Name": "AllowRemotePS", "Action": "Allow", "AnyOfProtocols": "RemotePowerShell", "Priority": 1 }]');
const commaString = json('[{ "Name": "Legacy", "Action": "DenyAccess", "AnyOfProtocols": "POP3,IMAP4" }]');
// Fuzz cases: the comma-list autofix split group names (a DN into four groups, a display name in two).
const groupDistinguishedName = json(
  '[{ "Name": "r", "Action": "DenyAccess", "ExceptUserIsMemberOf": "CN=Sales,OU=Groups,DC=contoso,DC=com" }]',
);
const groupDisplayNames = json('[{ "Name": "r", "Action": "DenyAccess", "ExceptUserIsMemberOf": ["Sales, Marketing"] }]');
const commaPattern = json('[{ "Name": "r", "Action": "DenyAccess", "UsernameMatchesAnyOfPatterns": "contoso.com\\\\a*,contoso.com\\\\b*" }]');
// Fuzz case: "Rename to AnyOfProtocols" produced a second AnyOfProtocols key.
const misspeltBesideCorrect = json(
  '[{ "Name": "r", "Action": "DenyAccess", "AnyOfProtocols": ["POP3"], "AnyOfProtocol": ["IMAP4", "pop3"], "Actoin": "Allow" }]',
);
// Fuzz case: a padded pattern was trimmed without a finding, while a padded enum value got one.
const paddedPattern = json('[{ "Name": "r", "Action": "DenyAccess", "UsernameMatchesAnyOfPatterns": [" contoso.com\\\\admin* "] }]');
const commaElement = json('[{ "Name": "Legacy", "Action": "DenyAccess", "AnyOfProtocols": ["OutlookWebApp", "POP3, IMAP4"] }]');
const misspeltProtocol = json('[{ "Name": "Block EWS", "Action": "DenyAccess", "AnyOfProtocols": ["ExchangeWebService"] }]');
const numericEnums = json('[{ "Name": "Export", "Action": 1, "AnyOfProtocols": [10], "RuleScope": 1 }]');
const missingAction = json("[", '  { "Name": "No action", "AnyOfProtocols": ["POP3"] }', "]");
const badSettings = json('[{ "Name": "x", "Action": "DenyAccess", "Priority": -1, "Enabled": "yes", "AnyOfProtocols": ["POP3"] }]');
const badElements = json('[{ "Name": "x", "Action": "DenyAccess", "AnyOfProtocols": ["POP3", null, true] }]');
const notObjects = json('[{ "Name": "x", "Action": "DenyAccess", "AnyOfProtocols": ["POP3"] }, 42, "rule"]');
const missingName = json("[", '  { "Action": "DenyAccess", "AnyOfProtocols": ["POP3"] }', "]");
// Rules where no input form keeps them: reported, none read.
const psArrayWrapper = json('{ "value": [{ "Name": "Block POP3", "Action": "DenyAccess", "AnyOfProtocols": ["POP3"] }], "Count": 1 }');
const otherKey = json('{ "ClientAccessRules": [{ "Name": "Block POP3", "Action": "denyaccess" }] }');
const rulesByName = json('{ "rules": { "Block POP3": { "Action": "DenyAccess", "AnyOfProtocols": ["POP3"] } } }');
const nestedArray = json("[", "  [],", '  [{ "Name": "Block EWS", "Action": "DenyAccess", "AnyOfProtocols": ["ExchangeWebServices"] }]', "]");
// An ANSI (Windows-1252) file read as UTF-8: its ß and ü are U+FFFD. The alias would be autofixed
// in a UTF-8 file; here writing the file would replace the original characters, so it is not.
const ansiName = json('[{ "Name": "Au\uFFFDendienst", "Action": "Allow", "AnyOfProtocols": ["POP3"] }]');
const ansiPattern = json(
  "[",
  '  { "Name": "Block POP3", "Action": "DenyAccess", "AnyOfProtocols": ["POP3"],',
  '    "ExceptUsernameMatchesAnyOfPatterns": ["contoso.com\\\\j\uFFFDrgen", "contoso.com\\\\ann"],',
  '    "UserRecipientFilter": "City -eq \'Z\uFFFDrich\'" }',
  "]",
);
const undecodableFile = (count: number) =>
  `This file is not UTF-8: ${count} of its characters, the first here, could not be read and show as "\uFFFD" (a file saved as ANSI, as Windows PowerShell 5.1's Set-Content writes by default, holds its é, ß and ü that way). No autofix is applied to it, since writing the file would put "\uFFFD" over the original characters. Save it as UTF-8: in Windows PowerShell 5.1, (Get-Content 'rules.car.json') | Set-Content -Encoding UTF8 'rules.car.json'`;

runRuleTests("valid-schema", rule, {
  valid: [
    // A distinguished name is one group: no finding, no fix.
    groupDistinguishedName,
    // Canonical rule in each input shape.
    json('[{ "Name": "Always Allow Remote PowerShell", "Action": "AllowAccess", "AnyOfProtocols": ["RemotePowerShell"], "Priority": 1, "Enabled": true }]'),
    json('{ "$schema": "./schema.json", "rules": [{ "Name": "Block POP3", "Action": "DenyAccess", "AnyOfProtocols": "POP3" }] }'),
    json('{ "Name": "Block POP3", "Action": "DenyAccess", "AnyOfProtocols": ["POP3"], "Scope": "Users" }'),
    // A Get-ClientAccessRule export: read-only properties, RuleScope, empty and null lists.
    json(
      "[{",
      '  "RunspaceId": "6b1c0e1e-0000-0000-0000-000000000000", "Identity": "Block ActiveSync", "Guid": "0000", "IsValid": true,',
      '  "Priority": 5, "Enabled": true, "DatacenterAdminsOnly": false, "Action": "DenyAccess",',
      '  "AnyOfClientIPAddressesOrRanges": [], "ExceptAnyOfClientIPAddressesOrRanges": ["192.0.2.0/24"],',
      '  "UsernameMatchesAnyOfPatterns": ["*michael.mast"], "AnyOfProtocols": ["ExchangeActiveSync"],',
      '  "UserRecipientFilter": null, "RuleScope": "All", "Name": "Block ActiveSync", "ExchangeVersion": "0.20 (15.0.0.0)"',
      "}]",
    ),
    // Microsoft365DSC: Identity as the name, DSC plumbing properties, an Absent rule with bad values.
    json(
      "[",
      '  { "Identity": "Always Allow Remote PowerShell", "Action": "AllowAccess", "AnyOfProtocols": ["RemotePowerShell"], "Ensure": "Present", "TenantId": "contoso.onmicrosoft.com" },',
      '  { "Identity": "Old rule", "Action": "AllowAccess", "Ensure": "Absent", "Bogus": 1 }',
      "]",
    ),
    // Property names match case-insensitively, as PowerShell binds them.
    json('[{ "name": "Block POP3", "action": "DenyAccess", "anyofprotocols": ["POP3"] }]'),
    // Not Client Access Rules files: left alone even with odd contents.
    json('{ "name": "my-package", "version": "1.0.0", "scripts": {} }'),
    json('[{ "name": "a", "priority": 1, "enabled": true }, { "name": "b", "priority": "x" }]'),
    json("[]"),
    json('"just a string"'),
    // Other tools' JSON with an "Action" or a "value" list is no misplaced rule set.
    json('{ "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*" }] }'),
    json('{ "value": [{ "name": "a", "priority": 1 }], "Count": 1 }'),
    json('{ "rules": { "no-console": "error", "eqeqeq": ["error", "always"] } }'),
    json("[[1, 2], [3]]"),
  ],
  invalid: [
    {
      code: ansiName,
      output: null,
      errors: [
        { message: undecodableFile(1), ...locate(ansiName, "\uFFFD") },
        { messageId: "enumAlias", ...locate(ansiName, '"Allow"') },
      ],
    },
    {
      code: ansiPattern,
      errors: [
        {
          message:
            'ExceptUsernameMatchesAnyOfPatterns value "contoso.com\\j\uFFFDrgen" holds a character that could not be read as UTF-8 (shown as "\uFFFD"): what it matches is unknown, so this rule is left out of the analysis. Save the file as UTF-8.',
          ...locate(ansiPattern, '"contoso.com\\\\j\uFFFDrgen"'),
        },
        { message: undecodableFile(2), ...locate(ansiPattern, "\uFFFD") },
        {
          message:
            'UserRecipientFilter value "City -eq \'Z\uFFFDrich\'" holds a character that could not be read as UTF-8 (shown as "\uFFFD"): what it matches is unknown, so this rule is left out of the analysis. Save the file as UTF-8.',
          ...locate(ansiPattern, '"City -eq \'Z\uFFFDrich\'"'),
        },
      ],
    },
    {
      code: misspeltKey,
      errors: [
        {
          message:
            '"AnyOfProtocol" is not a Client Access Rule parameter: New-ClientAccessRule would reject the rule. Did you mean "AnyOfProtocols"?',
          ...locate(misspeltKey, '"AnyOfProtocol"'),
          suggestions: [
            {
              messageId: "renameKey",
              data: { suggestion: "AnyOfProtocols" },
              output: misspeltKey.replace('"AnyOfProtocol"', '"AnyOfProtocols"'),
            },
          ],
        },
      ],
    },
    {
      code: wrongCase,
      output: json('[{ "Name": "Block REST", "Action": "DenyAccess", "AnyOfProtocols": ["REST", "POP3"] }]'),
      errors: [
        {
          message: 'Write Action value "denyaccess" as "DenyAccess", the documented spelling.',
          ...locate(wrongCase, '"denyaccess"'),
        },
        {
          message: 'Write AnyOfProtocols value "rest" as "REST", the documented spelling.',
          ...locate(wrongCase, '"rest"'),
        },
      ],
    },
    {
      code: alias,
      output: alias.replace('"Allow"', '"AllowAccess"'),
      errors: [
        {
          message:
            '"Allow" is not a documented Action value: the cmdlet documents only AllowAccess and DenyAccess (Microsoft\'s own examples write "Allow", but whether Exchange accepts it is not documented). Write "AllowAccess".',
          ...locate(alias, '"Allow"'),
        },
      ],
    },
    {
      code: commaString,
      output: commaString.replace('"POP3,IMAP4"', '["POP3", "IMAP4"]'),
      errors: [
        {
          message:
            '"POP3,IMAP4" holds a comma-separated list in one string; Exchange takes a quoted list as one value. Write each value as its own string.',
          ...locate(commaString, '"POP3,IMAP4"'),
        },
      ],
    },
    {
      code: groupDisplayNames,
      output: null,
      errors: [
        {
          message:
            '"Sales, Marketing" holds commas: Exchange takes it as one group name (a name may contain a comma), not as 2 values. If you meant 2 values, write each as its own string.',
          ...locate(groupDisplayNames, '"Sales, Marketing"'),
          suggestions: [
            {
              desc: 'Split into 2 values: "Sales", "Marketing".',
              output: groupDisplayNames.replace('"Sales, Marketing"', '"Sales", "Marketing"'),
            },
          ],
        },
      ],
    },
    {
      code: commaPattern,
      output: null,
      errors: [
        {
          messageId: "commaInName",
          data: { value: "contoso.com\\a*,contoso.com\\b*", what: "username pattern", count: 2 },
          suggestions: [
            {
              messageId: "splitCommaList",
              output: commaPattern.replace(
                '"contoso.com\\\\a*,contoso.com\\\\b*"',
                '["contoso.com\\\\a*", "contoso.com\\\\b*"]',
              ),
            },
          ],
        },
      ],
    },
    {
      code: json('{ "rules": { "Name": "a", "Action": "DenyAccess" } }'),
      errors: [
        {
          message:
            '"rules" holds an object, not a list of rule objects: no rule in this file is read or checked. Write "rules": [ … ].',
          line: 1,
          column: 12,
        },
      ],
    },
    {
      code: psArrayWrapper,
      errors: [
        {
          message:
            'This is how Windows PowerShell\'s ConvertTo-Json writes an array passed to it whole ({ "value": [ … ], "Count": n }): the rules under "value" are not read or checked. Keep only the array, or export with Get-ClientAccessRule | ConvertTo-Json -Depth 3 (the rules piped, not passed as one array).',
          ...locate(psArrayWrapper, '"value"'),
        },
      ],
    },
    {
      code: otherKey,
      errors: [
        {
          message:
            'This file holds Client Access Rule objects under "ClientAccessRules", but rules are read from a top-level array, a "rules" list or one rule object (or an export form docs/inputs lists), so no rule in this file is read or checked. Move them to a top-level array or under "rules".',
          ...locate(otherKey, '"ClientAccessRules"'),
        },
      ],
    },
    {
      code: rulesByName,
      errors: [{ messageId: "misplacedRules", data: { where: 'under "rules"' }, ...locate(rulesByName, '"rules"') }],
    },
    {
      code: nestedArray,
      errors: [
        {
          messageId: "misplacedRules",
          data: { where: "in the array nested at position 2" },
          ...locate(nestedArray, '[{ "Name": "Block EWS", "Action": "DenyAccess", "AnyOfProtocols": ["ExchangeWebServices"] }]'),
        },
      ],
    },
    {
      code: json('{ "rules": [{ "Name": "a", "Action": "DenyAccess" }],', '  "rules": [{ "Name": "b", "Action": "DenyAccess" }] }'),
      errors: [
        {
          message:
            'This file has a second "rules" key (line 2): JSON parsers keep only the last one, so the rules under this key are never read or checked. Merge the two lists into one.',
          line: 1,
          column: 3,
          endColumn: 10,
        },
      ],
    },
    {
      code: paddedPattern,
      output: paddedPattern.replace('" contoso.com\\\\admin* "', '"contoso.com\\\\admin*"'),
      errors: [
        {
          message:
            'UsernameMatchesAnyOfPatterns value " contoso.com\\admin* " has spaces around it; every check reads it as "contoso.com\\admin*". Write it without them.',
          ...locate(paddedPattern, '" contoso.com\\\\admin* "'),
        },
      ],
    },
    {
      code: misspeltBesideCorrect,
      errors: [
        {
          messageId: "unknownParameterDidYouMean",
          ...locate(misspeltBesideCorrect, '"AnyOfProtocol"'),
          suggestions: [
            {
              desc: 'Merge into the existing "AnyOfProtocols": add "IMAP4" to its list and remove "AnyOfProtocol".',
              output: json(
                '[{ "Name": "r", "Action": "DenyAccess", "AnyOfProtocols": ["POP3", "IMAP4"], "Actoin": "Allow" }]',
              ),
            },
          ],
        },
        // Action is already set and is no list: no rename, no merge.
        { messageId: "unknownParameterDidYouMean", ...locate(misspeltBesideCorrect, '"Actoin"'), suggestions: [] },
      ],
    },
    {
      code: commaElement,
      output: commaElement.replace('"POP3, IMAP4"', '"POP3", "IMAP4"'),
      errors: [{ messageId: "commaList", ...locate(commaElement, '"POP3, IMAP4"') }],
    },
    {
      code: misspeltProtocol,
      errors: [
        {
          message:
            '"ExchangeWebService" is not a valid AnyOfProtocols value, so Exchange would reject the rule. Did you mean "ExchangeWebServices"?',
          ...locate(misspeltProtocol, '"ExchangeWebService"'),
          suggestions: [
            {
              messageId: "replaceValue",
              data: { suggestion: "ExchangeWebServices" },
              output: misspeltProtocol.replace('"ExchangeWebService"', '"ExchangeWebServices"'),
            },
          ],
        },
      ],
    },
    {
      code: json('[{ "Name": "x", "Action": "DenyAccess", "AnyOfProtocols": ["Carrier pigeon"] }]'),
      errors: [
        {
          message:
            '"Carrier pigeon" is not a valid AnyOfProtocols value, so Exchange would reject the rule. Use one of: ExchangeActiveSync, ExchangeAdminCenter, ExchangeWebServices, IMAP4, OfflineAddressBook, OutlookAnywhere, OutlookWebApp, POP3, PowerShellWebServices, RemotePowerShell, REST, UniversalOutlook.',
        },
      ],
    },
    {
      code: numericEnums,
      errors: [
        {
          message:
            'Action value 1 is a numeric enum (as Windows PowerShell\'s ConvertTo-Json writes it), read as "DenyAccess" from the documented declaration order. Write the name instead.',
          ...locate(numericEnums, "1,"),
          endColumn: locate(numericEnums, "1,").column + 1,
          suggestions: [
            {
              messageId: "replaceValue",
              data: { suggestion: "DenyAccess" },
              output: numericEnums.replace('"Action": 1', '"Action": "DenyAccess"'),
            },
          ],
        },
        {
          messageId: "numericEnum",
          data: { parameter: "AnyOfProtocols", value: 10, canonical: "REST" },
          ...locate(numericEnums, "10"),
          suggestions: [
            { messageId: "replaceValue", data: { suggestion: "REST" }, output: numericEnums.replace("[10]", '["REST"]') },
          ],
        },
        {
          messageId: "numericEnum",
          data: { parameter: "Scope", value: 1, canonical: "Users" },
          ...locate(numericEnums, "1 }"),
          endColumn: locate(numericEnums, "1 }").column + 1,
          suggestions: [
            {
              messageId: "replaceValue",
              data: { suggestion: "Users" },
              output: numericEnums.replace('"RuleScope": 1', '"RuleScope": "Users"'),
            },
          ],
        },
      ],
    },
    {
      code: missingAction,
      errors: [
        {
          message: "This rule has no Action: Exchange requires AllowAccess or DenyAccess.",
          line: 2,
          column: 3,
          endLine: 2,
          endColumn: 4,
        },
      ],
    },
    {
      code: missingName,
      errors: [
        {
          message: "This rule has no Name (or Identity): Exchange requires a unique name for every rule.",
          line: 2,
          column: 3,
        },
      ],
    },
    {
      code: badSettings,
      errors: [
        {
          message:
            "Priority must be a non-negative integer: rules are evaluated in ascending Priority, so this rule's place is unknown.",
          ...locate(badSettings, "-1"),
        },
        { message: "Enabled must be true or false.", ...locate(badSettings, '"yes"') },
      ],
    },
    {
      code: json('[{ "Name": "x", "Action": "DenyAccess", "Priority": 1.5, "AnyOfProtocols": ["POP3"] }]'),
      errors: [{ messageId: "invalidPriority" }],
    },
    {
      code: json('[{ "Name": 42, "Action": "DenyAccess", "AnyOfProtocols": { "POP3": true } }]'),
      errors: [
        { message: "Name must be a non-empty string: Exchange would reject this value." },
        { message: "AnyOfProtocols must be a list of strings: Exchange would reject this value." },
      ],
    },
    {
      code: badElements,
      errors: [
        { message: "AnyOfProtocols must be a string: Exchange would reject this value.", ...locate(badElements, "null") },
        { message: "AnyOfProtocols must be a string: Exchange would reject this value.", ...locate(badElements, "true") },
      ],
    },
    {
      code: json('[{ "Name": "x", "Action": "DenyAccess", "AnyOfProtocols": ["POP3"], "anyofprotocols": ["IMAP4"] }]'),
      errors: [
        {
          message:
            '"anyofprotocols" sets AnyOfProtocols a second time (first on line 1): which value applies is ambiguous. Keep one.',
        },
      ],
    },
    {
      code: json('[{ "Name": "x", "Action": "DenyAccess", "Scope": "All", "RuleScope": "Users" }]'),
      errors: [{ messageId: "duplicateParameter", data: { key: "RuleScope", parameter: "Scope", line: 1 } }],
    },
    {
      code: json('[{ "Name": "x", "Action": "DenyAccess", "AnyOfSourceTcpPortNumbers": ["443", 70000, "9-1"] }]'),
      errors: [
        { message: '"70000" is not a TCP port number or range between 1 and 65535.' },
        { message: '"9-1" is not a TCP port number or range between 1 and 65535.' },
      ],
    },
    {
      code: notObjects,
      errors: [
        {
          message:
            "This entry is a number, not a rule object: Exchange has nothing to create from it. Turn it into a rule with Name and Action, or remove it.",
          ...locate(notObjects, "42"),
        },
        { messageId: "notAnObject", data: { kind: "a string" }, ...locate(notObjects, '"rule"') },
      ],
    },
    {
      // "" means not set: no Name, and Identity is not there to stand in.
      code: json('[{ "Name": "", "Action": "DenyAccess", "Priority": "", "Enabled": "", "AnyOfProtocols": "," }]'),
      errors: [
        { messageId: "missingName", column: 2 },
        { message: "AnyOfProtocols must be a non-empty string: Exchange would reject this value." },
      ],
    },
    {
      code: json('[{ "Identity": "x", "Action": "DenyAccess", "Ensure": "Gone" }]'),
      errors: [{ message: "\"Gone\" is not a valid Ensure value, so Exchange would reject the rule. Use one of: Present, Absent." }],
    },
    {
      code: json('{ "Name": "Block POP", "Action": "DenyAccess", "AnyOfProtocols": ["POP3"], "DomainController": "dc1", "Colour": "red" }'),
      errors: [
        {
          message:
            '"DomainController" is a parameter of the cmdlet, not a property of the rule: Exchange never stores it with the rule. Remove it.',
        },
        { messageId: "unknownParameter", data: { key: "Colour" } },
      ],
    },
  ],
});
