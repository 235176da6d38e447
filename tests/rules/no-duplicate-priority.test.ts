import rule from "../../rules/no-duplicate-priority.ts";
import { json, locate, runRuleTests } from "../rule-tester.ts";

const duplicate = json(
  "[",
  '  { "Name": "Always Allow Remote PowerShell", "Action": "AllowAccess", "AnyOfProtocols": ["RemotePowerShell"], "Priority": 1 },',
  '  { "Name": "Block POP3", "Action": "DenyAccess", "AnyOfProtocols": ["POP3"], "Priority": 2 },',
  '  { "Name": "Block IMAP4", "Action": "DenyAccess", "AnyOfProtocols": ["IMAP4"], "Priority": 2 },',
  '  { "Name": "Block everything else", "Action": "DenyAccess", "ExceptAnyOfProtocols": ["RemotePowerShell"], "Priority": 3 }',
  "]",
);
const renumbered = json(
  "[",
  '  { "Name": "Always Allow Remote PowerShell", "Action": "AllowAccess", "AnyOfProtocols": ["RemotePowerShell"], "Priority": 1 },',
  '  { "Name": "Block POP3", "Action": "DenyAccess", "AnyOfProtocols": ["POP3"], "Priority": 3 },',
  '  { "Name": "Block IMAP4", "Action": "DenyAccess", "AnyOfProtocols": ["IMAP4"], "Priority": 2 },',
  '  { "Name": "Block everything else", "Action": "DenyAccess", "ExceptAnyOfProtocols": ["RemotePowerShell"], "Priority": 4 }',
  "]",
);

// Out of file order: renumbering follows evaluation order, so "Late" (priority 0) stays first and
// "B", later in the file than "A" with the same Priority, stays before it.
const unsorted = json(
  "[",
  '  { "Name": "A", "Action": "DenyAccess", "AnyOfProtocols": ["POP3"], "Priority": 5 },',
  '  { "Name": "B", "Action": "DenyAccess", "AnyOfProtocols": ["IMAP4"], "Priority": 5 },',
  '  { "Name": "Late", "Action": "AllowAccess", "AnyOfProtocols": ["RemotePowerShell"], "Priority": 0 }',
  "]",
);

runRuleTests("no-duplicate-priority", rule, {
  valid: [
    json(
      "[",
      '  { "Name": "A", "Action": "DenyAccess", "AnyOfProtocols": ["POP3"], "Priority": 1 },',
      '  { "Name": "B", "Action": "DenyAccess", "AnyOfProtocols": ["IMAP4"], "Priority": 2 },',
      '  { "Name": "C", "Action": "DenyAccess", "AnyOfProtocols": ["IMAP4"] }',
      "]",
    ),
    json(
      "[",
      '  { "Identity": "A", "Action": "DenyAccess", "AnyOfProtocols": ["POP3"], "Priority": 1, "Ensure": "Absent" },',
      '  { "Identity": "B", "Action": "DenyAccess", "AnyOfProtocols": ["IMAP4"], "Priority": 1 }',
      "]",
    ),
  ],
  invalid: [
    {
      code: duplicate,
      errors: [
        {
          message:
            'Priority 2 is already taken by "Block POP3" (line 3): Exchange keeps priorities unique, so created in file order "Block IMAP4" takes Priority 2 and moves "Block POP3" down, and Exchange evaluates "Block IMAP4" first. Give each rule its own Priority.',
          ...locate(duplicate, "2 }", 2),
          endColumn: locate(duplicate, "2 }", 2).column + 1,
          suggestions: [
            {
              desc: "Renumber the priorities from 1 in the current evaluation order (of tied rules, the later one first).",
              output: renumbered,
            },
          ],
        },
      ],
    },
    {
      code: unsorted,
      errors: [
        {
          messageId: "duplicatePriority",
          line: 3,
          suggestions: [
            {
              messageId: "renumber",
              data: { start: 0 },
              output: unsorted.replace('"Priority": 5 },\n  { "Name": "B"', '"Priority": 2 },\n  { "Name": "B"').replace(
                '["IMAP4"], "Priority": 5',
                '["IMAP4"], "Priority": 1',
              ),
            },
          ],
        },
      ],
    },
    {
      // An unreadable Priority elsewhere: report, but do not offer a renumbering that would guess.
      code: json(
        "[",
        '  { "Name": "A", "Action": "DenyAccess", "AnyOfProtocols": ["POP3"], "Priority": 1 },',
        '  { "Name": "B", "Action": "DenyAccess", "AnyOfProtocols": ["IMAP4"], "Priority": 1 },',
        '  { "Name": "C", "Action": "DenyAccess", "AnyOfProtocols": ["IMAP4"], "Priority": "3" }',
        "]",
      ),
      errors: [{ messageId: "duplicatePriority", line: 3, suggestions: [] }],
    },
  ],
});
