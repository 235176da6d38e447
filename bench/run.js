// Benchmark of the rule-set analysis (lib/analysis), run against the compiled package:
//   npm run build && node --expose-gc bench/run.js [--quick]
// Times analyzeRuleSet alone (no ESLint start-up, no JSON parsing) on generated, realistic rule
// sets of 20, 1,000 and 10,000 rules; reports the median of several runs, peak RSS and the heap
// the analysis result retains.
import { existsSync } from "node:fs";
import { loadavg } from "node:os";
import { fileURLToPath, pathToFileURL } from "node:url";

const distEntry = fileURLToPath(new URL("../dist/lib/analysis/index.js", import.meta.url));
if (!existsSync(distEntry)) {
  console.error("dist/lib/analysis/index.js not found: run npm run build first");
  process.exit(1);
}
const { analyzeRuleSet, witnessDecidedBy } = await import(pathToFileURL(distEntry).href);
const { generateRuleSet } = await import("./generate.js");

const quick = process.argv.includes("--quick");
const gc = globalThis.gc ?? (() => {});
if (!globalThis.gc) console.warn("note: run with --expose-gc for stable heap figures");

// ---------------------------------------------------------------------------------------------

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const MB = 1024 * 1024;

function measure(size, runs) {
  const rules = generateRuleSet(size, size);
  // Warm up the JIT (an editor or CI run lints many files in one process) on sets of the same shape.
  const warmUp = generateRuleSet(Math.min(size, 1000), 7);
  const warmUpRuns = size <= 100 ? 200 : size <= 1000 ? 10 : 3;
  for (let run = 0; run < warmUpRuns; run++) analyzeRuleSet(warmUp, { restSemantics: "coupled" });
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  const times = [];
  const cpuTimes = [];
  let analysis;
  for (let run = 0; run < runs; run++) {
    analysis = undefined;
    const cpuStarted = process.cpuUsage();
    const started = process.hrtime.bigint();
    analysis = analyzeRuleSet(rules, { restSemantics: "coupled" });
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
    const cpu = process.cpuUsage(cpuStarted);
    // Process CPU time: robust against other processes on a shared machine (includes GC threads).
    cpuTimes.push((cpu.user + cpu.system) / 1000);
  }
  gc();
  const retainedHeap = process.memoryUsage().heapUsed - heapBefore;
  const findings = {
    unsatisfiable: analysis.results.filter((r) => r.unsatisfiable).length,
    shadowed: analysis.results.filter((r) => r.shadowing?.differentAction).length,
    redundant: analysis.results.filter((r) => r.shadowing && !r.shadowing.differentAction).length,
    // Unreachable rules past the covering-set budget (MAX_COVER_WORK): covering rules not computed.
    coverNotComputed: analysis.results.filter((r) => r.coverNotComputed).length,
    disabled: analysis.results.filter((r) => !r.evaluated).length,
  };
  const witnessStarted = process.hrtime.bigint();
  const lastRule = rules[rules.length - 1];
  const witness = witnessDecidedBy(analysis, lastRule.index);
  const witnessMs = Number(process.hrtime.bigint() - witnessStarted) / 1e6;
  return { size, runs, medianMs: median(times), minMs: Math.min(...times), medianCpuMs: median(cpuTimes), retainedHeapMb: retainedHeap / MB, findings, witnessMs, witness: Boolean(witness) };
}

const TARGETS = { 20: 5, 1000: 250, 10000: 3000 };
console.log(`load average ${loadavg().map((load) => load.toFixed(2)).join(" ")} (other processes inflate wall times; CPU time is steadier)`);
const plan = quick ? [[20, 20], [1000, 3]] : [[20, 50], [1000, 7], [10000, 3]];
const rows = [];
for (const [size, runs] of plan) {
  const row = measure(size, runs);
  rows.push(row);
  const verdict = row.medianMs < TARGETS[size] ? "ok" : "OVER TARGET";
  console.log(
    `${String(size).padStart(6)} rules: median ${row.medianMs.toFixed(2)} ms wall, ${row.medianCpuMs.toFixed(2)} ms CPU (min ${row.minMs.toFixed(2)} ms wall, ${runs} runs; target < ${TARGETS[size]} ms: ${verdict}); ` +
      `retained heap ${row.retainedHeapMb.toFixed(1)} MB; findings ${JSON.stringify(row.findings)}; ` +
      `witness for the last rule ${row.witness ? "found" : "none"} in ${row.witnessMs.toFixed(1)} ms`,
  );
}
const usage = process.memoryUsage();
console.log(
  `peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB; heap used ${(usage.heapUsed / MB).toFixed(0)} MB of ${(usage.heapTotal / MB).toFixed(0)} MB; node ${process.version}`,
);

// ---------------------------------------------------------------------------------------------
// Whole-file ESLint timings (every rule against a parse-only baseline) are in bench/lint.js,
// which `npm run bench` runs after this script.
// ---------------------------------------------------------------------------------------------
