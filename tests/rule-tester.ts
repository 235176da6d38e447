/**
 * The RuleTester every rule test uses: jsonc-eslint-parser, a rule-file name the shipped configs
 * match, and ESLint 10's stricter assertions.
 */
import { RuleTester, type Rule } from "eslint";
import * as jsoncParser from "jsonc-eslint-parser";

export const ruleTester = new RuleTester({
  languageOptions: { parser: jsoncParser },
});

export const RULE_FILE = "rules.car.json";

/** RuleTester.run with the plugin's rule type and our default file name on every case. */
export function runRuleTests(
  name: string,
  rule: Rule.RuleModule,
  tests: {
    valid: Array<string | RuleTester.ValidTestCase>;
    invalid: RuleTester.InvalidTestCase[];
  },
): void {
  const withFile = <T extends RuleTester.ValidTestCase>(testCase: T): T => ({ filename: RULE_FILE, ...testCase });
  ruleTester.run(name, rule, {
    valid: tests.valid.map((testCase) => withFile(typeof testCase === "string" ? { code: testCase } : testCase)),
    invalid: tests.invalid.map(withFile),
  });
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
