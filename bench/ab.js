// Two builds of the plugin side by side, alternated in one process (a before/after check):
//   node bench/ab.js <other plugin dir, e.g. /tmp/base> <rules> <runs> <warmups>
// Prints median wall and CPU time of parse only, the other build's `all` and this build's `all`.
import { Linter } from "eslint";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { generatedCarFile } from "./car-file.js";
import { FILENAME, FILES, allRulesConfig, median, parseOnlyConfig } from "./whole-lint.js";

const [otherDir, ...numbers] = process.argv.slice(2);
const [size, runs, warmups] = numbers.map(Number);
const other = (await import(pathToFileURL(path.resolve(otherDir, "dist/lib/index.js")).href)).default;
const configs = {
  "parse only": parseOnlyConfig,
  other: [{ ...other.configs.all, files: FILES }],
  this: allRulesConfig,
};
const files = new Map();
const codeOf = (run) => {
  if (!files.has(run)) files.set(run, generatedCarFile(size, size + run));
  return files.get(run);
};
const linter = new Linter({ configType: "flat" });
const lint = (code, config) => linter.verify(code, config, { filename: FILENAME });
for (let warmup = 0; warmup < warmups; warmup++) for (const config of Object.values(configs)) lint(codeOf(runs + warmup), config);
const wall = Object.fromEntries(Object.keys(configs).map((name) => [name, []]));
const cpu = Object.fromEntries(Object.keys(configs).map((name) => [name, []]));
let differing = 0;
for (let run = 0; run < runs; run++) {
  const code = codeOf(run);
  const findings = {};
  const names = Object.keys(configs);
  // Rotate the order so that no build always follows the other's garbage.
  for (let turn = 0; turn < names.length; turn++) {
    const name = names[(run + turn) % names.length];
    const startedCpu = process.cpuUsage();
    const started = performance.now();
    const messages = lint(code, configs[name]);
    wall[name].push(performance.now() - started);
    const used = process.cpuUsage(startedCpu);
    cpu[name].push((used.user + used.system) / 1000);
    // Suggestions' `data` is left out: what users see of it is in `desc`.
    if (name !== "parse only") {
      findings[name] = JSON.stringify(messages, (key, value) => (key === "data" ? undefined : value));
    }
  }
  if (findings.other !== findings.this) differing += 1;
}
console.log(differing ? `FINDINGS DIFFER between the two builds on ${differing} of ${runs} files` : `same findings on all ${runs} files`);
const parseMs = median(wall["parse only"]);
for (const name of Object.keys(configs)) {
  const ms = median(wall[name]);
  console.log(`${size} rules  ${name.padEnd(10)} wall ${ms.toFixed(3).padStart(8)} ms (${(ms / parseMs).toFixed(2)}×)  cpu ${median(cpu[name]).toFixed(3).padStart(8)} ms`);
}
