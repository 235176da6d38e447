// What ESLint itself costs next to parse only, and how the plugin's time splits, on generated files:
//   node bench/floor.js <rules> <runs> <warmups>
// Alternates, run by run in one process, the Linter with: parse only; the plugin's rule ids as
// no-op rules (same count, same Program/Document listeners); the no-op rules reading the shared
// model; the same plus the shared analysis; and the plugin's `all` config. Medians of wall time.
import { Linter } from "eslint";
import { performance } from "node:perf_hooks";
import { generatedCarFile } from "./car-file.js";
import { FILENAME, FILES, allRulesConfig, median, parseOnlyConfig, plugin } from "./whole-lint.js";

const { getRuleSet } = await import("../dist/lib/model/index.js");
const { getAnalysis } = await import("../dist/lib/eslint/rule-set-analysis.js");

const [size, runs, warmups] = process.argv.slice(2).map(Number);

function stubPlugin(work) {
  const rules = {};
  for (const id of Object.keys(plugin.rules)) {
    rules[id] = {
      meta: { schema: [] },
      create(context) {
        const run = () => work(context);
        return { Program: run, Document: run };
      },
    };
  }
  return { meta: { name: "stub" }, rules };
}
const stubConfig = (work) => [
  { ...allRulesConfig[0], plugins: { "client-access-rules": stubPlugin(work) } },
];
const configs = {
  "parse only": parseOnlyConfig,
  "no-op rules": stubConfig(() => {}),
  "+ model": stubConfig((context) => getRuleSet(context.sourceCode)),
  "+ analysis": stubConfig((context) => {
    const ruleSet = getRuleSet(context.sourceCode);
    if (ruleSet) getAnalysis(ruleSet, "coupled");
  }),
  all: allRulesConfig,
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
const names = Object.keys(configs);
for (let run = 0; run < runs; run++) {
  const code = codeOf(run);
  // Rotated, so that no configuration always follows another's garbage.
  for (let turn = 0; turn < names.length; turn++) {
    const name = names[(run + turn) % names.length];
    const startedCpu = process.cpuUsage();
    const started = performance.now();
    lint(code, configs[name]);
    wall[name].push(performance.now() - started);
    const used = process.cpuUsage(startedCpu);
    cpu[name].push((used.user + used.system) / 1000);
  }
}
const parseMs = median(wall["parse only"]);
const parseCpu = median(cpu["parse only"]);
for (const name of names) {
  const ms = median(wall[name]);
  const cpuMs = median(cpu[name]);
  console.log(
    `${size} rules  ${name.padEnd(12)} wall ${ms.toFixed(2).padStart(7)} ms ${(ms / parseMs).toFixed(2)}×   cpu ${cpuMs.toFixed(2).padStart(7)} ms ${(cpuMs / parseCpu).toFixed(2)}×`,
  );
}
