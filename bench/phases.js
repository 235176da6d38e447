// What the plugin's part of a whole lint is made of, on generated files, alternated in one process
// like bench/lint.js:   node bench/phases.js <rules> <runs> <warmups> [plugin dir, default: this repository]
// Beside parse only and `all`, the plugin's rules wrapped so that they stop at each step: only
// reading the shared model; also building the shared analysis and REST comparison; running every
// check with `context.report` doing nothing; reporting without suggestions; reporting everything
// through the same wrapper (so the last step is the suggestions, whose fixes ESLint computes at
// report time).
import path from "node:path";
import { pathToFileURL } from "node:url";
import { generatedFilesByRun } from "./car-file.js";
import { FILES, median, parseOnlyConfig, timeConfigsRotated } from "./whole-lint.js";

const [size, runs, warmups] = process.argv.slice(2, 5).map(Number);
const dir = path.resolve(process.argv[5] ?? path.join(import.meta.dirname, ".."));
const load = (file) => import(pathToFileURL(path.join(dir, "dist", file)).href);
const plugin = (await load("lib/index.js")).default;
const { getRuleSet } = await load("lib/eslint/source-model.js");
const { getAnalysis, getRestSemanticsComparison } = await load("lib/eslint/rule-set-analysis.js");

const onRoot = (listener) => ({ Program: listener, Document: listener });
const steps = {
  model: (context) => onRoot(() => getRuleSet(context.sourceCode)),
  analysis: (context) =>
    onRoot(() => {
      const ruleSet = getRuleSet(context.sourceCode);
      if (!ruleSet) return;
      getAnalysis(ruleSet, "coupled");
      getRestSemanticsComparison(ruleSet);
    }),
  checks: (context, rule) => rule.create(Object.create(context, { report: { value: () => {} } })),
  "no suggestions": (context, rule) =>
    rule.create(Object.create(context, { report: { value: ({ suggest, ...report }) => context.report(report) } })),
  // The same wrapper passing every report through: the step from "no suggestions" is then the
  // suggestions alone (against the unwrapped `all`, the wrappers' own cost showed as theirs).
  suggestions: (context, rule) => rule.create(Object.create(context, { report: { value: (report) => context.report(report) } })),
};
const stoppedAt = (step) => [
  {
    ...plugin.configs.all,
    files: FILES,
    plugins: {
      "client-access-rules": {
        ...plugin,
        rules: Object.fromEntries(
          Object.entries(plugin.rules).map(([id, rule]) => [id, { meta: rule.meta, create: (context) => steps[step](context, rule) }]),
        ),
      },
    },
  },
];
const configs = {
  "parse only": parseOnlyConfig,
  "+ model": stoppedAt("model"),
  "+ analysis, REST": stoppedAt("analysis"),
  "+ checks": stoppedAt("checks"),
  "+ reports": stoppedAt("no suggestions"),
  "+ suggestions (all)": stoppedAt("suggestions"),
};
const { wall, cpu } = timeConfigsRotated(configs, generatedFilesByRun(size), { runs, warmups });
const parseCpu = median(cpu["parse only"]);
let previous = 0;
for (const name of Object.keys(configs)) {
  const cpuMs = median(cpu[name]);
  const step = name === "parse only" ? "" : `(${cpuMs - previous >= 0 ? "+" : ""}${(cpuMs - previous).toFixed(2)})`;
  console.log(
    `${size} rules  ${name.padEnd(20)} wall ${median(wall[name]).toFixed(2).padStart(7)} ms   cpu ${cpuMs.toFixed(2).padStart(7)} ms ${step.padEnd(8)} ${(cpuMs / parseCpu).toFixed(2)}×`,
  );
  previous = cpuMs;
}
