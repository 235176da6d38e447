// The official whole-lint ratio (bench/lint.js) gives `Linter#verify` a plain config array, which
// ESLint normalises and validates again on every call; the ESLint CLI and the editor build the
// config once per run. This times both ways side by side, alternated in one process:
//   node bench/config-once.js <rules> <runs> <warmups>
// "config built once" uses ESLint's own FlatConfigArray (not a public export: the bench reaches
// into eslint/lib, which may move between ESLint versions).
import { createRequire } from "node:module";
import { generatedFilesByRun } from "./car-file.js";
import { allRulesConfig, median, parseOnlyConfig, timeConfigsRotated } from "./whole-lint.js";

const require = createRequire(import.meta.url);
const { FlatConfigArray } = require(require.resolve("eslint").replace(/lib[\\/]api\.js$/, "lib/config/flat-config-array.js"));

function builtOnce(config) {
  const configArray = new FlatConfigArray(config, { basePath: process.cwd() });
  configArray.normalizeSync();
  return configArray;
}

const [size, runs, warmups] = process.argv.slice(2).map(Number);
const configs = {
  "parse only": parseOnlyConfig,
  all: allRulesConfig,
  "parse only, config built once": builtOnce(parseOnlyConfig),
  "all, config built once": builtOnce(allRulesConfig),
};
const { wall, cpu } = timeConfigsRotated(configs, generatedFilesByRun(size), { runs, warmups });
for (const [name, base] of [
  ["parse only", "parse only"],
  ["all", "parse only"],
  ["parse only, config built once", "parse only, config built once"],
  ["all, config built once", "parse only, config built once"],
]) {
  const ms = median(wall[name]);
  console.log(
    `${size} rules  ${name.padEnd(30)} wall ${ms.toFixed(2).padStart(8)} ms ${(ms / median(wall[base])).toFixed(2)}×   cpu ${median(cpu[name]).toFixed(2).padStart(8)} ms ${(median(cpu[name]) / median(cpu[base])).toFixed(2)}×`,
  );
}
