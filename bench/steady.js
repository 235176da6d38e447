// One configuration alone in its process, as a user's run has it (no other configuration's
// garbage to share): median CPU time per lint over batches, after a warm-up.
//   node bench/steady.js <parse|noop|all> <rules> <lints> [plugin dir, default: this repository]
// noop: the plugin's rule ids as rules that do nothing (same count, same Program/Document
// listeners), the floor ESLint itself sets for running that many rules.
import { Linter } from "eslint";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { generatedCarFile } from "./car-file.js";
import { FILENAME, FILES, median, parseOnlyConfig } from "./whole-lint.js";

const [which, sizeText, lintsText, pluginDir] = process.argv.slice(2);
const [size, lints] = [Number(sizeText), Number(lintsText)];
const plugin = pluginDir
  ? (await import(pathToFileURL(path.resolve(pluginDir, "dist/lib/index.js")).href)).default
  : (await import("../dist/lib/index.js")).default;
const noopPlugin = {
  rules: Object.fromEntries(
    Object.keys(plugin.rules).map((id) => [id, { meta: { schema: [] }, create: () => ({ Program() {}, Document() {} }) }]),
  ),
};
const config =
  which === "parse"
    ? parseOnlyConfig
    : [{ ...plugin.configs.all, files: FILES, ...(which === "noop" ? { plugins: { "client-access-rules": noopPlugin } } : {}) }];
const linter = new Linter({ configType: "flat" });
const files = Array.from({ length: 50 }, (_, index) => generatedCarFile(size, size + index));
for (let run = 0; run < Math.min(lints, 300); run++) linter.verify(files[run % 50], config, { filename: FILENAME });
// Batches of 50 lints, so that each batch includes its share of collections.
const batches = [];
for (let run = 0; run < lints; run += 50) {
  const started = process.cpuUsage();
  for (let lint = 0; lint < 50; lint++) linter.verify(files[lint], config, { filename: FILENAME });
  const used = process.cpuUsage(started);
  batches.push((used.user + used.system) / 1000 / 50);
}
console.log(JSON.stringify({ which, size, cpuMsPerLint: Number(median(batches).toFixed(3)), plugin: pluginDir ?? "." }));
