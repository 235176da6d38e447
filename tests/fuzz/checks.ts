/**
 * What must hold for every generated file: after `--fix` the text parses, keeps every comment
 * and its line ending, a second `--fix` changes nothing, and who can connect changes only where
 * a hazard autofix says so; every suggestion applied alone parses and does what its text says.
 */
import { Linter } from "eslint";
import * as jsoncParser from "jsonc-eslint-parser";
import { expect } from "vitest";
import plugin from "../../lib/index.ts";
import { CONNECTIONS, decisions, evaluationOrder, parseDocument, readRules, type GeneratedFile, type ReadRule } from "./rule-files.ts";

const FILES = ["**/*.json", "**/*.jsonc"];
const CONFIG: Linter.Config[] = [{ ...(plugin.configs.all as Linter.Config), files: FILES, languageOptions: { parser: jsoncParser } }];

export interface FuzzCounts {
  files: number;
  jsonc: number;
  filesFixed: number;
  fixesByRule: Record<string, number>;
  decisionsChangedByEwsFix: number;
  suggestionsChecked: number;
  suggestionsByKind: Record<string, number>;
}

export function emptyCounts(): FuzzCounts {
  return { files: 0, jsonc: 0, filesFixed: 0, fixesByRule: {}, decisionsChangedByEwsFix: 0, suggestionsChecked: 0, suggestionsByKind: {} };
}

const linter = new Linter({ configType: "flat" });

function commentsOf(text: string): string[] {
  const ast = jsoncParser.parseJSON(text.startsWith("\uFEFF") ? text.slice(1) : text) as unknown as {
    comments: Array<{ type: string; value: string }>;
  };
  return ast.comments.map((comment) => (comment.type === "Line" ? `//${comment.value}` : `/*${comment.value}*/`));
}

function lineEndingsOf(text: string): Set<string> {
  const found = new Set<string>();
  for (const match of text.matchAll(/\r\n|\r|\n/gu)) found.add(match[0]);
  return found;
}

const tally = (counts: Record<string, number>, key: string): void => {
  counts[key] = (counts[key] ?? 0) + 1;
};

/** Runs every check on one file; a failed expectation throws (fast-check then shrinks the file). */
export function checkFile(file: GeneratedFile, counts: FuzzCounts): void {
  const { text } = file;
  const filename = file.layout.comments ? "rules.car.jsonc" : "rules.car.json";
  counts.files += 1;
  if (file.layout.comments) counts.jsonc += 1;
  const before = readRules(text);
  const messages = linter.verify(text, CONFIG, { filename });
  expect(messages.filter((message) => message.fatal)).toEqual([]);
  for (const message of messages) if (message.fix) tally(counts.fixesByRule, message.ruleId ?? "?");

  // --fix: valid JSON(C), every comment kept, the file's line ending, idempotent.
  const { output, fixed } = linter.verifyAndFix(text, CONFIG, { filename });
  if (fixed) counts.filesFixed += 1;
  expect(() => parseDocument(output)).not.toThrow();
  if (!file.layout.comments) expect(() => JSON.parse(output.replace(/^\uFEFF/u, ""))).not.toThrow();
  expect(commentsOf(output).sort()).toEqual([...file.comments].sort());
  for (const ending of lineEndingsOf(output)) expect([...lineEndingsOf(text)]).toContain(ending);
  expect(output.startsWith("\uFEFF")).toBe(text.startsWith("\uFEFF"));
  expect(linter.verifyAndFix(output, CONFIG, { filename }).output).toBe(output);

  // Spelling and duplicate fixes change no decision; the EWS autofix changes only the REST
  // connections of the rules it fixed (it names them: REST is added to their exceptions).
  const after = readRules(output);
  const ewsFixed = new Set(
    after
      .filter((rule) => (rule.lists["exceptanyofprotocols"] ?? []).includes("REST"))
      .filter((rule) => !(before.find((old) => old.name === rule.name)?.lists["exceptanyofprotocols"] ?? []).includes("REST"))
      .map((rule) => rule.name),
  );
  const decisionsBefore = decisions(before);
  const decisionsAfter = decisions(after);
  CONNECTIONS.forEach((connection, position) => {
    const old = decisionsBefore[position]!;
    const now = decisionsAfter[position]!;
    if (old.action === now.action) return;
    counts.decisionsChangedByEwsFix += 1;
    expect({ connection, old, now, allowed: connection.protocol === "REST" && ewsFixed.has(old.rule ?? "") }).toMatchObject({ allowed: true });
  });

  // Every suggestion applied alone.
  for (const message of messages) {
    for (const suggestion of message.suggestions ?? []) {
      counts.suggestionsChecked += 1;
      checkSuggestion(text, before, suggestion, counts);
    }
  }
}

const sameRuleContent = (a: ReadRule, b: ReadRule): boolean =>
  a.name === b.name && a.action === b.action && a.enabled === b.enabled && a.scope === b.scope && JSON.stringify(a.lists) === JSON.stringify(b.lists);

const names = (rules: readonly ReadRule[]): string[] => rules.map((rule) => rule.name);

function checkSuggestion(text: string, before: readonly ReadRule[], suggestion: Linter.LintSuggestion, counts: FuzzCounts): void {
  const { range, text: replacement } = suggestion.fix;
  // ESLint's ranges count from after a BOM (SourceCode drops it), as its own fixer applies them.
  const body = text.replace(/^\uFEFF/u, "");
  const output = body.slice(0, range[0]) + replacement + body.slice(range[1]);
  const desc = suggestion.desc;
  expect(() => parseDocument(output), desc).not.toThrow();
  const after = readRules(output);
  const move = /^Move "(.+?)" \((?:no )?Priority[^)]*\) above "(.+?)" \((?:no )?Priority/u.exec(desc);
  // "directly above X", or "above Y, which for REST is the same as directly above X": Y is the place.
  const insert = /^Insert .*?(?:(?:directly )?above "(.+?)" \((?:no )?Priority|as the first rule)/u.exec(desc);
  const split = /^Split REST out of "(.+?)" \((?:no )?Priority/u.exec(desc);
  const remove = /^Remove "(.+?)" \((?:no )?Priority/u.exec(desc);
  const orderBefore = names(evaluationOrder(before));
  const orderAfter = names(evaluationOrder(after));
  if (move) {
    tally(counts.suggestionsByKind, "move");
    // Only priorities change, and the moved rule lands directly above its target.
    after.forEach((rule, index) => expect(sameRuleContent(rule, before[index]!), desc).toBe(true));
    const [, moved, target] = move;
    const expected = orderBefore.filter((name) => name !== moved);
    expected.splice(expected.indexOf(target!), 0, moved!);
    expect(orderAfter, desc).toEqual(expected);
  } else if (insert) {
    tally(counts.suggestionsByKind, "insert");
    // One new rule, in the place the text names; the others keep their content and order.
    expect(after.length, desc).toBe(before.length + 1);
    const added = after.find((rule) => !before.some((old) => old.name === rule.name))!;
    const kept = after.filter((rule) => rule !== added);
    kept.forEach((rule) => expect(sameRuleContent(rule, before.find((old) => old.name === rule.name)!), desc).toBe(true));
    const expected = [...orderBefore];
    expected.splice(insert[1] === undefined ? 0 : expected.indexOf(insert[1]), 0, added.name);
    expect(orderAfter, desc).toEqual(expected);
  } else if (remove) {
    tally(counts.suggestionsByKind, "remove");
    expect(names(after), desc).toEqual(names(before).filter((name) => name !== remove[1]));
    after.forEach((rule) => expect(sameRuleContent(rule, before.find((old) => old.name === rule.name)!), desc).toBe(true));
  } else if (/^Remove \S+ from "/u.test(desc)) {
    tally(counts.suggestionsByKind, "remove property");
    expect(names(after), desc).toEqual(names(before));
  } else if (split) {
    tally(counts.suggestionsByKind, "split");
    // A new REST rule directly after the one it is split from; no other rule changes.
    expect(after.length, desc).toBe(before.length + 1);
    const added = after.find((rule) => !before.some((old) => old.name === rule.name))!;
    expect(added.lists["anyofprotocols"], desc).toEqual(["REST"]);
    after
      .filter((rule) => rule !== added && rule.name !== split[1])
      .forEach((rule) => expect(sameRuleContent(rule, before.find((old) => old.name === rule.name)!), desc).toBe(true));
    const expected = [...orderBefore];
    expected.splice(expected.indexOf(split[1]!) + 1, 0, added.name);
    expect(orderAfter, desc).toEqual(expected);
  } else if (/^Renumber/u.test(desc)) {
    tally(counts.suggestionsByKind, "renumber");
    expect(orderAfter, desc).toEqual(orderBefore);
    after.forEach((rule, index) => expect(sameRuleContent(rule, before[index]!), desc).toBe(true));
  } else {
    tally(counts.suggestionsByKind, "other");
    // A value or key edit inside one rule: no rule appears, disappears or moves.
    expect(names(after), desc).toEqual(names(before));
  }
  // Comments stay, but those inside a rule or property the suggestion says it removes.
  const kept = commentsOf(output);
  const lost = commentsOf(text).filter((comment) => !kept.includes(comment));
  if (/^Remove /u.test(desc)) {
    const removedText = body.slice(range[0], range[1]);
    for (const comment of lost) expect(removedText, desc).toContain(comment);
  } else {
    expect(lost, desc).toEqual([]);
  }
}
