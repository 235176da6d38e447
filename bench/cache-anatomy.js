// Where the bytes of the ESLint cache go: node bench/cache-anatomy.js [files]
// Lints generated twenty-rule files with `all` and --cache, then weighs the cached results'
// parts as plain JSON (the cache file itself is flatted JSON, which shares equal strings).
import { ESLint } from "eslint";
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { stringify as flattedStringify } from "flatted";
import { generatedCarFile } from "./car-file.js";
import { allRulesConfig } from "./whole-lint.js";

const count = Number(process.argv[2] ?? 500);
const dir = mkdtempSync(path.join(os.tmpdir(), "car-cache-"));
try {
  mkdirSync(path.join(dir, "rules"));
  for (let index = 0; index < count; index++) writeFileSync(path.join(dir, "rules", `tenant-${index}.car.json`), generatedCarFile(20, 20 + index));
  const cacheLocation = path.join(dir, "cache");
  const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: allRulesConfig, cache: true, cacheLocation });
  const results = await eslint.lintFiles(["rules/*.car.json"]);
  const bytes = (value) => Buffer.byteLength(JSON.stringify(value) ?? "");
  const parts = { message: 0, suggestionDesc: 0, suggestionFixText: 0, suggestionOther: 0, location: 0, fix: 0, otherMessageFields: 0, resultFields: 0 };
  let findings = 0;
  const byId = {};
  const bySuggestion = {};
  let suggestions = 0;
  for (const result of results) {
    const { messages, ...rest } = result;
    parts.resultFields += bytes({ ...rest, source: null });
    for (const message of messages) {
      findings += 1;
      const { message: text, suggestions: suggested, line, column, endLine, endColumn, fix, ...other } = message;
      parts.message += bytes(text);
      parts.location += bytes({ line, column, endLine, endColumn });
      parts.fix += fix ? bytes(fix) : 0;
      parts.otherMessageFields += bytes(other);
      const perId = (byId[`${message.ruleId.replace("client-access-rules/", "")} ${message.messageId}`] ??= { count: 0, message: 0, suggestions: 0 });
      perId.count += 1;
      perId.message += bytes(text);
      perId.suggestions += bytes(suggested ?? []);
      for (const suggestion of suggested ?? []) {
        suggestions += 1;
        const perSuggestion = (bySuggestion[suggestion.messageId] ??= { count: 0, fixText: 0, desc: 0, data: 0 });
        perSuggestion.count += 1;
        perSuggestion.fixText += bytes(suggestion.fix.text);
        perSuggestion.desc += bytes(suggestion.desc);
        perSuggestion.data += bytes(suggestion.data ?? {});
        const { desc, fix: suggestionFix, ...others } = suggestion;
        parts.suggestionDesc += bytes(desc);
        parts.suggestionFixText += bytes(suggestionFix.text);
        parts.suggestionOther += bytes({ ...others, range: suggestionFix.range });
      }
    }
  }
  const cacheBytes = statSync(cacheLocation).size;
  const total = Object.values(parts).reduce((a, b) => a + b, 0);
  console.log(`${count} files, ${findings} findings, ${suggestions} suggestions; cache file ${cacheBytes} B (${(cacheBytes / count).toFixed(0)} B/file); plain JSON of the results ${total} B`);
  for (const [part, size] of Object.entries(parts)) console.log(`  ${part.padEnd(20)} ${String(size).padStart(9)} B  ${(size / count).toFixed(0).padStart(5)} B/file  ${(size / total * 100).toFixed(1)}%`);
  // The cache file is flatted JSON of every file's entry; the same for variants of the results
  // shows what each part costs in the cache's own format.
  const flatted = (transform) =>
    Buffer.byteLength(flattedStringify(results.map((result) => ({ ...result, source: null, messages: result.messages.map(transform) }))));
  const withoutSuggestionFixText = (message) => ({
    ...message,
    suggestions: message.suggestions?.map((suggestion) => ({ ...suggestion, fix: { range: suggestion.fix.range, text: "" } })),
  });
  const variants = {
    "as stored": (message) => message,
    "suggestion fix text empty": withoutSuggestionFixText,
    "no suggestions": ({ suggestions, ...message }) => message,
    "messages, no suggestions or fix": ({ suggestions, fix, ...message }) => message,
  };
  console.log("the results as flatted JSON (the cache's format), by variant:");
  for (const [name, transform] of Object.entries(variants)) {
    const size = flatted(transform);
    console.log(`  ${name.padEnd(34)} ${String(size).padStart(9)} B  ${(size / count).toFixed(0).padStart(5)} B/file`);
  }
  console.log("per finding (average bytes of plain JSON):");
  for (const [id, { count: n, message, suggestions: suggested }] of Object.entries(byId)) console.log(`  ${id.padEnd(62)} ×${String(n).padStart(5)}  message ${(message / n).toFixed(0).padStart(4)}  suggestions ${(suggested / n).toFixed(0).padStart(5)}`);
  console.log("per suggestion (average bytes):");
  for (const [id, { count: n, fixText, desc, data }] of Object.entries(bySuggestion)) console.log(`  ${id.padEnd(30)} ×${String(n).padStart(5)}  fix text ${(fixText / n).toFixed(0).padStart(5)}  desc ${(desc / n).toFixed(0).padStart(4)}  data ${(data / n).toFixed(0).padStart(4)}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
