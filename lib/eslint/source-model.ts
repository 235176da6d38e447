/**
 * The rule-set model of the file ESLint is linting, read once per file and shared by every rule,
 * and one JSON source for the model and the fix helpers, whichever JSON set-up parsed the file.
 * This is plugin glue (ESLint's SourceCode in, lib/model's readers called): the CLI reads files
 * with the model's readers directly and never loads ESLint.
 *
 * Three ASTs reach the rules: jsonc-eslint-parser's (the shipped configs' `languageOptions.parser`,
 * or eslint-plugin-jsonc's `jsonc/x` language, which uses the same parser) and @eslint/json's
 * Momoa AST (`json/json`, `json/jsonc`, `json/json5`, when a project's own config puts the
 * plugin's files under that language). The model and every fix helper read jsonc-eslint-parser
 * nodes and ESLint's token API, so a Momoa document is read again, from the same text, with
 * jsonc-eslint-parser: the offsets are the file's offsets in both, so spans and text edits are
 * exact for either AST, and there is one reading code path instead of two.
 */
import { SourceCode } from "eslint";
import { parseForESLint, type AST } from "jsonc-eslint-parser";
import { FileCache } from "../model/file-cache.ts";
import { readPowerShellRuleSet, readRuleSet, type RuleSetModel } from "../model/index.ts";

/** A file linted with the plugin's PowerShell language (its AST root says so). */
export function isPowerShell(sourceCode: SourceCode): boolean {
  return (sourceCode.ast as unknown as { powerShell?: unknown } | undefined)?.powerShell === true;
}

const modelOfFile = new FileCache<SourceCode, RuleSetModel | undefined>();

/**
 * The model of the file being linted, or `undefined` when it is not a Client Access Rules file
 * (or not JSON). Either JSON AST works: the model's nodes are then those of
 * `jsonSourceOf(sourceCode)`. Read once per file: ESLint gives every rule linting one file the
 * same SourceCode object.
 */
export function getRuleSet(sourceCode: SourceCode): RuleSetModel | undefined {
  return modelOfFile.get(sourceCode, readModel);
}

function readModel(sourceCode: SourceCode): RuleSetModel | undefined {
  if (isPowerShell(sourceCode)) return readPowerShellRuleSet(sourceCode.text);
  const json = jsonSourceOf(sourceCode);
  return json ? readRuleSet(jsonProgramOf(json)) : undefined;
}

export interface JsonSource {
  /** Source whose `ast` is a jsonc-eslint-parser Program, with ESLint's token and comment API. */
  readonly sourceCode: SourceCode;
  /**
   * What to add to the model's 0-based columns when reporting: 1 under @eslint/json's languages,
   * whose locations are 1-based (`columnStart: 1`), 0 otherwise.
   */
  readonly columnOffset: 0 | 1;
}

const jsonSourceOfFile = new FileCache<SourceCode, JsonSource | undefined>();

/**
 * The jsonc-eslint-parser view of the file ESLint is linting, or `undefined` when the file is
 * not JSON (a JavaScript file, another language) or its text cannot be read as JSON.
 */
export function jsonSourceOf(sourceCode: SourceCode): JsonSource | undefined {
  return jsonSourceOfFile.get(sourceCode, readJsonSource);
}

function readJsonSource(sourceCode: SourceCode): JsonSource | undefined {
  const ast = sourceCode.ast as unknown as { type?: unknown; body?: unknown };
  if (isJsoncProgram(sourceCode)) return { sourceCode, columnOffset: 0 };
  if (ast?.type === "Document" && typeof sourceCode.text === "string") {
    const reread = rereadWithJsoncParser(sourceCode.text);
    return reread ? { sourceCode: reread, columnOffset: 1 } : undefined;
  }
  return undefined;
}

/** jsonc-eslint-parser marks its output with `isJSON`; eslint-plugin-jsonc's language does too. */
function isJsoncProgram(sourceCode: SourceCode): boolean {
  const services = sourceCode.parserServices as { isJSON?: unknown } | undefined;
  const program = sourceCode.ast as unknown as { type?: unknown; body?: Array<{ type?: unknown }> };
  return (
    services?.isJSON === true &&
    program?.type === "Program" &&
    Array.isArray(program.body) &&
    (program.body.length === 0 || program.body[0]?.type === "JSONExpressionStatement")
  );
}

function rereadWithJsoncParser(text: string): SourceCode | undefined {
  try {
    // The default (lenient) syntax accepts everything Momoa accepts in json, jsonc and json5 mode.
    const { ast, services, visitorKeys } = parseForESLint(text);
    const config: SourceCode.Config = {
      text,
      ast: ast as unknown as SourceCode.Config["ast"],
      parserServices: services,
      visitorKeys: visitorKeys as SourceCode.Config["visitorKeys"],
      scopeManager: null,
    };
    return new SourceCode(config);
  } catch {
    return undefined;
  }
}

/** The Program of a JSON source (typed for the readers). */
export function jsonProgramOf(source: JsonSource): AST.JSONProgram {
  return source.sourceCode.ast as unknown as AST.JSONProgram;
}
