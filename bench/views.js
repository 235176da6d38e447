// Benchmark of the two views (`diff` and `report`), run against the compiled package:
//   npm run build && node bench/views.js [--quick]
// "Analysis" is everything after the files are read. For `diff`: the analyses in one space, the
// region difference with witnesses, region descriptions and all three printed formats (text,
// markdown, JSON). For `report`, each format is timed as the command a user runs: the analysis,
// the access map and that one printed format (a format computes the descriptions and witnesses
// it prints). The whole command (process start, reading and parsing the JSON files, printing) is
// timed separately on the 20- and 1,000-rule files.
import { spawnSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ruleObject } from "./car-file.js";
import { generateRuleSet } from "./generate.js";

const dist = (file) => import(new URL(`../dist/lib/${file}`, import.meta.url).href);
const { analyzeRuleSet, analyzeRuleSetsInOneSpace } = await dist("analysis/analyze.js").catch(() => {
  console.error("dist/ is missing: run `npm run build` first.");
  process.exit(2);
});
const { compareAnalyses } = await dist("analysis/difference.js");
const { accessMap } = await dist("analysis/access-map.js");
const { DimensionDescriber } = await dist("analysis/dimension-description.js");
const { diffDocument, reportDocument } = await dist("views/documents.js");
const { formatDiffMarkdown, formatDiffText, formatJson } = await dist("views/diff-view.js");
const { formatReportMarkdown, formatReportText } = await dist("views/report-view.js");
const { formatReportHtml } = await dist("views/report-html.js");

const quick = process.argv.includes("--quick");
const context = { restSemantics: "coupled", target: "exchange-online", unread: [] };

/** Three edits a pull request might make: flip a rule's action, drop a rule, add REST to the catch-all's exceptions removed. */
function edited(rules) {
  const after = rules.map((rule) => ({ ...rule }));
  const middle = Math.floor(after.length / 2);
  after[middle] = { ...after[middle], action: after[middle].action === "AllowAccess" ? "DenyAccess" : "AllowAccess" };
  after.splice(Math.floor(after.length / 3), 1);
  const last = after[after.length - 1];
  after[after.length - 1] = { ...last, exceptProtocols: ["RemotePowerShell"] };
  return after;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Wall time and this process's CPU time (steadier on a shared machine: waiting for a core is not counted). */
function time(runs, work) {
  const times = [];
  const cpuTimes = [];
  let result;
  for (let run = 0; run < runs; run++) {
    const cpuStarted = process.cpuUsage();
    const started = process.hrtime.bigint();
    result = work();
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
    const cpu = process.cpuUsage(cpuStarted);
    cpuTimes.push((cpu.user + cpu.system) / 1000);
  }
  return { medianMs: median(times), minMs: Math.min(...times), medianCpuMs: median(cpuTimes), result };
}

function diffOnce(before, after) {
  const [a, b] = analyzeRuleSetsInOneSpace([before, after], { restSemantics: "coupled" });
  const difference = compareAnalyses(a, b);
  const document = diffDocument(difference, { before: "before.json", after: "after.json" }, context);
  const text = formatDiffText(document);
  formatDiffMarkdown(document);
  formatJson(document);
  return { changes: document.changes.length, lines: text.split("\n").length, exact: document.exact };
}

const REPORT_FORMATS = { text: formatReportText, markdown: formatReportMarkdown, json: formatJson, html: formatReportHtml };

/** One `report --format <format>` as a user runs it: one analysis, one access map, one printed format. */
function reportOnce(rules, format) {
  const analysis = analyzeRuleSet(rules, { restSemantics: "coupled" });
  const document = reportDocument(accessMap(analysis), new DimensionDescriber(analysis.connectionSpace), "rules.json", context);
  const printed = REPORT_FORMATS[format](document);
  return { regions: document.protocols.reduce((total, entry) => total + entry.regions.length, 0), lines: printed.split("\n").length - 1, bytes: printed.length, exact: document.exact };
}

const TARGETS = { 20: 50, 1000: 1000 };
const verdict = (size, ms) => (ms < TARGETS[size] ? "ok" : "OVER TARGET");
console.log(`load average ${loadavg().map((load) => load.toFixed(2)).join(" ")}`);
for (const [size, runs] of quick ? [[20, 10], [1000, 1]] : [[20, 30], [1000, 3]]) {
  const before = generateRuleSet(size, size);
  const after = edited(before);
  // Warm-up, as in an editor or CI process that handles several files.
  for (let run = 0; run < (size <= 20 ? 20 : 1); run++) {
    diffOnce(before, after);
    for (const format of Object.keys(REPORT_FORMATS)) reportOnce(before, format);
  }
  const diff = time(runs, () => diffOnce(before, after));
  console.log(
    `${String(size).padStart(5)} rules: diff (text, markdown and json) ${diff.medianMs.toFixed(1)} ms wall, ${diff.medianCpuMs.toFixed(1)} ms CPU (min ${diff.minMs.toFixed(1)} wall; ${diff.result.changes} changes, ${diff.result.lines} text lines; target < ${TARGETS[size]} ms: ${verdict(size, diff.medianCpuMs)}); ${runs} runs; exact ${diff.result.exact}`,
  );
  // `report` prints one format per command: each is timed on its own, analysis included.
  for (const format of Object.keys(REPORT_FORMATS)) {
    const report = time(runs, () => reportOnce(before, format));
    const { regions, lines, bytes, exact } = report.result;
    console.log(
      `${String(size).padStart(5)} rules: report --format ${format.padEnd(8)} ${report.medianMs.toFixed(1)} ms wall, ${report.medianCpuMs.toFixed(1)} ms CPU (min ${report.minMs.toFixed(1)} wall; ${regions} regions, ${lines} lines, ${(bytes / 1e6).toFixed(2)} MB; target < ${TARGETS[size]} ms: ${verdict(size, report.medianCpuMs)}); ${runs} runs; exact ${exact}`,
    );
  }
}

// The whole command: process start, reading, parsing, analysis, printing.
const toCarJson = (rules) => `${JSON.stringify(rules.map(ruleObject), null, 2)}\n`;
const directory = mkdtempSync(path.join(tmpdir(), "car-bench-views-"));
const devNull = openSync("/dev/null", "w");
try {
  const bin = fileURLToPath(new URL("../dist/bin/client-access-rules.js", import.meta.url));
  // Output goes to /dev/null (a 1,000-rule JSON report is 25 MB): the command writes it all.
  const command = (runs, ...args) =>
    time(runs, () => spawnSync(process.execPath, [bin, ...args], { cwd: directory, stdio: ["ignore", devNull, "pipe"], encoding: "utf8" }));
  const node = time(quick ? 3 : 7, () => spawnSync(process.execPath, ["-e", ""], { encoding: "utf8" }));
  for (const [size, runs] of [[20, quick ? 3 : 7], [1000, quick ? 1 : 3]]) {
    const before = generateRuleSet(size, size);
    writeFileSync(path.join(directory, `before-${size}.json`), toCarJson(before));
    writeFileSync(path.join(directory, `after-${size}.json`), toCarJson(edited(before)));
    const diff = command(runs, "diff", `before-${size}.json`, `after-${size}.json`);
    const report = command(runs, "report", `before-${size}.json`);
    const json = command(runs, "report", `before-${size}.json`, "--format", "json");
    console.log(
      `whole command (process start, read, parse, analysis, print), ${size} rules: diff ${diff.medianMs.toFixed(0)} ms, report ${report.medianMs.toFixed(0)} ms, report --format json ${json.medianMs.toFixed(0)} ms wall (node -e "" alone: ${node.medianMs.toFixed(0)} ms; exit codes ${diff.result.status}, ${report.result.status}, ${json.result.status})`,
    );
  }
} finally {
  closeSync(devNull);
  rmSync(directory, { recursive: true, force: true });
}
