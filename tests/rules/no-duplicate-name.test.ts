import rule from "../../rules/no-duplicate-name.ts";
import { json, locate, runRuleTests } from "../rule-tester.ts";

const duplicate = json(
  "[",
  '  { "Name": "Block POP3", "Action": "DenyAccess", "AnyOfProtocols": ["POP3"], "Priority": 1 },',
  '  { "Name": "block pop3", "Action": "DenyAccess", "AnyOfProtocols": ["IMAP4"], "Priority": 2 }',
  "]",
);
const dscDuplicate = json(
  "[",
  '  { "Identity": "Allow EAC", "Action": "AllowAccess", "AnyOfProtocols": ["ExchangeAdminCenter"] },',
  '  { "Identity": "Allow EAC", "Action": "AllowAccess", "AnyOfProtocols": ["RemotePowerShell"] }',
  "]",
);

runRuleTests("no-duplicate-name", rule, {
  valid: [
    json(
      "[",
      '  { "Name": "Block POP3", "Action": "DenyAccess", "AnyOfProtocols": ["POP3"] },',
      '  { "Name": "Block IMAP4", "Action": "DenyAccess", "AnyOfProtocols": ["IMAP4"] }',
      "]",
    ),
    // A rule being removed (Microsoft365DSC Ensure: Absent) does not hold its name.
    json(
      "[",
      '  { "Identity": "Allow EAC", "Action": "AllowAccess", "Ensure": "Absent" },',
      '  { "Identity": "Allow EAC", "Action": "AllowAccess", "AnyOfProtocols": ["ExchangeAdminCenter"] }',
      "]",
    ),
  ],
  invalid: [
    {
      code: duplicate,
      errors: [
        {
          message:
            'Rule name "block pop3" is already used by the rule on line 2: Exchange requires unique names, and Set- or Remove-ClientAccessRule -Identity "block pop3" would not know which rule you mean. Rename one of them.',
          ...locate(duplicate, '"block pop3"'),
        },
      ],
    },
    {
      code: dscDuplicate,
      errors: [{ messageId: "duplicateName", data: { name: "Allow EAC", line: 2 }, ...locate(dscDuplicate, '"Allow EAC"', 2) }],
    },
  ],
});
