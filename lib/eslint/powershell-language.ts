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
 * The language never fails to parse: any text is a file, and what the reader cannot follow is a
 * finding of `valid-schema`, not a parse error. The AST ESLint walks is one `Program` node; the
 * rules read the rule-set model, which the model part builds from the text (lib/model/powershell).
 */
import { TextSourceCodeBase, VisitNodeStep } from "@eslint/plugin-kit";

export interface PowerShellProgram {
  readonly type: "Program";
  /** Marks the AST as this language's (the model reads the text of such a file as PowerShell). */
  readonly powerShell: true;
  readonly body: readonly never[];
  readonly range: [number, number];
  readonly loc: { start: { line: number; column: number }; end: { line: number; column: number } };
}

export class PowerShellSourceCode extends TextSourceCodeBase {
  declare ast: PowerShellProgram;
  readonly visitorKeys = { Program: [] as string[] };

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
  parse(file: LanguageFile): { ok: true; ast: PowerShellProgram } {
    const text = typeof file.body === "string" ? file.body : new TextDecoder().decode(file.body);
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
