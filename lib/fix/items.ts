/**
 * The comma-separated lists behind every edit: the elements of an array and the properties of an
 * object are both "items" of a "container". This module finds which tokens and comments belong
 * to an item, and builds the edits that remove an item or insert a new one next to it.
 *
 * Comment ownership (what an edit treats as part of an item; a removal keeps these comments and
 * takes only the item and a comma):
 * - block comments that end on the item's first line, between the previous comma (or the opening
 *   bracket) and the item: `[/* a *\/ "a"]`, `"x", /* a *\/ "a"`;
 * - comments between the item and its comma that start on the item's last line:
 *   `"a" /* a *\/,`;
 * - comments after the comma, on the comma's line, when the next item starts on a later line:
 *   `"a", // a`.
 * Comments on lines of their own are never owned by an item: they may head a group of items.
 */
import type { Rule, SourceCode } from "eslint";
import type { AST } from "jsonc-eslint-parser";
import {
  commentsBetween,
  detectIndentUnit,
  detectLineEnding,
  firstTokenOf,
  isComma,
  isComment,
  isLineComment,
  lastTokenOf,
  lineIndentOf,
  lineStartIndex,
  nextLineStartIndex,
  sameToken,
  startsItsLine,
  tokenAfter,
  tokenBefore,
  type Located,
  type SourceToken,
} from "./source.ts";

export type Container = AST.JSONArrayExpression | AST.JSONObjectExpression;
export type Item = AST.JSONExpression | AST.JSONProperty;

/** How a new item is laid out where it is inserted. */
export interface ItemPlacement {
  /** The new item starts its own line (the list is laid out one item per line). */
  readonly multiline: boolean;
  /** Indentation of the new item's line (meaningful when `multiline`). */
  readonly indent: string;
  /** One indentation level of the file. */
  readonly indentUnit: string;
  readonly eol: string;
}

/** Renders the new item's text for its placement (so a value can be expanded or kept inline). */
export type ItemRenderer = (placement: ItemPlacement) => string;

interface ItemAnatomy {
  readonly open: SourceToken;
  readonly close: SourceToken;
  /** The non-comment token before the item: the opening bracket or the previous comma. */
  readonly before: SourceToken;
  /** The comma after the item (separator or trailing comma), if any. */
  readonly comma: SourceToken | null;
  /** The non-comment token after the item and its comma: the next item or the closing bracket. */
  readonly next: SourceToken;
  /** First token or comment of the owned region (a leading inline comment or the item). */
  readonly firstOwned: Located;
  /** Last owned token or comment before the comma (or before `next` when there is no comma). */
  readonly lastOwnedBeforeComma: Located;
  /** True when only owned comments lie between the item and its comma. */
  readonly commaAdjacent: boolean;
  /** Last token or comment of the whole owned region (may be the comma or a comment after it). */
  readonly lastOwned: Located;
}

/** Tokens around `item`, or null when `item` is not an item of `container` (never throws). */
function anatomyOf(sourceCode: SourceCode, container: Container, item: Item): ItemAnatomy | null {
  // The parser links every node to its parent; a node from elsewhere gets no edit.
  if ((item as { parent?: unknown } | null)?.parent !== container) return null;
  const open = firstTokenOf(sourceCode, container);
  const close = lastTokenOf(sourceCode, container);
  const before = tokenBefore(sourceCode, item, false);
  const afterItem = tokenAfter(sourceCode, item, false);
  if (!open || !close || !before || !afterItem) return null;

  let firstOwned: Located = item;
  for (
    let candidate = tokenBefore(sourceCode, item, true);
    isComment(candidate) && candidate.loc.end.line === item.loc.start.line;
    candidate = tokenBefore(sourceCode, candidate, true)
  ) {
    firstOwned = candidate;
  }

  let lastOwnedBeforeComma: Located = item;
  for (
    let candidate = tokenAfter(sourceCode, item, true);
    isComment(candidate) && candidate.loc.start.line === lastOwnedBeforeComma.loc.end.line;
    candidate = tokenAfter(sourceCode, candidate, true)
  ) {
    lastOwnedBeforeComma = candidate;
  }

  const comma = isComma(afterItem) ? afterItem : null;
  const next = comma ? tokenAfter(sourceCode, comma, false) : afterItem;
  if (!next) return null;
  const commaAdjacent =
    comma !== null && sameToken(tokenAfter(sourceCode, lastOwnedBeforeComma, true), comma);

  let lastOwned: Located = lastOwnedBeforeComma;
  if (comma && commaAdjacent) {
    lastOwned = comma;
    if (next.loc.start.line > comma.loc.end.line) {
      for (
        let candidate = tokenAfter(sourceCode, comma, true);
        isComment(candidate) && candidate.loc.start.line === lastOwned.loc.end.line;
        candidate = tokenAfter(sourceCode, candidate, true)
      ) {
        lastOwned = candidate;
      }
    }
  }
  return { open, close, before, comma, next, firstOwned, lastOwnedBeforeComma, commaAdjacent, lastOwned };
}

export function itemsOf(container: Container): Item[] {
  return container.type === "JSONArrayExpression"
    ? container.elements.filter((element): element is AST.JSONExpression => element !== null)
    : container.properties;
}

/**
 * Zero-width edits at both ends of the container. ESLint merges a fix's edits into one range, so
 * these make the fix cover the whole list; two fixes that edit the same list's punctuation then
 * overlap and ESLint applies only one of them per pass (eslint/eslint#15660, the trick of
 * eslint-plugin-jsonc's comma-dangle).
 */
export function containerAnchors(fixer: Rule.RuleFixer, container: Container): Rule.Fix[] {
  return [fixer.insertTextBeforeRange(container.range, ""), fixer.insertTextAfterRange(container.range, "")];
}

/**
 * Removes the span from `first` to `last` (owned tokens of one item) together with the whitespace
 * that only served it: the whole line(s) when the span stands alone, otherwise the spaces that
 * separated it from its neighbour on the line. Blank lines that separated the span from both
 * neighbours collapse to one, and none is left against a bracket.
 */
function removeSpan(
  sourceCode: SourceCode,
  fixer: Rule.RuleFixer,
  first: Located,
  last: Located,
  { open, close }: { open: SourceToken; close: SourceToken },
): Rule.Fix {
  const previous = tokenBefore(sourceCode, first, true);
  const following = tokenAfter(sourceCode, last, true);
  const aloneAtStart = previous === null || previous.loc.end.line < first.loc.start.line;
  const aloneAtEnd = following === null || following.loc.start.line > last.loc.end.line;
  if (aloneAtStart && aloneAtEnd) {
    let start = lineStartIndex(sourceCode, first.loc.start.line);
    let end = nextLineStartIndex(sourceCode, last.loc.end.line);
    const blankBefore = previous !== null && previous.loc.end.line < first.loc.start.line - 1;
    const blankAfter = following !== null && following.loc.start.line > last.loc.end.line + 1;
    if (following && blankAfter && (blankBefore || sameToken(previous, open))) {
      end = lineStartIndex(sourceCode, following.loc.start.line);
    } else if (previous && blankBefore && sameToken(following, close)) {
      start = nextLineStartIndex(sourceCode, previous.loc.end.line);
    }
    return fixer.removeRange([start, end]);
  }
  if (following && !aloneAtEnd && !sameToken(following, close)) {
    return fixer.removeRange([first.range[0], following.range[0]]);
  }
  if (previous && !aloneAtStart) {
    return fixer.removeRange([previous.range[1], last.range[1]]);
  }
  return fixer.removeRange([first.range[0], following ? following.range[0] : last.range[1]]);
}

/** Edits that remove `item` from `container`, keeping the list's commas valid. */
export function removeItem(
  sourceCode: SourceCode,
  fixer: Rule.RuleFixer,
  container: Container,
  item: Item,
): Rule.Fix[] {
  const anatomy = anatomyOf(sourceCode, container, item);
  if (!anatomy) return [];
  const { open, close, before, comma, next, firstOwned, lastOwnedBeforeComma, commaAdjacent, lastOwned } =
    anatomy;
  const isFirst = sameToken(before, open);
  const isLast = sameToken(next, close);
  const edits: Rule.Fix[] = [];

  // Comments are the user's data: when some sit beside the item, only the item and one comma go.
  if (commentsBetween(sourceCode, firstOwned.range[0], lastOwned.range[1]).some((comment) => !within(comment, item))) {
    return [...removeKeepingComments(sourceCode, fixer, item, { open, close, before, comma }), ...containerAnchors(fixer, container)];
  }

  if (isFirst && isLast) {
    const keptComments = commentsBetween(sourceCode, open.range[1], close.range[0]).filter(
      (comment) => comment.range[1] <= firstOwned.range[0] || comment.range[0] >= lastOwned.range[1],
    );
    if (keptComments.length === 0) {
      // The list becomes empty: `[]` / `{}` reads better than brackets around leftover blank lines.
      edits.push(fixer.removeRange([open.range[1], close.range[0]]));
      return [...edits, ...containerAnchors(fixer, container)];
    }
  }

  if (comma) {
    if (commaAdjacent) {
      edits.push(removeSpan(sourceCode, fixer, firstOwned, lastOwned, anatomy));
    } else {
      // Comma-first layout: comments on the lines between the item and its comma stay.
      edits.push(removeSpan(sourceCode, fixer, firstOwned, lastOwnedBeforeComma, anatomy));
      edits.push(fixer.removeRange(comma.range));
    }
  } else if (!isFirst && isComma(before)) {
    // The last item without a trailing comma: the comma before it would dangle.
    if (tokenAfter(sourceCode, before, true)?.range[0] === firstOwned.range[0]) {
      edits.push(fixer.removeRange([before.range[0], lastOwned.range[1]]));
    } else {
      edits.push(fixer.removeRange(before.range));
      edits.push(removeSpan(sourceCode, fixer, firstOwned, lastOwned, anatomy));
    }
  } else {
    edits.push(removeSpan(sourceCode, fixer, firstOwned, lastOwned, anatomy));
  }
  return [...edits, ...containerAnchors(fixer, container)];
}

const within = (inner: Located, outer: Located): boolean =>
  inner.range[0] >= outer.range[0] && inner.range[1] <= outer.range[1];

/**
 * Removes `item` and one comma but none of the comments around it: `"a", // note` leaves
 * `// note` on the line, `/* a *\/ "a"` leaves `/* a *\/`, and the last item's trailing comment
 * moves up to the new last item (`"x" // note`).
 */
function removeKeepingComments(
  sourceCode: SourceCode,
  fixer: Rule.RuleFixer,
  item: Item,
  anatomy: { open: SourceToken; close: SourceToken; before: SourceToken; comma: SourceToken | null },
): Rule.Fix[] {
  const { before, comma } = anatomy;
  /** The item with the whitespace that separates it from its neighbour on the same line. */
  const itemWithSpaceBefore = (): Rule.Fix => {
    const following = tokenAfter(sourceCode, item, true);
    if (startsItsLine(sourceCode, item) && following && following.loc.start.line === item.loc.end.line) {
      return fixer.removeRange([item.range[0], following.range[0]]);
    }
    const previous = tokenBefore(sourceCode, item, true);
    return fixer.removeRange([previous ? previous.range[1] : item.range[0], item.range[1]]);
  };
  if (comma) {
    if (sameToken(tokenAfter(sourceCode, item, true), comma)) {
      return [removeSpan(sourceCode, fixer, item, comma, anatomy)];
    }
    const beforeComma = tokenBefore(sourceCode, comma, true)!;
    return [
      removeSpan(sourceCode, fixer, item, item, anatomy),
      fixer.removeRange([beforeComma.range[1], comma.range[1]]),
    ];
  }
  if (isComma(before)) {
    if (sameToken(tokenBefore(sourceCode, item, true), before) && !startsItsLine(sourceCode, item)) {
      return [fixer.removeRange([before.range[0], item.range[1]])];
    }
    return [fixer.removeRange(before.range), itemWithSpaceBefore()];
  }
  return [itemWithSpaceBefore()];
}

/** The file's indentation unit and line ending, for rendering new items. */
export function fileStyle(sourceCode: SourceCode): { indentUnit: string; eol: string } {
  return { indentUnit: detectIndentUnit(sourceCode), eol: detectLineEnding(sourceCode) };
}

/**
 * Indentation for an item that starts its own line: that of the first item that starts its line,
 * or the container's line indentation plus one unit.
 */
function itemIndentOf(sourceCode: SourceCode, container: Container, indentUnit: string): string {
  for (const item of itemsOf(container)) {
    const first = firstTokenOf(sourceCode, item);
    if (first && startsItsLine(sourceCode, first)) {
      // A leading inline comment may precede the item; the line's indentation is what counts.
      return lineIndentOf(sourceCode, item);
    }
  }
  return lineIndentOf(sourceCode, container) + indentUnit;
}

/** Edits that insert a new item directly after `anchor` (after its comma and same-line comments). */
export function insertItemAfter(
  sourceCode: SourceCode,
  fixer: Rule.RuleFixer,
  container: Container,
  anchor: Item,
  render: ItemRenderer,
): Rule.Fix[] {
  const anatomy = anatomyOf(sourceCode, container, anchor);
  if (!anatomy) return [];
  const { comma, lastOwnedBeforeComma, commaAdjacent, lastOwned, firstOwned } = anatomy;
  const { indentUnit, eol } = fileStyle(sourceCode);
  const indent = startsItsLine(sourceCode, firstOwned)
    ? lineIndentOf(sourceCode, firstOwned)
    : itemIndentOf(sourceCode, container, indentUnit);
  const placementAfter = (token: Located): ItemPlacement => {
    const following = tokenAfter(sourceCode, token, true);
    const multiline = following === null || following.loc.start.line > token.loc.end.line;
    return { multiline, indent, indentUnit, eol };
  };
  const separatorFor = (placement: ItemPlacement): string =>
    placement.multiline ? eol + placement.indent : " ";

  const edits: Rule.Fix[] = [];
  if (comma && commaAdjacent) {
    const placement = placementAfter(lastOwned);
    edits.push(fixer.insertTextAfterRange(lastOwned.range, `${separatorFor(placement)}${render(placement)},`));
  } else if (comma) {
    const placement: ItemPlacement = { multiline: false, indent, indentUnit, eol };
    edits.push(fixer.insertTextAfterRange(comma.range, ` ${render(placement)},`));
  } else {
    const placement = placementAfter(lastOwnedBeforeComma);
    const text = `${separatorFor(placement)}${render(placement)}`;
    if (isLineComment(lastOwnedBeforeComma as SourceToken)) {
      // The comma cannot follow a line comment; it goes right after the item so the comment stays
      // on the item's line.
      edits.push(fixer.insertTextAfterRange(anchor.range, ","));
      edits.push(fixer.insertTextAfterRange(lastOwnedBeforeComma.range, text));
    } else {
      edits.push(fixer.insertTextAfterRange(lastOwnedBeforeComma.range, `,${text}`));
    }
  }
  return [...edits, ...containerAnchors(fixer, container)];
}

/** Edits that insert a new item directly before `anchor` (and before its inline leading comments). */
export function insertItemBefore(
  sourceCode: SourceCode,
  fixer: Rule.RuleFixer,
  container: Container,
  anchor: Item,
  render: ItemRenderer,
): Rule.Fix[] {
  const anatomy = anatomyOf(sourceCode, container, anchor);
  if (!anatomy) return [];
  const { firstOwned } = anatomy;
  const { indentUnit, eol } = fileStyle(sourceCode);
  const multiline = startsItsLine(sourceCode, firstOwned);
  const indent = multiline
    ? lineIndentOf(sourceCode, firstOwned)
    : itemIndentOf(sourceCode, container, indentUnit);
  const text = render({ multiline, indent, indentUnit, eol });
  const edit = multiline ? `${text},${eol}${indent}` : `${text}, `;
  return [fixer.insertTextBeforeRange(firstOwned.range, edit), ...containerAnchors(fixer, container)];
}

/**
 * Edits that add a new item at the end of `container`. Into an empty container the item goes on a
 * line of its own when the brackets are on different lines, or when `expandEmpty` asks for it
 * and the file has more than one line; otherwise it stays inline (`["a"]`, `{ "a": 1 }`).
 */
export function appendItem(
  sourceCode: SourceCode,
  fixer: Rule.RuleFixer,
  container: Container,
  render: ItemRenderer,
  expandEmpty: boolean,
): Rule.Fix[] {
  const items = itemsOf(container);
  const lastItem = items[items.length - 1];
  if (lastItem) return insertItemAfter(sourceCode, fixer, container, lastItem, render);

  const open = firstTokenOf(sourceCode, container);
  const close = lastTokenOf(sourceCode, container);
  if (!open || !close) return [];
  const { indentUnit, eol } = fileStyle(sourceCode);
  const containerIndent = lineIndentOf(sourceCode, container);
  const comments = commentsBetween(sourceCode, open.range[1], close.range[0]);
  const lastComment = comments[comments.length - 1];
  const edits: Rule.Fix[] = [];

  if (lastComment) {
    const multiline = isLineComment(lastComment) || close.loc.start.line > lastComment.loc.end.line;
    const indent = startsItsLine(sourceCode, lastComment)
      ? lineIndentOf(sourceCode, lastComment)
      : containerIndent + indentUnit;
    const text = render({ multiline, indent, indentUnit, eol });
    edits.push(fixer.insertTextAfterRange(lastComment.range, multiline ? eol + indent + text : ` ${text}`));
  } else {
    const expand =
      close.loc.start.line > open.loc.end.line || (expandEmpty && sourceCode.lines.length > 1);
    const indent = containerIndent + indentUnit;
    const text = render({ multiline: expand, indent, indentUnit, eol });
    const inner = expand
      ? `${eol}${indent}${text}${eol}${containerIndent}`
      : container.type === "JSONObjectExpression"
        ? ` ${text} `
        : text;
    edits.push(fixer.replaceTextRange([open.range[1], close.range[0]], inner));
  }
  return [...edits, ...containerAnchors(fixer, container)];
}
