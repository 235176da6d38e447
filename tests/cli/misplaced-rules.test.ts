/**
 * A file that holds rules where no input form keeps them: the commands stop and say so (exit 2)
 * instead of answering for an empty rule set, and `lint` reports it through valid-schema.
 */
import { describe, expect, it } from "vitest";
import { run, temporaryDirectory, writeFiles } from "./cli-harness.ts";

const directory = temporaryDirectory("misplaced");
const rule = '{ "Name": "Block POP3", "Action": "DenyAccess", "AnyOfProtocols": ["POP3"], "Priority": 1 }';
writeFiles(directory, {
  "wrapped.car.json": `{ "value": [${rule}], "Count": 1 }\n`,
  "nested.car.json": `[[${rule}]]\n`,
  "plain.car.json": `[${rule}]\n`,
});

describe("rules where no input form keeps them", () => {
  it("report names Windows PowerShell's array wrapper and how to export instead", async () => {
    const result = await run(directory, "report", "wrapped.car.json");
    expect(result).toEqual({
      exitCode: 2,
      stdout: "",
      stderr:
        'client-access-rules report: wrapped.car.json is the { "value": [ … ], "Count": n } that Windows PowerShell\'s ConvertTo-Json writes for an array passed to it whole, so none of its rules could be read: keep only the array, or export with Get-ClientAccessRule | ConvertTo-Json -Depth 3\n',
    });
  });

  it("what-if and diff stop on a nested array rather than answer for no rules", async () => {
    const whatIf = await run(directory, "what-if", "nested.car.json", "--protocol", "POP3", "--ip", "192.0.2.1");
    expect(whatIf.exitCode).toBe(2);
    expect(whatIf.stderr).toBe(
      'client-access-rules what-if: nested.car.json holds Client Access Rule objects in the array nested at position 1, where no input form keeps them (docs/inputs/README.md), so none of its rules could be read: move them to a top-level array or under "rules"\n',
    );
    const diff = await run(directory, "diff", "plain.car.json", "nested.car.json");
    expect(diff.exitCode).toBe(2);
    expect(diff.stderr).toContain("nested.car.json holds Client Access Rule objects in the array nested at position 1");
  });

  it("lint reports it through valid-schema, at the key", async () => {
    const result = await run(directory, "lint", "wrapped.car.json", "--format", "json");
    expect(result.exitCode).toBe(1);
    const [lint] = JSON.parse(result.stdout) as { messages: { ruleId: string; line: number; column: number; messageId: string }[] }[];
    expect(lint!.messages.map(({ ruleId, line, column, messageId }) => ({ ruleId, line, column, messageId }))).toEqual([
      { ruleId: "client-access-rules/valid-schema", line: 1, column: 3, messageId: "powerShellArrayWrapper" },
    ]);
  });
});
