// One size of the whole-lint benchmark in a process of its own, so that its peak RSS is its own:
//   node bench/lint-size.js <rules> <runs> <warmups>
// Lints generated files of <rules> rules (a different seed each run: every file is new to the
// plugin's caches, as in CI) with parse only and with `all`, alternated, and prints one JSON line.
import { generatedCarFile } from "./car-file.js";
import { findingsByRule, timeWholeLint } from "./whole-lint.js";

const [size, runs, warmups] = process.argv.slice(2).map(Number);
// Warm-ups run on smaller files of the same shape when the size is large (an editor or CI run has
// linted other files before); each timed run gets a file of its own.
const warmupSize = Math.min(size, 1000);
const files = new Map();
const codeOf = (run) => {
  if (!files.has(run)) files.set(run, run < runs ? generatedCarFile(size, size + run) : generatedCarFile(warmupSize, 7 + run));
  return files.get(run);
};
for (let run = 0; run < runs; run++) codeOf(run);
const timing = timeWholeLint(codeOf, { runs, warmups });
const input = codeOf(0);
console.log(
  JSON.stringify({
    size,
    runs,
    ...timing,
    inputBytes: Buffer.byteLength(input),
    findingsByRule: findingsByRule(input),
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
  }),
);
