/**
 * Reading the source around JSON nodes: tokens and comments, lines, indentation, line endings.
 *
 * jsonc-eslint-parser nodes are not ESTree nodes, so ESLint's token APIs are called through the
 * casts in this file only. Everything here looks at tokens and line numbers, never at regexes
 * over the text, because comments may sit anywhere between two tokens.
 */
import type { SourceCode } from "eslint";
import type { AST } from "jsonc-eslint-parser";
import { FileCache } from "../model/file-cache.ts";

/** A token or a comment as ESLint's token store returns it (comments are `Line` / `Block`). */
export interface SourceToken {
  readonly type: string;
  readonly value: string;
  readonly range: [number, number];
  readonly loc: AST.SourceLocation;
}

/** Anything with a range and a location: JSON nodes, tokens, comments. */
export interface Located {
  readonly range: [number, number];
  readonly loc: AST.SourceLocation;
}

type CursorTarget = Parameters<SourceCode["getTokenBefore"]>[0];

const asCursorTarget = (located: Located): CursorTarget => located as unknown as CursorTarget;

export function tokenBefore(
  sourceCode: SourceCode,
  located: Located,
  includeComments: boolean,
): SourceToken | null {
  return sourceCode.getTokenBefore(asCursorTarget(located), {
    includeComments,
  }) as SourceToken | null;
}

export function tokenAfter(
  sourceCode: SourceCode,
  located: Located,
  includeComments: boolean,
): SourceToken | null {
  return sourceCode.getTokenAfter(asCursorTarget(located), {
    includeComments,
  }) as SourceToken | null;
}

type NodeTarget = Parameters<SourceCode["getFirstToken"]>[0];

export function firstTokenOf(sourceCode: SourceCode, node: Located): SourceToken | null {
  return sourceCode.getFirstToken(node as unknown as NodeTarget) as SourceToken | null;
}

export function lastTokenOf(sourceCode: SourceCode, node: Located): SourceToken | null {
  return sourceCode.getLastToken(node as unknown as NodeTarget) as SourceToken | null;
}

export const isComment = (token: SourceToken | null): token is SourceToken =>
  token !== null && (token.type === "Line" || token.type === "Block");

export const isLineComment = (token: SourceToken | null): boolean =>
  token !== null && token.type === "Line";

export const isComma = (token: SourceToken | null): token is SourceToken =>
  token !== null && token.type === "Punctuator" && token.value === ",";

export const sameToken = (a: Located | null, b: Located | null): boolean =>
  a !== null && b !== null && a.range[0] === b.range[0] && a.range[1] === b.range[1];

/**
 * Comments whose whole range lies inside `[start, end)`, in source order. Found by binary search
 * in the file's comments (sorted, never overlapping): removal suggestions ask once per finding,
 * and a filter over every comment made a commented file's suggestions quadratic.
 */
export function commentsBetween(sourceCode: SourceCode, start: number, end: number): SourceToken[] {
  const comments = sourceCode.getAllComments() as unknown as SourceToken[];
  let low = 0;
  let high = comments.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (comments[middle]!.range[0] < start) low = middle + 1;
    else high = middle;
  }
  const inside: SourceToken[] = [];
  for (let index = low; index < comments.length && comments[index]!.range[0] < end; index++) {
    const comment = comments[index]!;
    if (comment.range[1] <= end) inside.push(comment);
  }
  return inside;
}

/** True when no token or comment precedes `token` on its line. */
export function startsItsLine(sourceCode: SourceCode, token: Located): boolean {
  const previous = tokenBefore(sourceCode, token, true);
  return previous === null || previous.loc.end.line < token.loc.start.line;
}

/** Index of the first character of a 1-based line. */
export function lineStartIndex(sourceCode: SourceCode, line: number): number {
  return sourceCode.getIndexFromLoc({ line, column: 0 });
}

/** Index just past the line break that ends a 1-based line (text length on the last line). */
export function nextLineStartIndex(sourceCode: SourceCode, line: number): number {
  return line < sourceCode.lines.length
    ? sourceCode.getIndexFromLoc({ line: line + 1, column: 0 })
    : sourceCode.text.length;
}

// A rule may report (and so build fixes) hundreds of times per file; the file's style is
// measured once per SourceCode.
export type LineEnding = "\n" | "\r\n" | "\r";
const lineEndings = new FileCache<SourceCode, LineEnding>();
const indentUnits = new FileCache<SourceCode, string>();

const HORIZONTAL_WHITESPACE = new Set([" ", "\t", "\v", "\f", "\u00a0", "\ufeff"]);
/** {@link HORIZONTAL_WHITESPACE} but the tab, by character code. */
const isHorizontalSpace = (code: number): boolean =>
  code === 0x20 || code === 0x0b || code === 0x0c || code === 0xa0 || code === 0xfeff;

function leadingWhitespace(line: string): string {
  let end = 0;
  while (end < line.length && HORIZONTAL_WHITESPACE.has(line[end] ?? "")) end += 1;
  return line.slice(0, end);
}

/** The whitespace that starts the line on which `node` starts. */
export function lineIndentOf(sourceCode: SourceCode, node: Located): string {
  return leadingWhitespace(sourceCode.lines[node.loc.start.line - 1] ?? "");
}

/**
 * The file's line ending: the most frequent of CRLF, bare LF and bare CR (classic Mac OS files
 * use CR alone, and ESLint counts it as a line break); `"\n"` on a tie or in a file without any
 * line break.
 */
export function detectLineEnding(sourceCode: SourceCode): LineEnding {
  return lineEndings.get(sourceCode, countLineEndings);
}

function countLineEndings(sourceCode: SourceCode): LineEnding {
  const { text } = sourceCode;
  // Most files have no CR at all: one native scan answers for them.
  if (!text.includes("\r")) return "\n";
  let crlf = 0;
  let lf = 0;
  let cr = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === 13) {
      if (text.charCodeAt(index + 1) === 10) {
        crlf += 1;
        index += 1;
      } else {
        cr += 1;
      }
    } else if (code === 10) {
      lf += 1;
    }
  }
  if (crlf > lf && crlf >= cr) return "\r\n";
  if (cr > lf && cr > crlf) return "\r";
  return "\n";
}

const DEFAULT_INDENT_UNIT = "  ";

/**
 * One level of the file's indentation: `"\t"` for tab-indented files, otherwise as many spaces
 * as the most common step between the indents of consecutive lines (two when nothing is
 * indented). Only lines that start with a token count, so comment bodies cannot skew the result.
 */
export function detectIndentUnit(sourceCode: SourceCode): string {
  return indentUnits.get(sourceCode, measureIndentUnit);
}

function measureIndentUnit(sourceCode: SourceCode): string {
  const tally = new IndentTally();
  const comments = (sourceCode.ast as unknown as { comments?: unknown }).comments;
  if (Array.isArray(comments) && !maySpanLines(sourceCode.text)) {
    tallyByLines(sourceCode.lines, comments as SourceToken[], tally);
  } else {
    tallyByTokens(sourceCode.ast.tokens as unknown as SourceToken[], sourceCode.lines, tally);
  }
  return tally.unit();
}

/**
 * Whether a token may continue on a later line: a template literal, a string with a line
 * continuation, or one holding U+2028/U+2029 (line breaks to ESLint). Without any, every token
 * lies on one line, and a line starts with a token exactly when its first non-blank character
 * is neither in a comment nor whitespace. Native substring scans: a regular expression with
 * alternatives took several times as long over a whole file.
 */
function maySpanLines(text: string): boolean {
  return text.includes("`") || text.includes("\u2028") || text.includes("\u2029") || text.includes("\\\n") || text.includes("\\\r");
}

/** The steps between the indents of consecutive lines that start with a token, in file order. */
class IndentTally {
  // Counted by step in an array (a Map update per line was most of the scan); wider steps in a Map.
  private readonly narrowSteps: number[] = new Array<number>(NARROW_STEPS).fill(0);
  private readonly wideSteps = new Map<number, number>();
  private tabLines = 0;
  private spaceLines = 0;
  private previousIndent = -1; // none: the previous line was tab-indented, or this is the first

  /** A line starting with a token after `width` characters of blanks, `tab` when one is a tab. */
  line(width: number, tab: boolean): void {
    if (tab) {
      this.tabLines += 1;
      this.previousIndent = -1;
      return;
    }
    if (width > 0) this.spaceLines += 1;
    if (this.previousIndent >= 0) {
      const step = Math.abs(width - this.previousIndent);
      if (step >= NARROW_STEPS) this.wideSteps.set(step, (this.wideSteps.get(step) ?? 0) + 1);
      else if (step > 0) this.narrowSteps[step]! += 1;
    }
    this.previousIndent = width;
  }

  unit(): string {
    if (this.tabLines > this.spaceLines) return "\t";
    // The most frequent step, the narrower on a tie.
    let bestStep = 0;
    let bestCount = 0;
    for (let step = 1; step < NARROW_STEPS; step++) {
      if (this.narrowSteps[step]! > bestCount) {
        bestStep = step;
        bestCount = this.narrowSteps[step]!;
      }
    }
    for (const [step, count] of this.wideSteps) {
      if (count > bestCount || (count === bestCount && step < bestStep)) {
        bestStep = step;
        bestCount = count;
      }
    }
    return bestStep > 0 ? " ".repeat(bestStep) : DEFAULT_INDENT_UNIT;
  }
}

const NARROW_STEPS = 64;

/** Whitespace the parser skips beyond the tab and {@link isHorizontalSpace} (Unicode space separators). */
const OTHER_WHITESPACE = /\s/u;

/**
 * Runs once per file that gets a suggestion, over every line: character codes, no slices. Only
 * valid when no token spans lines ({@link maySpanLines}); `comments` in source order.
 */
function tallyByLines(lines: readonly string[], comments: readonly SourceToken[], tally: IndentTally): void {
  let comment = 0; // the first comment that does not end before the current position
  for (let line = 1; line <= lines.length; line++) {
    const lineText = lines[line - 1]!;
    let column = 0;
    let tab = false;
    for (; column < lineText.length; column++) {
      const code = lineText.charCodeAt(column);
      if (code === 9) tab = true;
      else if (!isHorizontalSpace(code)) break;
    }
    if (column === lineText.length) continue; // blank
    while (comment < comments.length && !after(comments[comment]!.loc.end, line, column)) comment += 1;
    const current = comments[comment];
    if (current && !after(current.loc.start, line, column)) continue; // inside or at a comment
    const code = lineText.charCodeAt(column);
    if (code > 0x7f && OTHER_WHITESPACE.test(lineText[column]!)) continue; // the token starts later
    tally.line(column, tab);
  }
}

/** Whether `position` lies after the character at (`line`, `column`). */
const after = (position: { line: number; column: number }, line: number, column: number): boolean =>
  position.line > line || (position.line === line && position.column > column);

/** The general case: the first token of every line, by the tokens' locations. */
function tallyByTokens(tokens: readonly SourceToken[], lines: readonly string[], tally: IndentTally): void {
  let previousLine = 0;
  for (let position = 0; position < tokens.length; position++) {
    const { start, end } = tokens[position]!.loc;
    if (start.line === previousLine) continue;
    previousLine = end.line;
    const lineText = lines[start.line - 1] ?? "";
    const width = Math.min(start.column, lineText.length);
    let tab = false;
    let blank = true;
    for (let index = 0; index < width; index++) {
      const code = lineText.charCodeAt(index);
      if (code === 9) tab = true;
      else if (!isHorizontalSpace(code)) {
        blank = false;
        break;
      }
    }
    if (!blank) continue; // a comment starts this line
    tally.line(width, tab);
  }
}
