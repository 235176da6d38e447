/**
 * Fuzzing the fixes and suggestions on generated rule files (tests/fuzz/rule-files.ts, checks in
 * checks.ts). `npm test` runs a bounded number of files; `npm run fuzz` runs 20,000 or more
 * (CAR_FUZZ_FILES) and prints the counts.
 */
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { checkFile, emptyCounts } from "./checks.ts";
import { fileArbitrary } from "./rule-files.ts";

const FILES = Number(process.env["CAR_FUZZ_FILES"] ?? 150);
const SEED = process.env["CAR_FUZZ_SEED"] === undefined ? 13 : Number(process.env["CAR_FUZZ_SEED"]);
const counts = emptyCounts();

describe("fuzz: fixes and suggestions on generated rule files", () => {
  it(`${FILES} files: valid JSON(C), comments and line endings kept, idempotent, decisions kept but where a hazard fix names them`, () => {
    fc.assert(
      fc.property(fileArbitrary, (file) => checkFile(file, counts)),
      { numRuns: FILES, seed: SEED, endOnFailure: FILES > 1000 },
    );
    // The checks say nothing unless the generator plants what they are about.
    expect(counts.filesFixed).toBeGreaterThan(FILES / 3);
    expect(counts.jsonc).toBeGreaterThan(FILES / 5);
    expect(counts.suggestionsChecked).toBeGreaterThan(FILES / 3);
  }, 3_600_000);
});

afterAll(() => {
  if (process.env["CAR_FUZZ_FILES"] !== undefined) console.log(`fuzz counts (seed ${SEED}): ${JSON.stringify(counts, null, 2)}`);
});
