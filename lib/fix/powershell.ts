/**
 * The PowerShell edit set: the same operations as the JSON helpers of edits.ts, on the PowerShell
 * text behind the model's nodes (lib/model/powershell/read.ts). What PowerShell can be edited
 * safely: a value's spelling (keeping its quoting), a value added to a literal list (`a,b`,
 * `@(…)`, a single value), and a parameter or DSC property added to the command or block that
 * creates the rule. Everything else — removing list items, inserting or moving rules, values
 * composed by `@{Add=…}` or taken from a splatted hashtable — returns no edit: the finding stands
 * without a fix.
 *
 * Every edit made here is registered, so the rule glue can refuse any other edit on a PowerShell
 * file (a JSON edit must never land in a script).
 */
import type { Rule, SourceCode } from "eslint";
import { powerShellOrigin } from "../model/powershell/read.ts";
import type { SimRule, SimValue } from "../model/powershell/simulate.ts";
import type { PsValue, QuoteStyle } from "../model/powershell/syntax.ts";

const powerShellEdits = new WeakSet<object>();

/** True when the fix was made by this edit set. */
export function isPowerShellEdit(fix: unknown): boolean {
  return typeof fix === "object" && fix !== null && powerShellEdits.has(fix);
}

function registered(fixes: Rule.Fix[]): Rule.Fix[] {
  for (const fix of fixes) powerShellEdits.add(fix);
  return fixes;
}

/** True when `node` (a value, property or rule node of the model) stands for PowerShell text. */
export function isPowerShellNode(node: unknown): boolean {
  return powerShellOrigin(node) !== undefined;
}

const BARE_WORD = /^[\p{L}\p{N}_.\\*/:+][\p{L}\p{N}_.\\*/:+\-]*$/u;

/** A scalar written in `style` (quoted as PowerShell needs; bare only when it stays one word). */
function renderScalar(value: unknown, style: QuoteStyle): string {
  if (value === null) return "$null";
  if (typeof value === "boolean") return value ? "$true" : "$false";
  if (typeof value === "number") return String(value);
  const text = String(value);
  if (style === "bare" && BARE_WORD.test(text) && !/^[+\-.]?\d/u.test(text)) return text;
  if (style === "double" || style === "here-double") return `"${text.replace(/[`"$]/gu, (char) => `\`${char}`)}"`;
  return `'${text.replace(/'/gu, "''")}'`;
}

function quoteOf(value: PsValue | undefined): QuoteStyle {
  if (value?.kind !== "string") return "double";
  return value.quote === "here-single" ? "single" : value.quote === "here-double" ? "double" : value.quote;
}

/** The written value behind a value node, when the node is a real token of the file. */
function writtenValue(node: unknown): PsValue | undefined {
  const origin = powerShellOrigin(node);
  return origin?.kind === "value" ? origin.value : undefined;
}

/** Replaces a scalar value, keeping its quoting (`rest` → `REST`, `'allow'` → `'AllowAccess'`). */
export function replaceValue(fixer: Rule.RuleFixer, node: unknown, newValue: unknown): Rule.Fix[] {
  const value = writtenValue(node);
  if (!value || !["string", "number", "bool", "null"].includes(value.kind)) return [];
  if (typeof newValue === "object" && newValue !== null) return [];
  return registered([fixer.replaceTextRange([value.span.start, value.span.end], renderScalar(newValue, quoteOf(value)))]);
}

/** Splits one string holding a comma list into a PowerShell list of its items: `"a,b"` → `"a", "b"`. */
export function splitCommaString(fixer: Rule.RuleFixer, node: unknown, items: readonly string[]): Rule.Fix[] {
  const value = writtenValue(node);
  if (value?.kind !== "string" || items.length === 0) return [];
  const style = quoteOf(value);
  const separator = style === "bare" ? "," : ", ";
  return registered([fixer.replaceTextRange([value.span.start, value.span.end], items.map((item) => renderScalar(item, style)).join(separator))]);
}

/** Inserts a new list item right after `element` (`a,b` → `a,REST,b`), in the element's quoting. */
export function insertItemAfter(fixer: Rule.RuleFixer, element: unknown, newValue: unknown): Rule.Fix[] {
  const value = writtenValue(element);
  if (!value || value.kind !== "string") return [];
  const style = quoteOf(value);
  return registered([fixer.insertTextAfterRange([value.span.start, value.span.end], `${style === "bare" ? "," : ", "}${renderScalar(newValue, style)}`)]);
}

function findValue(rule: SimRule, propertyName: string): SimValue | undefined {
  const lower = propertyName.toLowerCase();
  for (const value of rule.values.values()) if (value.key.toLowerCase() === lower) return value;
  return undefined;
}

/**
 * Adds `newValue` to the rule's list `propertyName`: appended to the literal list that set it, a
 * single value becomes a list, `$null` / `''` / `@()` take the value; a rule without the list
 * gets the parameter (`-ExceptAnyOfProtocols REST` on its New- command) or the DSC property
 * (`ExceptAnyOfProtocols = @("REST")` in its block). A list composed by `@{Add=…}` or set through a
 * splatted hashtable gets no edit.
 */
export function addListItem(sourceText: string, fixer: Rule.RuleFixer, ruleObject: unknown, propertyName: string, newValue: unknown): Rule.Fix[] {
  const origin = powerShellOrigin(ruleObject);
  if (origin?.kind !== "rule") return [];
  const rule = origin.rule;
  const existing = findValue(rule, propertyName);
  if (!existing) return registered(addProperty(sourceText, fixer, rule, propertyName, newValue));
  if (!existing.editable) return [];
  const value = existing.value;
  if (value.kind === "array") {
    const last = value.items[value.items.length - 1];
    if (!last) {
      if (value.form !== "subexpression" || !value.close) return [];
      return registered([fixer.insertTextBeforeRange([value.close.start, value.close.end], renderScalar(newValue, "double"))]);
    }
    const style = quoteOf(last);
    const separator = style === "bare" && value.form === "comma" ? "," : ", ";
    return registered([fixer.insertTextAfterRange([last.span.start, last.span.end], `${separator}${renderScalar(newValue, style)}`)]);
  }
  if (value.kind === "null" || (value.kind === "string" && value.value.trim() === "")) {
    const replacement = rule.origin === "dsc" ? `@(${renderScalar(newValue, "double")})` : renderScalar(newValue, value.kind === "string" ? quoteOf(value) : "bare");
    return registered([fixer.replaceTextRange([value.span.start, value.span.end], replacement)]);
  }
  if (value.kind === "string") {
    const style = quoteOf(value);
    return registered([fixer.insertTextAfterRange([value.span.start, value.span.end], `${style === "bare" ? "," : ", "}${renderScalar(newValue, style)}`)]);
  }
  return [];
}

function addProperty(sourceText: string, fixer: Rule.RuleFixer, rule: SimRule, propertyName: string, newValue: unknown): Rule.Fix[] {
  const creator = rule.creator;
  if ("entries" in creator) {
    // A Microsoft365DSC block: a line of its own after the last entry, aligned like its neighbours.
    const last = creator.entries[creator.entries.length - 1];
    const eol = sourceText.includes("\r\n") ? "\r\n" : "\n";
    const text = `@(${renderScalar(newValue, "double")})`;
    if (!last) {
      const indent = `${lineIndent(sourceText, creator.span.start)}    `;
      return [fixer.insertTextAfterRange([creator.open.start, creator.open.end], `${eol}${indent}${propertyName} = ${text}`)];
    }
    const lineStart = sourceText.lastIndexOf("\n", last.keySpan.start - 1) + 1;
    const indent = sourceText.slice(lineStart, last.keySpan.start);
    const afterKey = sourceText.slice(last.keySpan.end, last.span.end);
    const equalsColumn = last.keySpan.end - lineStart + afterKey.indexOf("=");
    const padding = Math.max(1, equalsColumn - indent.length - propertyName.length);
    // Exports end every entry with `;`: the new entry follows the separator and has one too.
    const separator = /^[ \t]*;/u.exec(sourceText.slice(last.span.end));
    const end = last.span.end + (separator ? separator[0].length : 0);
    const terminator = separator ? ";" : "";
    if (!/^\s*$/u.test(indent)) return [fixer.insertTextAfterRange([end, end], `${separator ? "" : ";"} ${propertyName} = ${text}${terminator}`)];
    return [fixer.insertTextAfterRange([end, end], `${eol}${indent}${propertyName}${" ".repeat(padding)}= ${text}${terminator}`)];
  }
  return [fixer.insertTextAfterRange([creator.span.end, creator.span.end], ` -${propertyName} ${renderScalar(newValue, "bare")}`)];
}

function lineIndent(text: string, offset: number): string {
  const lineStart = text.lastIndexOf("\n", offset - 1) + 1;
  return /^[ \t]*/u.exec(text.slice(lineStart))![0];
}

/**
 * Removes the spaces and tabs after the backtick at `node` (a broken line continuation), so that
 * the backtick escapes the line break and the next line continues the command.
 */
export function continueLine(sourceCode: SourceCode, fixer: Rule.RuleFixer, node: unknown): Rule.Fix[] {
  const range = (node as { range?: unknown }).range;
  if (powerShellOrigin(node)?.kind !== "span" || !Array.isArray(range)) return [];
  const text = sourceCode.text;
  const backtick = range[0] as number;
  if (text[backtick] !== "`") return [];
  let end = backtick + 1;
  while (text[end] === " " || text[end] === "\t") end++;
  if (end === backtick + 1 || (end < text.length && text[end] !== "\n" && text[end] !== "\r")) return [];
  return registered([fixer.removeRange([backtick + 1, end])]);
}

/** Replaces a parameter token as written (`-AnyOfProt`) by its full name (`-AnyOfProtocols`). */
export function replaceParameterName(fixer: Rule.RuleFixer, node: unknown, fullName: string): Rule.Fix[] {
  const origin = powerShellOrigin(node);
  const range = (node as { range?: unknown }).range;
  if (origin?.kind !== "span" || !Array.isArray(range) || !/^-[\p{L}_]\w*$/u.test(fullName)) return [];
  return registered([fixer.replaceTextRange(range as [number, number], fullName)]);
}
