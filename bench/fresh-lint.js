// Peak memory as users meet it: one `eslint <file>` command in a fresh process (the ESLint CLI
// from node_modules, with a flat config file, printing its stylish report to /dev/null), once with
// the plugin's `all` config and once with the parser alone. The command's own peak RSS is read at
// its exit by a module preloaded with `--import` (bench/report-peak-rss.js), so nothing else runs
// in that process.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const require = createRequire(import.meta.url);
const root = fileURLToPath(new URL("..", import.meta.url));
const eslintBin = path.join(path.dirname(require.resolve("eslint/package.json")), "bin", "eslint.js");
const reporter = pathToFileURL(fileURLToPath(new URL("./report-peak-rss.js", import.meta.url))).href;
const url = (specifier) => pathToFileURL(require.resolve(specifier)).href;

const CONFIGS = {
  all: `import plugin from ${JSON.stringify(pathToFileURL(path.join(root, "dist/lib/index.js")).href)};
export default [{ ...plugin.configs.all, files: ["**/*.car.json"] }];
`,
  parseOnly: `import * as parser from ${JSON.stringify(url("jsonc-eslint-parser"))};
export default [{ files: ["**/*.car.json"], languageOptions: { parser } }];
`,
};

/**
 * Lints `code` as `rules.car.json` with `npx eslint rules.car.json`'s work in a new process;
 * `config` is "all" or "parseOnly". Returns the process's peak RSS, its wall time and exit code.
 */
export function freshLint(code, config) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "car-fresh-"));
  try {
    writeFileSync(path.join(dir, "rules.car.json"), code);
    writeFileSync(path.join(dir, "eslint.config.mjs"), CONFIGS[config]);
    const started = performance.now();
    const child = spawnSync(process.execPath, ["--import", reporter, eslintBin, "rules.car.json"], {
      cwd: dir,
      encoding: "utf8",
      stdio: ["ignore", "ignore", "pipe"],
      maxBuffer: 64 * 1024 * 1024,
    });
    // Exit code 1: findings, as expected with `all`.
    if (child.error || (child.status !== 0 && child.status !== 1)) throw new Error(`eslint failed (${child.error ?? child.status}):\n${child.stderr}`);
    const exitCode = child.status;
    const stderr = child.stderr;
    const wallMs = performance.now() - started;
    const line = stderr.split("\n").findLast((text) => text.startsWith('{"peakRssBytes"'));
    if (!line) throw new Error(`eslint did not report its peak RSS:\n${stderr}`);
    return { ...JSON.parse(line), wallMs, exitCode };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Runs `measure` with one process spinning on a CPU alongside, as on a shared CI runner or beside
 * an editor: V8's collections then come at other moments, and a pretenuring mistake that a quiet
 * machine hides shows in the peak (docs/performance.md, "Lists and boxes that V8 pretenured").
 */
export function withBusyCpu(measure) {
  const busy = spawn(process.execPath, ["-e", "for (;;) {}"], { stdio: "ignore" });
  try {
    return measure();
  } finally {
    busy.kill();
  }
}
