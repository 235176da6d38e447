/**
 * A focused PowerShell reader: it finds the Client Access Rule cmdlets of a script and the
 * `EXOClientAccessRule` blocks of a Microsoft365DSC configuration, and reads their literal
 * arguments with exact spans. Everything else is skipped with just enough understanding of
 * PowerShell's syntax to stay in step: strings and here-strings, comments (`#`, `<# #>`), line
 * continuations, nested brackets and script blocks.
 *
 * Why not a full grammar: tree-sitter-powershell (the one PowerShell grammar on npm, run through
 * web-tree-sitter) splits command-mode comma lists (`ExchangeWebServices,REST` became the tokens
 * `ExchangeWebServices` and `,REST`) and flags errors on ordinary cmdlet lines; its parser also
 * loads asynchronously, which an ESLint language's synchronous `parse` cannot wait for. See
 * docs/powershell.md.
 *
 * Never throws: every input, however broken, yields a PsScript (possibly empty).
 */
import type {
  CommandElement,
  PsComment,
  PsCommand,
  PsHashEntry,
  PsResourceBlock,
  PsRuleGuard,
  PsScript,
  PsSyntaxError,
  PsValue,
  RunContext,
  Span,
  UnknownReason,
} from "./syntax.ts";
import { TextMemo } from "../text-memo.ts";

/**
 * The cmdlets of Client Access Rules (module-qualified names are accepted too), with or without the
 * noun prefix of `Connect-ExchangeOnline -Prefix EXO` or `Import-PSSession -Prefix EXO`
 * (`New-EXOClientAccessRule`): no other cmdlet's noun ends in ClientAccessRule.
 */
export const CAR_CMDLET_PATTERN = /^(?:get|set|new|remove|test)-[\p{L}\p{Nd}]*clientaccessrule$/iu;
export const DSC_RESOURCE = "exoclientaccessrule";

const SINGLE_QUOTES = new Set(["'", "\u2018", "\u2019", "\u201A", "\u201B"]);
const DOUBLE_QUOTES = new Set(['"', "\u201C", "\u201D", "\u201E"]);
const OPENERS = { ")": "(", "]": "[", "}": "{" } as const;
const DASHES = new Set(["-", "\u2013", "\u2014", "\u2015"]);
const NEWLINES = new Set(["\n", "\r"]);
const INLINE_SPACE = /[ \t\f\v\u00A0\uFEFF\u2000-\u200B\u2028\u2029\u202F\u205F\u3000]/u;
/** Characters that end a bare word in command mode. */
const WORD_END = new Set([" ", "\t", "\f", "\v", "\u00A0", "\n", "\r", ",", ";", "|", "(", ")", "{", "}", "&", ">", "<"]);
const NUMBER = /^[+-]?(?:0x[0-9a-f]+|\d+(?:\.\d+)?(?:e[+-]?\d+)?|\.\d+(?:e[+-]?\d+)?)(?:l|d|u|ul|y|uy|s|us|n)?(?:kb|mb|gb|tb|pb)?$/iu;
const MULTIPLIERS: Record<string, number> = { kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3, tb: 1024 ** 4, pb: 1024 ** 5 };

/** Cmdlets (and their aliases) that set, create, clear or remove a variable by name. */
const VARIABLE_CMDLETS = new Set(["set-variable", "set", "sv", "new-variable", "nv", "clear-variable", "clv", "remove-variable", "rv"]);
/**
 * `Get-Variable` hands out the variable itself (`(Get-Variable p).Value = …`), and the item and
 * content cmdlets change variables through the variable drive (`Set-Item variable:p …`).
 */
const VARIABLE_HANDLE_CMDLETS = new Set(["get-variable", "gv"]);
const ITEM_CMDLETS = new Set([
  ...["set-item", "si", "new-item", "ni", "clear-item", "cli", "remove-item", "ri", "rm", "rmdir", "del", "erase", "rd"],
  ...["rename-item", "ren", "rni", "copy-item", "copy", "cp", "cpi", "move-item", "move", "mv", "mi"],
  ...["set-content", "sc", "add-content", "ac", "clear-content", "clc"],
]);
/** A path on the variable drive: `variable:p`, `Variable:\p`, `variable:/p*`. */
const VARIABLE_PATH = /^variable:[\\/]?(.*)$/iu;
/** Variables whose members reach every variable (`$ExecutionContext.SessionState.PSVariable.Set(…)`). */
const SESSION_STATE_VARIABLES = new Set(["executioncontext", "pscmdlet"]);
/** `[ref]`, as a cast is written. */
const REF_CAST = /^\[\s*ref\s*\]$/iu;
/** A method called on a variable, directly or on one element of it: `.Add(`, `[0].Remove(`. */
const METHOD_CALL = /^(?:\[[^\]\n]*\])?\.[\p{L}\p{N}_]+\s*\(/u;

const BLOCK_KEYWORDS: Record<string, RunContext | "same"> = {
  if: "conditional",
  elseif: "conditional",
  else: "conditional",
  switch: "conditional",
  catch: "conditional",
  trap: "conditional",
  while: "loop",
  for: "loop",
  foreach: "loop",
  do: "loop",
  until: "loop",
  try: "same",
  finally: "same",
  begin: "same",
  process: "same",
  end: "same",
  clean: "same",
  dynamicparam: "same",
  parallel: "conditional",
  sequence: "same",
  inlinescript: "script-block",
};

function parseNumber(text: string): number | undefined {
  if (!NUMBER.test(text)) return undefined;
  let body = text.toLowerCase();
  let multiplier = 1;
  const suffix = /(kb|mb|gb|tb|pb)$/u.exec(body);
  if (suffix) {
    multiplier = MULTIPLIERS[suffix[1]!]!;
    body = body.slice(0, -2);
  }
  body = body.replace(/(?:ul|uy|us|l|d|u|y|s|n)$/u, "");
  const value = /^[+-]?0x/u.test(body) ? Number.parseInt(body.replace("0x", ""), 16) : Number(body);
  return Number.isFinite(value) ? value * multiplier : undefined;
}

interface Variable {
  readonly value: PsValue | undefined;
}

class Reader {
  readonly text: string;
  pos = 0;
  readonly commands: PsCommand[] = [];
  readonly resourceBlocks: PsResourceBlock[] = [];
  /** Comments by start offset (the reader may pass a comment twice after stepping back). */
  readonly comments = new Map<number, PsComment>();
  /** Syntax errors by start offset (read twice after stepping back, they count once). */
  readonly syntaxErrors = new Map<number, PsSyntaxError>();
  /** Set once a `[` was never closed: its skip took every closer after it. */
  private typeLiteralRanToEnd = false;
  /** The branch being read of an `if` that asks whether a rule exists (see {@link guardedIf}). */
  private guard: PsRuleGuard | undefined;
  /**
   * The statement depths that run as the script's own statement list: the file's (1), and the body
   * of a `try` or `finally` there (a deployment wrapped in `try { … } catch { … }`).
   */
  private readonly topLevelDepths = new Set([1]);
  /** The first top-level `exit` or `return`, and `throw`, which a `trap` anywhere in the file may catch. */
  exitAt: number | undefined;
  throwAt: number | undefined;
  sawTrap = false;
  /** Variables with a literal value, assigned at the top level; `undefined` once not statically known. */
  readonly variables = new Map<string, Variable>();
  /**
   * Variables that code running at times the reader cannot place (a function body, a script block)
   * may change: unknown wherever they are read, whatever is assigned at the top level.
   */
  private readonly unplaceable = new Set<string>();
  /** Every variable may change at such a time (`Invoke-Expression`, a variable cmdlet naming a variable the reader cannot know). */
  private everyVariableUnplaceable = false;
  private depth = 0;

  constructor(text: string) {
    this.text = text;
  }

  // ---- characters -------------------------------------------------------------------------

  private peek(offset = 0): string {
    return this.text[this.pos + offset] ?? "";
  }

  private atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  private isNewline(char: string): boolean {
    return NEWLINES.has(char);
  }

  /** Skips spaces, comments and line continuations; newlines too when `newlines` is set. */
  private skipTrivia(newlines: boolean): void {
    for (;;) {
      const char = this.peek();
      if (char === "") return;
      if (INLINE_SPACE.test(char)) {
        this.pos++;
      } else if (char === "`" && this.isNewline(this.peek(1))) {
        this.pos += this.peek(1) === "\r" && this.peek(2) === "\n" ? 3 : 2;
      } else if (newlines && this.isNewline(char)) {
        this.pos++;
      } else if (char === "#") {
        const start = this.pos;
        while (!this.atEnd() && !this.isNewline(this.peek())) this.pos++;
        this.comments.set(start, { type: "Line", value: this.text.slice(start + 1, this.pos), range: [start, this.pos] });
      } else if (char === "<" && this.peek(1) === "#") {
        const start = this.pos;
        const close = this.text.indexOf("#>", this.pos + 2);
        if (close < 0) this.syntaxErrors.set(start, { kind: "unclosed-comment", offset: start });
        this.pos = close < 0 ? this.text.length : close + 2;
        const valueEnd = close < 0 ? this.text.length : close;
        this.comments.set(start, { type: "Block", value: this.text.slice(start + 2, valueEnd), range: [start, this.pos] });
      } else {
        return;
      }
    }
  }

  /** A statement ends at a newline, `;`, a closing bracket or the end of the file. */
  private atStatementEnd(): boolean {
    const char = this.peek();
    return char === "" || char === ";" || char === ")" || char === "}" || this.isNewline(char);
  }

  // ---- strings ----------------------------------------------------------------------------

  /** Reads a quoted string or here-string at `pos`; `undefined` value when it expands variables. */
  private readString(): { value: string | undefined; span: Span; quote: "single" | "double" | "here-single" | "here-double" } {
    const start = this.pos;
    const char = this.peek();
    if (char === "@") {
      const single = SINGLE_QUOTES.has(this.peek(1));
      this.pos += 2;
      // The opening line must end right after the quote (trailing spaces allowed).
      while (INLINE_SPACE.test(this.peek())) this.pos++;
      if (this.peek() === "\r") this.pos++;
      if (this.peek() === "\n") this.pos++;
      const bodyStart = this.pos;
      let bodyEnd = this.text.length;
      let end = this.text.length;
      const closer = single ? SINGLE_QUOTES : DOUBLE_QUOTES;
      let closed = false;
      for (let index = bodyStart; index < this.text.length; index++) {
        if (this.text[index] !== "\n") continue;
        if (closer.has(this.text[index + 1] ?? "") && this.text[index + 2] === "@") {
          bodyEnd = index > bodyStart && this.text[index - 1] === "\r" ? index - 1 : index;
          end = index + 3;
          closed = true;
          break;
        }
      }
      if (!closed) this.syntaxErrors.set(start, { kind: "unclosed-here-string", offset: start });
      this.pos = end;
      const body = this.text.slice(bodyStart, bodyEnd);
      const value = single ? body : this.expandable(body);
      return { value, span: { start, end }, quote: single ? "here-single" : "here-double" };
    }
    const single = SINGLE_QUOTES.has(char);
    const quotes = single ? SINGLE_QUOTES : DOUBLE_QUOTES;
    this.pos++;
    let value = "";
    let expands = false;
    while (!this.atEnd()) {
      const current = this.peek();
      if (quotes.has(current)) {
        if (quotes.has(this.peek(1))) {
          value += current;
          this.pos += 2;
          continue;
        }
        this.pos++;
        return { value: expands ? undefined : value, span: { start, end: this.pos }, quote: single ? "single" : "double" };
      }
      if (!single && current === "`") {
        value += this.escape(this.peek(1));
        this.pos += 2;
        continue;
      }
      if (!single && current === "$" && /[\w{(:?^$]/u.test(this.peek(1))) {
        expands = true;
        if (this.peek(1) === "(") {
          this.pos += 2;
          this.skipBalanced(")");
          continue;
        }
      }
      value += current;
      this.pos++;
    }
    // Unterminated: the string runs to the end of the file, as PowerShell reads it.
    this.syntaxErrors.set(start, { kind: "unclosed-string", offset: start });
    return { value: undefined, span: { start, end: this.pos }, quote: single ? "single" : "double" };
  }

  private escape(char: string): string {
    const escapes: Record<string, string> = { n: "\n", t: "\t", r: "\r", "0": "\0", a: "\u0007", b: "\b", e: "\u001B", f: "\f", v: "\v" };
    return escapes[char] ?? char;
  }

  /** The value of an expandable here-string body, or `undefined` when it expands anything. */
  private expandable(body: string): string | undefined {
    let value = "";
    for (let index = 0; index < body.length; index++) {
      const char = body[index]!;
      if (char === "`") {
        value += this.escape(body[index + 1] ?? "");
        index++;
      } else if (char === "$" && /[\w{(:?^$]/u.test(body[index + 1] ?? "")) {
        return undefined;
      } else {
        value += char;
      }
    }
    return value;
  }

  private atStringStart(): boolean {
    const char = this.peek();
    if (SINGLE_QUOTES.has(char) || DOUBLE_QUOTES.has(char)) return true;
    return char === "@" && (SINGLE_QUOTES.has(this.peek(1)) || DOUBLE_QUOTES.has(this.peek(1)));
  }

  // ---- skipping ---------------------------------------------------------------------------

  /**
   * Skips to the matching `closer`, reading nested script blocks as code that does not run in a
   * known way (so cmdlets inside them are still found) and subexpressions as code that runs.
   */
  private skipBalanced(closer: ")" | "]" | "}", context: RunContext = "script-block", functionName?: PsCommand["functionName"]): boolean {
    while (!this.atEnd()) {
      this.skipTrivia(true);
      const char = this.peek();
      if (char === "") return false;
      if (char === closer) {
        this.pos++;
        return true;
      }
      if (this.atStringStart()) {
        this.readString();
      } else if (char === "{") {
        this.pos++;
        this.statements("}", context, functionName);
      } else if (char === "(") {
        this.pos++;
        this.statements(")", context === "top" ? "top" : context, functionName);
      } else if (char === "[") {
        this.pos++;
        this.skipBalanced("]", context, functionName);
      } else if (char === "`") {
        this.pos += 2;
      } else {
        this.pos++;
      }
    }
    return false;
  }

  /**
   * Skips a type literal or an index, `[` to its `]`, where `[` can be nothing else (a statement's
   * start, a cast, `$x[…]`, a keyword's `catch [T]`); in a command's arguments `[` may start a
   * bare word (`Get-ChildItem [a-c]*`), so those are skipped with {@link skipBalanced} alone.
   */
  private skipTypeOrIndex(context: RunContext, functionName: PsCommand["functionName"]): void {
    const opened = this.pos;
    this.pos++;
    if (this.skipBalanced("]", context, functionName)) return;
    this.unclosed(opened, "]");
    // The brackets around it are not known to be unclosed.
    this.typeLiteralRanToEnd = true;
  }

  /** Skips the rest of a statement (nested brackets included). */
  private skipStatement(context: RunContext, functionName: PsCommand["functionName"]): void {
    for (;;) {
      this.skipTrivia(false);
      if (this.atStatementEnd()) return;
      const char = this.peek();
      if (this.atStringStart()) this.readString();
      else if (char === "{") {
        this.pos++;
        this.statements("}", innerContext(context, "script-block"), functionName);
      } else if (char === "(" || (char === "$" && this.peek(1) === "(") || (char === "@" && this.peek(1) === "(")) {
        this.pos += char === "(" ? 1 : 2;
        this.statements(")", context, functionName);
      } else if (char === "@" && this.peek(1) === "{") {
        this.pos += 2;
        this.hashtableEntries(context, functionName);
      } else if (char === "[") {
        this.pos++;
        this.skipBalanced("]", context, functionName);
      } else if (char === "|") {
        this.pos++;
        this.skipTrivia(true);
        this.pipeline(context, functionName, true);
        return;
      } else if (char === "`") this.pos += 2;
      else this.pos++;
    }
  }

  // ---- statements -------------------------------------------------------------------------

  /**
   * Reads statements until `closer` (consumed) or the end of the file. Returns the values of the
   * statements that are plain literal expressions (for `@(…)` and `(…)`), `undefined` when some
   * statement is not one.
   */
  statements(closer: ")" | "}" | null, context: RunContext, functionName?: PsCommand["functionName"]): PsValue[] | undefined {
    // Called just past the opening bracket, whose closer it reads up to.
    const opened = this.pos - 1;
    this.depth++;
    let values: PsValue[] | undefined = [];
    try {
      // Deeply nested input is skipped rather than risking the stack.
      if (this.depth > 200) {
        if (closer) this.skipBalanced(closer, context, functionName);
        else this.pos = this.text.length;
        return undefined;
      }
      while (!this.atEnd()) {
        this.skipTrivia(true);
        const char = this.peek();
        if (char === ";") {
          this.pos++;
          continue;
        }
        if (char === "") break;
        if (closer && char === closer) {
          this.pos++;
          return values;
        }
        if (char === ")" || char === "}") {
          // A stray closer: PowerShell would not parse the file; step over it and go on.
          this.syntaxErrors.set(this.pos, { kind: "stray-closer", offset: this.pos, closer: char });
          this.pos++;
          continue;
        }
        const before = this.pos;
        const value = this.statement(context, functionName);
        if (value === undefined) values = undefined;
        else if (values) values.push(value);
        if (this.pos === before) this.pos++;
      }
      if (closer) this.unclosed(opened, closer);
      return values;
    } finally {
      this.depth--;
    }
  }

  /** One statement; returns its value when it is a literal expression. */
  private statement(context: RunContext, functionName: PsCommand["functionName"]): PsValue | undefined {
    const char = this.peek();
    if (char === "$" && /[\w{]/u.test(this.peek(1))) return this.variableStatement(context, functionName);
    if (char === "[") {
      // A type constraint or cast (`[string[]]$x = …`, `[void](…)`).
      const start = this.pos;
      this.skipTypeOrIndex(context, functionName);
      this.skipTrivia(false);
      this.forgetIfReferenced(start, context);
      if (this.peek() === "$") return this.variableStatement(context, functionName);
      if (this.atStatementEnd()) return undefined;
      const value = this.expressionStatement(context, functionName);
      return value && value.kind !== "unknown" ? { ...value } : { kind: "unknown", span: { start, end: this.pos }, why: "expression" };
    }
    if (/[\p{L}_]/u.test(char)) {
      const word = this.peekWord();
      const lower = word.toLowerCase();
      if (lower === "function" || lower === "filter" || lower === "workflow") return this.functionDefinition(context);
      if (lower === "configuration" || lower === "node") return this.namedBlock(context, functionName);
      if (lower === "class" || lower === "enum") {
        this.pos += word.length;
        this.skipStatementUntilBlockThenSkip();
        return undefined;
      }
      if (lower === "param") {
        this.pos += word.length;
        this.skipTrivia(true);
        if (this.peek() === "(") {
          this.pos++;
          this.skipBalanced(")", context, functionName);
        }
        return undefined;
      }
      if (lower === "if" && context === "top" && this.topLevelDepths.has(this.depth) && this.isKeywordAt(word) && this.guardedIf(functionName)) {
        return undefined;
      }
      if (lower === "trap") this.sawTrap = true;
      if (context === "top" && this.depth === 1 && (this.isKeywordAt(word) || this.text[this.pos + word.length] === ";")) {
        if ((lower === "exit" || lower === "return") && this.exitAt === undefined) this.exitAt = this.pos;
        if (lower === "throw" && this.throwAt === undefined) this.throwAt = this.pos;
      }
      const blockContext = BLOCK_KEYWORDS[lower];
      if (blockContext !== undefined && this.isKeywordAt(word)) {
        const body = this.depth + 1;
        const wrapsTopLevel = (lower === "try" || lower === "finally") && context === "top" && this.topLevelDepths.has(this.depth) && !this.topLevelDepths.has(body);
        if (wrapsTopLevel) this.topLevelDepths.add(body);
        try {
          this.keywordBlock(word, blockContext === "same" ? context : innerContext(context, blockContext), functionName);
        } finally {
          if (wrapsTopLevel) this.topLevelDepths.delete(body);
        }
        return undefined;
      }
      if (lower === DSC_RESOURCE) return this.resourceBlock(context);
    }
    if (/[\p{L}_]/u.test(char) || char === "&" || (char === "." && INLINE_SPACE.test(this.peek(1)))) {
      this.pipeline(context, functionName, false);
      return undefined;
    }
    return this.expressionStatement(context, functionName);
  }

  /** A keyword only when followed by `(`, `{`, a space or the end of the line, not `if-something`. */
  private isKeywordAt(word: string): boolean {
    const next = this.text[this.pos + word.length] ?? "";
    return next === "" || next === "(" || next === "{" || INLINE_SPACE.test(next) || this.isNewline(next);
  }

  private peekWord(): string {
    let end = this.pos;
    while (end < this.text.length && /[\p{L}\p{N}_\-.\\:]/u.test(this.text[end]!)) end++;
    return this.text.slice(this.pos, end);
  }

  /** `if (…) {…}`, `foreach (…) {…}`, `try {…}`, `catch [T] {…}`, `do {…} while (…)`… */
  private keywordBlock(word: string, context: RunContext, functionName: PsCommand["functionName"]): void {
    this.pos += word.length;
    if (word.toLowerCase() === "foreach") {
      // `foreach ($p in …)` leaves $p holding the last item once the loop is done.
      const start = this.pos;
      this.skipTrivia(true);
      if (this.peek() === "(") {
        this.pos++;
        this.skipTrivia(true);
        if (this.peek() === "$") this.assignedUnknown(this.readVariableName().name, false, context);
      }
      this.pos = start;
    }
    for (let guard = 0; guard < 8; guard++) {
      this.skipTrivia(true);
      const char = this.peek();
      if (char === "(") {
        this.pos++;
        // The condition or the collection runs (once): cmdlets there are read where they are.
        this.statements(")", context === "loop" ? "loop" : context, functionName);
      } else if (char === "[") {
        this.skipTypeOrIndex(context, functionName);
      } else if (char === "-" && /[a-z]/iu.test(this.peek(1))) {
        // switch -Regex, foreach -Parallel
        this.pos++;
        while (/[\w]/u.test(this.peek())) this.pos++;
      } else if (char === "{") {
        this.pos++;
        this.statements("}", context, functionName);
        return;
      } else if (char === "," ) {
        this.pos++;
      } else {
        return;
      }
    }
  }

  /**
   * `if (-not (Get-ClientAccessRule 'X' -ErrorAction SilentlyContinue)) { … } else { … }` at the top
   * level, the way idempotent deployment scripts create a rule only where it is missing: each
   * branch is read as code that runs exactly when the rule exists (or does not) as the condition
   * runs, which the simulation knows. The condition must be a bare existence test of one rule
   * named by a literal, with errors silenced (a missing rule would otherwise write an error, or
   * stop the script under `$ErrorActionPreference = 'Stop'`). Returns false, having read nothing,
   * for any other `if`.
   */
  private guardedIf(functionName: PsCommand["functionName"]): boolean {
    const start = this.pos;
    this.pos += 2;
    this.skipTrivia(false);
    const commandsBefore = this.commands.length;
    const syntaxErrorsBefore = this.syntaxErrors.size;
    const test = this.peek() === "(" ? this.ruleExistenceTest(functionName) : undefined;
    this.skipTrivia(true);
    if (!test || this.peek() !== "{" || this.syntaxErrors.size !== syntaxErrorsBefore) {
      // Read again as any other `if`.
      this.pos = start;
      this.commands.length = commandsBefore;
      return false;
    }
    // The condition recorded one command, its Get-.
    const existenceTest = { name: test.name };
    this.commands[commandsBefore] = { ...(this.commands[commandsBefore] as PsCommand), existenceTest };
    const before = new Map(this.variables);
    const changed = this.guardedBranch({ test: existenceTest, whenExists: test.whenExists, depth: this.depth + 1 }, before, functionName);
    const afterThen = this.pos;
    this.skipTrivia(true);
    if (this.peekWord().toLowerCase() === "else" && this.isKeywordAt("else")) {
      this.pos += 4;
      this.skipTrivia(true);
      if (this.peek() === "{") {
        // The else branch starts from the variables as they were before the if.
        for (const name of changed) {
          const entry = before.get(name);
          if (entry) this.variables.set(name, entry);
          else this.variables.delete(name);
        }
        for (const name of this.guardedBranch({ test: existenceTest, whenExists: !test.whenExists, depth: this.depth + 1 }, before, functionName)) {
          changed.add(name);
        }
      } else this.pos = afterThen;
    } else this.pos = afterThen;
    // An `elseif` (or anything else) is read as its own statement, as before. Which branch ran is
    // the simulation's to know, so what either assigned is unknown after the if.
    for (const name of changed) this.variables.set(name, { value: undefined });
    return true;
  }

  /**
   * Reads a branch as top-level code (its commands carry `guard`): its own assignments hold within
   * it. Returns the variables it assigned.
   */
  private guardedBranch(guard: PsRuleGuard, before: ReadonlyMap<string, Variable>, functionName: PsCommand["functionName"]): Set<string> {
    this.pos++;
    this.guard = guard;
    try {
      this.statements("}", "top", functionName);
    } finally {
      this.guard = undefined;
    }
    const changed = new Set<string>();
    for (const [name, entry] of this.variables) if (before.get(name) !== entry) changed.add(name);
    return changed;
  }

  /**
   * The condition of a {@link guardedIf}, from its `(` to its `)`: which rule it asks for and
   * whether it holds when the rule exists. Reads the condition (the `Get-` command is recorded, and
   * changes nothing); undefined when it is not such a test.
   */
  private ruleExistenceTest(functionName: PsCommand["functionName"]): { name: string; whenExists: boolean } | undefined {
    const open = this.pos;
    const commandsBefore = this.commands.length;
    this.pos++;
    this.statements(")", "top", functionName);
    const get = this.commands.length === commandsBefore + 1 ? this.commands[commandsBefore] : undefined;
    if (!get || get.pipelineInput || !/^get-/iu.test(get.name)) return undefined;
    const name = existenceTestTarget(get.elements);
    if (name === undefined) return undefined;
    const shape = (this.text.slice(open, get.span.start) + "GET" + this.text.slice(get.span.end, this.pos)).replace(/\s+/gu, "").toLowerCase();
    const whenExists = EXISTENCE_TESTS.get(shape);
    return whenExists === undefined ? undefined : { name, whenExists };
  }

  private skipStatementUntilBlockThenSkip(): void {
    while (!this.atEnd() && this.peek() !== "{" && !this.isNewline(this.peek())) this.pos++;
    this.skipTrivia(true);
    if (this.peek() === "{") {
      this.pos++;
      this.skipBalanced("}");
    }
  }

  private functionDefinition(context: RunContext): undefined {
    const keyword = this.peekWord();
    this.pos += keyword.length;
    this.skipTrivia(false);
    const nameStart = this.pos;
    while (!this.atEnd() && !WORD_END.has(this.peek())) this.pos++;
    const name = this.text.slice(nameStart, this.pos);
    const functionName = { name, span: { start: nameStart, end: this.pos } };
    this.skipTrivia(true);
    if (this.peek() === "(") {
      this.pos++;
      this.skipBalanced(")", "function", functionName);
      this.skipTrivia(true);
    }
    if (this.peek() === "{") {
      this.pos++;
      this.statements("}", context === "top" ? "function" : context, functionName);
    }
    return undefined;
  }

  /** `Configuration Name {…}` and `node localhost {…}`: the body holds resource blocks. */
  private namedBlock(context: RunContext, functionName: PsCommand["functionName"]): PsValue | undefined {
    const start = this.pos;
    const keyword = this.peekWord();
    this.pos += keyword.length;
    for (let guard = 0; guard < 4; guard++) {
      this.skipTrivia(false);
      if (this.peek() === "{" || this.atStatementEnd() || this.peek() === "|") break;
      this.argumentValue(context, functionName);
    }
    this.skipTrivia(true);
    if (this.peek() === "{") {
      this.pos++;
      this.statements("}", context, functionName);
      return undefined;
    }
    // `node` and `configuration` can also be ordinary command names.
    this.pos = start;
    this.pipeline(context, functionName, false);
    return undefined;
  }

  /** `EXOClientAccessRule "instance" { Key = value … }` (the brace may be on the next line). */
  private resourceBlock(context: RunContext): PsValue | undefined {
    const start = this.pos;
    const resource = this.peekWord();
    const resourceSpan = { start, end: start + resource.length };
    this.pos = resourceSpan.end;
    this.skipTrivia(false);
    let instanceName: PsValue | undefined;
    if (this.peek() !== "{" && !this.atStatementEnd()) instanceName = this.argumentValue(context, undefined);
    this.skipTrivia(true);
    if (this.peek() !== "{") {
      this.pos = start;
      this.pipeline(context, undefined, false);
      return undefined;
    }
    const open = { start: this.pos, end: this.pos + 1 };
    this.pos++;
    const entries = this.entries("}", context, undefined);
    const close = { start: Math.max(this.pos - 1, open.end), end: this.pos };
    this.resourceBlocks.push({
      resource,
      resourceSpan,
      instanceName,
      entries,
      span: { start, end: this.pos },
      open,
      close,
      context,
    });
    return undefined;
  }

  // ---- variables ----------------------------------------------------------------------------

  /**
   * `$name`, `${name}`, `$script:name`: the name without its scope, and whether the scope is the
   * script's or the global one (`$script:x = …` in a function body changes the script's variable).
   */
  private readVariableName(): { name: string; span: Span; scoped: boolean } {
    const start = this.pos;
    this.pos++; // $
    let name: string;
    if (this.peek() === "{") {
      const close = this.text.indexOf("}", this.pos);
      const end = close < 0 ? this.text.length : close;
      name = this.text.slice(this.pos + 1, end);
      this.pos = Math.min(end + 1, this.text.length);
    } else {
      const nameStart = this.pos;
      while (/[\p{L}\p{N}_?:]/u.test(this.peek())) {
        // `$a:b` scopes and drives; a trailing colon (`"$a:"`) is not part of the name.
        if (this.peek() === ":" && !/[\p{L}\p{N}_]/u.test(this.peek(1))) break;
        this.pos++;
      }
      name = this.text.slice(nameStart, this.pos);
    }
    const lower = name.toLowerCase();
    // `$variable:p` is `$p` through the variable drive.
    return { name: lower.replace(/^(?:script|global|local|private|variable):/u, ""), span: { start, end: this.pos }, scoped: /^(?:script|global):/u.test(lower) };
  }

  private variableValue(name: string, span: Span): PsValue {
    if (name === "true" || name === "false") return { kind: "bool", value: name === "true", span };
    if (name === "null") return { kind: "null", span };
    return this.knownValue(name) ?? { kind: "unknown", span, why: "variable" };
  }

  /**
   * An assignment that leaves the variable without a known literal. At the top level, in a loop, a
   * condition or a script block it happens where it is written (a script block is run in place by
   * ForEach-Object, or dot-sourced, which forgets every variable); in a function body a plain
   * `$x = …` makes a variable of the function's own, while `$script:x = …` changes the script's
   * whenever the function runs.
   */
  private assignedUnknown(name: string, scoped: boolean, context: RunContext): void {
    if (context === "function" && !scoped) return;
    this.forget(name, scoped ? context : "conditional");
  }

  /**
   * After a cast that started at `castStart`: `[ref]$x` hands a reference on, and whatever takes it
   * may change the variable that follows.
   */
  private forgetIfReferenced(castStart: number, context: RunContext): void {
    if (this.peek() !== "$" || !REF_CAST.test(this.text.slice(castStart, this.pos))) return;
    const start = this.pos;
    this.forget(this.readVariableName().name, context);
    this.pos = start;
  }

  /**
   * A member call or index assignment on the variable may change its object, which a function or
   * script block shares with the script; on `$ExecutionContext` or `$PSCmdlet` it may change any
   * variable.
   */
  private forgetObjectOf(name: string, context: RunContext): void {
    this.forget(SESSION_STATE_VARIABLES.has(name) ? undefined : name, context);
  }

  /** The variable a cmdlet names (every variable, for a wildcard). */
  private forgetNamed(name: string, context: RunContext): void {
    this.forget(/[*?[]/u.test(name) ? undefined : name.toLowerCase(), context);
  }

  /** The literal value the variable holds here, if the reader knows it. */
  private knownValue(name: string): PsValue | undefined {
    if (this.everyVariableUnplaceable || this.unplaceable.has(name)) return undefined;
    return this.variables.get(name)?.value;
  }

  /**
   * The variable (every variable, when `name` is undefined) may change here: its value is no longer
   * known. In a function body or a script block, which run at times the reader cannot place, it is
   * unknown from now on wherever it is read.
   */
  private forget(name: string | undefined, context: RunContext): void {
    const unplaceable = context === "function" || context === "script-block";
    if (name === undefined) {
      for (const known of this.variables.keys()) this.variables.set(known, { value: undefined });
      if (unplaceable) this.everyVariableUnplaceable = true;
      return;
    }
    this.variables.set(name, { value: undefined });
    if (unplaceable) this.unplaceable.add(name);
  }

  /** `$x = value`, `$x += …`, `$a, $b = …`, `$x.Add(…)`, or a variable used as an expression. */
  private variableStatement(context: RunContext, functionName: PsCommand["functionName"]): PsValue | undefined {
    const start = this.pos;
    const { name, scoped } = this.readVariableName();
    const next = this.peek();
    if (next === "." || next === "[") {
      this.forgetObjectOf(name, context);
      this.skipStatement(context, functionName);
      return undefined;
    }
    this.skipTrivia(false);
    const operator = this.peek();
    if (operator === "=" && this.peek(1) !== "=") {
      this.pos++;
      this.skipTrivia(true);
      const value = this.assignedValue(context, functionName);
      const literal = value && value.kind !== "unknown" && isLiteral(value) ? value : undefined;
      if (context === "top") this.variables.set(name, { value: literal });
      else this.assignedUnknown(name, scoped, context);
      return undefined;
    }
    if (/[+\-*/%?]/u.test(operator) && this.peek(1) === "=") {
      this.assignedUnknown(name, scoped, context);
      this.skipStatement(context, functionName);
      return undefined;
    }
    if (operator === ",") {
      // `$a, $b = 1, 2` assigns every variable listed (read as an expression otherwise, which is rare).
      this.assignedUnknown(name, scoped, context);
      while (this.peek() === ",") {
        this.pos++;
        this.skipTrivia(true);
        if (this.peek() !== "$") break;
        const listed = this.readVariableName();
        this.assignedUnknown(listed.name, listed.scoped, context);
        this.skipTrivia(false);
      }
      this.pos = start;
      return this.expressionStatement(context, functionName);
    }
    this.pos = start;
    return this.expressionStatement(context, functionName);
  }

  /** The right-hand side of an assignment: a literal expression or a pipeline. */
  private assignedValue(context: RunContext, functionName: PsCommand["functionName"]): PsValue | undefined {
    const char = this.peek();
    if (/[\p{L}_&]/u.test(char) && !/^(?:\$?true|\$?false)$/iu.test(this.peekWord())) {
      const start = this.pos;
      this.pipeline(context, functionName, false);
      return { kind: "unknown", span: { start, end: this.pos }, why: "command-output" };
    }
    return this.expressionStatement(context, functionName);
  }

  // ---- expressions ----------------------------------------------------------------------------

  /** An expression statement: a comma list of primaries; anything more is not a literal. */
  private expressionStatement(context: RunContext, functionName: PsCommand["functionName"]): PsValue | undefined {
    const start = this.pos;
    const items: PsValue[] = [];
    for (;;) {
      this.skipTrivia(false);
      const item = this.expressionPrimary(context, functionName);
      if (!item) break;
      items.push(item);
      this.skipTrivia(false);
      if (this.peek() !== ",") break;
      this.pos++;
      this.skipTrivia(true);
    }
    this.skipTrivia(false);
    if (!this.atStatementEnd() || items.length === 0) {
      this.skipStatement(context, functionName);
      return { kind: "unknown", span: { start, end: this.pos }, why: "expression" };
    }
    if (items.length === 1) return items[0];
    return { kind: "array", items, span: { start: items[0]!.span.start, end: items[items.length - 1]!.span.end }, form: "comma" };
  }

  /** One expression-mode primary, or `undefined` (position unchanged) when none starts here. */
  private expressionPrimary(context: RunContext, functionName: PsCommand["functionName"]): PsValue | undefined {
    const start = this.pos;
    const char = this.peek();
    if (this.atStringStart()) {
      const { value, span, quote } = this.readString();
      return value === undefined ? { kind: "unknown", span, why: "expandable-string" } : { kind: "string", value, span, quote };
    }
    if (char === "$") {
      if (this.peek(1) === "(") {
        this.pos += 2;
        this.statements(")", context, functionName);
        return { kind: "unknown", span: { start, end: this.pos }, why: "subexpression" };
      }
      const { name, span } = this.readVariableName();
      if (this.peek() === "." || this.peek() === "[") {
        // `$null = $rule.Remove('AnyOfProtocols')`: a method may change the variable's object.
        if (METHOD_CALL.test(this.text.slice(this.pos, this.pos + 200))) this.forgetObjectOf(name, context);
        return this.consumePostfix(start, context, functionName);
      }
      return this.variableValue(name, span);
    }
    if (char === "@" && this.peek(1) === "(") return this.arraySubexpression(context, functionName);
    if (char === "@" && this.peek(1) === "{") {
      this.pos += 2;
      const entries = this.hashtableEntries(context, functionName);
      return { kind: "hashtable", entries, span: { start, end: this.pos } };
    }
    if (char === "(") {
      this.pos++;
      const values = this.statements(")", context, functionName);
      const end = this.pos;
      if (this.peek() === "." || this.peek() === "[") return this.consumePostfix(start, context, functionName);
      if (values && values.length === 1) return values[0];
      return { kind: "unknown", span: { start, end }, why: "expression" };
    }
    if (char === "{") {
      this.pos++;
      this.statements("}", innerContext(context, "script-block"), functionName);
      const closed = this.text[this.pos - 1] === "}" && this.pos - 1 > start;
      return closed
        ? { kind: "unknown", span: { start, end: this.pos }, why: "script-block", text: this.text.slice(start + 1, this.pos - 1) }
        : { kind: "unknown", span: { start, end: this.pos }, why: "script-block" };
    }
    if (char === "[") {
      // A cast: `[string[]]@('a')`, `[int]3`.
      this.skipTypeOrIndex(context, functionName);
      this.forgetIfReferenced(start, context);
      const inner = this.expressionPrimary(context, functionName);
      return inner ?? { kind: "unknown", span: { start, end: this.pos }, why: "expression" };
    }
    if (/[\d.+-]/u.test(char)) {
      let end = this.pos;
      while (end < this.text.length && /[\w.+-]/u.test(this.text[end]!)) end++;
      const text = this.text.slice(this.pos, end);
      const value = parseNumber(text);
      if (value !== undefined) {
        this.pos = end;
        return { kind: "number", value, span: { start, end } };
      }
      return undefined;
    }
    if (/[\p{L}_]/u.test(char)) {
      // A bare word in expression mode is a command: `$x = Get-Date`, `@(Get-Thing)`.
      this.pipeline(context, functionName, false);
      return { kind: "unknown", span: { start, end: this.pos }, why: "command-output" };
    }
    return undefined;
  }

  /** `$x.Member`, `$x[0]`, `(…).Count`: not a literal. */
  private consumePostfix(start: number, context: RunContext, functionName: PsCommand["functionName"]): PsValue {
    for (;;) {
      const char = this.peek();
      if (char === ".") {
        this.pos++;
        while (/[\p{L}\p{N}_]/u.test(this.peek())) this.pos++;
        if (this.peek() === "(") {
          this.pos++;
          this.statements(")", context, functionName);
        }
      } else if (char === "[") {
        this.skipTypeOrIndex(context, functionName);
      } else if (char === ":" && this.peek(1) === ":") {
        this.pos += 2;
      } else {
        break;
      }
    }
    return { kind: "unknown", span: { start, end: this.pos }, why: "expression" };
  }

  private arraySubexpression(context: RunContext, functionName: PsCommand["functionName"]): PsValue {
    const start = this.pos;
    this.pos += 2;
    const values = this.statements(")", context, functionName);
    const end = this.pos;
    const close = { start: Math.max(end - 1, start + 2), end };
    if (!values) return { kind: "unknown", span: { start, end }, why: "expression" };
    const items: PsValue[] = [];
    for (const value of values) {
      if (value.kind === "array") {
        if (value.items.some((item) => item.kind === "array")) return { kind: "unknown", span: { start, end }, why: "nested-array" };
        items.push(...value.items);
      } else {
        items.push(value);
      }
    }
    return { kind: "array", items, span: { start, end }, form: "subexpression", close };
  }

  /** Entries of `@{ … }` after the `@{`, up to and including the closing brace. */
  private hashtableEntries(context: RunContext, functionName: PsCommand["functionName"]): PsHashEntry[] {
    const entries = this.entries("}", context, functionName);
    // PowerShell refuses a hash literal that repeats a string key (in any case) when it parses the script.
    const first = new Map<string, PsHashEntry>();
    for (const entry of entries) {
      const opening = this.text[entry.keySpan.start] ?? "";
      if (/^\d/u.test(entry.key) && !SINGLE_QUOTES.has(opening) && !DOUBLE_QUOTES.has(opening)) continue;
      const key = entry.key.toLowerCase();
      const earlier = first.get(key);
      if (!earlier) first.set(key, entry);
      else this.syntaxErrors.set(entry.keySpan.start, { kind: "duplicate-key", offset: entry.keySpan.start, key: earlier.key, firstOffset: earlier.keySpan.start });
    }
    return entries;
  }

  /** `Key = value` entries separated by newlines or `;`, up to `closer` (consumed). */
  private entries(closer: "}", context: RunContext, functionName: PsCommand["functionName"]): PsHashEntry[] {
    const opened = this.pos - 1;
    const entries: PsHashEntry[] = [];
    while (!this.atEnd()) {
      this.skipTrivia(true);
      const char = this.peek();
      if (char === ";") {
        this.pos++;
        continue;
      }
      if (char === "" ) break;
      if (char === closer) {
        this.pos++;
        return entries;
      }
      const start = this.pos;
      let key: string | undefined;
      if (this.atStringStart()) {
        const { value } = this.readString();
        key = value;
      } else {
        while (!this.atEnd() && /[\p{L}\p{N}_\-.]/u.test(this.peek())) this.pos++;
        key = this.text.slice(start, this.pos) || undefined;
      }
      const keySpan = { start, end: this.pos };
      this.skipTrivia(false);
      if (key === undefined || this.peek() !== "=") {
        // Not an entry (a nested resource, a stray token): read it as a statement.
        this.pos = start;
        const before = this.pos;
        this.statement(context, functionName);
        if (this.pos === before) this.pos++;
        continue;
      }
      this.pos++;
      this.skipTrivia(true);
      const value = this.assignedValue(context, functionName) ?? { kind: "unknown", span: { start: this.pos, end: this.pos }, why: "expression" };
      entries.push({ key, keySpan, value, span: { start, end: value.span.end } });
    }
    this.unclosed(opened, closer);
    return entries;
  }

  /** The file ended inside the bracket at `opened`, which reads up to `closer`. */
  private unclosed(opened: number, closer: ")" | "]" | "}"): void {
    if (this.typeLiteralRanToEnd) return;
    // `$(`, `@(` and `@{` are reported as written.
    const sigil = closer !== "]" && (this.text[opened - 1] === "$" || this.text[opened - 1] === "@") ? this.text[opened - 1]! : "";
    const offset = opened - sigil.length;
    this.syntaxErrors.set(offset, { kind: "unclosed-bracket", offset, bracket: `${sigil}${OPENERS[closer]}` });
  }

  // ---- commands -------------------------------------------------------------------------------

  /** A pipeline of commands; Client Access Rule cmdlets are recorded. */
  private pipeline(context: RunContext, functionName: PsCommand["functionName"], pipelineInput: boolean): void {
    let input = pipelineInput;
    for (;;) {
      this.skipTrivia(false);
      if (this.atStatementEnd()) return;
      if (this.peek() === "&" || this.peek() === ".") {
        if (this.peek() === "&" && this.peek(1) === "&") {
          this.pos += 2;
          this.skipTrivia(true);
          input = false;
          continue;
        }
        // `. .\settings.ps1`, `. $block`: dot-sourced code runs in this scope and may set any
        // variable (in a function body, the function's own scope).
        if (this.peek() === "." && INLINE_SPACE.test(this.peek(1)) && context !== "function") this.forget(undefined, "conditional");
        this.pos++;
        this.skipTrivia(false);
      }
      if (/[\p{L}_\\]/u.test(this.peek())) this.command(context, functionName, input);
      else if (!this.atStatementEnd()) {
        // An expression at the head of a pipeline (`$rules | …`, `"a" | …`).
        this.expressionPrimary(context, functionName) ?? this.pos++;
      }
      this.skipTrivia(false);
      if (this.peek() === "|" && this.peek(1) === "|") {
        this.pos += 2;
        this.skipTrivia(true);
        input = false;
        continue;
      }
      if (this.peek() !== "|") {
        if (!this.atStatementEnd()) this.skipStatement(context, functionName);
        return;
      }
      this.pos++;
      this.skipTrivia(true);
      input = true;
    }
  }

  private command(context: RunContext, functionName: PsCommand["functionName"], pipelineInput: boolean): void {
    const start = this.pos;
    while (!this.atEnd() && !WORD_END.has(this.peek()) && !this.atStringStart()) this.pos++;
    const written = this.text.slice(start, this.pos);
    const name = written.slice(written.lastIndexOf("\\") + 1);
    const nameSpan = { start: start + written.length - name.length, end: this.pos };
    const isCar = CAR_CMDLET_PATTERN.test(name);
    const elements: CommandElement[] = [];
    for (;;) {
      this.skipTrivia(false);
      const char = this.peek();
      if (this.atStatementEnd() || char === "|" || (char === "&" && this.peek(1) === "&")) break;
      const elementStart = this.pos;
      if (DASHES.has(char) && char === "-" && this.peek(1) === "-" && this.peek(2) === "%") {
        // Stop-parsing token: the rest of the line goes to the command verbatim.
        while (!this.atEnd() && !this.isNewline(this.peek())) this.pos++;
        elements.push({ kind: "argument", value: { kind: "unknown", span: { start: elementStart, end: this.pos }, why: "expression" } });
        break;
      }
      if (DASHES.has(char) && /[\p{L}_?]/u.test(this.peek(1))) {
        this.pos++;
        while (!this.atEnd() && !WORD_END.has(this.peek()) && this.peek() !== ":") this.pos++;
        const parameterName = this.text.slice(elementStart + 1, this.pos);
        const span = { start: elementStart, end: this.pos };
        let colonValue: PsValue | undefined;
        if (this.peek() === ":") {
          this.pos++;
          this.skipTrivia(false);
          colonValue = this.argumentValue(context, functionName);
        }
        elements.push({ kind: "parameter", name: parameterName, span, colonValue });
        continue;
      }
      if (char === "@" && /[\p{L}\p{N}_?]/u.test(this.peek(1))) {
        this.pos++;
        while (/[\p{L}\p{N}_?:]/u.test(this.peek())) this.pos++;
        const splatName = this.text.slice(elementStart + 1, this.pos).toLowerCase();
        elements.push({
          kind: "splat",
          name: splatName,
          span: { start: elementStart, end: this.pos },
          value: this.knownValue(splatName),
        });
        continue;
      }
      if (char === ">" || (char === "<")) {
        this.redirection();
        continue;
      }
      if (/[1-6*]/u.test(char) && this.peek(1) === ">") {
        this.pos++;
        this.redirection();
        continue;
      }
      const value = this.argumentValue(context, functionName);
      if (this.pos === elementStart) {
        this.pos++;
        continue;
      }
      elements.push({ kind: "argument", value });
    }
    this.forgetVariablesSetBy(name, elements, context);
    if (isCar) {
      this.commands.push({
        name,
        nameSpan,
        span: { start, end: lastEnd(elements, nameSpan.end) },
        elements,
        pipelineInput,
        context,
        functionName,
        ...(this.guard && this.depth === this.guard.depth ? { guard: this.guard } : {}),
      });
    }
  }

  /**
   * `Set-Variable -Name p …` and the other variable cmdlets change the variables they name (every
   * variable, when the name is not a literal), in the scope they run in unless `-Scope` says
   * another; `Invoke-Expression` may change any variable of any scope.
   */
  private forgetVariablesSetBy(command: string, elements: readonly CommandElement[], context: RunContext): void {
    const lower = command.toLowerCase();
    if (lower === "invoke-expression" || lower === "iex") {
      this.forget(undefined, context);
      return;
    }
    if (ITEM_CMDLETS.has(lower)) {
      this.forgetVariablePaths(elements, context);
      return;
    }
    const handle = VARIABLE_HANDLE_CMDLETS.has(lower);
    if (!VARIABLE_CMDLETS.has(lower) && !handle) return;
    const scoped = elements.some((element) => element.kind === "parameter" && "scope".startsWith(element.name.toLowerCase()));
    // Get-Variable finds a variable through the scopes it runs in, so in a function body it hands
    // out the script's variable as well.
    if (context === "function" && !scoped && !handle) return;
    const where = scoped || handle ? context : "conditional";
    const argumentValue = (element: CommandElement | undefined) => (element?.kind === "argument" ? element.value : undefined);
    const index = elements.findIndex((element) => element.kind === "parameter" && "name".startsWith(element.name.toLowerCase()));
    const named = elements[index];
    // -Name's value, or the first positional argument.
    const value =
      named?.kind === "parameter" ? (named.colonValue ?? argumentValue(elements[index + 1])) : argumentValue(elements.find((element) => element.kind === "argument"));
    const items = value?.kind === "array" ? value.items : value ? [value] : [];
    const names = items.flatMap((item) => (item.kind === "string" ? [item.value] : []));
    if (names.length === 0 || names.length < items.length) {
      this.forget(undefined, where);
      return;
    }
    for (const variable of names) this.forgetNamed(variable, where);
  }

  /**
   * The variables an item or content cmdlet names by a literal path on the variable drive (every
   * variable for a wildcard). The drive resolves a name through the scopes it runs in, so, unlike
   * a plain assignment, this counts inside a function body too.
   */
  private forgetVariablePaths(elements: readonly CommandElement[], context: RunContext): void {
    const values = elements.flatMap((element) =>
      element.kind === "argument" ? [element.value] : element.kind === "parameter" && element.colonValue ? [element.colonValue] : [],
    );
    for (const value of values) {
      for (const item of value.kind === "array" ? value.items : [value]) {
        const path = item.kind === "string" ? VARIABLE_PATH.exec(item.value) : null;
        // `variable:` alone is the whole drive.
        if (path) this.forgetNamed(path[1] || "*", context);
      }
    }
  }

  private redirection(): void {
    this.pos++;
    if (this.peek() === ">") this.pos++;
    if (this.peek() === "&") {
      this.pos += 2;
      return;
    }
    this.skipTrivia(false);
    if (!this.atStatementEnd()) this.argumentValue("script-block", undefined);
  }

  /** A command argument: one primary, or a comma list of them (`a,b`, `a, b`, continued after a comma). */
  private argumentValue(context: RunContext, functionName: PsCommand["functionName"]): PsValue {
    const first = this.argumentPrimary(context, functionName);
    this.skipInlineSpaces();
    if (this.peek() !== ",") return first;
    const items = [first];
    while (this.peek() === ",") {
      this.pos++;
      this.skipTrivia(true);
      if (this.atStatementEnd()) break;
      items.push(this.argumentPrimary(context, functionName));
      this.skipInlineSpaces();
    }
    return { kind: "array", items, span: { start: first.span.start, end: items[items.length - 1]!.span.end }, form: "comma" };
  }

  /** Spaces and continuations, but no comments: `a # x` ends the argument list at the comment. */
  private skipInlineSpaces(): void {
    const save = this.pos;
    this.skipTrivia(false);
    if (this.peek() !== ",") this.pos = save;
  }

  private argumentPrimary(context: RunContext, functionName: PsCommand["functionName"]): PsValue {
    const start = this.pos;
    const char = this.peek();
    if (this.atStringStart() || char === "$" || char === "@" || char === "(" || char === "{") {
      const value = this.expressionPrimary(context, functionName);
      if (value) {
        // `"a"b` and `$x.y` glue more characters to the argument.
        if (!this.atEnd() && !WORD_END.has(this.peek()) && this.peek() !== "`") {
          this.readBareWord();
          return { kind: "unknown", span: { start, end: this.pos }, why: "expression" };
        }
        return value;
      }
    }
    return this.readBareWord();
  }

  /** A command-mode bare word: a number when it reads as one, otherwise a string. */
  private readBareWord(): PsValue {
    const start = this.pos;
    let value = "";
    let expands = false;
    while (!this.atEnd() && !WORD_END.has(this.peek())) {
      const char = this.peek();
      if (char === "`") {
        if (this.isNewline(this.peek(1))) break;
        value += this.escape(this.peek(1));
        this.pos += 2;
        continue;
      }
      if (this.atStringStart()) {
        const part = this.readString();
        if (part.value === undefined) expands = true;
        else value += part.value;
        continue;
      }
      if (char === "$" && /[\w{(]/u.test(this.peek(1))) expands = true;
      value += char;
      this.pos++;
    }
    const span = { start, end: this.pos };
    if (expands) return { kind: "unknown", span, why: "expandable-string" };
    const number = parseNumber(value);
    if (number !== undefined && value === this.text.slice(start, this.pos)) return { kind: "number", value: number, span };
    return { kind: "string", value, span, quote: "bare" };
  }
}

function lastEnd(elements: readonly CommandElement[], fallback: number): number {
  const last = elements[elements.length - 1];
  if (!last) return fallback;
  if (last.kind === "argument") return last.value.span.end;
  if (last.kind === "parameter") return last.colonValue?.span.end ?? last.span.end;
  return last.span.end;
}

/** The conditions a {@link Reader.guardedIf} reads, with spaces removed: whether each holds when the rule exists. */
const EXISTENCE_TESTS = new Map<string, boolean>([
  ["(get)", true],
  ["((get))", true],
  ["($null-ne(get))", true],
  ["((get)-ne$null)", true],
  ["(-not(get))", false],
  ["(!(get))", false],
  ["($null-eq(get))", false],
  ["((get)-eq$null)", false],
]);

/**
 * The rule a `Get-ClientAccessRule` existence test names: a literal identity without wildcards
 * (positional or `-Identity`) and `-ErrorAction SilentlyContinue` or `Ignore`, and nothing else.
 */
function existenceTestTarget(elements: readonly CommandElement[]): string | undefined {
  let identity: PsValue | undefined;
  let silenced = false;
  for (let index = 0; index < elements.length; index++) {
    const element = elements[index]!;
    if (element.kind === "splat") return undefined;
    if (element.kind === "argument") {
      if (identity) return undefined;
      identity = element.value;
      continue;
    }
    const value = element.colonValue ?? (elements[index + 1]?.kind === "argument" ? (elements[++index] as { value: PsValue }).value : undefined);
    const parameter = element.name.toLowerCase();
    if (parameter === "identity" && !identity && value) identity = value;
    else if ((parameter === "erroraction" || parameter === "ea") && value?.kind === "string" && /^(?:silentlycontinue|ignore)$/iu.test(value.value)) silenced = true;
    else return undefined;
  }
  if (!silenced || identity?.kind !== "string") return undefined;
  const name = identity.value.trim();
  return name === "" || /[*?[\]]/u.test(name) ? undefined : name;
}

function innerContext(outer: RunContext, inner: RunContext): RunContext {
  return outer === "top" ? inner : outer;
}

function isLiteral(value: PsValue): boolean {
  if (value.kind === "unknown") return false;
  if (value.kind === "array") return value.items.every(isLiteral);
  if (value.kind === "hashtable") return value.entries.every((entry) => isLiteral(entry.value));
  return true;
}

/** Reads a PowerShell file. Never throws. */
export function parsePowerShell(text: string): PsScript {
  return scripts.get(text);
}

/** The language asks first whether the file parses, then the model reads it: one read serves both. */
const scripts = new TextMemo(readScript, 1);

function readScript(text: string): PsScript {
  const reader = new Reader(text);
  try {
    reader.statements(null, "top");
  } catch {
    // A reader bug must never break linting: what was read so far stands.
  }
  const comments = [...reader.comments.values()].sort((a, b) => a.range[0] - b.range[0]);
  const syntaxErrors = [...reader.syntaxErrors.values()].sort((a, b) => a.offset - b.offset);
  const ends = [reader.exitAt, reader.sawTrap ? undefined : reader.throwAt].filter((at) => at !== undefined);
  const end = ends.length > 0 ? Math.min(...ends) : undefined;
  return { text, commands: reader.commands, resourceBlocks: reader.resourceBlocks, comments, syntaxErrors, end };
}

/** A cheap test before the full read: does the text mention a Client Access Rule cmdlet or resource? */
export function mentionsClientAccessRules(text: string): boolean {
  return /clientaccessrule/iu.test(text);
}
