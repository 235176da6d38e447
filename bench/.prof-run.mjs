import { Linter } from "eslint";
import { generatedCarFile } from "./car-file.js";
import { FILENAME, allRulesConfig } from "./whole-lint.js";
const [size, runs] = process.argv.slice(2).map(Number);
const linter = new Linter({ configType: "flat" });
const files = Array.from({ length: runs }, (_, i) => generatedCarFile(size, size + i));
linter.verify(generatedCarFile(1000, 3), allRulesConfig, { filename: FILENAME });
for (let run = 0; run < runs; run++) { const t=performance.now(); linter.verify(files[run], allRulesConfig, { filename: FILENAME }); console.log(run, (performance.now()-t).toFixed(0)); }
