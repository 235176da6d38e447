import type { Rule } from "eslint";
import { Linter as LinterV9 } from "eslint-v9";
import * as jsoncParser from "jsonc-eslint-parser";
import type { AST } from "jsonc-eslint-parser";
import { describe, expect, it } from "vitest";
import {
  addListItem,
  addProperty,
  insertArrayElementBefore,
  removeListItem,
  removeProperty,
  replaceValue,
} from "../../lib/fix/index.ts";
import {
  applyFix,
  arrayAt,
  at,
  expectJson,
  fixAllPasses,
  fixOnePass,
  keyOf,
  objectAt,
  propertyAt,
  type FixBuilder,
} from "./run-fix.ts";

/** A rule-like builder: removes the string `value` from the array at `path` while it is there. */
function removing(value: string, ...path: string[]): FixBuilder {
  return ({ sourceCode, fixer, root }) => {
    const array = arrayAt(root, ...path);
    const element = array.elements.find((candidate) => candidate?.type === "JSONLiteral" && candidate.value === value);
    return element ? removeListItem(sourceCode, fixer, array, element) : [];
  };
}

describe("fixes on one list are never applied in the same pass", () => {
  it("defers the second removal from the same array, then finishes in the next pass", () => {
    const code = '{"A": ["a", "b", "c"], "B": ["x", "y"]}';
    const builders = [removing("a", "A"), removing("c", "A"), removing("y", "B")];
    const pass = fixOnePass(code, builders);
    expect(pass).toEqual({ output: '{"A": ["b", "c"], "B": ["x"]}', remaining: 1 });
    const output = fixAllPasses(code, builders);
    expect(output).toBe('{"A": ["b"], "B": ["x"]}');
    expectJson(output, { A: ["b"], B: ["x"] });
  });

  it("defers an insertion into an object from which a property is being removed", () => {
    const code = '{"r": {"Name": "x", "Priority": 1}}';
    const remove: FixBuilder = ({ sourceCode, fixer, root }) => {
      const rule = objectAt(root, "r");
      const priority = rule.properties.find((property) => keyOf(property) === "Priority");
      return priority ? removeProperty(sourceCode, fixer, priority) : [];
    };
    const add: FixBuilder = ({ sourceCode, fixer, root }) => {
      const rule = objectAt(root, "r");
      const hasAction = rule.properties.some((property) => keyOf(property) === "Action");
      return hasAction ? [] : addProperty(sourceCode, fixer, rule, "Action", "DenyAccess");
    };
    expect(fixOnePass(code, [remove, add]).remaining).toBe(1);
    const output = fixAllPasses(code, [remove, add]);
    expect(output).toBe('{"r": {"Name": "x", "Action": "DenyAccess"}}');
  });

  it("lets one fix combine helpers that edit different lists", () => {
    const code = '{"Allow": ["POP3", "OWA"], "Deny": ["IMAP4"]}';
    const output = applyFix(code, ({ sourceCode, fixer, root }) => [
      ...removeListItem(sourceCode, fixer, arrayAt(root, "Allow"), at(root, "Allow", 0)),
      ...addListItem(sourceCode, fixer, objectAt(root), "Deny", "POP3"),
    ]);
    expect(output).toBe('{"Allow": ["OWA"], "Deny": ["IMAP4", "POP3"]}');
  });

  it("lets one fix insert a rule and renumber priorities inside the existing rules", () => {
    const code = ["[", '  { "Name": "A", "Priority": 1 },', '  { "Name": "B", "Priority": 2 }', "]"].join("\n");
    const output = applyFix(code, ({ sourceCode, fixer, root }) => [
      ...insertArrayElementBefore(sourceCode, fixer, arrayAt(root), at(root, 1), { value: { Name: "N", Priority: 2 } }),
      ...replaceValue(fixer, at(root, 1, "Priority"), 3),
    ]);
    // A value on a line of its own is pretty-printed (formatValue), whatever its neighbours' layout.
    expect(output).toBe(
      [
        "[",
        '  { "Name": "A", "Priority": 1 },',
        "  {",
        '    "Name": "N",',
        '    "Priority": 2',
        "  },",
        '  { "Name": "B", "Priority": 3 }',
        "]",
      ].join("\n"),
    );
  });
});

describe("ESLint 9", () => {
  type SourceCode = Parameters<typeof removeListItem>[0];
  type Build = (sourceCode: SourceCode, fixer: Rule.RuleFixer, root: AST.JSONExpression) => Rule.Fix[];

  function applyWithV9(code: string, build: Build): string {
    const rule = {
      meta: { type: "layout", fixable: "code", schema: [] },
      create(context: { sourceCode: unknown; report(descriptor: unknown): void }) {
        return {
          Program(node: AST.JSONProgram) {
            context.report({
              loc: node.loc,
              message: "fix",
              fix: (fixer: Rule.RuleFixer) =>
                build(context.sourceCode as SourceCode, fixer, node.body[0].expression),
            });
          },
        };
      },
    };
    const config = [
      {
        files: ["**/*.json"],
        plugins: { test: { rules: { fix: rule } } },
        languageOptions: { parser: jsoncParser },
        rules: { "test/fix": "error" },
      },
    ];
    const messages = new LinterV9({ configType: "flat" }).verify(code, config as never, "rules.json");
    const fix = messages[0]?.fix;
    if (!fix) throw new Error(messages[0]?.message ?? "no report");
    return code.slice(0, fix.range[0]) + fix.text + code.slice(fix.range[1]);
  }

  it("removes an element and adds a property the same way", () => {
    const code = ["[", "  {", '    "Name": "x",', '    "AnyOfProtocols": ["POP3", "IMAP4"] // keep', "  }", "]"].join(
      "\n",
    );
    expect(
      applyWithV9(code, (sourceCode, fixer, root) =>
        removeListItem(sourceCode, fixer, arrayAt(root, 0, "AnyOfProtocols"), at(root, 0, "AnyOfProtocols", 0)),
      ),
    ).toBe(["[", "  {", '    "Name": "x",', '    "AnyOfProtocols": ["IMAP4"] // keep', "  }", "]"].join("\n"));
    expect(
      applyWithV9(code, (sourceCode, fixer, root) =>
        addProperty(sourceCode, fixer, objectAt(root, 0), "Priority", 1, { after: propertyAt(at(root, 0), "Name") }),
      ),
    ).toBe(
      [
        "[",
        "  {",
        '    "Name": "x",',
        '    "Priority": 1,',
        '    "AnyOfProtocols": ["POP3", "IMAP4"] // keep',
        "  }",
        "]",
      ].join("\n"),
    );
  });
});
