// What ESLint itself costs next to parse only, and how the plugin's time splits, on generated files:
//   node bench/floor.js <rules> <runs> <warmups>
// Alternates, run by run in one process, the Linter with: parse only; the plugin's rule ids as
// no-op rules (same count, same Program/Document listeners); the no-op rules reading the shared
// model; the same plus the shared analysis; and the plugin's `all` config. Medians of wall time.
import { generatedFilesByRun } from "./car-file.js";
import { allRulesConfig, median, parseOnlyConfig, plugin, timeConfigsRotated } from "./whole-lint.js";

const { getRuleSet } = await import("../dist/lib/eslint/source-model.js");
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

const names = Object.keys(configs);
const { wall, cpu } = timeConfigsRotated(configs, generatedFilesByRun(size), { runs, warmups });
const parseMs = median(wall["parse only"]);
const parseCpu = median(cpu["parse only"]);
for (const name of names) {
  const ms = median(wall[name]);
  const cpuMs = median(cpu[name]);
  console.log(
    `${size} rules  ${name.padEnd(12)} wall ${ms.toFixed(2).padStart(7)} ms ${(ms / parseMs).toFixed(2)}×   cpu ${cpuMs.toFixed(2).padStart(7)} ms ${(cpuMs / parseCpu).toFixed(2)}×`,
  );
}
