// Timing the whole lint as users run it: ESLint's Linter with the plugin's `all` config against
// the same Linter with the parser and no rules (parse only), in one process, alternated run by
// run so that both see the same machine load and JIT state. Uses the built plugin (dist/).
import { Linter } from "eslint";
import * as jsoncParser from "jsonc-eslint-parser";
import { performance } from "node:perf_hooks";

export const plugin = await import("../dist/lib/index.js")
  .then((module) => module.default)
  .catch(() => {
    console.error("dist/ is missing: run `npm run build` first.");
    process.exit(2);
  });

export const FILES = ["**/*.car.json"];
export const parseOnlyConfig = [{ files: FILES, languageOptions: { parser: jsoncParser } }];
export const allRulesConfig = [{ ...plugin.configs.all, files: FILES }];
export const FILENAME = "rules.car.json";

export function median(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * Median times of parse-only and all-rules lints, `runs` of each after `warmups` of each,
 * alternating; `codeOf(run)` gives the text of each lint (the same text for both configs).
 */
export function timeWholeLint(codeOf, { runs, warmups }) {
  const linter = new Linter({ configType: "flat" });
  const lint = (code, config) => linter.verify(code, config, { filename: FILENAME });
  for (let warmup = 0; warmup < warmups; warmup++) {
    lint(codeOf(runs + warmup), parseOnlyConfig);
    lint(codeOf(runs + warmup), allRulesConfig);
  }
  const parseOnly = [];
  const allRules = [];
  let findings = 0;
  for (let run = 0; run < runs; run++) {
    const code = codeOf(run);
    let started = performance.now();
    lint(code, parseOnlyConfig);
    parseOnly.push(performance.now() - started);
    started = performance.now();
    findings = lint(code, allRulesConfig).length;
    allRules.push(performance.now() - started);
  }
  const parseMs = median(parseOnly);
  const allMs = median(allRules);
  return { parseMs, allMs, ratio: allMs / parseMs, findings };
}

/** The findings of one all-rules lint, counted by rule. */
export function findingsByRule(code) {
  const linter = new Linter({ configType: "flat" });
  const counts = {};
  for (const message of linter.verify(code, allRulesConfig, { filename: FILENAME })) {
    const rule = (message.ruleId ?? "fatal").replace("client-access-rules/", "");
    counts[rule] = (counts[rule] ?? 0) + 1;
  }
  return counts;
}

/**
 * Lints each run's file with every configuration of `configs` (name → flat config), rotating
 * their order run by run so that no configuration always follows another's garbage, after
 * `warmups` rounds. Returns the wall and CPU samples by name; `onLint(run, name, messages)` sees
 * every timed lint's messages.
 */
export function timeConfigsRotated(configs, codeOf, { runs, warmups, onLint = () => {} }) {
  const linter = new Linter({ configType: "flat" });
  const lint = (code, config) => linter.verify(code, config, { filename: FILENAME });
  const names = Object.keys(configs);
  for (let warmup = 0; warmup < warmups; warmup++) for (const name of names) lint(codeOf(runs + warmup), configs[name]);
  const wall = Object.fromEntries(names.map((name) => [name, []]));
  const cpu = Object.fromEntries(names.map((name) => [name, []]));
  for (let run = 0; run < runs; run++) {
    const code = codeOf(run);
    for (let turn = 0; turn < names.length; turn++) {
      const name = names[(run + turn) % names.length];
      const startedCpu = process.cpuUsage();
      const started = performance.now();
      const messages = lint(code, configs[name]);
      wall[name].push(performance.now() - started);
      const used = process.cpuUsage(startedCpu);
      cpu[name].push((used.user + used.system) / 1000);
      onLint(run, name, messages);
    }
  }
  return { wall, cpu };
}
