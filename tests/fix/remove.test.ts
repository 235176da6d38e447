import { describe, expect, it } from "vitest";
import { removeListItem, removeProperty } from "../../lib/fix/index.ts";
import {
  applyFix,
  arrayAt,
  at,
  expectComments,
  expectEditResult,
  expectJson,
  fixOf,
  objectAt,
  parseJsonc,
  propertyAt,
  valueAtPath,
} from "./run-fix.ts";

interface RemoveOptions {
  /** Where the array or object is, below the document's root. */
  readonly path?: (string | number)[];
  /** Comments the removed item owns: they may go, every other comment must stay. */
  readonly dropped?: string[];
}

/** Removes element `index` of the array at `path`, checking the data and comments of the result. */
function removeElement(code: string, index: number, { path = [], dropped = [] }: RemoveOptions = {}): string {
  const output = applyFix(code, ({ sourceCode, fixer, root }) => {
    const array = arrayAt(root, ...path);
    return removeListItem(sourceCode, fixer, array, at(array, index));
  });
  const expected = structuredClone(parseJsonc(code));
  const list = valueAtPath(expected, path);
  if (Array.isArray(list)) list.splice(index, 1);
  expectEditResult(code, output, expected, dropped);
  return output;
}

function removeKey(code: string, key: string, { path = [], dropped = [] }: RemoveOptions = {}): string {
  const output = applyFix(code, ({ sourceCode, fixer, root }) =>
    removeProperty(sourceCode, fixer, propertyAt(at(root, ...path), key)),
  );
  const expected = structuredClone(parseJsonc(code));
  delete (valueAtPath(expected, path) as Record<string, unknown>)[key];
  expectEditResult(code, output, expected, dropped);
  return output;
}

describe("removeListItem, one-line arrays", () => {
  const code = '{ "AnyOfProtocols": ["POP3", "IMAP4", "SMTP"] }';
  it.each([
    [0, '{ "AnyOfProtocols": ["IMAP4", "SMTP"] }', ["IMAP4", "SMTP"]],
    [1, '{ "AnyOfProtocols": ["POP3", "SMTP"] }', ["POP3", "SMTP"]],
    [2, '{ "AnyOfProtocols": ["POP3", "IMAP4"] }', ["POP3", "IMAP4"]],
  ])("removes element %i", (index, expected, list) => {
    const output = removeElement(code, index, { path: ["AnyOfProtocols"] });
    expect(output).toBe(expected);
    expectJson(output, { AnyOfProtocols: list });
  });

  it("leaves [] when the only element goes", () => {
    expect(removeElement('{"a": ["x"]}', 0, { path: ["a"] })).toBe('{"a": []}');
    expect(removeElement('{"a": [ "x" ]}', 0, { path: ["a"] })).toBe('{"a": []}');
  });

  it("keeps the spaces inside padded brackets", () => {
    expect(removeElement('[ 1, 2, 3 ]', 0)).toBe("[ 2, 3 ]");
    expect(removeElement('[ 1, 2, 3 ]', 2)).toBe("[ 1, 2 ]");
  });

  it("keeps a trailing comma after the new last element (JSONC)", () => {
    const output = removeElement('["a", "b",]', 1);
    expect(output).toBe('["a",]');
    expect(parseJsonc(output)).toEqual(["a"]);
    expect(removeElement('["a", "b",]', 0)).toBe('["b",]');
    expect(removeElement('["a",]', 0)).toBe("[]");
  });

  it("keeps the element's inline block comments in place", () => {
    const code = '[/* a */ "a", /* b */ "b" /* b2 */, "c" /* c */]';
    const middle = removeElement(code, 1);
    expect(middle).toBe('[/* a */ "a", /* b */ /* b2 */ "c" /* c */]');
    expectComments(middle, ["/* a */", "/* b */", "/* b2 */", "/* c */"]);
    const last = removeElement(code, 2);
    expect(last).toBe('[/* a */ "a", /* b */ "b" /* b2 */ /* c */]');
    const first = removeElement(code, 0);
    expect(first).toBe('[/* a */ /* b */ "b" /* b2 */, "c" /* c */]');
  });

  it("does not touch a comment between the comma and the next element on the same line", () => {
    const output = removeElement('["a", /* about b */ "b"]', 0);
    expect(output).toBe('[/* about b */ "b"]');
  });
});

describe("removeListItem, multi-line arrays", () => {
  const twoSpaces = ["{", '  "AnyOfProtocols": [', '    "POP3",', '    "IMAP4",', '    "SMTP"', "  ]", "}", ""].join(
    "\n",
  );

  it("removes the first element's whole line", () => {
    const output = removeElement(twoSpaces, 0, { path: ["AnyOfProtocols"] });
    expect(output).toBe(['{', '  "AnyOfProtocols": [', '    "IMAP4",', '    "SMTP"', "  ]", "}", ""].join("\n"));
    expectJson(output, { AnyOfProtocols: ["IMAP4", "SMTP"] });
  });

  it("removes a middle element's whole line", () => {
    const output = removeElement(twoSpaces, 1, { path: ["AnyOfProtocols"] });
    expect(output).toBe(['{', '  "AnyOfProtocols": [', '    "POP3",', '    "SMTP"', "  ]", "}", ""].join("\n"));
  });

  it("removes the last element and the comma before it", () => {
    const output = removeElement(twoSpaces, 2, { path: ["AnyOfProtocols"] });
    expect(output).toBe(['{', '  "AnyOfProtocols": [', '    "POP3",', '    "IMAP4"', "  ]", "}", ""].join("\n"));
    expectJson(output, { AnyOfProtocols: ["POP3", "IMAP4"] });
  });

  it("collapses an array that loses its only element to []", () => {
    const code = ["{", '\t"AnyOfProtocols": [', '\t\t"POP3"', "\t]", "}"].join("\n");
    const output = removeElement(code, 0, { path: ["AnyOfProtocols"] });
    expect(output).toBe(["{", '\t"AnyOfProtocols": []', "}"].join("\n"));
    expectJson(output, { AnyOfProtocols: [] });
  });

  it("keeps CRLF line endings", () => {
    const code = ["[", '    "a",', '    "b",', '    "c"', "]", ""].join("\r\n");
    expect(removeElement(code, 1)).toBe(["[", '    "a",', '    "c"', "]", ""].join("\r\n"));
    expect(removeElement(code, 2)).toBe(["[", '    "a",', '    "b"', "]", ""].join("\r\n"));
  });

  it("removes a multi-line element (a whole rule object)", () => {
    const code = [
      "[",
      "  {",
      '    "Name": "A"',
      "  },",
      "  {",
      '    "Name": "B"',
      "  }",
      "]",
    ].join("\n");
    expect(removeElement(code, 0)).toBe(["[", "  {", '    "Name": "B"', "  }", "]"].join("\n"));
    expect(removeElement(code, 1)).toBe(["[", "  {", '    "Name": "A"', "  }", "]"].join("\n"));
  });

  it("keeps the element's own trailing line comment on its line (a duplicate's `// jump host`)", () => {
    const code = [
      "[",
      '  "POP3", // legacy',
      '  "IMAP4", // legacy too',
      '  "SMTP" // sending',
      "]",
    ].join("\n");
    const middle = removeElement(code, 1);
    expect(middle).toBe(["[", '  "POP3", // legacy', "  // legacy too", '  "SMTP" // sending', "]"].join("\n"));
    expectComments(middle, ["// legacy", "// legacy too", "// sending"]);
    const last = removeElement(code, 2);
    expect(last).toBe(["[", '  "POP3", // legacy', '  "IMAP4" // legacy too', "  // sending", "]"].join("\n"));
    expectComments(last, ["// legacy", "// legacy too", "// sending"]);
    expect(parseJsonc(last)).toEqual(["POP3", "IMAP4"]);
  });

  it("keeps comments on their own lines (they may head a group)", () => {
    const code = ["[", "  // mail protocols", '  "POP3",', "  /* web */", '  "OWA"', "]"].join("\n");
    const first = removeElement(code, 0);
    expect(first).toBe(["[", "  // mail protocols", "  /* web */", '  "OWA"', "]"].join("\n"));
    const last = removeElement(code, 1);
    expect(last).toBe(["[", "  // mail protocols", '  "POP3"', "  /* web */", "]"].join("\n"));
    expectComments(last, ["// mail protocols", "/* web */"]);
    expect(parseJsonc(last)).toEqual(["POP3"]);
  });

  it("keeps the previous element's trailing comment when removing the last element", () => {
    const code = ["[", '  "a", // about a', '  "b"', "]"].join("\n");
    const output = removeElement(code, 1);
    expect(output).toBe(["[", '  "a" // about a', "]"].join("\n"));
    expect(parseJsonc(output)).toEqual(["a"]);
  });

  it("keeps comments inside an array that loses its only element", () => {
    const code = ["[", "  // none yet", '  "a"', "]"].join("\n");
    expect(removeElement(code, 0)).toBe(["[", "  // none yet", "]"].join("\n"));
  });

  it("keeps a comment between the value and its comma", () => {
    const code = ["[", '  "a" /* a */,', '  "b"', "]"].join("\n");
    expect(removeElement(code, 0)).toBe(["[", "  /* a */", '  "b"', "]"].join("\n"));
  });

  it("keeps a trailing comma in multi-line JSONC", () => {
    const code = ["[", '  "a",', '  "b",', "]"].join("\n");
    expect(removeElement(code, 1)).toBe(["[", '  "a",', "]"].join("\n"));
    expect(removeElement(code, 0)).toBe(["[", '  "b",', "]"].join("\n"));
  });

  it("handles several elements on one line of a multi-line array", () => {
    const code = ["[", '  "a", "b",', '  "c"', "]"].join("\n");
    expect(removeElement(code, 0)).toBe(["[", '  "b",', '  "c"', "]"].join("\n"));
    expect(removeElement(code, 1)).toBe(["[", '  "a",', '  "c"', "]"].join("\n"));
  });

  it("keeps blank lines between groups, without doubling them or leaving one at a bracket", () => {
    const grouped = ["[", '  "a",', "", '  "b",', "", '  "c"', "]"].join("\n");
    expect(removeElement(grouped, 1)).toBe(["[", '  "a",', "", '  "c"', "]"].join("\n"));
    expect(removeElement(grouped, 0)).toBe(["[", '  "b",', "", '  "c"', "]"].join("\n"));
    expect(removeElement(grouped, 2)).toBe(["[", '  "a",', "", '  "b"', "]"].join("\n"));
    const oneSide = ["[", '  "a",', '  "b",', "", '  "c",', "]"].join("\r\n");
    expect(removeElement(oneSide, 1)).toBe(["[", '  "a",', "", '  "c",', "]"].join("\r\n"));
    expect(removeElement(oneSide, 2)).toBe(["[", '  "a",', '  "b",', "]"].join("\r\n"));
  });

  it("handles comma-first layout", () => {
    const code = ["[ \"a\"", ', "b"', ', "c"', "]"].join("\n");
    const output = removeElement(code, 1);
    expect(parseJsonc(output)).toEqual(["a", "c"]);
    expectJson(output, ["a", "c"]);
  });
});

describe("removeListItem, bad input", () => {
  it("returns no fix for an element of another array", () => {
    const fix = fixOf('{"a": [1], "b": [2]}', ({ sourceCode, fixer, root }) =>
      removeListItem(sourceCode, fixer, arrayAt(root, "a"), at(root, "b", 0)),
    );
    expect(fix).toBeNull();
  });

  it("returns no fix for a node that is not an array", () => {
    const fix = fixOf('{"a": [1]}', ({ sourceCode, fixer, root }) =>
      removeListItem(sourceCode, fixer, objectAt(root) as never, at(root, "a", 0)),
    );
    expect(fix).toBeNull();
  });
});

describe("removeListItem, widened range", () => {
  it("covers the whole array so competing list fixes wait for the next pass", () => {
    const code = '{"a": ["x", "y"], "b": 1}';
    const fix = fixOf(code, ({ sourceCode, fixer, root }) =>
      removeListItem(sourceCode, fixer, arrayAt(root, "a"), at(root, "a", 1)),
    );
    expect(fix?.range).toEqual([6, 16]);
    expect(fix?.text).toBe('["x"]');
  });
});

describe("removeProperty", () => {
  const code = ["{", '    "Name": "Block POP",', '    "Action": "DenyAccess",', '    "Priority": 1', "}", ""].join(
    "\n",
  );

  it.each([
    ["Name", { Action: "DenyAccess", Priority: 1 }],
    ["Action", { Name: "Block POP", Priority: 1 }],
    ["Priority", { Name: "Block POP", Action: "DenyAccess" }],
  ])("removes %s and its line", (key, expected) => {
    const output = removeKey(code, key);
    expectJson(output, expected);
    expect(output.split("\n")).toHaveLength(5);
  });

  it("removes the last property and the comma before it (4 spaces)", () => {
    expect(removeKey(code, "Priority")).toBe(
      ["{", '    "Name": "Block POP",', '    "Action": "DenyAccess"', "}", ""].join("\n"),
    );
  });

  it("leaves {} when the only property goes", () => {
    expect(removeKey('{ "Name": "x" }', "Name")).toBe("{}");
    expect(removeKey(["[", "  {", '    "Name": "x"', "  }", "]"].join("\n"), "Name", { path: [0] })).toBe(
      ["[", "  {}", "]"].join("\n"),
    );
  });

  it("works on one-line objects", () => {
    const oneLine = '{ "Name": "x", "Action": "DenyAccess", "Priority": 1 }';
    expect(removeKey(oneLine, "Name")).toBe('{ "Action": "DenyAccess", "Priority": 1 }');
    expect(removeKey(oneLine, "Action")).toBe('{ "Name": "x", "Priority": 1 }');
    expect(removeKey(oneLine, "Priority")).toBe('{ "Name": "x", "Action": "DenyAccess" }');
  });

  it("keeps comments that belong to other properties (tabs, CRLF, JSONC)", () => {
    const jsonc = [
      "{",
      "\t// identity",
      '\t"Name": "x", // the name',
      '\t"Action": "DenyAccess", /* what */',
      '\t"Priority": 1, // first',
      "}",
    ].join("\r\n");
    const output = removeKey(jsonc, "Action");
    expect(output).toBe(
      ["{", "\t// identity", '\t"Name": "x", // the name', "\t/* what */", '\t"Priority": 1, // first', "}"].join("\r\n"),
    );
    expectComments(output, ["// identity", "// the name", "/* what */", "// first"]);
    expect(parseJsonc(output)).toEqual({ Name: "x", Priority: 1 });
  });

  it("returns no fix for a detached property", () => {
    const fix = fixOf('{"a": 1}', ({ sourceCode, fixer }) =>
      removeProperty(sourceCode, fixer, { type: "JSONProperty" } as never),
    );
    expect(fix).toBeNull();
  });
});
