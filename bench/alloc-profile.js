// Where the whole lint allocates (including objects GC has collected since):
//   node bench/alloc-profile.js <rules> <runs> [config: all|parse]
import { Session } from "node:inspector/promises";
import { Linter } from "eslint";
import { generatedCarFile } from "./car-file.js";
import { FILENAME, allRulesConfig, parseOnlyConfig } from "./whole-lint.js";
const [size, runs] = process.argv.slice(2, 4).map(Number);
const config = process.argv[4] === "parse" ? parseOnlyConfig : allRulesConfig;
const linter = new Linter({ configType: "flat" });
const files = Array.from({ length: 50 }, (_, i) => generatedCarFile(size, size + i));
for (let run = 0; run < 200; run++) linter.verify(files[run % 50], config, { filename: FILENAME });
const session = new Session();
session.connect();
await session.post("HeapProfiler.startSampling", { samplingInterval: 4096, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
for (let run = 0; run < runs; run++) linter.verify(files[run % 50], config, { filename: FILENAME });
const { profile } = await session.post("HeapProfiler.stopSampling");
const self = new Map();
const inclusive = new Map();
let total = 0;
const walk = (node, stack) => {
  const cf = node.callFrame;
  const key = `${cf.functionName || "(anon)"} ${cf.url.split("/").slice(-2).join("/")}:${cf.lineNumber}`;
  self.set(key, (self.get(key) ?? 0) + node.selfSize);
  total += node.selfSize;
  const inside = new Set([...stack, key]);
  for (const k of inside) if (!stack.has(k) || k === key) {}
  for (const child of node.children) walk(child, inside);
  const size = node.selfSize;
  for (const k of inside) inclusive.set(k, (inclusive.get(k) ?? 0) + size);
};
walk(profile.head, new Set());
console.log(`allocated ${(total / runs / 1024).toFixed(0)} KB per lint`);
console.log("--- self");
for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 35)) console.log(`${(v / total * 100).toFixed(1).padStart(5)} ${(v / runs / 1024).toFixed(1).padStart(7)} KB ${k}`);
console.log("--- inclusive (plugin)");
for (const [k, v] of [...inclusive].filter(([k]) => /dist\//.test(k) || /eslint\/|rules\/|model\/|fix\/|analysis\//.test(k)).sort((a, b) => b[1] - a[1]).slice(0, 45)) console.log(`${(v / total * 100).toFixed(1).padStart(5)} ${(v / runs / 1024).toFixed(1).padStart(7)} KB ${k}`);
