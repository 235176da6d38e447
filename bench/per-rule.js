// Each rule alone next to parse only and to the shared work every analysis rule starts from:
//   node bench/per-rule.js <rules> <runs>
// Median CPU time per lint of generated files; "model + analysis" is a no-op rule that reads
// the shared model and analysis, so a rule's own cost is its figure minus that one.
import { Linter } from "eslint";
import { generatedCarFile } from "./car-file.js";
import { FILENAME, allRulesConfig, median, parseOnlyConfig, plugin } from "./whole-lint.js";

const { getRuleSet } = await import("../dist/lib/eslint/source-model.js");
const { getAnalysis } = await import("../dist/lib/eslint/rule-set-analysis.js");

const [size, runs] = process.argv.slice(2).map(Number);
const files = Array.from({ length: 40 }, (_, i) => generatedCarFile(size, size + i));
const linter = new Linter({ configType: "flat" });
const base = allRulesConfig[0];
const stub = (work) => [
  {
    ...base,
    plugins: { stub: { rules: { work: { meta: { schema: [] }, create: (context) => ({ Program: () => work(context) }) } } } },
    rules: { "stub/work": "error" },
  },
];
const configs = {
  "parse only": parseOnlyConfig,
  model: stub((context) => getRuleSet(context.sourceCode)),
  "model + analysis": stub((context) => {
    const ruleSet = getRuleSet(context.sourceCode);
    if (ruleSet) getAnalysis(ruleSet, "coupled");
  }),
};
for (const id of Object.keys(plugin.rules)) configs[id] = [{ ...base, rules: { [`client-access-rules/${id}`]: "error" } }];
configs.all = allRulesConfig;
const names = Object.keys(configs);
const samples = Object.fromEntries(names.map((name) => [name, []]));
for (let run = 0; run < runs; run++) {
  const code = files[run % files.length];
  for (let turn = 0; turn < names.length; turn++) {
    const name = names[(run + turn) % names.length];
    const started = process.cpuUsage();
    linter.verify(code, configs[name], { filename: FILENAME });
    const used = process.cpuUsage(started);
    if (run >= runs / 4) samples[name].push((used.user + used.system) / 1000);
  }
}
const parseMs = median(samples["parse only"]);
for (const name of names) {
  const ms = median(samples[name]);
  console.log(`${name.padEnd(40)} ${ms.toFixed(3).padStart(7)} ms cpu  +${(ms - parseMs).toFixed(3)}`);
}
