/**
 * The JSON edits that the plugin's fixes and suggestions are made of. Each returns `Rule.Fix[]`;
 * see index.ts for the convention.
 */
import type { Rule, SourceCode } from "eslint";
import type { AST } from "jsonc-eslint-parser";
import { formatInlineValue, formatValue } from "./format.ts";
import {
  appendItem,
  containerAnchors,
  insertItemAfter,
  insertItemBefore,
  removeItem,
  type ItemPlacement,
  type ItemRenderer,
} from "./items.ts";
import { detectLineEnding, lineIndentOf, startsItsLine } from "./source.ts";
import * as powerShell from "./powershell.ts";

/** A new array element: ready-made text (inserted verbatim) or a value to render in the file's style. */
export type NewElement = { readonly text: string } | { readonly value: unknown };

export interface AddPropertyOptions {
  /** Insert directly after this property of the object; by default the new property goes last. */
  readonly after?: AST.JSONProperty | undefined;
}

const isNode = (node: unknown, type: string): boolean =>
  typeof node === "object" && node !== null && (node as { type?: unknown }).type === type;

/** Renders a value expanded (file indentation) on a line of its own, inline otherwise. */
function renderValue(value: unknown): ItemRenderer {
  return (placement: ItemPlacement) =>
    placement.multiline
      ? formatValue(value, { indent: placement.indentUnit, eol: placement.eol, baseIndent: placement.indent })
      : formatInlineValue(value);
}

function renderElement(element: NewElement): ItemRenderer {
  if ("text" in element && typeof element.text === "string") {
    const { text } = element;
    return () => text;
  }
  return renderValue((element as { value?: unknown }).value);
}

/** A plain object with members is laid out over several lines even where an empty list was `[]`. */
function prefersExpanded(element: NewElement): boolean {
  if ("text" in element && typeof element.text === "string") return element.text.includes("\n");
  const { value } = element as { value?: unknown };
  return typeof value === "object" && value !== null && !Array.isArray(value) && Object.keys(value).length > 0;
}

/** The property's key as written, whatever its quoting (`Name`, `"Name"`, `'Name'`). */
function keyName(property: AST.JSONProperty): string {
  return property.key.type === "JSONIdentifier" ? property.key.name : String(property.key.value);
}

/**
 * The property named `name`: an exact match if there is one, otherwise a case-insensitive one
 * (PowerShell matches parameter names that way). With duplicates the last wins, as in JSON.parse.
 */
function findProperty(object: AST.JSONObjectExpression, name: string): AST.JSONProperty | undefined {
  const { properties } = object;
  for (let index = properties.length - 1; index >= 0; index--) if (keyName(properties[index]!) === name) return properties[index];
  const lowered = name.toLowerCase();
  for (let index = properties.length - 1; index >= 0; index--) {
    const key = keyName(properties[index]!);
    if (key.length === lowered.length && key.toLowerCase() === lowered) return properties[index];
  }
  return undefined;
}

const isNullLiteral = (node: AST.JSONExpression): boolean =>
  node.type === "JSONLiteral" && node.raw === "null";

/** Replaces a value with `newValue`, rendered on one line (`"POP3"`, `["a", "b"]`). */
export function replaceValue(fixer: Rule.RuleFixer, node: AST.JSONExpression, newValue: unknown): Rule.Fix[] {
  if (powerShell.isPowerShellNode(node)) return powerShell.replaceValue(fixer, node, newValue);
  if (!node || !Array.isArray(node.range)) return [];
  return [fixer.replaceTextRange(node.range, formatInlineValue(newValue))];
}

/**
 * Removes `element` from `arrayNode` with its comma (or the comma before it, when it is the last
 * element) and the comments it owns; other comments stay. A line that held only the element goes
 * entirely; an array left empty becomes `[]` unless comments remain inside.
 */
export function removeListItem(
  sourceCode: SourceCode,
  fixer: Rule.RuleFixer,
  arrayNode: AST.JSONArrayExpression,
  element: AST.JSONExpression,
): Rule.Fix[] {
  if (powerShell.isPowerShellNode(arrayNode)) return [];
  if (!isNode(arrayNode, "JSONArrayExpression") || !element) return [];
  return removeItem(sourceCode, fixer, arrayNode, element);
}

/** Removes `property` from its object, with the same care for commas and comments as removeListItem. */
export function removeProperty(
  sourceCode: SourceCode,
  fixer: Rule.RuleFixer,
  property: AST.JSONProperty,
): Rule.Fix[] {
  if (powerShell.isPowerShellNode(property)) return [];
  if (!isNode(property, "JSONProperty") || !isNode(property.parent, "JSONObjectExpression")) return [];
  return removeItem(sourceCode, fixer, property.parent, property);
}

/**
 * Inserts `"key": value` into `objectNode`, after `options.after` or as the last property. The new
 * property copies its sibling's indentation and the file's line ending, sits on the same line when
 * the neighbours share a line, keeps a trailing comma if the list has one, and leaves a trailing
 * comment on the property it follows. `{}` is expanded over lines (inline in a one-line file).
 * The value is rendered with the file's indentation when the property gets its own line. Does not
 * check whether the key already exists.
 */
export function addProperty(
  sourceCode: SourceCode,
  fixer: Rule.RuleFixer,
  objectNode: AST.JSONObjectExpression,
  key: string,
  value: unknown,
  options: AddPropertyOptions = {},
): Rule.Fix[] {
  if (powerShell.isPowerShellNode(objectNode)) return [];
  if (!isNode(objectNode, "JSONObjectExpression")) return [];
  const keyText = JSON.stringify(String(key));
  const valueRenderer = renderValue(value);
  const render: ItemRenderer = (placement) => `${keyText}: ${valueRenderer(placement)}`;
  const { after } = options;
  if (after) {
    return insertItemAfter(sourceCode, fixer, objectNode, after, render);
  }
  return appendItem(sourceCode, fixer, objectNode, render, true);
}

/**
 * Adds `value` to the list property `propertyName` of `ruleObject` (name matched as findProperty
 * does): appended to an array in the array's layout; a single string `"old"` becomes
 * `["old", value]`; null, `""` and an empty array become `[value]`; a missing property is created
 * with addProperty. Other values (numbers, objects, ...) are not lists: no edit. Does not check
 * for duplicates.
 */
export function addListItem(
  sourceCode: SourceCode,
  fixer: Rule.RuleFixer,
  ruleObject: AST.JSONObjectExpression,
  propertyName: string,
  value: unknown,
): Rule.Fix[] {
  if (powerShell.isPowerShellNode(ruleObject)) return powerShell.addListItem(sourceCode.text, fixer, ruleObject, propertyName, value);
  if (!isNode(ruleObject, "JSONObjectExpression")) return [];
  const property = findProperty(ruleObject, propertyName);
  if (!property) return addProperty(sourceCode, fixer, ruleObject, propertyName, [value]);
  const list = property.value;
  if (list.type === "JSONArrayExpression") {
    return appendItem(sourceCode, fixer, list, renderValue(value), false);
  }
  if (isNullLiteral(list) || (list.type === "JSONLiteral" && list.value === "")) {
    return [fixer.replaceTextRange(list.range, formatInlineValue([value]))];
  }
  if (list.type === "JSONLiteral" && typeof list.value === "string") {
    // The old string keeps its spelling (escapes, quotes) as written.
    return [fixer.replaceTextRange(list.range, `[${list.raw}, ${formatInlineValue(value)}]`)];
  }
  return [];
}

/** Inserts a new element directly before `beforeElement` (after comments on the lines above it). */
export function insertArrayElementBefore(
  sourceCode: SourceCode,
  fixer: Rule.RuleFixer,
  arrayNode: AST.JSONArrayExpression,
  beforeElement: AST.JSONExpression,
  element: NewElement,
): Rule.Fix[] {
  if (powerShell.isPowerShellNode(arrayNode)) return [];
  if (!isNode(arrayNode, "JSONArrayExpression") || !beforeElement || !element) return [];
  return insertItemBefore(sourceCode, fixer, arrayNode, beforeElement, renderElement(element));
}

/** Inserts a new element directly after `afterElement` (after its comma and same-line comments). */
export function insertArrayElementAfter(
  sourceCode: SourceCode,
  fixer: Rule.RuleFixer,
  arrayNode: AST.JSONArrayExpression,
  afterElement: AST.JSONExpression,
  element: NewElement,
): Rule.Fix[] {
  if (powerShell.isPowerShellNode(arrayNode)) {
    return "value" in element ? powerShell.insertItemAfter(fixer, afterElement, element.value) : [];
  }
  if (!isNode(arrayNode, "JSONArrayExpression") || !afterElement || !element) return [];
  return insertItemAfter(sourceCode, fixer, arrayNode, afterElement, renderElement(element));
}

/**
 * Adds a new element at the end of `arrayNode`. Into an empty array a rule object (or multi-line
 * text) goes on its own line; a scalar stays inline: `["a"]`.
 */
export function appendArrayElement(
  sourceCode: SourceCode,
  fixer: Rule.RuleFixer,
  arrayNode: AST.JSONArrayExpression,
  element: NewElement,
): Rule.Fix[] {
  if (powerShell.isPowerShellNode(arrayNode)) return [];
  if (!isNode(arrayNode, "JSONArrayExpression") || !element) return [];
  return appendItem(sourceCode, fixer, arrayNode, renderElement(element), prefersExpanded(element));
}

/**
 * Replaces one list item by several, in place: in an array the new items take the old one's
 * layout (one per line when it had a line of its own, else `, `-separated); a property whose value
 * is the bare item becomes an inline array. No values removes the item (or leaves `[]`).
 */
export function replaceListItemWithItems(
  sourceCode: SourceCode,
  fixer: Rule.RuleFixer,
  element: AST.JSONExpression,
  values: readonly unknown[],
): Rule.Fix[] {
  if (powerShell.isPowerShellNode(element)) return [];
  if (!element || !Array.isArray(values)) return [];
  const parent = (element as { parent?: unknown }).parent;
  const texts = values.map((value) => formatInlineValue(value));
  if (isNode(parent, "JSONArrayExpression")) {
    const array = parent as AST.JSONArrayExpression;
    if (texts.length === 0) return removeItem(sourceCode, fixer, array, element);
    const separator = startsItsLine(sourceCode, element)
      ? `,${detectLineEnding(sourceCode)}${lineIndentOf(sourceCode, element)}`
      : ", ";
    return [fixer.replaceTextRange(element.range, texts.join(separator)), ...containerAnchors(fixer, array)];
  }
  if (isNode(parent, "JSONProperty") && (parent as AST.JSONProperty).value === element) {
    return [fixer.replaceTextRange(element.range, `[${texts.join(", ")}]`)];
  }
  return [];
}

/**
 * Splits one string holding a comma list into its items: `"a,b"` becomes `["a", "b"]` as a whole
 * value (`standalone`) or `"a", "b"` inside an array.
 */
export function splitCommaString(
  fixer: Rule.RuleFixer,
  node: AST.JSONExpression,
  items: readonly string[],
  standalone: boolean,
): Rule.Fix[] {
  if (powerShell.isPowerShellNode(node)) return powerShell.splitCommaString(fixer, node, items);
  if (!node || !Array.isArray(node.range)) return [];
  const texts = items.map((item) => JSON.stringify(item)).join(", ");
  return [fixer.replaceTextRange(node.range, standalone ? `[${texts}]` : texts)];
}
