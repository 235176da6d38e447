// What the plugin makes users store: `eslint -f json` output and the ESLint cache, measured with
// the ESLint class on real files in a temporary folder (the CLI does the same).
import { ESLint } from "eslint";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { allRulesConfig, parseOnlyConfig } from "./whole-lint.js";

async function withTempDir(work) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "car-bench-"));
  try {
    return await work(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Bytes of `eslint -f json` for one file with the `all` config. */
export async function jsonReportBytes(code) {
  return withTempDir(async (dir) => {
    const file = path.join(dir, "rules.car.json");
    writeFileSync(file, code);
    const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: allRulesConfig });
    const results = await eslint.lintFiles([file]);
    const formatter = await eslint.loadFormatter("json");
    return Buffer.byteLength(await formatter.format(results));
  });
}

/** Bytes of the ESLint cache after linting `codes` as files, with `all` and with parse only. */
export async function cacheBytes(codes) {
  return withTempDir(async (dir) => {
    const sources = path.join(dir, "rules");
    mkdirSync(sources);
    codes.forEach((code, index) => writeFileSync(path.join(sources, `tenant-${index}.car.json`), code));
    const sizes = {};
    for (const [label, config] of [["all", allRulesConfig], ["parseOnly", parseOnlyConfig]]) {
      const cacheLocation = path.join(dir, `cache-${label}`);
      const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: config, cache: true, cacheLocation });
      await eslint.lintFiles(["rules/*.car.json"]);
      sizes[label] = statSync(cacheLocation).size;
    }
    sizes.files = readdirSync(sources).length;
    return sizes;
  });
}
