// Targets of `npm run bench`: each measurement is printed with its target and "met" or "MISSED",
// and collected so that the run ends with a summary. Other benchmarks add their own rows.
import { loadavg } from "node:os";

const rows = [];

/** Records a measurement; `target` is an upper bound in the same unit (lower is better). */
export function checkTarget(label, value, target, unit, note = "") {
  const met = value <= target;
  rows.push({ label, value, target, unit, met, note });
  console.log(`  ${met ? "met   " : "MISSED"} ${label}: ${format(value, unit)} (target ≤ ${format(target, unit)})${note ? ` — ${note}` : ""}`);
  return met;
}

export function loadAverage() {
  return loadavg()
    .map((load) => load.toFixed(2))
    .join(" ");
}

export function summary() {
  const missed = rows.filter((row) => !row.met);
  console.log(`\n${rows.length - missed.length} of ${rows.length} targets met (load average now ${loadAverage()})`);
  for (const row of missed) console.log(`  missed: ${row.label}: ${format(row.value, row.unit)} > ${format(row.target, row.unit)}`);
  return missed.length === 0;
}

function format(value, unit) {
  if (!Number.isFinite(value)) return "not finished";
  if (unit === "×") return `${value.toFixed(2)}×`;
  if (unit === "ms") return value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(value < 10 ? 2 : 0)} ms`;
  if (unit === "B") return value >= 1024 * 1024 ? `${(value / 1024 / 1024).toFixed(2)} MB` : `${(value / 1024).toFixed(1)} KB`;
  return `${value} ${unit}`;
}
