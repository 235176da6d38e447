/**
 * The RuleTester every rule test uses. Each case runs twice, with the same expectations: once on
 * jsonc-eslint-parser's AST (the shipped configs) and once on @eslint/json's (the strictest of
 * `json/json`, `json/jsonc` with trailing commas, `json/json5` that parses the case), so spans,
 * fixes and suggestions are proven on both ASTs. Default file name: one the shipped configs match.
 */
import eslintJson from "@eslint/json";
import { RuleTester, type Rule } from "eslint";
import * as jsoncParser from "jsonc-eslint-parser";

export const ruleTester = new RuleTester({
  languageOptions: { parser: jsoncParser },
});

/** @eslint/json's languages, strictest first, with the options each needs for the cases. */
const ESLINT_JSON_LANGUAGES = [
  { language: "json/json", languageOptions: {} },
  { language: "json/jsonc", languageOptions: { allowTrailingCommas: true } },
  { language: "json/json5", languageOptions: {} },
] as const;

const eslintJsonTesters = ESLINT_JSON_LANGUAGES.map(({ language, languageOptions }) => ({
  language,
  languageOptions,
  tester: new RuleTester({ plugins: { json: eslintJson }, language, languageOptions }),
}));

function parsesAs(code: string, { language, languageOptions }: (typeof ESLINT_JSON_LANGUAGES)[number]): boolean {
  const jsonLanguage = eslintJson.languages[language.slice("json/".length) as "json" | "jsonc" | "json5"];
  const result = jsonLanguage.parse({ body: code, path: RULE_FILE } as never, { languageOptions } as never);
  return result.ok;
}

export const RULE_FILE = "rules.car.json";

/** RuleTester.run with the plugin's rule type and our default file name on every case, on both ASTs. */
export function runRuleTests(
  name: string,
  rule: Rule.RuleModule,
  tests: {
    valid: Array<string | RuleTester.ValidTestCase>;
    invalid: RuleTester.InvalidTestCase[];
  },
): void {
  const withFile = <T extends RuleTester.ValidTestCase>(testCase: T): T => ({ filename: RULE_FILE, ...testCase });
  const valid = tests.valid.map((testCase) => withFile(typeof testCase === "string" ? { code: testCase } : testCase));
  const invalid = tests.invalid.map(withFile);
  ruleTester.run(name, rule, { valid, invalid });

  // Each case goes to the strictest @eslint/json language that parses it; none parses only
  // jsonc-eslint-parser's extensions (which @eslint/json users cannot write).
  const languageOf = (code: string) =>
    ESLINT_JSON_LANGUAGES.find((candidate) => parsesAs(code, candidate))?.language;
  for (const { language, tester } of eslintJsonTesters) {
    const validHere = valid.filter((testCase) => languageOf(testCase.code) === language);
    const invalidHere = invalid.filter((testCase) => languageOf(testCase.code) === language);
    if (validHere.length + invalidHere.length === 0) continue;
    tester.run(`${name} (@eslint/json, ${language})`, rule, { valid: validHere, invalid: invalidHere });
  }
}

/** Joins lines into a JSON document (keeps test inputs readable and their columns obvious). */
export function json(...lines: string[]): string {
  return `${lines.join("\n")}\n`;
}

/**
 * The 1-based line/column span of the `occurrence`-th `needle` in `code`, for asserting where a
 * report lands without counting columns by hand.
 */
export function locate(
  code: string,
  needle: string,
  occurrence = 1,
): { line: number; column: number; endLine: number; endColumn: number } {
  let index = -1;
  for (let seen = 0; seen < occurrence; seen++) {
    index = code.indexOf(needle, index + 1);
    if (index === -1) throw new Error(`"${needle}" occurs fewer than ${occurrence} times`);
  }
  const position = (offset: number) => {
    const before = code.slice(0, offset);
    const line = before.split("\n").length;
    return { line, column: offset - before.lastIndexOf("\n") };
  };
  const start = position(index);
  const end = position(index + needle.length);
  return { line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
}

/** A rules file with one rule object per line (compact cases whose columns stay readable). */
export function rules(...lines: string[]): string {
  return json("[", lines.map((line) => `  ${line}`).join(",\n"), "]");
}

/**
 * One rule whose emptiness question reaches the pattern search's bound (50,000 states): every
 * well-formed name ending in `y` has a `\` before it, so the rule is unsatisfiable, but seeing
 * that needs every subset of the 14 letters a name may contain before its last `y`
 * (docs/performance.md). The analysis rules report it as undecided, never guessed.
 */
export const BOUND_REACHING_RULE = JSON.stringify([
  {
    Name: "Block y users",
    Action: "DenyAccess",
    UsernameMatchesAnyOfPatterns: ["*y"],
    ExceptUsernameMatchesAnyOfPatterns: ["*\\*y", ..."abcdefghijklmn".split("").map((letter) => `*${letter}*y`)],
    Priority: 1,
  },
]);
