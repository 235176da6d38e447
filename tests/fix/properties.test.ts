/**
 * Property tests: random lists and objects rendered in random styles; every removal or addition
 * must give a document that parses to exactly the expected value, keeps the style (line endings,
 * no blank lines) and keeps every comment that did not belong to the removed item.
 */
import fc from "fast-check";
import * as jsoncParser from "jsonc-eslint-parser";
import { describe, expect, it } from "vitest";
import {
  addListItem,
  addProperty,
  appendArrayElement,
  removeListItem,
  removeProperty,
} from "../../lib/fix/index.ts";
import { applyFix, arrayAt, at, objectAt, parseJsonc } from "./run-fix.ts";

interface Style {
  readonly indent: string;
  readonly eol: string;
  readonly multiline: boolean;
  readonly trailingComma: boolean;
  readonly comments: boolean;
  readonly finalNewline: boolean;
  /** Items of a multi-line list are separated by blank lines (grouping). */
  readonly blankLines: boolean;
  /** The list is the document's root, or the value of `"list"` inside a wrapper object. */
  readonly nested: boolean;
}

const styleArbitrary: fc.Arbitrary<Style> = fc.record({
  indent: fc.constantFrom("  ", "    ", "\t"),
  eol: fc.constantFrom("\n", "\r\n"),
  multiline: fc.boolean(),
  trailingComma: fc.boolean(),
  comments: fc.boolean(),
  finalNewline: fc.boolean(),
  blankLines: fc.boolean(),
  nested: fc.boolean(),
});

// Raw U+2028 inside a string is a line break to ESLint's locations but not to JSON.
const scalarArbitrary = fc.oneof(
  fc.string({ unit: "binary" }),
  fc.constantFrom("line\u2028separator", "tab\there", 'quote"back\\slash'),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom("POP3", "IMAP4", "OutlookWebApp", "10.0.0.0/8"),
);
const valueArbitrary = fc.oneof(
  { weight: 4, arbitrary: scalarArbitrary },
  { weight: 1, arbitrary: fc.array(scalarArbitrary, { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.string().filter((key) => key !== "__proto__"), scalarArbitrary, { maxKeys: 3 }) },
);
const keyArbitrary = fc.string().filter((key) => key !== "__proto__");

const commentFor = (index: number): string => `c${index}`;

/**
 * Renders items (already JSON text) as a list. With comments, each item gets a comment it owns
 * (`/* cN *\/` before its comma on one line, `// cN` after its comma on its own line), and a
 * multi-line list gets a header comment that belongs to no item.
 */
function renderList(open: string, close: string, items: string[], style: Style, level: number): string {
  const { indent, eol } = style;
  if (items.length === 0) return open + close;
  const comma = (index: number): string => (index < items.length - 1 || style.trailingComma ? "," : "");
  if (!style.multiline) {
    const parts = items.map((item, index) => {
      const comment = style.comments ? ` /* ${commentFor(index)} */` : "";
      return `${item}${comment}${comma(index)}`;
    });
    return `${open}${parts.join(" ")}${close}`;
  }
  const inner = indent.repeat(level + 1);
  const lines = items.map((item, index) => {
    const comment = style.comments ? ` // ${commentFor(index)}` : "";
    return `${inner}${item}${comma(index)}${comment}`;
  });
  const header = style.comments ? [`${inner}// header`] : [];
  return [open, ...header, ...lines.join(style.blankLines ? eol + eol : eol).split(eol), indent.repeat(level) + close].join(
    eol,
  );
}

function renderDocument(list: (level: number) => string, style: Style): string {
  const body = style.nested
    ? style.multiline
      ? ["{", `${style.indent}"list": ${list(1)}`, "}"].join(style.eol)
      : `{ "list": ${list(0)} }`
    : list(0);
  return style.finalNewline ? body + style.eol : body;
}

const listPath = (style: Style): string[] => (style.nested ? ["list"] : []);
const wrap = (value: unknown, style: Style): unknown => (style.nested ? { list: value } : value);

/** Output checks shared by every property. */
function expectWellFormed(output: string, expected: unknown, style: Style, keptComments: string[]): void {
  if (!style.comments && !style.trailingComma) {
    expect(JSON.parse(output)).toEqual(expected);
  }
  expect(parseJsonc(output)).toEqual(expected);
  for (const comment of keptComments) expect(output).toContain(comment);
  if (style.eol === "\r\n") expect(output).not.toMatch(/(?<!\r)\n/);
  else expect(output).not.toContain("\r");
  // Blank lines only where the input grouped items: never two in a row, never next to a bracket.
  const lines = output.split(style.eol);
  if (style.finalNewline) lines.pop();
  lines.forEach((line, index) => {
    if (line.trim() !== "") return;
    expect(style.blankLines && style.multiline).toBe(true);
    const before = lines[index - 1]?.trimEnd() ?? "";
    const after = lines[index + 1]?.trim() ?? "";
    expect(after).not.toBe("");
    expect(before.endsWith("[") || before.endsWith("{")).toBe(false);
    expect(after.startsWith("]") || after.startsWith("}")).toBe(false);
  });
}

/** The keys of the (possibly nested) object in the order they are written. */
function keysInSourceOrder(output: string, style: Style): string[] {
  const document = jsoncParser.parseJSON(output).body[0].expression;
  const object = style.nested && document.type === "JSONObjectExpression" ? document.properties[0]?.value : document;
  if (object?.type !== "JSONObjectExpression") throw new Error("not an object");
  return object.properties.map((property) =>
    property.key.type === "JSONIdentifier" ? property.key.name : String(property.key.value),
  );
}

describe("random arrays in random styles", () => {
  const listArbitrary = fc.array(valueArbitrary, { maxLength: 6 });

  it("removing any element keeps every other value and every comment", () => {
    fc.assert(
      fc.property(
        listArbitrary.filter((list) => list.length > 0),
        styleArbitrary,
        fc.nat(),
        (list, style, seed) => {
          const index = seed % list.length;
          const code = renderDocument(
            (level) => renderList("[", "]", list.map((value) => JSON.stringify(value)), style, level),
            style,
          );
          const output = applyFix(code, ({ sourceCode, fixer, root }) => {
            const array = arrayAt(root, ...listPath(style));
            return removeListItem(sourceCode, fixer, array, at(array, index));
          });
          const expected = list.filter((_, position) => position !== index);
          // Even the removed element's own comments stay: they are the user's data.
          const kept = style.comments ? [...list.keys()].map(commentFor) : [];
          expectWellFormed(output, wrap(expected, style), style, kept);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("appending an element keeps every value and comment", () => {
    fc.assert(
      fc.property(listArbitrary, styleArbitrary, valueArbitrary, (list, style, value) => {
        const code = renderDocument(
          (level) => renderList("[", "]", list.map((item) => JSON.stringify(item)), style, level),
          style,
        );
        const output = applyFix(code, ({ sourceCode, fixer, root }) =>
          appendArrayElement(sourceCode, fixer, arrayAt(root, ...listPath(style)), { value }),
        );
        const kept = style.comments ? [...list.keys()].map(commentFor) : [];
        expectWellFormed(output, wrap([...list, value], style), style, kept);
      }),
      { numRuns: 300 },
    );
  });

  it("addListItem on a list property keeps every value", () => {
    fc.assert(
      fc.property(
        fc.array(fc.string(), { maxLength: 5 }),
        styleArbitrary.map((style) => ({ ...style, nested: true })),
        fc.string(),
        (list, nestedStyle, value) => {
          const code = renderDocument(
            (level) => renderList("[", "]", list.map((item) => JSON.stringify(item)), nestedStyle, level),
            nestedStyle,
          );
          const output = applyFix(code, ({ sourceCode, fixer, root }) =>
            addListItem(sourceCode, fixer, objectAt(root), "list", value),
          );
          const kept = nestedStyle.comments ? [...list.keys()].map(commentFor) : [];
          expectWellFormed(output, { list: [...list, value] }, nestedStyle, kept);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("random objects in random styles", () => {
  const entriesArbitrary = fc.uniqueArray(fc.tuple(keyArbitrary, valueArbitrary), {
    selector: ([key]) => key,
    maxLength: 6,
  });

  const renderObject = (entries: [string, unknown][], style: Style): string =>
    renderDocument(
      (level) =>
        renderList(
          "{",
          "}",
          entries.map(([key, value]) => `${JSON.stringify(key)}: ${JSON.stringify(value)}`),
          style,
          level,
        ),
      style,
    );

  it("removing any property keeps every other property and comment", () => {
    fc.assert(
      fc.property(
        entriesArbitrary.filter((entries) => entries.length > 0),
        styleArbitrary,
        fc.nat(),
        (entries, style, seed) => {
          const index = seed % entries.length;
          const output = applyFix(renderObject(entries, style), ({ sourceCode, fixer, root }) => {
            const object = objectAt(root, ...listPath(style));
            const property = object.properties[index];
            return property ? removeProperty(sourceCode, fixer, property) : [];
          });
          const expected = Object.fromEntries(entries.filter((_, position) => position !== index));
          const kept = style.comments
            ? [...entries.keys()].filter((position) => position !== index).map(commentFor)
            : [];
          expectWellFormed(output, wrap(expected, style), style, kept);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("adding a property (at the end or after any property) keeps every property and comment", () => {
    fc.assert(
      fc.property(
        entriesArbitrary,
        styleArbitrary,
        keyArbitrary,
        valueArbitrary,
        fc.option(fc.nat()),
        (entries, style, key, value, seed) => {
          fc.pre(!entries.some(([existing]) => existing === key));
          const afterIndex = seed === null || entries.length === 0 ? null : seed % entries.length;
          const output = applyFix(renderObject(entries, style), ({ sourceCode, fixer, root }) => {
            const object = objectAt(root, ...listPath(style));
            const after = afterIndex === null ? undefined : object.properties[afterIndex];
            return addProperty(sourceCode, fixer, object, key, value, { after });
          });
          const position = afterIndex === null ? entries.length : afterIndex + 1;
          const expectedEntries = [...entries.slice(0, position), [key, value], ...entries.slice(position)];
          const kept = style.comments ? [...entries.keys()].map(commentFor) : [];
          expectWellFormed(output, wrap(Object.fromEntries(expectedEntries), style), style, kept);
          // Key order is data too: the new key lands where it was asked for.
          expect(keysInSourceOrder(output, style)).toEqual(expectedEntries.map(([entryKey]) => entryKey));
        },
      ),
      { numRuns: 300 },
    );
  });
});
