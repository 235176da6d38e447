/**
 * Golden files: the text and markdown of `report` on every example, and of `diff` on the example
 * pairs that tell the REST/EWS story. A change to the engine or the printers that alters what
 * people read shows up here as a file diff (update with `npx vitest run tests/views -u`).
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { run } from "../cli/cli-harness.ts";

const examples = path.resolve(import.meta.dirname, "../../examples");
const golden = (name: string) => path.join(import.meta.dirname, "golden", name);
const exampleFiles = readdirSync(examples).filter((file) => /\.car\.jsonc?$/u.test(file)).sort();

const DIFF_PAIRS: ReadonlyArray<readonly [string, string]> = [
  ["ews-block-without-rest.car.json", "ews-block-option2-except-rest.car.json"],
  ["ews-block-without-rest.car.json", "ews-block-option1-allow-rest.car.json"],
  ["ews-block-option1-allow-rest.car.json", "ews-block-option2-except-rest.car.json"],
  ["remote-powershell-lockout.car.json", "office-only-catch-all.car.json"],
  ["clean-organization.car.json", "shadowed-rules.car.json"],
];

describe("report golden files", () => {
  for (const file of exampleFiles) {
    for (const format of ["text", "markdown"] as const) {
      it(`${file} (${format})`, async () => {
        const result = await run(examples, "report", file, "--format", format);
        expect(result.exitCode).toBe(0);
        await expect(result.stdout).toMatchFileSnapshot(golden(`report/${file}.${format === "text" ? "txt" : "md"}`));
      });
    }
  }
});

describe("diff golden files", () => {
  for (const [before, after] of DIFF_PAIRS) {
    for (const format of ["text", "markdown"] as const) {
      it(`${before} → ${after} (${format})`, async () => {
        const result = await run(examples, "diff", before, after, "--format", format);
        expect(result.exitCode).toBe(0);
        const name = `${before.replace(/\.car\.jsonc?$/u, "")}--${after.replace(/\.car\.jsonc?$/u, "")}`;
        await expect(result.stdout).toMatchFileSnapshot(golden(`diff/${name}.${format === "text" ? "txt" : "md"}`));
      });
    }
  }
});
