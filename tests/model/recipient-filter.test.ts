import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  evaluateRecipientFilter,
  findRecipientFilterProperty,
  formatRecipientFilter,
  matchesWildcard,
  parseRecipientFilter,
  type FilterNode,
  type FilterProblem,
} from "../../lib/model/recipient-filter.ts";

function parsed(text: string): { ast: FilterNode; normalized: string; problems: readonly FilterProblem[] } {
  const result = parseRecipientFilter(text);
  if (!result.ok) throw new Error(`expected ${text} to parse, got: ${result.problems[0]?.message}`);
  return result;
}

function normalized(text: string): string {
  return parsed(text).normalized;
}

/** The problem with the part of the text it underlines, so offsets read at a glance. */
function located(text: string, problem: FilterProblem | undefined) {
  return problem && { kind: problem.kind, message: problem.message, underlined: text.slice(problem.start, problem.end) };
}

describe("documented filters (car-reference.md §1.6, §8)", () => {
  it("reads City -eq 'Redmond' as one comparison spanning the text", () => {
    expect(parseRecipientFilter("City -eq 'Redmond'")).toEqual({
      ok: true,
      ast: {
        type: "comparison",
        property: "City",
        propertySupported: true,
        operator: "-eq",
        value: { kind: "text", text: "Redmond" },
        start: 0,
        end: 18,
      },
      normalized: "City -eq 'redmond'",
      problems: [],
      mixedChains: [],
    });
  });

  it("reads the 2018 brace form and Microsoft365DSC's double-quoted form alike", () => {
    const dsc = parsed('{City -eq "Redmond"}');
    expect(dsc.ast).toMatchObject({ type: "comparison", property: "City", value: { kind: "text", text: "Redmond" }, start: 1, end: 19 });
    expect(dsc.normalized).toBe("City -eq 'redmond'");
    expect(normalized("{City -eq 'Redmond'}")).toBe("City -eq 'redmond'");
    expect(normalized("CountryOrRegion -eq 'SG'")).toBe("CountryOrRegion -eq 'sg'");
  });

  it("reads the parenthesised -and inside an -or", () => {
    const text = "(CountryOrRegion -eq 'US' -and Department -eq 'Sales') -or Department -eq 'Research'";
    const result = parsed(text);
    expect(result.problems).toEqual([]);
    expect(result.ast).toMatchObject({
      type: "or",
      start: 1,
      end: text.length,
      operands: [
        {
          type: "and",
          operands: [
            { type: "comparison", property: "CountryOrRegion", operator: "-eq", value: { kind: "text", text: "US" } },
            { type: "comparison", property: "Department", operator: "-eq", value: { kind: "text", text: "Sales" } },
          ],
        },
        { type: "comparison", property: "Department", operator: "-eq", value: { kind: "text", text: "Research" } },
      ],
    });
    expect(result.normalized).toBe("(CountryOrRegion -eq 'us' -and Department -eq 'sales') -or Department -eq 'research'");
  });

  it("reports the documentation typo's unbalanced quote on `AU'`", () => {
    const text = "CustomAttribute1 -eq 'AllowOWA' -and CountryOrRegion -eq AU'";
    const result = parseRecipientFilter(text);
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([
      {
        kind: "syntax",
        message: "unbalanced quote: `AU'` ends with a quote that was never opened; write 'AU'",
        start: 57,
        end: 60,
      },
    ]);
    expect(text.slice(57, 60)).toBe("AU'");
  });
});

describe("values", () => {
  it.each([
    ["City -eq 'O''Brien'", { kind: "text", text: "O'Brien" }],
    ['City -eq "say ""hi"""', { kind: "text", text: 'say "hi"' }],
    ["City -eq \"it's\"", { kind: "text", text: "it's" }],
    ["City -eq ''", { kind: "text", text: "" }],
    ["City -eq $NULL", { kind: "null" }],
    ["City -eq $True", { kind: "boolean", value: true }],
    ["City -eq $false", { kind: "boolean", value: false }],
    ["PostalCode -eq 98052", { kind: "integer", value: 98052n }],
    ["PostalCode -eq -7", { kind: "integer", value: -7n }],
  ])("%s", (text, value) => {
    expect(parsed(text).ast).toMatchObject({ type: "comparison", value });
  });

  it("prints values single-quoted and folded, integers as text, keywords as keywords", () => {
    expect(normalized("City -eq \"O'Brien\"")).toBe("City -eq 'o''brien'");
    expect(normalized("PostalCode -eq 007")).toBe("PostalCode -eq '7'");
    expect(normalized("City -ne $NULL")).toBe("City -ne $null");
    expect(normalized("City -eq $TRUE")).toBe("City -eq $true");
  });
});

describe("normalisation", () => {
  it("prints filters that differ only in case, quoting, braces, whitespace or parentheses alike", () => {
    const variants = [
      "City -eq 'Redmond' -and Department -like 'Sales*'",
      "{city -EQ \"REDMOND\" -AND department -Like 'sales*'}",
      "  ( City   -eq 'Redmond' )\t-and\n(Department -like \"Sales*\")  ",
      "{ ((City -eq 'redmond')) -and Department -like 'SALES*' }",
    ];
    expect(new Set(variants.map(normalized))).toEqual(new Set(["City -eq 'redmond' -and Department -like 'sales*'"]));
  });

  it("flattens -and and -or chains whatever their grouping", () => {
    const flat = "City -eq 'a' -and Office -eq 'b' -and Company -eq 'c'";
    expect(normalized("(City -eq 'a' -and Office -eq 'b') -and Company -eq 'c'")).toBe(flat);
    expect(normalized("City -eq 'a' -and (Office -eq 'b' -and Company -eq 'c')")).toBe(flat);
    expect(normalized("City -eq 'a' -or (Office -eq 'b' -or Company -eq 'c')")).toBe(
      "City -eq 'a' -or Office -eq 'b' -or Company -eq 'c'",
    );
  });

  it("reads -and and -or with equal precedence, left to right (as PowerShell), and parenthesises every mixed group", () => {
    expect(normalized("City -eq 'a' -and Office -eq 'b' -or Company -eq 'c'")).toBe(
      "(City -eq 'a' -and Office -eq 'b') -or Company -eq 'c'",
    );
    expect(normalized("City -eq 'a' -or Office -eq 'b' -and Company -eq 'c'")).toBe(
      "(City -eq 'a' -or Office -eq 'b') -and Company -eq 'c'",
    );
    expect(normalized("City -eq 'a' -and Office -eq 'b' -or Company -eq 'c' -and Department -eq 'd'")).toBe(
      "((City -eq 'a' -and Office -eq 'b') -or Company -eq 'c') -and Department -eq 'd'",
    );
    expect(normalized("(City -eq 'a' -or Office -eq 'b') -and Company -eq 'c'")).toBe(
      "(City -eq 'a' -or Office -eq 'b') -and Company -eq 'c'",
    );
  });

  it("applies -not to the comparison or group after it", () => {
    expect(normalized("-not City -eq 'a' -and Office -eq 'b'")).toBe("-not (City -eq 'a') -and Office -eq 'b'");
    expect(normalized("-NOT (City -eq 'a' -or Office -eq 'b')")).toBe("-not (City -eq 'a' -or Office -eq 'b')");
    expect(normalized("-not -not City -eq 'a'")).toBe("-not -not (City -eq 'a')");
    expect(parsed("-not City -eq 'a'").ast).toMatchObject({ type: "not", start: 0, end: 17, operand: { type: "comparison", start: 5 } });
  });

  it("records each chain that mixes -and and -or without parentheses, with its left-to-right parentheses", () => {
    const text = "{City -eq 'a' -or Office -eq 'b' -and Company -eq 'c' -and (Department -eq 'd' -and Office -like 'x*' -or City -ne 'y')}";
    const result = parseRecipientFilter(text);
    expect(result.ok && result.mixedChains).toEqual([
      {
        start: 60,
        end: 118,
        parenthesized: "(Department -eq 'd' -and Office -like 'x*') -or City -ne 'y'",
      },
      {
        start: 1,
        end: 119,
        parenthesized:
          "(City -eq 'a' -or Office -eq 'b') -and Company -eq 'c' -and (Department -eq 'd' -and Office -like 'x*' -or City -ne 'y')",
      },
    ]);
    const plain = parseRecipientFilter("City -eq 'a' -and (Office -eq 'b' -or Company -eq 'c')");
    expect(plain.ok && plain.mixedChains).toEqual([]);
  });

  it("keeps different filters apart", () => {
    expect(normalized("City -eq 'a'")).not.toBe(normalized("City -ne 'a'"));
    expect(normalized("City -eq 'a'")).not.toBe(normalized("Office -eq 'a'"));
    expect(normalized("City -eq 'a b'")).not.toBe(normalized("City -eq 'ab'"));
    expect(normalized("City -eq $null")).not.toBe(normalized("City -eq '$null'"));
    expect(normalized("City -eq 'a' -or (Office -eq 'b' -and Company -eq 'c')")).not.toBe(
      normalized("City -eq 'a' -or Office -eq 'b' -and Company -eq 'c'"),
    );
  });

  it("accepts keywords joined to quoted values without spaces", () => {
    expect(normalized("City -eq'a'-and Office -eq'b'")).toBe("City -eq 'a' -and Office -eq 'b'");
  });
});

describe("semantic problems: the filter parses, with problems", () => {
  it.each([
    ["Citty -eq 'x'", "unknown-property", "`Citty` is not a property Client Access Rules can filter on; did you mean `City`?", "Citty"],
    ["departmnet -eq 'x'", "unknown-property", "`departmnet` is not a property Client Access Rules can filter on; did you mean `Department`?", "departmnet"],
    ["Country -eq 'US'", "unknown-property", "`Country` is not a property Client Access Rules can filter on; did you mean `CountryOrRegion`?", "Country"],
    ["State -eq 'WA'", "unknown-property", "`State` is not a property Client Access Rules can filter on; did you mean `StateOrProvince`?", "State"],
    ["l -eq 'Redmond'", "unknown-property", "`l` is not a property Client Access Rules can filter on; did you mean `City`?", "l"],
    ["ExtensionAttribute3 -eq 'y'", "unknown-property", "`ExtensionAttribute3` is not a property Client Access Rules can filter on; did you mean `CustomAttribute3`?", "ExtensionAttribute3"],
    ["CustomAttribute16 -eq 'x'", "unknown-property", "`CustomAttribute16` is not a property Client Access Rules can filter on: the custom attributes are CustomAttribute1 to CustomAttribute15", "CustomAttribute16"],
    ["CustomAttribute -eq 'x'", "unknown-property", "`CustomAttribute` is not a property Client Access Rules can filter on: the custom attributes are CustomAttribute1 to CustomAttribute15", "CustomAttribute"],
    [
      "Title -eq 'CEO'",
      "unknown-property",
      "`Title` is not a property Client Access Rules can filter on (City, Company, CountryOrRegion, CustomAttribute1–15, Department, Office, PostalCode, StateOrProvince, StreetAddress)",
      "Title",
    ],
    ["City -gt 'x'", "unsupported-operator", "`-gt` is not supported in a recipient filter: use -eq, -ne, -like or -notlike", "-gt"],
    ["City -CONTAINS 'x'", "unsupported-operator", "`-CONTAINS` is not supported in a recipient filter: use -eq, -ne, -like or -notlike", "-CONTAINS"],
    ["City -match 'Red'", "unsupported-operator", "`-match` is not supported in a recipient filter: use -like with `*` wildcards", "-match"],
    ["City -ceq 'x'", "unsupported-operator", "`-ceq` is not supported in a recipient filter: use -eq (comparisons are case-insensitive)", "-ceq"],
    ["City -ilike 'x*'", "unsupported-operator", "`-ilike` is not supported in a recipient filter: use -like (comparisons are case-insensitive already)", "-ilike"],
    [
      "Department -like 'Sales'",
      "like-without-wildcard",
      "`-like` needs at least one `*` wildcard in its value, and `'Sales'` has none; use -eq for an exact match",
      "'Sales'",
    ],
    [
      "Department -NotLike \"Sales\"",
      "like-without-wildcard",
      "`-notlike` needs at least one `*` wildcard in its value, and `\"Sales\"` has none; use -ne to exclude one exact value",
      "\"Sales\"",
    ],
    [
      "City -like $null",
      "like-without-wildcard",
      "`-like` needs at least one `*` wildcard in its value, and `$null` has none; use -eq for an exact match",
      "$null",
    ],
  ])("%s", (text, kind, message, underlined) => {
    const result = parseRecipientFilter(text);
    expect(result.ok).toBe(true);
    expect(result.problems.map((problem) => located(text, problem))).toEqual([{ kind, message, underlined }]);
  });

  it("reports every semantic problem, in text order, and still normalises", () => {
    const text = "Citty -gt 'x' -and (Office -like 'y' -or Department -eq 'z')";
    const result = parseRecipientFilter(text);
    expect(result).toMatchObject({ ok: true, normalized: "Citty -gt 'x' -and (Office -like 'y' -or Department -eq 'z')" });
    expect(result.problems.map((problem) => [problem.kind, text.slice(problem.start, problem.end)])).toEqual([
      ["unknown-property", "Citty"],
      ["unsupported-operator", "-gt"],
      ["like-without-wildcard", "'y'"],
    ]);
  });

  it("finds nothing wrong with a wildcard -like or a property in any case", () => {
    expect(parsed("customattribute7 -LIKE '*OWA*' -or POSTALCODE -notlike '98*'").problems).toEqual([]);
    expect(findRecipientFilterProperty("STREETADDRESS")).toBe("StreetAddress");
    expect(findRecipientFilterProperty("Street")).toBeUndefined();
  });
});

describe("syntax problems: the filter does not parse", () => {
  it.each([
    ["", "the recipient filter is empty", ""],
    ["  \t", "the recipient filter is empty", "  \t"],
    ["\"City -eq 'Redmond'\"", "the whole filter is in quotes: remove the outer quotes", "\"City -eq 'Redmond'\""],
    ["City", "expected a comparison operator (-eq, -ne, -like or -notlike) after `City`, found the end of the filter", "City"],
    ["City 'Redmond'", "expected a comparison operator (-eq, -ne, -like or -notlike) after `City`, found `'Redmond'`", "'Redmond'"],
    ["City = 'Redmond'", "expected a comparison operator (-eq, -ne, -like or -notlike) after `City`, found `=`; use -eq", "="],
    ["City != 'Redmond'", "expected a comparison operator (-eq, -ne, -like or -notlike) after `City`, found `!=`; use -ne", "!="],
    ["City -and 'x'", "expected a comparison operator (-eq, -ne, -like or -notlike) after `City`, found `-and`", "-and"],
    [
      "City -eq",
      "expected a value after `-eq` (quoted text such as 'Redmond', $null, $true, $false or an integer), found the end of the filter",
      "-eq",
    ],
    [
      "City -eq -and Office -eq 'x'",
      "expected a value after `-eq` (quoted text such as 'Redmond', $null, $true, $false or an integer), found `-and`",
      "-and",
    ],
    ["City -eq Redmond", "the value `Redmond` must be quoted: write 'Redmond'", "Redmond"],
    ["City -like Red*", "the value `Red*` must be quoted: write 'Red*'", "Red*"],
    ["City -eq $city", "`$city` is a variable; a recipient filter cannot use variables (only $null, $true and $false)", "$city"],
    ["$city -eq 'x'", "`$city` is a variable; a recipient filter cannot use variables (only $null, $true and $false)", "$city"],
    ["City -eq 'Redmond", "unbalanced quote: `'Redmond` is never closed", "'Redmond"],
    ["City -eq \"Redmond'", "unbalanced quote: `\"Redmond'` is never closed", "\"Redmond'"],
    ["City -eq 'a' -and Office -eq 'it''s", "unbalanced quote: `'it''s` is never closed", "'it''s"],
    ["City -eq \u2018Redmond\u2019", "unexpected character `\u2018` (a typographic quote: use ' or \")", "\u2018"],
    ["City -eq 'a' -and", "expected a comparison such as City -eq 'Redmond', found the end of the filter", "-and"],
    ["City -eq 'a' -or -not", "expected a comparison such as City -eq 'Redmond', found the end of the filter", "-not"],
    ["-and City -eq 'a'", "expected a comparison before `-and`", "-and"],
    ["City -eq 'a' -and -or Office -eq 'b'", "expected a comparison before `-or`", "-or"],
    ["-eq 'a'", "expected a comparison such as City -eq 'Redmond', found `-eq`", "-eq"],
    ["'a' -eq City", "expected a comparison such as City -eq 'Redmond', found `'a'`", "'a'"],
    ["Custom-Attribute1 -eq 'a'", "expected a comparison such as City -eq 'Redmond', found `Custom-Attribute1`", "Custom-Attribute1"],
    ["City -eq 'a' Office -eq 'b'", "expected -and, -or or the end of the filter, found `Office`", "Office"],
    ["City -eq 'a' -eq 'b'", "expected -and, -or or the end of the filter, found `-eq`", "-eq"],
    ["City -eq 'a' - Office -eq 'b'", "unexpected character `-`", "-"],
    ["City -eq 'a' -xor Office -eq 'b'", "`-xor` is not supported: combine comparisons with -and, -or and -not", "-xor"],
    ["(City -eq 'a'", "missing `)`: this `(` is never closed", "("],
    ["((City -eq 'a') -or Office -eq 'b'", "missing `)`: this `(` is never closed", "("],
    ["(City -eq 'a' Office", "expected -and, -or or `)`, found `Office`", "Office"],
    ["City -eq 'a')", "unexpected `)`: it has no matching `(`", ")"],
    ["()", "expected a comparison such as City -eq 'Redmond', found `)`", ")"],
    ["{City -eq 'a'", "missing `}`: this `{` is never closed", "{"],
    ["City -eq 'a'}", "unexpected `}`: it has no matching `{`", "}"],
    ["{City -eq 'a'} -and Office -eq 'b'", "expected the end of the filter after `}`, found `-and`", "-and"],
    ["{{City -eq 'a'}}", "`{` may only enclose the whole filter", "{"],
    ["City -eq 'a' -and {Office -eq 'b'}", "`{` may only enclose the whole filter", "{"],
    ["{(City -eq 'a'}", "expected -and, -or or `)`, found `}`", "}"],
    ["{}", "expected a comparison such as City -eq 'Redmond', found `}`", "}"],
  ])("%j", (text, message, underlined) => {
    const result = parseRecipientFilter(text);
    expect(result.ok).toBe(false);
    const kind = message.includes("is not supported") ? "unsupported-operator" : "syntax";
    expect(result.problems.map((problem) => located(text, problem))).toEqual([{ kind, message, underlined }]);
  });

  it("reports only the syntax problem, not semantic ones found before it", () => {
    expect(parseRecipientFilter("Citty -gt 'x' -and (").problems.map((problem) => problem.kind)).toEqual(["syntax"]);
  });

  it("refuses nesting deeper than 100 levels instead of exhausting the stack", () => {
    const text = `${"(".repeat(5000)}City -eq 'a'${")".repeat(5000)}`;
    expect(parseRecipientFilter(text).problems.map((problem) => located(text, problem))).toEqual([
      { kind: "syntax", message: "the filter nests more than 100 levels of parentheses and -not", underlined: "(" },
    ]);
    expect(parseRecipientFilter(`${"-not ".repeat(5000)}City -eq 'a'`).problems[0]?.message).toBe(
      "the filter nests more than 100 levels of parentheses and -not",
    );
    expect(normalized(`${"(".repeat(100)}City -eq 'a'${")".repeat(100)}`)).toBe("City -eq 'a'");
  });

  it("shortens long text quoted in a message", () => {
    const text = `City -eq '${"x".repeat(200)}`;
    expect(parseRecipientFilter(text).problems[0]?.message).toBe(`unbalanced quote: \`'${"x".repeat(58)}…\` is never closed`);
  });

  it("fails on a value that is not text instead of throwing", () => {
    expect(parseRecipientFilter(undefined as unknown as string)).toEqual({
      ok: false,
      problems: [{ kind: "syntax", message: "the recipient filter must be text", start: 0, end: 0 }],
    });
  });
});

describe("evaluateRecipientFilter", () => {
  const evaluate = (text: string, attributes: Record<string, string | undefined>) =>
    evaluateRecipientFilter(parsed(text).ast, attributes);

  it.each([
    ["City -eq 'Redmond'", { City: "Redmond" }, true],
    ["City -eq 'Redmond'", { city: "REDMOND" }, true],
    ["City -eq 'Redmond'", { City: "Redmond West" }, false],
    ["City -eq 'Red*'", { City: "Redmond" }, false],
    ["City -eq 'Red*'", { City: "Red*" }, true],
    ["City -eq 'Redmond'", {}, false],
    ["City -ne 'Redmond'", {}, true],
    ["City -ne 'Redmond'", { City: "redmond" }, false],
    ["City -eq $null", {}, true],
    ["City -eq $null", { City: "" }, true],
    ["City -eq $null", { City: undefined }, true],
    ["City -eq $null", { City: "Redmond" }, false],
    ["City -ne $null", { City: "Redmond" }, true],
    ["City -eq ''", {}, true],
    ["City -like 'Red*'", { City: "redmond" }, true],
    ["City -like '*mon*'", { City: "Redmond" }, true],
    ["City -like '*mon'", { City: "Redmond" }, false],
    ["City -like 'R*d*d'", { City: "Redmond" }, true],
    ["City -like '*'", { City: "x" }, true],
    ["City -like '*'", {}, false],
    ["City -notlike 'Red*'", {}, true],
    ["City -notlike 'Red*'", { City: "Seattle" }, true],
    ["PostalCode -eq 98052", { PostalCode: "98052" }, true],
    ["City -gt 'A'", { City: "B" }, false],
    ["-not City -eq 'Redmond'", { City: "Seattle" }, true],
    [
      "(CountryOrRegion -eq 'US' -and Department -eq 'Sales') -or Department -eq 'Research'",
      { CountryOrRegion: "US", Department: "Sales" },
      true,
    ],
    [
      "(CountryOrRegion -eq 'US' -and Department -eq 'Sales') -or Department -eq 'Research'",
      { CountryOrRegion: "AU", Department: "Sales" },
      false,
    ],
    [
      "(CountryOrRegion -eq 'US' -and Department -eq 'Sales') -or Department -eq 'Research'",
      { CountryOrRegion: "AU", Department: "research" },
      true,
    ],
  ])("%s with %j → %s", (text, attributes, expected) => {
    expect(evaluate(text, attributes)).toBe(expected);
  });
});

describe("matchesWildcard", () => {
  it.each([
    ["abc", "abc", true],
    ["abc", "ab", false],
    ["abc", "*", true],
    ["", "*", true],
    ["abc", "a*", true],
    ["abc", "*c", true],
    ["abc", "*b*", true],
    ["abc", "a*b*c", true],
    ["ab", "a*b*b", false],
    ["aba", "a*a", true],
    ["a", "a*a", false],
    ["a.c", "a.c", true],
    ["abc", "a.c", false],
    ["a?c", "a?c", true],
    ["abc", "a?c", false],
  ])("%j against %j → %s", (subject, pattern, expected) => {
    expect(matchesWildcard(subject, pattern)).toBe(expected);
  });

  it("stays fast on patterns that make backtracking matchers explode", () => {
    const started = performance.now();
    expect(matchesWildcard("a".repeat(20_000), `${"*a".repeat(2_000)}*b`)).toBe(false);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties over generated filters

type GeneratedValue = { kind: "text"; text: string } | { kind: "null" } | { kind: "boolean"; value: boolean } | { kind: "integer"; value: number };
type Generated =
  | { type: "comparison"; property: string; operator: string; value: GeneratedValue }
  | { type: "and" | "or"; operands: Generated[] }
  | { type: "not"; operand: Generated };

const PROPERTIES = ["City", "Department", "CustomAttribute1", "CountryOrRegion"] as const;
const VALUE_TEXTS = ["", "a", "A", "ab", "b", "it's", 'say "x"', "a b", "é"];

const comparison = fc.oneof(
  fc.record({
    type: fc.constant("comparison" as const),
    property: fc.constantFrom(...PROPERTIES),
    operator: fc.constantFrom("-eq", "-ne"),
    value: fc.oneof(
      fc.constantFrom(...VALUE_TEXTS).map((text): GeneratedValue => ({ kind: "text", text })),
      fc.constant<GeneratedValue>({ kind: "null" }),
      fc.boolean().map((value): GeneratedValue => ({ kind: "boolean", value })),
      fc.integer({ min: -5, max: 100 }).map((value): GeneratedValue => ({ kind: "integer", value })),
    ),
  }),
  fc.record({
    type: fc.constant("comparison" as const),
    property: fc.constantFrom(...PROPERTIES),
    operator: fc.constantFrom("-like", "-notlike"),
    value: fc
      .array(fc.constantFrom("", "a", "b", "A", "'"), { minLength: 2, maxLength: 4 })
      .map((parts): GeneratedValue => ({ kind: "text", text: parts.join("*") })),
  }),
);

const { filter: generatedFilter } = fc.letrec<{ filter: Generated }>((tie) => ({
  filter: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    comparison,
    fc.record({ type: fc.constantFrom("and" as const, "or" as const), operands: fc.array(tie("filter"), { minLength: 2, maxLength: 3 }) }),
    fc.record({ type: fc.constant("not" as const), operand: tie("filter") }),
  ),
}));

/** Writes a generated filter, taking every stylistic choice (case, quotes, spaces, parentheses) from `style`. */
function render(node: Generated, style: readonly number[]): string {
  let cursor = 0;
  const pick = (choices: number) => (style[cursor++ % style.length] ?? 0) % choices;
  const space = () => [" ", "  ", "\t", "\n "][pick(4)];
  const recase = (word: string) => [word, word.toLowerCase(), word.toUpperCase()][pick(3)] ?? word;
  const value = (each: GeneratedValue) => {
    switch (each.kind) {
      case "text": {
        const quote = pick(2) === 0 ? "'" : '"';
        return `${quote}${recase(each.text).replaceAll(quote, quote + quote)}${quote}`;
      }
      case "null":
        return recase("$null");
      case "boolean":
        return recase(each.value ? "$true" : "$false");
      case "integer":
        return String(each.value);
    }
  };
  const write = (each: Generated): string => {
    let text: string;
    if (each.type === "comparison") {
      text = `${recase(each.property)}${space()}${recase(each.operator)}${space()}${value(each.value)}`;
    } else if (each.type === "not") {
      text = `${recase("-not")}${space()}(${write(each.operand)})`;
    } else {
      text = each.operands.map((operand) => `(${write(operand)})`).join(`${space()}${recase(`-${each.type}`)}${space()}`);
    }
    return pick(5) === 0 ? `(${space()}${text}${space()})` : text;
  };
  const body = write(node);
  return pick(3) === 0 ? `{${body}}` : `${space()}${body}`;
}

/** The evaluation semantics restated directly on the generated tree, with a RegExp for `-like`. */
function referenceEvaluate(node: Generated, attributes: Readonly<Record<string, string>>): boolean {
  switch (node.type) {
    case "and":
      return node.operands.every((operand) => referenceEvaluate(operand, attributes));
    case "or":
      return node.operands.some((operand) => referenceEvaluate(operand, attributes));
    case "not":
      return !referenceEvaluate(node.operand, attributes);
    case "comparison": {
      const actual = attributes[node.property] ? attributes[node.property]?.toLowerCase() : undefined;
      const value = node.value;
      const expected =
        value.kind === "null" || (value.kind === "text" && value.text === "")
          ? undefined
          : value.kind === "text"
            ? value.text.toLowerCase()
            : String(value.value);
      if (node.operator === "-eq" || node.operator === "-ne") {
        return (actual === expected) === (node.operator === "-eq");
      }
      const source = (expected ?? "").split("*").map((part) => part.replace(/[.*+?^${}()|[\]\\]/gu, "\\$&")).join(".*");
      const like = expected === undefined ? actual === undefined : actual !== undefined && new RegExp(`^${source}$`, "su").test(actual);
      return like === (node.operator === "-like");
    }
  }
}

const styleTape = fc.array(fc.nat({ max: 59 }), { minLength: 1, maxLength: 40 });
const attributesArbitrary = fc.record(
  Object.fromEntries(PROPERTIES.map((property) => [property, fc.constantFrom("", "a", "A", "ab", "b", "ba", "it's", "5", "true")])),
  { requiredKeys: [] },
) as fc.Arbitrary<Record<string, string>>;

describe("properties", () => {
  it("parses every generated filter without problems, however it is written, to one fixed-point text", () => {
    fc.assert(
      fc.property(generatedFilter, styleTape, styleTape, (filter, style, otherStyle) => {
        const first = parsed(render(filter, style));
        const second = parsed(render(filter, otherStyle));
        expect(first.problems).toEqual([]);
        expect(second.normalized).toBe(first.normalized);
        expect(normalized(first.normalized)).toBe(first.normalized);
        expect(formatRecipientFilter(parsed(first.normalized).ast)).toBe(first.normalized);
      }),
      { numRuns: 500 },
    );
  });

  it("evaluates every generated filter as the reference semantics, before and after normalisation", () => {
    fc.assert(
      fc.property(generatedFilter, styleTape, attributesArbitrary, fc.boolean(), (filter, style, attributes, lowerKeys) => {
        const keyed = lowerKeys
          ? Object.fromEntries(Object.entries(attributes).map(([key, value]) => [key.toLowerCase(), value]))
          : attributes;
        const expected = referenceEvaluate(filter, attributes);
        expect(evaluateRecipientFilter(parsed(render(filter, style)).ast, keyed)).toBe(expected);
        expect(evaluateRecipientFilter(parsed(normalized(render(filter, style))).ast, keyed)).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });

  it("never throws, and every problem lies inside the text", () => {
    const filterish = fc
      .array(
        fc.constantFrom("City", "citty", "-eq", "-like", "-and", "-or", "-not", "-gt", "(", ")", "{", "}", "'a'", "'", '"', "$null", "$x", "5", "*", " ", "\u2019", "-"),
        { maxLength: 25 },
      )
      .map((parts) => parts.join(" "));
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: "binary" }), filterish), (text) => {
        const result = parseRecipientFilter(text);
        expect(result.ok || result.problems.length === 1).toBe(true);
        for (const problem of result.problems) {
          expect(0 <= problem.start && problem.start <= problem.end && problem.end <= text.length).toBe(true);
          expect(problem.message).not.toBe("");
        }
        if (result.ok) {
          evaluateRecipientFilter(result.ast, { City: "a" });
          expect(normalized(result.normalized)).toBe(result.normalized);
        }
      }),
      { numRuns: 3000 },
    );
  });
});
