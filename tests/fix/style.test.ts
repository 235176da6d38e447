import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  detectIndentUnit,
  detectLineEnding,
  formatInlineValue,
  formatValue,
  lineIndentOf,
} from "../../lib/fix/index.ts";
import { at, sourceCodeOf } from "./run-fix.ts";
import type { AST } from "jsonc-eslint-parser";

describe("detectIndentUnit", () => {
  it.each([
    ["2 spaces", '{\n  "a": [\n    1\n  ]\n}', "  "],
    ["4 spaces", '{\n    "a": [\n        1\n    ]\n}', "    "],
    ["tabs", '{\n\t"a": [\n\t\t1\n\t]\n}', "\t"],
    ["tabs with CRLF", '{\r\n\t"a": 1\r\n}', "\t"],
    ["3 spaces", '[\n   {\n      "a": 1\n   }\n]', "   "],
    ["one line (default)", '{"a": [1, 2]}', "  "],
    ["empty object (default)", "{}", "  "],
  ])("%s", (_name, code, unit) => {
    expect(detectIndentUnit(sourceCodeOf(code))).toBe(unit);
  });

  it("ignores the inside of block comments", () => {
    const code = ["/*", " * header", " * more", " */", "{", '    "a": 1,', '    "b": 2', "}"].join("\n");
    expect(detectIndentUnit(sourceCodeOf(code))).toBe("    ");
  });

  it("does not count the lines inside a token that spans lines", () => {
    // A template literal's continuation lines start with no token: read as indents they would make 3 the unit.
    const template = '{\n  "a": `x\n     y\n        z\n           w\n              v`,\n  "b": 1\n}';
    expect(detectIndentUnit(sourceCodeOf(template))).toBe("  ");
    const continued = template.replace(/`/gu, '"').replace(/\n(?= +[yzwv])/gu, "\\\n");
    expect(detectIndentUnit(sourceCodeOf(continued))).toBe("  ");
  });

  it("follows the most common step (PowerShell ConvertTo-Json alignment)", () => {
    const code = [
      "{",
      '    "Name":  "x",',
      '    "AnyOfProtocols":  [',
      '                           "POP3",',
      '                           "IMAP4"',
      "                       ],",
      '    "Action":  "DenyAccess"',
      "}",
    ].join("\n");
    expect(detectIndentUnit(sourceCodeOf(code))).toBe("    ");
  });
});

describe("detectIndentUnit: the most common step between consecutive indents", () => {
  /** The rule as documented, counted naively: steps of every width, ties to the narrower. */
  const expectedUnit = (widths: readonly number[]): string => {
    const counts = new Map<number, number>();
    for (let index = 1; index < widths.length; index++) {
      const step = Math.abs(widths[index]! - widths[index - 1]!);
      if (step > 0) counts.set(step, (counts.get(step) ?? 0) + 1);
    }
    const [best] = [...counts].sort(([stepA, countA], [stepB, countB]) => countB - countA || stepA - stepB);
    return best ? " ".repeat(best[0]) : "  ";
  };

  it("for any indents, narrow and wide (steps of 64 and more are counted apart)", () => {
    const width = fc.oneof(fc.nat({ max: 12 }), fc.integer({ min: 60, max: 200 }), fc.constantFrom(0, 64, 128, 192));
    fc.assert(
      fc.property(fc.array(width, { minLength: 0, maxLength: 30 }), (widths) => {
        const code = ["[", ...widths.map((indent) => `${" ".repeat(indent)}0,`), "0]"].join("\n");
        expect(detectIndentUnit(sourceCodeOf(code))).toBe(expectedUnit([0, ...widths, 0]));
      }),
      { numRuns: 400 },
    );
  });
});

describe("detectIndentUnit: the line scan agrees with the token scan", () => {
  // A backtick in a trailing comment sends detectIndentUnit to its token scan (a token might span
  // lines); the comment's own line starts with no token, so both must give the same unit.
  const viaTokens = (code: string) => detectIndentUnit(sourceCodeOf(`${code}\n// \``));
  const blank = fc.constantFrom("", " ", "  ", "   ", "    ", "\t", " \t", "\u00a0", "\u3000 ", "\u2003");
  const comment = fc.constantFrom("", "/* c */ ", "/* a\n  b */ ", "/*\n *\n */", "// x\n");
  const piece = fc.tuple(blank, comment, blank).map(([a, c, b]) => a + c + b);
  const skeletons = [
    ["{", '"a"', ":", "[", "1", ",", "2", ",", "{", '"b"', ":", '"x\\\\y"', "}", "]", ",", '"c"', ":", "true", "}"],
    ["[", "{", '"Name"', ":", '"r"', ",", '"Priority"', ":", "0", "}", ",", "{", "}", ",", "[", "]", "]"],
  ];
  /** A JSON text with arbitrary blanks, comments and line breaks between its tokens. */
  const jsonText = fc
    .constantFrom(...skeletons)
    .chain((tokens) =>
      fc.tuple(
        fc.constant(tokens),
        fc.array(fc.tuple(piece, fc.constantFrom("\n", "\r\n", "\n\n", " ", "")), { minLength: tokens.length, maxLength: tokens.length }),
      ),
    )
    .map(([tokens, gaps]) => tokens.map((token, index) => gaps[index]![0] + token + gaps[index]![1]).join(""));

  it("on texts with comments, tabs, Unicode spaces and blank lines", () => {
    fc.assert(
      fc.property(jsonText, (code) => {
        expect(detectIndentUnit(sourceCodeOf(code))).toBe(viaTokens(code));
      }),
      { numRuns: 400 },
    );
  });
});

describe("detectLineEnding", () => {
  it.each([
    ["LF", '{\n"a": 1\n}\n', "\n"],
    ["CRLF", '{\r\n"a": 1\r\n}\r\n', "\r\n"],
    ["mostly CRLF", '{\r\n"a": 1,\r\n"b": 2\n}\r\n', "\r\n"],
    ["mostly LF", '{\n"a": 1,\r\n"b": 2\n}\n', "\n"],
    ["no line break", '{"a": 1}', "\n"],
    ["CR only (classic Mac OS)", '{\r"a": 1,\r"b": 2\r}\r', "\r"],
    ["mostly CR", '{\r"a": 1,\r"b": 2\n}\r', "\r"],
  ])("%s", (_name, code, eol) => {
    expect(detectLineEnding(sourceCodeOf(code))).toBe(eol);
  });
});

describe("lineIndentOf", () => {
  it("returns the leading whitespace of the node's first line", () => {
    const code = '{\n\t"a": [\n    1, 2\n  ]\n}';
    const sourceCode = sourceCodeOf(code);
    const root = (sourceCode.ast as unknown as AST.JSONProgram).body[0].expression;
    expect(lineIndentOf(sourceCode, at(root, "a"))).toBe("\t");
    expect(lineIndentOf(sourceCode, at(root, "a", 0))).toBe("    ");
    expect(lineIndentOf(sourceCode, at(root, "a", 1))).toBe("    ");
    expect(lineIndentOf(sourceCode, root)).toBe("");
  });
});

describe("formatValue", () => {
  const rule = { Name: "Block POP", AnyOfProtocols: ["POP3", "IMAP4"], Enabled: true, Scope: null, Empty: [] };

  it("matches JSON.stringify with the same indentation", () => {
    for (const indent of ["  ", "    ", "\t"]) {
      expect(formatValue(rule, { indent })).toBe(JSON.stringify(rule, null, indent));
    }
  });

  it("uses the line ending and prefixes continuation lines with the base indentation", () => {
    expect(formatValue({ a: [1] }, { indent: "\t", eol: "\r\n", baseIndent: "\t" })).toBe(
      '{\r\n\t\t"a": [\r\n\t\t\t1\r\n\t\t]\r\n\t}',
    );
  });

  it("renders values JSON cannot carry the way JSON.stringify does, and never throws", () => {
    expect(formatValue(undefined)).toBe("null");
    expect(formatValue([undefined, NaN, Infinity, () => 1])).toBe("[\n  null,\n  null,\n  null,\n  null\n]");
    expect(formatValue({ a: undefined, b: 1 })).toBe('{\n  "b": 1\n}');
    expect(formatValue(10n)).toBe("10");
    expect(formatValue(new Date(0))).toBe('"1970-01-01T00:00:00.000Z"');
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    expect(formatValue(cyclic)).toBe('{\n  "a": 1,\n  "self": null\n}');
    const throwing = {
      toJSON() {
        throw new Error("no");
      },
    };
    expect(formatValue(throwing)).toBe("null");
  });

  it("repeats a shared (non-cyclic) object", () => {
    const shared = { x: 1 };
    expect(formatInlineValue([shared, shared])).toBe('[{ "x": 1 }, { "x": 1 }]');
  });
});

describe("formatInlineValue", () => {
  it("renders on one line with spaces after commas and colons", () => {
    expect(formatInlineValue(["POP3", "IMAP4"])).toBe('["POP3", "IMAP4"]');
    expect(formatInlineValue({ Name: "x", Priority: 1 })).toBe('{ "Name": "x", "Priority": 1 }');
    expect(formatInlineValue({ a: [], b: {} })).toBe('{ "a": [], "b": {} }');
    expect(formatInlineValue("a\nb\u2028")).toBe(JSON.stringify("a\nb\u2028"));
  });

  it("always yields JSON that parses back to the value", () => {
    const value = { s: 'q"\\', n: -1.5e-7, list: [true, false, null, { deep: ["x"] }] };
    expect(JSON.parse(formatInlineValue(value))).toEqual(value);
    expect(JSON.parse(formatValue(value, { indent: "\t", eol: "\r\n", baseIndent: "  " }))).toEqual(value);
  });
});
