import { Linter } from "eslint";
import * as jsoncParser from "jsonc-eslint-parser";
import { describe, expect, it } from "vitest";
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

// Out of file order: the suggestion keeps the evaluation order, so "Late" (priority 0) stays first
// and "B", later in the file than "A" with the same Priority, stays before it.
const unsorted = json(
  "[",
  '  { "Name": "A", "Action": "DenyAccess", "AnyOfProtocols": ["POP3"], "Priority": 5 },',
  '  { "Name": "B", "Action": "DenyAccess", "AnyOfProtocols": ["IMAP4"], "Priority": 5 },',
  '  { "Name": "Late", "Action": "AllowAccess", "AnyOfProtocols": ["RemotePowerShell"], "Priority": 0 }',
  "]",
);

const threeTied = json(
  "[",
  '  { "Name": "Always Allow Remote PowerShell", "Action": "AllowAccess", "AnyOfProtocols": ["RemotePowerShell"], "Priority": 1 },',
  '  { "Name": "A", "Action": "DenyAccess", "AnyOfProtocols": ["POP3"], "Priority": 2 },',
  '  { "Name": "B", "Action": "DenyAccess", "AnyOfProtocols": ["IMAP4"], "Priority": 2 },',
  '  { "Name": "C", "Action": "DenyAccess", "AnyOfProtocols": ["ExchangeActiveSync"], "Priority": 2 },',
  '  { "Name": "Block everything else", "Action": "DenyAccess", "ExceptAnyOfProtocols": ["RemotePowerShell"], "Priority": 3 }',
  "]",
);

const gaps = json(
  "[",
  '  { "Name": "Always Allow Remote PowerShell", "Action": "AllowAccess", "AnyOfProtocols": ["RemotePowerShell"], "Priority": 10 },',
  '  { "Name": "A", "Action": "DenyAccess", "AnyOfProtocols": ["POP3"], "Priority": 20 },',
  '  { "Name": "B", "Action": "DenyAccess", "AnyOfProtocols": ["IMAP4"], "Priority": 20 },',
  '  { "Name": "Block everything else", "Action": "DenyAccess", "ExceptAnyOfProtocols": ["RemotePowerShell"], "Priority": 30 }',
  "]",
);

const longRun = json(
  "[",
  ...Array.from({ length: 50 }, (_, index) => {
    const priority = index < 20 ? index + 1 : index;
    return `  { "Name": "Rule ${index + 1}", "Action": "DenyAccess", "AnyOfProtocols": ["POP3"], "Priority": ${priority} }${index < 49 ? "," : ""}`;
  }),
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
              desc: 'Give "Block IMAP4" a Priority of its own, keeping the current evaluation order (of tied rules, the later one first), as Priority 2; renumbers Priority 2–3 to 3–4.',
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
              // B stays before A and after Late, in the free 4: no other rule is renumbered.
              messageId: "renumber",
              data: { name: "B", placement: ", as Priority 4; no other rule is renumbered" },
              output: unsorted.replace('["IMAP4"], "Priority": 5', '["IMAP4"], "Priority": 4'),
            },
          ],
        },
      ],
    },
    {
      // Three rules on 2, evaluated C, B, A: B and C are reported. 1 is taken, so each keeps its
      // place by moving the run below it down; both leave the same order: C 2, B 3, A 4.
      code: threeTied,
      errors: [
        {
          messageId: "duplicatePriority",
          line: 4,
          suggestions: [
            {
              desc: 'Give "B" a Priority of its own, keeping the current evaluation order (of tied rules, the later one first), as Priority 3; renumbers Priority 2–3 to 4–5.',
              output: threeTied
                .replace('["RemotePowerShell"], "Priority": 3 }', '["RemotePowerShell"], "Priority": 5 }')
                .replace('["POP3"], "Priority": 2', '["POP3"], "Priority": 4')
                .replace('["IMAP4"], "Priority": 2', '["IMAP4"], "Priority": 3'),
            },
          ],
        },
        {
          messageId: "duplicatePriority",
          line: 5,
          suggestions: [
            {
              desc: 'Give "C" a Priority of its own, keeping the current evaluation order (of tied rules, the later one first), as Priority 2; renumbers 3 rules between Priority 2 and 3.',
              output: threeTied
                .replace('["RemotePowerShell"], "Priority": 3 }', '["RemotePowerShell"], "Priority": 5 }')
                .replace('["POP3"], "Priority": 2', '["POP3"], "Priority": 4')
                .replace('["IMAP4"], "Priority": 2', '["IMAP4"], "Priority": 3'),
            },
          ],
        },
      ],
    },
    {
      // Numbered from 10 in steps: the tied rule takes a free number above, nothing else moves.
      code: gaps,
      errors: [
        {
          messageId: "duplicatePriority",
          line: 4,
          suggestions: [
            {
              desc: 'Give "B" a Priority of its own, keeping the current evaluation order (of tied rules, the later one first), as Priority 19; no other rule is renumbered.',
              output: gaps.replace('"Name": "B", "Action": "DenyAccess", "AnyOfProtocols": ["IMAP4"], "Priority": 20', '"Name": "B", "Action": "DenyAccess", "AnyOfProtocols": ["IMAP4"], "Priority": 19'),
            },
          ],
        },
      ],
    },
    {
      // 50 rules numbered without a gap and a tie at 20: 30 rules would move down and none can move
      // up, more than the 20 a suggestion may renumber, so none is offered (it would grow with the file).
      code: longRun,
      errors: [{ messageId: "duplicatePriority", line: 22, suggestions: [] }],
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

describe("no-duplicate-priority on a file full of ties", () => {
  // 400 rules numbered 1, 1, 2, 2, …: 200 ties. A whole-file renumbering per tie made -f json of
  // such a 1,000-rule file 135 MB; each suggestion now edits at most 21 neighbouring rules.
  const rules = Array.from({ length: 400 }, (_, index) => `  { "Name": "Rule ${index + 1}", "Action": "DenyAccess", "AnyOfProtocols": ["POP3"], "Priority": ${1 + (index >> 1)} }`);
  const code = json("[", rules.join(",\n"), "]");
  const messages = new Linter({ configType: "flat" }).verify(
    code,
    [{ files: ["**/*.json"], languageOptions: { parser: jsoncParser }, plugins: { car: { rules: { "no-duplicate-priority": rule } } }, rules: { "car/no-duplicate-priority": "warn" } }],
    { filename: "rules.car.json" },
  );
  const suggestions = messages.flatMap((message) => message.suggestions ?? []);
  const ruleLine = rules[0]!.length + 2;

  it("reports every tie", () => {
    expect(messages.map((message) => message.line)).toEqual(Array.from({ length: 200 }, (_, tie) => 3 + 2 * tie));
  });

  it("offers only suggestions that stay within 22 rules of the file", () => {
    // The first ties have room above nothing and below only runs too long to move: the plans that
    // fit are the ones near the end of the numbering.
    expect(suggestions.length).toBeGreaterThan(0);
    for (const suggestion of suggestions) expect(suggestion.fix.range[1] - suggestion.fix.range[0]).toBeLessThanOrEqual(22 * ruleLine);
    expect(JSON.stringify(messages).length).toBeLessThan(20 * code.length);
  });
});
