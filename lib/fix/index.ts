/**
 * JSON edit helpers for the plugin's fixes and suggestions.
 *
 * Fix-return convention: every edit helper returns `Rule.Fix[]`, the minimal text edits plus, when
 * list punctuation is touched, two zero-width edits at the ends of the enclosing array or object.
 * Return the array from a `fix` function as it is; ESLint merges it into one edit whose range
 * covers the whole list, so two fixes that fight over one list are never applied in the same pass
 * (eslint/eslint#15660). Arrays from helpers that edit *different* lists can be concatenated in one
 * fix; two helpers on the same list cannot (their edits may overlap). An empty array means "no
 * safe edit" (the input was not what the helper expects); ESLint treats it as no fix.
 *
 * All helpers work from tokens and comments, keep the file's indentation, line endings and
 * comments, and never throw on unexpected nodes.
 */
export {
  addListItem,
  addProperty,
  appendArrayElement,
  insertArrayElementAfter,
  insertArrayElementBefore,
  removeListItem,
  removeProperty,
  replaceListItemWithItems,
  replaceValue,
  type AddPropertyOptions,
  type NewElement,
} from "./edits.ts";
export { formatInlineValue, formatValue, type FormatOptions } from "./format.ts";
export { detectIndentUnit, detectLineEnding, lineIndentOf } from "./source.ts";
