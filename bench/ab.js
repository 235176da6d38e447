// Two builds of the plugin side by side, alternated in one process (a before/after check):
//   node bench/ab.js <other plugin dir, e.g. /tmp/base> <rules> <runs> <warmups>
// Prints median wall and CPU time of parse only, the other build's `all` and this build's `all`.
import path from "node:path";
import { pathToFileURL } from "node:url";
import { generatedFilesByRun } from "./car-file.js";
import { FILES, allRulesConfig, median, parseOnlyConfig, timeConfigsRotated } from "./whole-lint.js";

const [otherDir, ...numbers] = process.argv.slice(2);
const [size, runs, warmups] = numbers.map(Number);
const other = (await import(pathToFileURL(path.resolve(otherDir, "dist/lib/index.js")).href)).default;
const configs = {
  "parse only": parseOnlyConfig,
  other: [{ ...other.configs.all, files: FILES }],
  this: allRulesConfig,
};
// Each build's findings per run, suggestions' `data` left out: what users see of it is in `desc`.
const printed = { other: [], this: [] };
const { wall, cpu } = timeConfigsRotated(configs, generatedFilesByRun(size), {
  runs,
  warmups,
  onLint(run, name, messages) {
    if (name in printed) printed[name][run] = JSON.stringify(messages, (key, value) => (key === "data" ? undefined : value));
  },
});
const differing = printed.other.filter((text, run) => text !== printed.this[run]).length;
console.log(differing ? `FINDINGS DIFFER between the two builds on ${differing} of ${runs} files` : `same findings on all ${runs} files`);
const parseMs = median(wall["parse only"]);
for (const name of Object.keys(configs)) {
  const ms = median(wall[name]);
  console.log(`${size} rules  ${name.padEnd(10)} wall ${ms.toFixed(3).padStart(8)} ms (${(ms / parseMs).toFixed(2)}×)  cpu ${median(cpu[name]).toFixed(3).padStart(8)} ms`);
}
