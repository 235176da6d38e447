// Each rule alone next to parse only: node bench/per-rule.js <rules> <runs>
import { Linter } from "eslint";
import { performance } from "node:perf_hooks";
import { generatedCarFile } from "./car-file.js";
import { FILENAME, allRulesConfig, median, parseOnlyConfig, plugin } from "./whole-lint.js";
const [size, runs] = process.argv.slice(2).map(Number);
const files = Array.from({ length: 40 }, (_, i) => generatedCarFile(size, size + i));
const linter = new Linter({ configType: "flat" });
const base = allRulesConfig[0];
const configs = { "parse only": parseOnlyConfig, "model only": [{ ...base, rules: {} }] };
for (const id of Object.keys(plugin.rules)) configs[id] = [{ ...base, rules: { [`client-access-rules/${id}`]: "error" } }];
configs.all = allRulesConfig;
const samples = Object.fromEntries(Object.keys(configs).map((name) => [name, []]));
for (let run = 0; run < runs; run++) {
  const code = files[run % files.length];
  for (const [name, config] of Object.entries(configs)) {
    const started = performance.now();
    linter.verify(code, config, { filename: FILENAME });
    samples[name].push(performance.now() - started);
  }
}
const parseMs = median(samples["parse only"].slice(runs / 4));
for (const [name, times] of Object.entries(samples)) {
  const ms = median(times.slice(runs / 4));
  console.log(`${name.padEnd(40)} ${ms.toFixed(3).padStart(7)} ms  +${(ms - parseMs).toFixed(3)}`);
}
