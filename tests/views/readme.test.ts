/**
 * The README shows `diff` and `report` on the examples with their real output: each console
 * block that runs one of them is run again here and must print exactly what the README says.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { run } from "../cli/cli-harness.ts";

const root = path.resolve(import.meta.dirname, "../..");
const readme = readFileSync(path.join(root, "README.md"), "utf8");
const blocks = [...readme.matchAll(/```console\n\$ npx client-access-rules ((?:diff|report) [^\n]+)\n([\s\S]*?)```/gu)];

describe("README console blocks of diff and report", () => {
  it("has one for each command", () => {
    expect(blocks.map((block) => block[1]!.split(" ")[0])).toEqual(["diff", "report"]);
  });

  for (const [, command, output] of blocks) {
    it(`client-access-rules ${command}`, async () => {
      const result = await run(path.join(root, "examples"), ...command!.split(" "));
      expect(result.stderr).toBe("");
      expect(result.stdout).toBe(output);
    });
  }
});
