/**
 * `client-access-rules/powershell`: an ESLint language (ESLint ≥ 9.7 and 10) for `.ps1` and
 * `.psm1` files.
 *
 * A language rather than a processor: a processor would hand ESLint a virtual JSON file, so
 * findings could be mapped back but fixes could not — a fix is an edit of the JSON text, and
 * there is no sound way to turn `"REST"` inserted into a JSON array into PowerShell. A language
 * keeps the PowerShell text as the file ESLint lints, so reports carry its lines and columns and
 * fixes are edits of that text (docs/powershell.md).
 *
 * Any text is a file, and what the reader cannot follow is a finding of `valid-schema`, not a
 * parse error. Two exceptions, both in files that mention Client Access Rules: a file saved as
 * UTF-16, which read as UTF-8 shows no cmdlet at all (lib/model/text-encoding.ts), and a script
 * PowerShell itself refuses to parse and so runs none of (`powerShellSyntaxProblem`); each fails
 * to parse and says why, rather than passing unread or read as if it ran. The AST ESLint walks is
 * one `Program` node; the rules read the rule-set model, which the model part builds from the
 * text (lib/model/powershell).
 */
import { ConfigCommentParser, Directive, TextSourceCodeBase, VisitNodeStep } from "@eslint/plugin-kit";
import { parsePowerShell } from "../model/powershell/parse.ts";
import { powerShellSyntaxProblem } from "../model/powershell/read.ts";
import { isUtf16RuleScript, utf16Problem } from "../model/text-encoding.ts";
import { fileNameOf } from "./json-parser.ts";

export interface PowerShellProgram {
  readonly type: "Program";
  /** Marks the AST as this language's (the model reads the text of such a file as PowerShell). */
  readonly powerShell: true;
  readonly body: readonly never[];
  readonly range: [number, number];
  readonly loc: { start: { line: number; column: number }; end: { line: number; column: number } };
}

/** A comment as ESLint's inline configuration needs it. */
export interface PowerShellComment {
  readonly type: "Line" | "Block";
  readonly value: string;
  readonly range: [number, number];
  readonly loc: { start: { line: number; column: number }; end: { line: number; column: number } };
}

const commentParser = new ConfigCommentParser();
const INLINE_CONFIG = /^\s*eslint(?:-enable|-disable(?:(?:-next)?-line)?)?(?:\s|$)/u;
type DirectiveType = "disable" | "enable" | "disable-line" | "disable-next-line";

export class PowerShellSourceCode extends TextSourceCodeBase {
  declare ast: PowerShellProgram;
  readonly visitorKeys = { Program: [] as string[] };
  #inlineConfigComments: PowerShellComment[] | undefined;

  constructor({ text, ast }: { text: string; ast: PowerShellProgram }) {
    super({ text, ast, lineEndingPattern: /\r\n|[\r\n]/u });
  }

  /** One node to visit: the rules listen for `Program` and read the model. */
  override traverse(): VisitNodeStep[] {
    return [
      new VisitNodeStep({ target: this.ast, phase: 1, args: [this.ast, null] }),
      new VisitNodeStep({ target: this.ast, phase: 2, args: [this.ast, null] }),
    ];
  }

  /**
   * `# eslint-disable-next-line …`, `<# eslint-disable … #>` and `# eslint …` comments, as in
   * JavaScript and JSON files. Only files that mention `eslint` are read for them.
   */
  getInlineConfigNodes(): PowerShellComment[] {
    if (!this.#inlineConfigComments) {
      this.#inlineConfigComments = this.text.includes("eslint")
        ? parsePowerShell(this.text)
            .comments.filter((comment) => INLINE_CONFIG.test(comment.value))
            .map((comment) => ({
              ...comment,
              loc: { start: this.getLocFromIndex(comment.range[0]), end: this.getLocFromIndex(comment.range[1]) },
            }))
        : [];
    }
    return this.#inlineConfigComments;
  }

  getDisableDirectives(): { problems: Array<{ ruleId: null; message: string; loc: PowerShellComment["loc"] }>; directives: Directive[] } {
    const problems: Array<{ ruleId: null; message: string; loc: PowerShellComment["loc"] }> = [];
    const directives: Directive[] = [];
    for (const comment of this.getInlineConfigNodes()) {
      const parsed = commentParser.parseDirective(comment.value);
      if (!parsed) continue;
      const { label, value, justification } = parsed;
      if (label === "eslint-disable-line" && comment.loc.start.line !== comment.loc.end.line) {
        problems.push({ ruleId: null, message: `${label} comment should not span multiple lines.`, loc: comment.loc });
        continue;
      }
      if (label === "eslint-disable" || label === "eslint-enable" || label === "eslint-disable-next-line" || label === "eslint-disable-line") {
        directives.push(new Directive({ type: label.slice("eslint-".length) as DirectiveType, node: comment, value, justification }));
      }
    }
    return { problems, directives };
  }

  applyInlineConfig(): { configs: Array<{ config: { rules: Record<string, unknown> }; loc: PowerShellComment["loc"] }>; problems: Array<{ ruleId: null; message: string; loc: PowerShellComment["loc"] }> } {
    const configs: Array<{ config: { rules: Record<string, unknown> }; loc: PowerShellComment["loc"] }> = [];
    const problems: Array<{ ruleId: null; message: string; loc: PowerShellComment["loc"] }> = [];
    for (const comment of this.getInlineConfigNodes()) {
      const parsed = commentParser.parseDirective(comment.value);
      if (parsed?.label !== "eslint") continue;
      const result = commentParser.parseJSONLikeConfig(parsed.value);
      if (result.ok) configs.push({ config: { rules: result.config as Record<string, unknown> }, loc: comment.loc });
      else problems.push({ ruleId: null, message: result.error.message, loc: comment.loc });
    }
    return { configs, problems };
  }

  /** The rules ask for a node's first token for whole-rule reports; the node itself serves. */
  getFirstToken(): null {
    return null;
  }
}

function programOf(text: string): PowerShellProgram {
  const lines = text.split(/\r\n|[\r\n]/u);
  return {
    type: "Program",
    powerShell: true,
    body: [],
    range: [0, text.length],
    loc: { start: { line: 1, column: 0 }, end: { line: lines.length, column: lines[lines.length - 1]!.length } },
  };
}

export interface LanguageFile {
  readonly body: string | Uint8Array;
  /** The file's path as ESLint names it (`<text>` for text without a file name). */
  readonly path?: string;
}

/** A parse failure as ESLint's languages report it (line and column from 1: ESLint prints them as given). */
export interface ParseFailure {
  readonly ok: false;
  readonly errors: readonly { readonly message: string; readonly line: number; readonly column: number }[];
}

export const powerShellLanguage = {
  fileType: "text" as const,
  lineStart: 1 as const,
  columnStart: 0 as const,
  nodeTypeKey: "type",
  visitorKeys: { Program: [] as string[] },
  defaultLanguageOptions: {},
  validateLanguageOptions(): void {
    // No options: the rules' settings live under settings["client-access-rules"].
  },
  parse(file: LanguageFile): { ok: true; ast: PowerShellProgram } | ParseFailure {
    const text = typeof file.body === "string" ? file.body : new TextDecoder().decode(file.body);
    if (isUtf16RuleScript(text)) {
      return { ok: false, errors: [{ message: utf16Problem(fileNameOf(file.path)), line: 1, column: 1 }] };
    }
    // PowerShell runs nothing of a script it cannot parse: a parse error, as for malformed JSON.
    const syntax = powerShellSyntaxProblem(text);
    if (syntax) return { ok: false, errors: [{ message: syntax.message, line: syntax.line, column: syntax.column + 1 }] };
    return { ok: true, ast: programOf(text) };
  },
  createSourceCode(file: LanguageFile, parseResult: { ast: PowerShellProgram }): PowerShellSourceCode {
    const text = typeof file.body === "string" ? file.body : new TextDecoder().decode(file.body);
    return new PowerShellSourceCode({ text, ast: parseResult.ast });
  },
};

/** The language's source code, when ESLint is linting a file with it. */
export function isPowerShellSourceCode(sourceCode: unknown): sourceCode is PowerShellSourceCode {
  const ast = (sourceCode as { ast?: { powerShell?: unknown } } | null)?.ast;
  return ast?.powerShell === true;
}
