/**
 * The one way the commands read a rule file: text → parser → lib/model (JSON shapes, or
 * PowerShell for `.ps1` / `.psm1`). `what-if`, `diff` and `report` all read through here, so
 * every input shape the model knows works in each of them.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseJSON } from "jsonc-eslint-parser";
import { powerShellSyntaxProblem, readPowerShellRuleSet } from "../model/powershell/read.ts";
import { readRuleSet } from "../model/read-rule-set.ts";
import type { RuleSetModel } from "../model/index.ts";
import { isUtf16ReadAsUtf8, utf16Problem } from "../model/text-encoding.ts";
import { UsageError, describeFileError } from "./args.ts";

/** Reads the rule file; throws UsageError when it cannot be read, parsed or is not a rule set. */
export async function loadRuleSet(file: string, cwd: string): Promise<RuleSetModel> {
  let text: string;
  try {
    text = await readFile(path.resolve(cwd, file), "utf8");
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${describeFileError(error)}`);
  }
  return parseRuleSet(text, file);
}

/** `.ps1` and `.psm1` files are PowerShell (scripts and Microsoft365DSC configurations), as in `lint`. */
const POWERSHELL_FILE = /\.psm?1$/iu;

/** Parses rule-file text (`name` is the file's name, for messages and to tell the syntax). */
export function parseRuleSet(text: string, name: string): RuleSetModel {
  if (isUtf16ReadAsUtf8(text)) throw new UsageError(utf16Problem(name));
  if (POWERSHELL_FILE.test(name)) {
    const script = text.replace(/^\uFEFF/u, "");
    const syntax = powerShellSyntaxProblem(script);
    if (syntax) throw new UsageError(`cannot parse ${name} (line ${syntax.line}, column ${syntax.column + 1}): ${syntax.message}`);
    const model = readPowerShellRuleSet(script);
    if (model === undefined) {
      throw new UsageError(`found no Client Access Rules in ${name} (no *-ClientAccessRule commands or EXOClientAccessRule blocks)`);
    }
    return model;
  }
  let program;
  try {
    program = parseJSON(text);
  } catch (error) {
    const { lineNumber, column, message } = error as { lineNumber?: number; column?: number; message?: string };
    // The parser counts columns from 0; editors and ESLint count from 1.
    const at = lineNumber === undefined ? "" : ` (line ${lineNumber}, column ${(column ?? 0) + 1})`;
    throw new UsageError(`cannot parse ${name}${at}: ${message ?? String(error)}`);
  }
  const model = readRuleSet(program);
  if (model === undefined) {
    throw new UsageError(`${name} is not a Client Access Rules file (no rule object with Action or a condition)`);
  }
  const misplaced = model.issues.find((issue) => issue.kind === "misplaced-rules");
  if (misplaced) {
    const { where, powerShellArrayWrapper } = misplaced;
    throw new UsageError(
      powerShellArrayWrapper
        ? `${name} is the { "value": [ … ], "Count": n } that Windows PowerShell's ConvertTo-Json writes for an array passed to it whole, so none of its rules could be read: keep only the array, or export with Get-ClientAccessRule | ConvertTo-Json -Depth 3`
        : `${name} holds Client Access Rule objects ${where}, where no input form keeps them (docs/inputs/README.md), so none of its rules could be read: move them to a top-level array or under "rules"`,
    );
  }
  return model;
}
