/**
 * Maps offsets inside a string's value to source locations inside its literal, so a report can
 * underline the exact part of a long string (a filter's unknown property, one IP entry of a comma
 * list) even when the literal contains escapes.
 */
import type { SourceCode } from "eslint";
import type { AST } from "jsonc-eslint-parser";
import type { Locatable } from "./create-rule.ts";

/** Source offset (into the file) of each value offset, plus one past the end. */
function valueToSourceOffsets(node: AST.JSONStringLiteral): number[] {
  const raw = node.raw;
  const base = node.range[0] + 1; // past the opening quote
  const offsets: number[] = [];
  let index = 0;
  const end = raw.length - 1; // before the closing quote
  let cursor = 1;
  while (cursor < end) {
    const char = raw[cursor];
    let width = 1;
    let produced = 1;
    if (char === "\\") {
      const next = raw[cursor + 1];
      if (next === "u") width = 6;
      else if (next === "x") width = 4;
      else if (next === "\r" && raw[cursor + 2] === "\n") [width, produced] = [3, 0];
      else if (next === "\n" || next === "\r" || next === "\u2028" || next === "\u2029") [width, produced] = [2, 0];
      else width = 2;
    }
    for (let unit = 0; unit < produced; unit++) offsets[index++] = base + cursor - 1;
    cursor += width;
  }
  offsets[index] = base + end - 1;
  return offsets;
}

/**
 * The location of characters `start`–`end` of a string literal's value; the whole literal when
 * the offsets do not fit (a value that is not what the literal spells, for instance).
 */
export function locationInString(
  sourceCode: SourceCode,
  node: AST.JSONStringLiteral,
  start: number,
  end: number,
): Locatable {
  const offsets = valueToSourceOffsets(node);
  if (start < 0 || end < start || end >= offsets.length || offsets.length - 1 !== node.value.length) return node;
  const from = offsets[start]!;
  // An empty span (a problem "at the end") still gets one character to underline.
  const to = end > start ? offsets[end]! : Math.min(from + 1, node.range[1]);
  return { loc: { start: sourceCode.getLocFromIndex(from), end: sourceCode.getLocFromIndex(to) } };
}
