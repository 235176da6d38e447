/**
 * The PowerShell the reader understands: literal values with their exact source spans, the
 * commands of a script, Microsoft365DSC resource blocks and the places where code does not run in
 * a statically known way (functions, loops, conditions, script blocks).
 */

/** A half-open span of the file's text: `[start, end)` in UTF-16 code units. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export type QuoteStyle = "bare" | "single" | "double" | "here-single" | "here-double";

export type PsValue =
  | { readonly kind: "string"; readonly value: string; readonly span: Span; readonly quote: QuoteStyle }
  | { readonly kind: "number"; readonly value: number; readonly span: Span }
  | { readonly kind: "bool"; readonly value: boolean; readonly span: Span }
  | { readonly kind: "null"; readonly span: Span }
  | {
      readonly kind: "array";
      readonly items: readonly PsValue[];
      readonly span: Span;
      /** `comma`: `a, b` (command-mode list or bare comma expression); `subexpression`: `@(…)`. */
      readonly form: "comma" | "subexpression";
      /** For `@(…)`: the span of the closing parenthesis, where a new item goes. */
      readonly close?: Span;
    }
  | { readonly kind: "hashtable"; readonly entries: readonly PsHashEntry[]; readonly span: Span }
  | {
      readonly kind: "unknown";
      readonly span: Span;
      readonly why: UnknownReason;
      /**
       * For a script block, what PowerShell converts it to for a string parameter (its
       * `ToString()`): the text between its braces, as written.
       */
      readonly text?: string;
    };

/** Why a value is not statically known. */
export type UnknownReason =
  | "variable"
  | "expandable-string"
  | "subexpression"
  | "script-block"
  | "expression"
  | "command-output"
  | "nested-array";

export interface PsHashEntry {
  readonly key: string;
  readonly keySpan: Span;
  readonly value: PsValue;
  /** The whole `Key = value` entry. */
  readonly span: Span;
}

/** Where a statement runs: at the top level (in order, once) or somewhere the reader cannot follow. */
export type RunContext = "top" | "function" | "conditional" | "loop" | "script-block";

export type CommandElement =
  | {
      readonly kind: "parameter";
      /** The name as written, without the dash. */
      readonly name: string;
      readonly span: Span;
      /** The value bound with a colon (`-Enabled:$false`). */
      readonly colonValue: PsValue | undefined;
    }
  | { readonly kind: "argument"; readonly value: PsValue }
  | { readonly kind: "splat"; readonly name: string; readonly span: Span; readonly value: PsValue | undefined };

export interface PsCommand {
  /** The command name as written, without a module qualifier. */
  readonly name: string;
  readonly nameSpan: Span;
  readonly span: Span;
  readonly elements: readonly CommandElement[];
  /** The command receives pipeline input (it follows a `|`). */
  readonly pipelineInput: boolean;
  readonly context: RunContext;
  /** The enclosing function, for commands in a function body. */
  readonly functionName: { readonly name: string; readonly span: Span } | undefined;
  /** For a command directly in a branch of an `if` that asks whether a rule exists. */
  readonly guard?: PsRuleGuard;
  /** For the `Get-` command that is such an `if`'s condition. */
  readonly existenceTest?: PsExistenceTest;
}

/**
 * The condition of `if (-not (Get-ClientAccessRule 'X' -ErrorAction SilentlyContinue)) { … } else
 * { … }` (or `if (Get-ClientAccessRule 'X' …)`, `$null -eq (…)`): on the organization the script is
 * simulated on, whether rule X exists when the condition runs, and so which branch runs, is known.
 * One object per `if`, shared by its `Get-` command and its branches.
 */
export interface PsExistenceTest {
  /** The rule the condition asks for, as written. */
  readonly name: string;
}

/** A branch of an `if` whose condition is a {@link PsExistenceTest}. */
export interface PsRuleGuard {
  readonly test: PsExistenceTest;
  /** Whether this branch runs when the rule exists (or when it does not). */
  readonly whenExists: boolean;
  /** The statement depth of the branch's own statements (commands nested deeper are not guarded). */
  readonly depth: number;
}

export interface PsResourceBlock {
  /** The resource name as written (`EXOClientAccessRule`). */
  readonly resource: string;
  readonly resourceSpan: Span;
  readonly instanceName: PsValue | undefined;
  readonly entries: readonly PsHashEntry[];
  /** From the resource name to the closing brace. */
  readonly span: Span;
  readonly open: Span;
  readonly close: Span;
  readonly context: RunContext;
}

/** A `# …` or `<# … #>` comment the reader passed (for ESLint's inline configuration comments). */
export interface PsComment {
  readonly type: "Line" | "Block";
  /** The text after `#`, or between `<#` and `#>`. */
  readonly value: string;
  readonly range: [number, number];
}

/**
 * What makes PowerShell refuse to run a script at all: it parses the whole file first, and a
 * parse error stops every command in it. Only what the reader tells for certain: a string,
 * here-string, block comment or bracket that is never closed, a closing bracket that closes
 * nothing, and a hashtable literal that repeats a key.
 */
export type PsSyntaxError =
  | {
      readonly kind: "unclosed-string" | "unclosed-here-string" | "unclosed-comment";
      /** Where the string or comment starts. */
      readonly offset: number;
    }
  | {
      /** A `{`, `[` or `(` (of `(…)`, `$(…)`, `@(…)`, `@{…}`) that the file never closes. */
      readonly kind: "unclosed-bracket";
      /** Where the bracket is. */
      readonly offset: number;
      /** As written: `{`, `[`, `(`, `$(`, `@(` or `@{`. */
      readonly bracket: string;
    }
  | {
      /** A `}` or `)` that closes nothing. */
      readonly kind: "stray-closer";
      readonly offset: number;
      readonly closer: "}" | ")";
    }
  | {
      /** A hashtable literal that repeats a key (keys match in any case): PowerShell refuses it. */
      readonly kind: "duplicate-key";
      /** Where the key is written again. */
      readonly offset: number;
      /** The key, and where, as first written. */
      readonly key: string;
      readonly firstOffset: number;
    };

export interface PsScript {
  readonly text: string;
  /** In file order; empty when PowerShell would parse the file, as far as the reader tells. */
  readonly syntaxErrors: readonly PsSyntaxError[];
  /** Comments outside strings, in file order. */
  readonly comments: readonly PsComment[];
  /** The Client Access Rule cmdlets, in file order. */
  readonly commands: readonly PsCommand[];
  readonly resourceBlocks: readonly PsResourceBlock[];
  /**
   * Where the script stops running: its first top-level `exit` or `return`, or `throw` when no
   * `trap` catches it. The commands after it never run.
   */
  readonly end: number | undefined;
}
