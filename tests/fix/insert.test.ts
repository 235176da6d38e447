import { describe, expect, it } from "vitest";
import {
  addListItem,
  addProperty,
  appendArrayElement,
  insertArrayElementAfter,
  insertArrayElementBefore,
  replaceListItemWithItems,
  replaceValue,
  type NewElement,
} from "../../lib/fix/index.ts";
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

function setAtPath(data: unknown, path: (string | number)[], value: unknown): void {
  const parent = valueAtPath(data, path.slice(0, -1)) as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (last !== undefined) parent[last] = value;
}

const lines = (...parts: string[]): string => parts.join("\n");
const crlf = (...parts: string[]): string => parts.join("\r\n");

/** A deep copy of the document's data, to build the expected result of an edit. */
const dataOf = (code: string): unknown => structuredClone(parseJsonc(code));

function add(code: string, key: string, value: unknown, after?: string, ...path: (string | number)[]): string {
  const output = applyFix(code, ({ sourceCode, fixer, root }) => {
    const object = objectAt(root, ...path);
    return addProperty(sourceCode, fixer, object, key, value, {
      after: after === undefined ? undefined : propertyAt(object, after),
    });
  });
  const expected = dataOf(code);
  (valueAtPath(expected, path) as Record<string, unknown>)[key] = value;
  expectEditResult(code, output, expected);
  return output;
}

/** The list semantics of addListItem, spelled out independently of the implementation. */
function withListItem(object: Record<string, unknown>, name: string, value: unknown): void {
  const keys = Object.keys(object);
  const key = keys.includes(name) ? name : keys.filter((candidate) => candidate.toLowerCase() === name.toLowerCase()).pop();
  const current = key === undefined ? undefined : object[key];
  object[key ?? name] = Array.isArray(current)
    ? [...current, value]
    : typeof current === "string" && current !== ""
      ? [current, value]
      : [value];
}

function addItem(code: string, name: string, value: unknown, ...path: (string | number)[]): string {
  const output = applyFix(code, ({ sourceCode, fixer, root }) =>
    addListItem(sourceCode, fixer, objectAt(root, ...path), name, value),
  );
  const expected = dataOf(code);
  withListItem(valueAtPath(expected, path) as Record<string, unknown>, name, value);
  expectEditResult(code, output, expected);
  return output;
}

const elementValue = (element: NewElement): unknown => ("value" in element ? element.value : parseJsonc(element.text));

describe("addProperty", () => {
  it("appends to a multi-line object with 2-space indentation", () => {
    const output = add(lines("{", '  "Name": "x",', '  "Action": "DenyAccess"', "}", ""), "Priority", 1);
    expect(output).toBe(lines("{", '  "Name": "x",', '  "Action": "DenyAccess",', '  "Priority": 1', "}", ""));
    expectJson(output, { Name: "x", Action: "DenyAccess", Priority: 1 });
  });

  it("copies 4-space and tab indentation", () => {
    expect(add(lines("{", '    "Name": "x"', "}"), "Enabled", true)).toBe(
      lines("{", '    "Name": "x",', '    "Enabled": true', "}"),
    );
    expect(add(lines("[", "\t{", '\t\t"Name": "x"', "\t}", "]"), "Enabled", true, undefined, 0)).toBe(
      lines("[", "\t{", '\t\t"Name": "x",', '\t\t"Enabled": true', "\t}", "]"),
    );
  });

  it("inserts after a given property", () => {
    const code = lines("{", '  "Name": "x",', '  "Action": "DenyAccess"', "}");
    const output = add(code, "Priority", 2, "Name");
    expect(output).toBe(lines("{", '  "Name": "x",', '  "Priority": 2,', '  "Action": "DenyAccess"', "}"));
    expectJson(output, { Name: "x", Priority: 2, Action: "DenyAccess" });
  });

  it("uses a single space in a one-line object", () => {
    expect(add('{ "Name": "x" }', "Priority", 1)).toBe('{ "Name": "x", "Priority": 1 }');
    expect(add('{"Name": "x", "Action": "DenyAccess"}', "Priority", 1, "Name")).toBe(
      '{"Name": "x", "Priority": 1, "Action": "DenyAccess"}',
    );
  });

  it("renders list values inline in a one-line object and expanded on a line of their own", () => {
    expect(add('{ "Name": "x" }', "AnyOfProtocols", ["POP3", "IMAP4"])).toBe(
      '{ "Name": "x", "AnyOfProtocols": ["POP3", "IMAP4"] }',
    );
    const output = add(lines("{", '    "Name": "x"', "}"), "AnyOfProtocols", ["POP3"]);
    expect(output).toBe(lines("{", '    "Name": "x",', '    "AnyOfProtocols": [', '        "POP3"', "    ]", "}"));
    expectJson(output, { Name: "x", AnyOfProtocols: ["POP3"] });
  });

  it("expands {} in a multi-line file and keeps it inline in a one-line file", () => {
    expect(add(lines("[", "  {}", "]"), "Name", "x", undefined, 0)).toBe(
      lines("[", "  {", '    "Name": "x"', "  }", "]"),
    );
    expect(add("{}", "Name", "x")).toBe('{ "Name": "x" }');
    expect(add(lines("{", "}"), "Name", "x")).toBe(lines("{", '  "Name": "x"', "}"));
  });

  it("places the property after comments inside an empty object", () => {
    const output = add(lines("{", "  // to do", "}"), "Name", "x");
    expect(output).toBe(lines("{", "  // to do", '  "Name": "x"', "}"));
    expectComments(output, ["// to do"]);
    expect(add("{ /* none */ }", "Name", "x")).toBe('{ /* none */ "Name": "x" }');
  });

  it("keeps a trailing comma style", () => {
    const output = add(lines("{", '  "Name": "x",', "}"), "Priority", 1);
    expect(output).toBe(lines("{", '  "Name": "x",', '  "Priority": 1,', "}"));
    expect(parseJsonc(output)).toEqual({ Name: "x", Priority: 1 });
    expect(add('{ "Name": "x", }', "Priority", 1)).toBe('{ "Name": "x", "Priority": 1, }');
  });

  it("keeps a trailing line comment on the property it follows", () => {
    const code = lines("{", '  "Name": "x", // the name', '  "Action": "DenyAccess" // deny', "}");
    const atEnd = add(code, "Priority", 1);
    expect(atEnd).toBe(
      lines("{", '  "Name": "x", // the name', '  "Action": "DenyAccess", // deny', '  "Priority": 1', "}"),
    );
    const inMiddle = add(code, "Priority", 1, "Name");
    expect(inMiddle).toBe(
      lines("{", '  "Name": "x", // the name', '  "Priority": 1,', '  "Action": "DenyAccess" // deny', "}"),
    );
    for (const output of [atEnd, inMiddle]) {
      expectComments(output, ["// the name", "// deny"]);
      expect(parseJsonc(output)).toEqual(
        output === atEnd
          ? { Name: "x", Action: "DenyAccess", Priority: 1 }
          : { Name: "x", Priority: 1, Action: "DenyAccess" },
      );
    }
  });

  it("puts the comma after a trailing block comment", () => {
    expect(add(lines("{", '  "Name": "x" /* n */', "}"), "Priority", 1)).toBe(
      lines("{", '  "Name": "x" /* n */,', '  "Priority": 1', "}"),
    );
    expect(add('{ "Name": "x" /* n */ }', "Priority", 1)).toBe('{ "Name": "x" /* n */, "Priority": 1 }');
  });

  it("keeps own-line comments after the last property below the new one", () => {
    const output = add(lines("{", '  "Name": "x"', "  // end", "}"), "Priority", 1);
    expect(output).toBe(lines("{", '  "Name": "x",', '  "Priority": 1', "  // end", "}"));
  });

  it("uses CRLF in CRLF files", () => {
    const output = add(crlf("{", '  "Name": "x"', "}", ""), "AnyOfProtocols", ["POP3"]);
    expect(output).toBe(crlf("{", '  "Name": "x",', '  "AnyOfProtocols": [', '    "POP3"', "  ]", "}", ""));
    expect(add(crlf("[", "  {}", "]"), "Name", "x", undefined, 0)).toBe(crlf("[", "  {", '    "Name": "x"', "  }", "]"));
  });

  it("uses CR in CR-only files (fuzz case: a bare \\n made the file's line endings mixed)", () => {
    const cr = (...parts: string[]): string => parts.join("\r");
    const output = add(cr("{", '  "Name": "x"', "}", ""), "AnyOfProtocols", ["POP3"]);
    expect(output).toBe(cr("{", '  "Name": "x",', '  "AnyOfProtocols": [', '    "POP3"', "  ]", "}", ""));
    expect(output).not.toContain("\n");
  });

  it("escapes keys and values with JSON.stringify", () => {
    const output = add('{"a": 1}', 'we"ird\\key', 'line\nbreak "quoted"');
    expectJson(output, { a: 1, 'we"ird\\key': 'line\nbreak "quoted"' });
  });

  it("returns no fix when `after` is not a property of the object", () => {
    const fix = fixOf('{"a": {"b": 1}, "c": 2}', ({ sourceCode, fixer, root }) =>
      addProperty(sourceCode, fixer, objectAt(root, "a"), "x", 1, { after: propertyAt(root, "c") }),
    );
    expect(fix).toBeNull();
  });

  it("widens the fix to the whole object", () => {
    const fix = fixOf('{"r": {"a": 1}, "z": 0}', ({ sourceCode, fixer, root }) =>
      addProperty(sourceCode, fixer, objectAt(root, "r"), "b", 2),
    );
    expect(fix).toEqual({ range: [6, 14], text: '{"a": 1, "b": 2}' });
  });
});

describe("addListItem", () => {
  it("appends to a one-line array on the same line", () => {
    const output = addItem('{ "AnyOfProtocols": ["POP3", "IMAP4"] }', "AnyOfProtocols", "SMTP");
    expect(output).toBe('{ "AnyOfProtocols": ["POP3", "IMAP4", "SMTP"] }');
    expectJson(output, { AnyOfProtocols: ["POP3", "IMAP4", "SMTP"] });
  });

  it("appends a new line with the elements' indentation to a multi-line array", () => {
    const code = lines("{", '    "AnyOfProtocols": [', '        "POP3"', "    ]", "}");
    expect(addItem(code, "AnyOfProtocols", "IMAP4")).toBe(
      lines("{", '    "AnyOfProtocols": [', '        "POP3",', '        "IMAP4"', "    ]", "}"),
    );
    const tabs = lines("{", '\t"AnyOfProtocols": [', '\t\t"POP3", // old', "\t]", "}");
    const output = addItem(tabs, "AnyOfProtocols", "IMAP4");
    expect(output).toBe(lines("{", '\t"AnyOfProtocols": [', '\t\t"POP3", // old', '\t\t"IMAP4",', "\t]", "}"));
    expect(parseJsonc(output)).toEqual({ AnyOfProtocols: ["POP3", "IMAP4"] });
  });

  it("turns a single string into an array", () => {
    const output = addItem('{"AnyOfProtocols": "POP3"}', "AnyOfProtocols", "IMAP4");
    expect(output).toBe('{"AnyOfProtocols": ["POP3", "IMAP4"]}');
    expectJson(output, { AnyOfProtocols: ["POP3", "IMAP4"] });
    expect(addItem('{"A": "a\\u0041"}', "A", "b")).toBe('{"A": ["a\\u0041", "b"]}');
  });

  it.each(["null", '""', "[]"])("replaces %s with a one-item array", (empty) => {
    const output = addItem(`{"AnyOfProtocols": ${empty}}`, "AnyOfProtocols", "IMAP4");
    expect(output).toBe('{"AnyOfProtocols": ["IMAP4"]}');
    expectJson(output, { AnyOfProtocols: ["IMAP4"] });
  });

  it("expands an empty array whose brackets are on different lines", () => {
    expect(addItem(lines("{", '  "A": [', "  ]", "}"), "A", "x")).toBe(lines("{", '  "A": [', '    "x"', "  ]", "}"));
  });

  it("creates a missing property with addProperty", () => {
    const output = addItem(lines("{", '  "Name": "x"', "}"), "ExceptAnyOfProtocols", "OutlookWebApp");
    expect(output).toBe(
      lines("{", '  "Name": "x",', '  "ExceptAnyOfProtocols": [', '    "OutlookWebApp"', "  ]", "}"),
    );
    expectJson(output, { Name: "x", ExceptAnyOfProtocols: ["OutlookWebApp"] });
    expect(addItem("{}", "A", "x")).toBe('{ "A": ["x"] }');
  });

  it("matches the property name case-insensitively, preferring an exact match", () => {
    expect(addItem('{"anyofprotocols": ["POP3"]}', "AnyOfProtocols", "IMAP4")).toBe(
      '{"anyofprotocols": ["POP3", "IMAP4"]}',
    );
    expect(addItem('{"anyofprotocols": [], "AnyOfProtocols": []}', "AnyOfProtocols", "x")).toBe(
      '{"anyofprotocols": [], "AnyOfProtocols": ["x"]}',
    );
  });

  it("leaves values that are not lists alone", () => {
    for (const value of ["1", "true", "{}"]) {
      const fix = fixOf(`{"A": ${value}}`, ({ sourceCode, fixer, root }) =>
        addListItem(sourceCode, fixer, objectAt(root), "A", "x"),
      );
      expect(fix).toBeNull();
    }
  });
});

describe("insertArrayElementBefore / insertArrayElementAfter / appendArrayElement", () => {
  const rules = lines(
    "[",
    "    {",
    '        "Name": "A"',
    "    }, // first",
    "    // second group",
    "    {",
    '        "Name": "B"',
    "    }",
    "]",
    "",
  );
  const ruleC = { value: { Name: "C", Action: "DenyAccess" } } satisfies NewElement;
  const ruleCLines = ["    {", '        "Name": "C",', '        "Action": "DenyAccess"', "    }"];

  function insert(
    code: string,
    where: "before" | "after",
    index: number,
    element: NewElement,
  ): string {
    const output = applyFix(code, ({ sourceCode, fixer, root }) => {
      const array = arrayAt(root);
      const anchor = at(array, index);
      return where === "before"
        ? insertArrayElementBefore(sourceCode, fixer, array, anchor, element)
        : insertArrayElementAfter(sourceCode, fixer, array, anchor, element);
    });
    const expected = dataOf(code) as unknown[];
    expected.splice(where === "before" ? index : index + 1, 0, elementValue(element));
    expectEditResult(code, output, expected);
    return output;
  }

  it("inserts a formatted rule object before the first rule", () => {
    const output = insert(rules, "before", 0, ruleC);
    expect(output).toBe(
      lines(
        "[",
        ...ruleCLines.slice(0, -1),
        "    },",
        "    {",
        '        "Name": "A"',
        "    }, // first",
        ...rules.split("\n").slice(4),
      ),
    );
    expect(parseJsonc(output)).toEqual([{ Name: "C", Action: "DenyAccess" }, { Name: "A" }, { Name: "B" }]);
    expectComments(output, ["// first", "// second group"]);
  });

  it("inserts after a rule, below its trailing comment and above the next group's comment", () => {
    const output = insert(rules, "after", 0, ruleC);
    expect(output).toBe(
      lines(
        "[",
        "    {",
        '        "Name": "A"',
        "    }, // first",
        ...ruleCLines.slice(0, -1),
        "    },",
        "    // second group",
        "    {",
        '        "Name": "B"',
        "    }",
        "]",
        "",
      ),
    );
  });

  it("inserts after the last rule", () => {
    const output = insert(rules, "after", 1, ruleC);
    expect(output).toBe(lines(...rules.split("\n").slice(0, 7), "    },", ...ruleCLines, "]", ""));
    expect(parseJsonc(output)).toEqual([{ Name: "A" }, { Name: "B" }, { Name: "C", Action: "DenyAccess" }]);
  });

  it("inserts before a rule that follows a comment line, directly above the rule", () => {
    const output = insert(rules, "before", 1, { text: '{ "Name": "C" }' });
    expect(output).toBe(
      lines(
        ...rules.split("\n").slice(0, 5),
        '    { "Name": "C" },',
        ...rules.split("\n").slice(5),
      ),
    );
  });

  it("inserts into one-line arrays inline", () => {
    expect(insert('["a", "b"]', "before", 0, { value: "x" })).toBe('["x", "a", "b"]');
    expect(insert('["a", "b"]', "before", 1, { value: "x" })).toBe('["a", "x", "b"]');
    expect(insert('["a", "b"]', "after", 0, { value: "x" })).toBe('["a", "x", "b"]');
    expect(insert('["a", "b"]', "after", 1, { value: "x" })).toBe('["a", "b", "x"]');
    expect(insert('["a", "b",]', "after", 1, { value: "x" })).toBe('["a", "b", "x",]');
    expect(insert('[{"Name": "A"}]', "after", 0, { value: { Name: "B" } })).toBe(
      '[{"Name": "A"}, { "Name": "B" }]',
    );
  });

  it("inserts ready-made text verbatim", () => {
    expect(insert("[1, 2]", "after", 0, { text: '{"x":9}' })).toBe('[1, {"x":9}, 2]');
  });

  it("keeps tabs and CRLF", () => {
    const code = crlf("[", "\t{", '\t\t"Name": "A"', "\t}", "]", "");
    const output = insert(code, "after", 0, { value: { Name: "B" } });
    expect(output).toBe(crlf("[", "\t{", '\t\t"Name": "A"', "\t},", "\t{", '\t\t"Name": "B"', "\t}", "]", ""));
    expectJson(output, [{ Name: "A" }, { Name: "B" }]);
  });

  it("appends to an empty root array: an object on its own lines, a scalar inline", () => {
    const append = (code: string, element: NewElement, ...path: string[]): string => {
      const output = applyFix(code, ({ sourceCode, fixer, root }) =>
        appendArrayElement(sourceCode, fixer, arrayAt(root, ...path), element),
      );
      const expected = dataOf(code);
      (valueAtPath(expected, path) as unknown[]).push(elementValue(element));
      expectEditResult(code, output, expected);
      return output;
    };
    expect(append("[]\n", { value: { Name: "A" } })).toBe(lines("[", "  {", '    "Name": "A"', "  }", "]", ""));
    expect(append("[]\n", { value: "A" })).toBe('["A"]\n');
    expect(append('{"rules": []}', { value: { Name: "A" } }, "rules")).toBe('{"rules": [{ "Name": "A" }]}');
    expect(append(lines("{", '  "rules": []', "}"), { value: { Name: "A" } }, "rules")).toBe(
      lines("{", '  "rules": [', "    {", '      "Name": "A"', "    }", "  ]", "}"),
    );
    expect(append(lines("[", "  // rules go here", "]"), { value: { Name: "A" } })).toBe(
      lines("[", "  // rules go here", "  {", '    "Name": "A"', "  }", "]"),
    );
    expect(append(lines("[", '    { "Name": "A" }', "]"), { value: "x" })).toBe(
      lines("[", '    { "Name": "A" },', '    "x"', "]"),
    );
  });
});

describe("replaceValue", () => {
  it("replaces a value with JSON text", () => {
    const replace = (code: string, value: unknown, ...path: (string | number)[]): string => {
      const output = applyFix(code, ({ fixer, root }) => replaceValue(fixer, at(root, ...path), value));
      const expected = dataOf(code);
      setAtPath(expected, path, value === undefined ? null : value);
      expectEditResult(code, output, expected);
      return output;
    };
    expect(replace('{"Action": "deny"} // x', "DenyAccess", "Action")).toBe('{"Action": "DenyAccess"} // x');
    expect(replace('{"A": "POP3,IMAP4"}', ["POP3", "IMAP4"], "A")).toBe('{"A": ["POP3", "IMAP4"]}');
    expect(replace('{"A": 1}', undefined, "A")).toBe('{"A": null}');
    expect(replace('{"A": 1}', 'say "hi"', "A")).toBe('{"A": "say \\"hi\\""}');
  });
});

describe("replaceListItemWithItems", () => {
  const split = (code: string, values: unknown[], ...path: (string | number)[]): string => {
    const output = applyFix(code, ({ sourceCode, fixer, root }) =>
      replaceListItemWithItems(sourceCode, fixer, at(root, ...path), values),
    );
    const expected = dataOf(code);
    const parent = valueAtPath(expected, path.slice(0, -1));
    const last = path[path.length - 1];
    if (Array.isArray(parent) && typeof last === "number") parent.splice(last, 1, ...values);
    else setAtPath(expected, path, values);
    expectEditResult(code, output, expected);
    return output;
  };

  it("splits an item of a one-line array in place", () => {
    const output = split('{"A": ["POP3,IMAP4", "SMTP"]}', ["POP3", "IMAP4"], "A", 0);
    expect(output).toBe('{"A": ["POP3", "IMAP4", "SMTP"]}');
    expectJson(output, { A: ["POP3", "IMAP4", "SMTP"] });
  });

  it("puts each new item on its own line in a multi-line array", () => {
    const code = crlf("{", '    "A": [', '        "SMTP",', '        "POP3,IMAP4" // split me', "    ]", "}");
    const output = split(code, ["POP3", "IMAP4"], "A", 1);
    expect(output).toBe(
      crlf("{", '    "A": [', '        "SMTP",', '        "POP3",', '        "IMAP4" // split me', "    ]", "}"),
    );
    expectComments(output, ["// split me"]);
  });

  it("wraps a bare string value in an array", () => {
    const output = split('{"A": "POP3,IMAP4"}', ["POP3", "IMAP4"], "A");
    expect(output).toBe('{"A": ["POP3", "IMAP4"]}');
    expectJson(output, { A: ["POP3", "IMAP4"] });
  });

  it("removes the item when there are no values", () => {
    expect(split('{"A": ["x", ","]}', [], "A", 1)).toBe('{"A": ["x"]}');
    expect(split('{"A": ","}', [], "A")).toBe('{"A": []}');
  });

  it("returns no fix for the root value", () => {
    const fix = fixOf('"POP3,IMAP4"', ({ sourceCode, fixer, root }) =>
      replaceListItemWithItems(sourceCode, fixer, root, ["POP3", "IMAP4"]),
    );
    expect(fix).toBeNull();
  });
});

describe("a property key written without quotes (JSON5) is still found", () => {
  it("addListItem", () => {
    const output = addItem("{AnyOfProtocols: ['POP3']}", "AnyOfProtocols", "IMAP4");
    expect(output).toBe("{AnyOfProtocols: ['POP3', \"IMAP4\"]}");
    expect(parseJsonc(output)).toEqual({ AnyOfProtocols: ["POP3", "IMAP4"] });
  });
});
