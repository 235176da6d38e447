// Profiling helper: node --cpu-prof bench/profile-lint.js <rules> <runs>
import { Linter } from "eslint";
import { generatedCarFile } from "./car-file.js";
import { FILENAME, allRulesConfig } from "./whole-lint.js";
const [size, runs] = process.argv.slice(2).map(Number);
const linter = new Linter({ configType: "flat" });
const files = Array.from({ length: 50 }, (_, i) => generatedCarFile(size, size + i));
for (let run = 0; run < runs; run++) linter.verify(files[run % 50], allRulesConfig, { filename: FILENAME });
