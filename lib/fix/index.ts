/**
 * JSON edit helpers for the plugin's fixes and suggestions.
 *
 * Fix-return convention: every edit helper returns `Rule.Fix[]`, the minimal text edits plus, when
 * list punctuation is touched, two zero-width edits at the ends of the enclosing array or object.
 * Return the array from a `fix` function as it is; ESLint merges it into one edit whose range
 * covers the whole list, so two fixes that fight over one list are never applied in the same pass
 * (eslint/eslint#15660). Arrays from several helpers may be concatenated in one fix when their
 * edits do not overlap: different lists, or a list edit plus replaceValue calls inside other
 * elements. Two edits of one list's punctuation, or an edit inside a node another helper removes,
 * overlap, and ESLint rejects such a fix ("Fix objects must not be overlapped in a report").
 * An empty array means "no safe edit" (the input was not what the helper expects); ESLint treats
 * it as no fix.
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
  splitCommaString,
  type AddPropertyOptions,
  type NewElement,
} from "./edits.ts";
export { continueLine, isPowerShellEdit, isPowerShellNode, replaceParameterName } from "./powershell.ts";
export { formatInlineValue, formatValue, type FormatOptions } from "./format.ts";
export { detectIndentUnit, detectLineEnding, lineIndentOf } from "./source.ts";
