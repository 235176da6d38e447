/**
 * Test harness for lib/fix: runs a throwaway rule through ESLint's Linter on a JSON(C) text and
 * applies the one fix it reports, exactly as ESLint would.
 */
import { Linter, type Rule, type SourceCode } from "eslint";
import * as jsoncParser from "jsonc-eslint-parser";
import type { AST } from "jsonc-eslint-parser";
import { expect } from "vitest";

export interface FixContext {
  readonly sourceCode: SourceCode;
  readonly fixer: Rule.RuleFixer;
  /** The document's value. */
  readonly root: AST.JSONExpression;
}

export type FixBuilder = (context: FixContext) => Rule.Fix[];

/** Several fixes reported in one lint pass, each by its own report. */
export type FixBuilders = readonly FixBuilder[];

function ruleReporting(builders: FixBuilders): Rule.RuleModule {
  return {
    meta: { type: "layout", fixable: "code", schema: [], messages: { fix: "fix {{index}}" } },
    create(context) {
      return {
        Program(node) {
          const program = node as unknown as AST.JSONProgram;
          const root = program.body[0]?.expression;
          if (!root) return;
          builders.forEach((build, index) => {
            context.report({
              loc: root.loc,
              messageId: "fix",
              data: { index },
              fix: (fixer) => build({ sourceCode: context.sourceCode, fixer, root }),
            });
          });
        },
      };
    },
  };
}

function configFor(builders: FixBuilders): Linter.Config[] {
  return [
    {
      files: ["**/*.json"],
      plugins: { test: { rules: { fix: ruleReporting(builders) } } },
      languageOptions: { parser: jsoncParser },
      rules: { "test/fix": "error" },
    },
  ];
}

/** The single fix (merged by ESLint) that `build` produces on `code`, or null. */
export function fixOf(code: string, build: FixBuilder): Rule.Fix | null {
  const messages = new Linter().verify(code, configFor([build]), "rules.json");
  const fatal = messages.find((message) => message.fatal);
  if (fatal) throw new Error(`parse error: ${fatal.message}`);
  expect(messages).toHaveLength(1);
  return messages[0]?.fix ?? null;
}

/** `code` after applying the fix that `build` produces. */
export function applyFix(code: string, build: FixBuilder): string {
  const fix = fixOf(code, build);
  if (!fix) return code;
  return code.slice(0, fix.range[0]) + fix.text + code.slice(fix.range[1]);
}

/** One `--fix` pass with several reports: the output and how many fixes ESLint left for later. */
export function fixOnePass(code: string, builders: FixBuilders): { output: string; remaining: number } {
  const messages = new Linter().verify(code, configFor(builders), "rules.json");
  const fixes = messages
    .map((message) => message.fix)
    .filter((fix): fix is Rule.Fix => fix !== undefined)
    .sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  // The same overlap rule as ESLint's source-code-fixer: a fix touching the previous one waits.
  let output = "";
  let lastPos = Number.NEGATIVE_INFINITY;
  let cursor = 0;
  let remaining = 0;
  for (const fix of fixes) {
    if (lastPos >= fix.range[0]) {
      remaining += 1;
      continue;
    }
    output += code.slice(cursor, fix.range[0]) + fix.text;
    cursor = fix.range[1];
    lastPos = fix.range[1];
  }
  return { output: output + code.slice(cursor), remaining };
}

/**
 * Runs ESLint's own multi-pass `--fix` loop. Builders must behave like real rules: look at the
 * current text and return no edit once their job is done.
 */
export function fixAllPasses(code: string, builders: FixBuilders): string {
  return new Linter().verifyAndFix(code, configFor(builders), { filename: "rules.json" }).output;
}

/** ESLint's SourceCode for `code`, as a rule would see it. */
export function sourceCodeOf(code: string): SourceCode {
  let captured: SourceCode | undefined;
  const capture: Rule.RuleModule = {
    create(context) {
      captured = context.sourceCode;
      return {};
    },
  };
  const messages = new Linter().verify(
    code,
    [
      {
        files: ["**/*.json"],
        plugins: { test: { rules: { capture } } },
        languageOptions: { parser: jsoncParser },
        rules: { "test/capture": "error" },
      },
    ],
    "rules.json",
  );
  if (!captured) throw new Error(`not parsed: ${messages[0]?.message ?? "no source"}`);
  return captured;
}

// ---- Navigating the parsed document ------------------------------------------------------------

export function keyOf(property: AST.JSONProperty): string {
  return property.key.type === "JSONIdentifier" ? property.key.name : String(property.key.value);
}

/** The value at `path` (object keys and array indexes) below `node`. */
export function at(node: AST.JSONExpression, ...path: (string | number)[]): AST.JSONExpression {
  let current = node;
  for (const step of path) {
    if (typeof step === "number" && current.type === "JSONArrayExpression") {
      const element = current.elements[step];
      if (!element) throw new Error(`no element ${step}`);
      current = element;
    } else if (typeof step === "string" && current.type === "JSONObjectExpression") {
      current = propertyAt(current, step).value;
    } else {
      throw new Error(`cannot step ${String(step)} into ${current.type}`);
    }
  }
  return current;
}

export function propertyAt(node: AST.JSONExpression, key: string): AST.JSONProperty {
  if (node.type !== "JSONObjectExpression") throw new Error(`not an object: ${node.type}`);
  const property = node.properties.find((candidate) => keyOf(candidate) === key);
  if (!property) throw new Error(`no property ${key}`);
  return property;
}

export function arrayAt(node: AST.JSONExpression, ...path: (string | number)[]): AST.JSONArrayExpression {
  const value = at(node, ...path);
  if (value.type !== "JSONArrayExpression") throw new Error(`not an array: ${value.type}`);
  return value;
}

export function objectAt(node: AST.JSONExpression, ...path: (string | number)[]): AST.JSONObjectExpression {
  const value = at(node, ...path);
  if (value.type !== "JSONObjectExpression") throw new Error(`not an object: ${value.type}`);
  return value;
}

// ---- Assertions ---------------------------------------------------------------------------------

/** The output is strict JSON and holds exactly `expected`. */
export function expectJson(output: string, expected: unknown): void {
  expect(JSON.parse(output)).toEqual(expected);
}

/** Every comment in `comments` still occurs in the output. */
export function expectComments(output: string, comments: readonly string[]): void {
  for (const comment of comments) expect(output).toContain(comment);
}

/** The plain value at `path` below `value` (for building expected data). */
export function valueAtPath(value: unknown, path: readonly (string | number)[]): unknown {
  return path.reduce<unknown>((current, step) => (current as Record<string | number, unknown>)[step], value);
}

/** The text of every comment in `code`, with its delimiters. */
export function commentsOf(code: string): string[] {
  return jsoncParser.parseJSON(code).comments.map((comment) => code.slice(comment.range?.[0], comment.range?.[1]));
}

function isStrictJson(code: string): boolean {
  try {
    JSON.parse(code);
    return true;
  } catch {
    return false;
  }
}

/**
 * The checks every edit must pass: a strict-JSON input gives strict JSON holding `expected`; a
 * JSONC input gives JSONC holding `expected` and keeps every comment except `dropped` (the
 * comments a removed item owned).
 */
export function expectEditResult(
  code: string,
  output: string,
  expected: unknown,
  dropped: readonly string[] = [],
): void {
  if (isStrictJson(code)) {
    expect(JSON.parse(output)).toEqual(expected);
    return;
  }
  expect(parseJsonc(output)).toEqual(expected);
  expectComments(
    output,
    commentsOf(code).filter((comment) => !dropped.includes(comment)),
  );
}

/** Parses `output` as JSONC (comments, trailing commas) and returns its value. */
export function parseJsonc(output: string): unknown {
  const program = jsoncParser.parseJSON(output);
  return jsoncParser.getStaticJSONValue(program);
}
