/**
 * `UserRecipientFilter`: the OPATH subset Client Access Rules accept (design.md, car-reference.md
 * §1.6), parsed by a tokenizer and a recursive-descent parser, printed in a canonical form and
 * evaluated for the what-if CLI. Nothing here throws.
 *
 * Grammar (keywords and property names are case-insensitive):
 *
 *   filter     := "{" chain "}" | chain
 *   chain      := unary ( ( "-and" | "-or" ) unary )*
 *   unary      := "-not" unary | "(" chain ")" | comparison
 *   comparison := Property Operator Value
 *   Value      := '…' | "…" | $null | $true | $false | integer      (a doubled quote escapes itself)
 *
 * `-and` and `-or` have equal precedence and apply left to right, as PowerShell's logical operators
 * do (design.md), and `-not` applies to the comparison or parenthesised group after it. The docs
 * never combine `-and` and `-or` without parentheses; the canonical text always parenthesises a
 * mixed group, so it reads the same under any precedence convention.
 *
 * Problems come in two tiers. A syntax problem stops the parse (`ok: false`, that one problem).
 * Semantic problems — an unknown property, an unsupported operator, `-like` without `*` — leave a
 * usable tree (`ok: true`) and are all reported, in text order. Offsets are into the text given,
 * so a rule can underline the exact part of the string.
 */
import {
  RECIPIENT_FILTER_COMPARISON_OPERATORS,
  RECIPIENT_FILTER_LOGICAL_OPERATORS,
  RECIPIENT_FILTER_PROPERTIES,
} from "./vocabulary.ts";
import { editDistance } from "./suggest.ts";
import { TextMemo } from "./text-memo.ts";

export type FilterProblemKind = "syntax" | "unknown-property" | "unsupported-operator" | "like-without-wildcard";

export interface FilterProblem {
  readonly kind: FilterProblemKind;
  readonly message: string;
  /** Offset of the first character concerned. */
  readonly start: number;
  /** Offset just past the last character concerned. */
  readonly end: number;
}

export type FilterValue =
  | { readonly kind: "text"; readonly text: string }
  | { readonly kind: "integer"; readonly value: bigint }
  | { readonly kind: "boolean"; readonly value: boolean }
  | { readonly kind: "null" };

interface SourceSpan {
  readonly start: number;
  readonly end: number;
}

export interface FilterComparison extends SourceSpan {
  readonly type: "comparison";
  /** The canonical spelling when the property is supported, else the spelling in the text. */
  readonly property: string;
  readonly propertySupported: boolean;
  /** Lower-case, with its hyphen (`-eq`); may be an unsupported one such as `-gt`. */
  readonly operator: string;
  readonly value: FilterValue;
}

export interface FilterJunction extends SourceSpan {
  readonly type: "and" | "or";
  /** Two or more; never a junction of the same type (nested `-and`s are flattened). */
  readonly operands: readonly FilterNode[];
}

export interface FilterNegation extends SourceSpan {
  readonly type: "not";
  readonly operand: FilterNode;
}

export type FilterNode = FilterComparison | FilterJunction | FilterNegation;

/** A chain mixing `-and` and `-or` without parentheses: its span and its text with them. */
export interface MixedChain {
  readonly start: number;
  readonly end: number;
  readonly parenthesized: string;
}

export type FilterParseResult =
  | {
      readonly ok: true;
      readonly ast: FilterNode;
      /** Canonical text: see `formatRecipientFilter`. */
      readonly normalized: string;
      /** Semantic problems only; empty when the filter is valid. */
      readonly problems: readonly FilterProblem[];
      /** `-and` and `-or` mixed without parentheses (read left to right): where, and the text that says so. */
      readonly mixedChains: readonly MixedChain[];
    }
  | { readonly ok: false; readonly problems: readonly FilterProblem[] };

/**
 * Results by text, shared across files and with the analysis and the what-if replay (which parse
 * the same filters again): a result is immutable and holds offsets into the text only. The memo
 * is emptied when full.
 */
const parsedFilters = new TextMemo<FilterParseResult>((text) => parseFilterText(text), 1024);

/** Parses a `UserRecipientFilter` value. */
export function parseRecipientFilter(text: string): FilterParseResult {
  if (typeof text !== "string") {
    return { ok: false, problems: [{ kind: "syntax", message: "the recipient filter must be text", start: 0, end: 0 }] };
  }
  return parsedFilters.get(text);
}

function parseFilterText(text: string): FilterParseResult {
  try {
    const parser = new Parser(text, tokenize(text));
    const ast = parser.parseFilter();
    return { ok: true, ast, normalized: formatRecipientFilter(ast), problems: parser.problems, mixedChains: parser.mixedChains };
  } catch (error) {
    if (error instanceof SyntaxProblem) return { ok: false, problems: [error.problem] };
    // A defect in this module must not take the whole lint run down with it.
    const message = `the recipient filter could not be parsed (${String(error)})`;
    return { ok: false, problems: [{ kind: "syntax", message, start: 0, end: text.length }] };
  }
}

/**
 * The canonical text of a filter: canonical property names, lower-case operators, values in
 * single quotes and folded to lower case (every comparison is case-insensitive), integers as
 * quoted text (every supported property holds text), no braces, flattened `-and`/`-or` chains,
 * parentheses only around a mixed `-and`/`-or` group and after `-not`. Two filters that differ
 * only in case, quoting, braces, whitespace or redundant parentheses print the same.
 */
export function formatRecipientFilter(node: FilterNode): string {
  switch (node.type) {
    case "comparison":
      return `${node.property} ${node.operator} ${formatValue(node.value)}`;
    case "not":
      return node.operand.type === "not" ? `-not ${formatRecipientFilter(node.operand)}` : `-not (${formatRecipientFilter(node.operand)})`;
    case "and":
    case "or": {
      const other = node.type === "and" ? "or" : "and";
      return node.operands
        .map((operand) => (operand.type === other ? `(${formatRecipientFilter(operand)})` : formatRecipientFilter(operand)))
        .join(` -${node.type} `);
    }
  }
}

/**
 * Whether a recipient with these attributes matches the filter. Property names and values compare
 * case-insensitively. A missing or empty attribute equals `$null` and `''` and nothing else, and
 * matches no `-like` pattern; `-ne` and `-notlike` are the exact negations. An unsupported operator
 * never matches.
 */
export function evaluateRecipientFilter(ast: FilterNode, attributes: Readonly<Record<string, string | undefined>>): boolean {
  const attributeByName = new Map<string, string>();
  for (const [name, value] of Object.entries(attributes ?? {})) {
    const key = name.toLowerCase();
    if (typeof value === "string" && value !== "" && !attributeByName.has(key)) attributeByName.set(key, value);
  }
  return evaluateNode(ast, attributeByName);
}

/** Whole-string, `*`-only wildcard match, linear in practice and without building a RegExp. */
export function matchesWildcard(subject: string, pattern: string): boolean {
  const segments = pattern.split("*");
  if (segments.length === 1) return subject === pattern;
  const head = segments[0] ?? "";
  const tail = segments[segments.length - 1] ?? "";
  if (subject.length < head.length + tail.length || !subject.startsWith(head) || !subject.endsWith(tail)) return false;
  const limit = subject.length - tail.length;
  let position = head.length;
  // Taking each middle segment at its leftmost occurrence is optimal when `*` is the only wildcard.
  for (const segment of segments.slice(1, -1)) {
    const found = subject.indexOf(segment, position);
    if (found === -1 || found + segment.length > limit) return false;
    position = found + segment.length;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// Tokens

type TokenKind =
  | "("
  | ")"
  | "{"
  | "}"
  | "operator"
  | "text"
  | "unterminated-text"
  | "integer"
  | "word"
  | "stray";

interface Token extends SourceSpan {
  readonly kind: TokenKind;
  /** The characters of the token as written. */
  readonly source: string;
  /** Decoded text of a quoted value; lower-case operator; else the source. */
  readonly value: string;
}

const PUNCTUATION = new Set(["(", ")", "{", "}"]);
const QUOTES = new Set(["'", '"']);
// PowerShell's own tokenizer takes these as quotes, the filter parser does not; they arrive when a
// filter is copied from a word processor.
const TYPOGRAPHIC_QUOTES = new Set(["\u2018", "\u2019", "\u201a", "\u201b", "\u201c", "\u201d", "\u201e"]);

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  const push = (kind: TokenKind, start: number, end: number, value = text.slice(start, end)) => {
    tokens.push({ kind, start, end, source: text.slice(start, end), value });
    index = end;
  };
  while (index < text.length) {
    const character = text[index] ?? "";
    if (/\s/u.test(character)) {
      index += 1;
    } else if (PUNCTUATION.has(character)) {
      push(character as TokenKind, index, index + 1);
    } else if (QUOTES.has(character)) {
      const { end, value, closed } = scanQuoted(text, index);
      push(closed ? "text" : "unterminated-text", index, end, value);
    } else if (TYPOGRAPHIC_QUOTES.has(character)) {
      push("stray", index, index + 1);
    } else if (character === "-" && /[a-z]/iu.test(text[index + 1] ?? "")) {
      let end = index + 1;
      while (/[a-z]/iu.test(text[end] ?? "")) end += 1;
      push("operator", index, end, text.slice(index, end).toLowerCase());
    } else if (character === "-" && !/\d/u.test(text[index + 1] ?? "")) {
      push("stray", index, index + 1);
    } else {
      const end = scanWord(text, index);
      const word = text.slice(index, end);
      push(/^-?\d+$/u.test(word) ? "integer" : "word", index, end);
    }
  }
  return tokens;
}

function scanQuoted(text: string, start: number): { end: number; value: string; closed: boolean } {
  const quote = text[start];
  let value = "";
  let index = start + 1;
  while (index < text.length) {
    const character = text[index];
    if (character === quote) {
      if (text[index + 1] !== quote) return { end: index + 1, value, closed: true };
      index += 1;
    }
    value += character;
    index += 1;
  }
  return { end: text.length, value, closed: false };
}

function scanWord(text: string, start: number): number {
  let end = start + 1;
  while (end < text.length) {
    const character = text[end] ?? "";
    if (/\s/u.test(character) || PUNCTUATION.has(character) || QUOTES.has(character) || TYPOGRAPHIC_QUOTES.has(character)) break;
    end += 1;
  }
  return end;
}

// ---------------------------------------------------------------------------------------------
// Parser

/** Parentheses and `-not`s deeper than this are refused, which keeps every recursion shallow. */
const MAX_NESTING = 100;
const SUPPORTED_OPERATORS: ReadonlySet<string> = new Set(RECIPIENT_FILTER_COMPARISON_OPERATORS);
const LOGICAL_OPERATORS: ReadonlySet<string> = new Set(RECIPIENT_FILTER_LOGICAL_OPERATORS);
/** PowerShell's other logical operators: an operator, but not one a filter accepts. */
const UNSUPPORTED_LOGICAL_OPERATORS = new Set(["-xor", "-band", "-bor", "-bxor", "-bnot"]);
const EXAMPLE_COMPARISON = "City -eq 'Redmond'";

class SyntaxProblem extends Error {
  constructor(readonly problem: FilterProblem) {
    super(problem.message);
  }
}

class Parser {
  readonly problems: FilterProblem[] = [];
  readonly mixedChains: MixedChain[] = [];
  private position = 0;
  private nesting = 0;

  constructor(
    private readonly text: string,
    private readonly tokens: readonly Token[],
  ) {}

  parseFilter(): FilterNode {
    if (this.tokens.length === 0) this.fail("the recipient filter is empty", 0, this.text.length);
    const only = this.tokens.length === 1 ? this.tokens[0] : undefined;
    if (only?.kind === "text" && /\s-[a-z]/iu.test(only.value)) {
      // PowerShell's quotes copied into the JSON string along with the filter.
      this.fail("the whole filter is in quotes: remove the outer quotes", only.start, only.end);
    }
    const openingBrace = this.peek()?.kind === "{" ? this.advance() : undefined;
    const node = this.parseOr();
    if (openingBrace) {
      if (this.peek() === undefined) this.fail("missing `}`: this `{` is never closed", openingBrace.start, openingBrace.end);
      if (this.peek()?.kind !== "}") this.failAtToken(this.peek(), "expected -and, -or or `}`");
      this.advance();
      const rest = this.peek();
      if (rest !== undefined) this.failAtToken(rest, "expected the end of the filter after `}`");
      return node;
    }
    const rest = this.peek();
    if (rest?.kind === ")") this.fail("unexpected `)`: it has no matching `(`", rest.start, rest.end);
    if (rest?.kind === "}") this.fail("unexpected `}`: it has no matching `{`", rest.start, rest.end);
    if (rest !== undefined) this.failAtToken(rest, "expected -and, -or or the end of the filter");
    return node;
  }

  /**
   * A chain of unary filters joined by `-and` / `-or`, read left to right with equal precedence,
   * as PowerShell reads its logical operators: `a -or b -and c` is `(a -or b) -and c`. A chain
   * that mixes the two without parentheses is recorded: it reads differently from what most
   * people expect (`-and` first), and valid-recipient-filter suggests the parentheses.
   */
  private parseOr(): FilterNode {
    const chainStart = this.peek()?.start ?? 0;
    const first = this.parseUnary();
    let node = first;
    // Where each operand's text ends, its closing parenthesis included.
    const ends: number[] = [this.previousEnd()];
    const operators: Token[] = [];
    while (this.peek()?.kind === "operator" && (this.peek()?.value === "-and" || this.peek()?.value === "-or")) {
      const operator = this.advance() as Token;
      const type = operator.value === "-and" ? "and" : "or";
      const operand = this.parseUnary();
      ends.push(this.previousEnd());
      operators.push(operator);
      const joined = node.type === type ? node.operands : [node];
      const flattened = [...joined, ...(operand.type === type ? operand.operands : [operand])];
      node = { type, operands: flattened, start: first.start, end: this.previousEnd() };
    }
    if (new Set(operators.map((operator) => operator.value)).size > 1) this.recordMixedChain(chainStart, ends, operators);
    return node;
  }

  /** The chain's text with the parentheses that spell out its left-to-right reading. */
  private recordMixedChain(start: number, ends: readonly number[], operators: readonly Token[]): void {
    const end = ends[ends.length - 1] as number;
    let opened = 0;
    const closings = new Set<number>();
    operators.forEach((operator, index) => {
      if (index > 0 && operator.value !== operators[index - 1]?.value) {
        opened++;
        closings.add(ends[index] as number);
      }
    });
    let text = "(".repeat(opened);
    let position = start;
    for (const closing of [...closings].sort((a, b) => a - b)) {
      text += `${this.text.slice(position, closing)})`;
      position = closing;
    }
    text += this.text.slice(position, end);
    this.mixedChains.push({ start, end, parenthesized: text });
  }

  private parseUnary(): FilterNode {
    const token = this.peek();
    if (token?.kind === "operator" && token.value === "-not") {
      this.advance();
      this.enterNesting(token);
      const operand = this.parseUnary();
      this.nesting -= 1;
      return { type: "not", operand, start: token.start, end: this.previousEnd() };
    }
    if (token?.kind === "(") {
      this.advance();
      this.enterNesting(token);
      const inner = this.parseOr();
      const closing = this.peek();
      if (closing === undefined) this.fail("missing `)`: this `(` is never closed", token.start, token.end);
      if (closing?.kind !== ")") this.failAtToken(closing, "expected -and, -or or `)`");
      this.advance();
      this.nesting -= 1;
      return inner;
    }
    return this.parseComparison();
  }

  private parseComparison(): FilterComparison {
    const propertyToken = this.peek();
    if (propertyToken?.kind !== "word" || !/^[a-z_][a-z0-9_]*$/iu.test(propertyToken.source)) {
      if (propertyToken?.kind === "operator" && (propertyToken.value === "-and" || propertyToken.value === "-or")) {
        this.fail(`expected a comparison before \`${propertyToken.source}\``, propertyToken.start, propertyToken.end);
      }
      if (propertyToken?.kind === "word" && propertyToken.source.startsWith("$")) this.failOnVariable(propertyToken);
      this.failAtToken(propertyToken, `expected a comparison such as ${EXAMPLE_COMPARISON}`);
    }
    this.advance();
    const canonicalProperty = findRecipientFilterProperty(propertyToken.source);
    if (canonicalProperty === undefined) {
      this.report("unknown-property", describeUnknownProperty(propertyToken.source), propertyToken);
    }

    const operatorToken = this.peek();
    if (operatorToken?.kind !== "operator" || LOGICAL_OPERATORS.has(operatorToken.value)) {
      const hint = operatorToken?.kind === "word" ? OPERATOR_SYMBOL_HINTS[operatorToken.source] : undefined;
      this.failAtToken(
        operatorToken,
        `expected a comparison operator (-eq, -ne, -like or -notlike) after \`${propertyToken.source}\``,
        hint,
      );
    }
    this.advance();
    if (!SUPPORTED_OPERATORS.has(operatorToken.value)) {
      this.report("unsupported-operator", describeUnsupportedOperator(operatorToken), operatorToken);
    }

    const valueToken = this.peek();
    const value = this.parseValue(operatorToken, valueToken);
    const isLike = operatorToken.value === "-like" || operatorToken.value === "-notlike";
    if (isLike && valueToken && !(value.kind === "text" && value.text.includes("*"))) {
      const instead = operatorToken.value === "-like" ? "use -eq for an exact match" : "use -ne to exclude one exact value";
      this.report(
        "like-without-wildcard",
        `\`${operatorToken.value}\` needs at least one \`*\` wildcard in its value, and ${quoteSource(valueToken.source)} has none; ${instead}`,
        valueToken,
      );
    }
    return {
      type: "comparison",
      property: canonicalProperty ?? propertyToken.source,
      propertySupported: canonicalProperty !== undefined,
      operator: operatorToken.value,
      value,
      start: propertyToken.start,
      end: this.previousEnd(),
    };
  }

  private parseValue(operatorToken: Token, token: Token | undefined): FilterValue {
    const expected = `expected a value after \`${operatorToken.source}\` (quoted text such as 'Redmond', $null, $true, $false or an integer)`;
    if (token?.kind === "text") {
      this.advance();
      return { kind: "text", text: token.value };
    }
    if (token?.kind === "integer") {
      this.advance();
      return { kind: "integer", value: BigInt(token.source) };
    }
    if (token?.kind !== "word") return this.failAtToken(token, expected);

    const keyword = token.source.toLowerCase();
    if (keyword === "$null" || keyword === "$true" || keyword === "$false") {
      this.advance();
      return keyword === "$null" ? { kind: "null" } : { kind: "boolean", value: keyword === "$true" };
    }
    if (keyword.startsWith("$")) return this.failOnVariable(token);
    const next = this.tokens[this.position + 1];
    if (next?.kind === "unterminated-text" && next.start === token.end) {
      const quote = next.source[0] ?? "'";
      this.fail(
        `unbalanced quote: ${quoteSource(token.source + quote)} ends with a quote that was never opened; write ${quote}${token.source}${quote}`,
        token.start,
        next.end,
      );
    }
    return this.fail(`the value ${quoteSource(token.source)} must be quoted: write '${token.source.replaceAll("'", "''")}'`, token.start, token.end);
  }

  private failOnVariable(token: Token): never {
    return this.fail(
      `${quoteSource(token.source)} is a variable; a recipient filter cannot use variables (only $null, $true and $false)`,
      token.start,
      token.end,
    );
  }

  /** Fails on an unexpected token (or the end of the text), naming what was expected. */
  private failAtToken(token: Token | undefined, expected: string, hint?: string): never {
    if (token === undefined) {
      const last = this.tokens[this.tokens.length - 1];
      return this.fail(`${expected}, found the end of the filter`, last?.start ?? 0, last?.end ?? this.text.length);
    }
    if (token.kind === "unterminated-text") {
      return this.fail(`unbalanced quote: ${quoteSource(token.source)} is never closed`, token.start, token.end);
    }
    if (token.kind === "stray") {
      const typographic = TYPOGRAPHIC_QUOTES.has(token.source) ? " (a typographic quote: use ' or \")" : "";
      return this.fail(`unexpected character ${quoteSource(token.source)}${typographic}`, token.start, token.end);
    }
    if (token.kind === "{") return this.fail("`{` may only enclose the whole filter", token.start, token.end);
    if (token.kind === "operator" && UNSUPPORTED_LOGICAL_OPERATORS.has(token.value)) {
      return this.fail(
        `\`${token.source}\` is not supported: combine comparisons with -and, -or and -not`,
        token.start,
        token.end,
        "unsupported-operator",
      );
    }
    return this.fail(`${expected}, found ${quoteSource(token.source)}${hint ? `; ${hint}` : ""}`, token.start, token.end);
  }

  private enterNesting(token: Token): void {
    this.nesting += 1;
    if (this.nesting > MAX_NESTING) {
      this.fail(`the filter nests more than ${MAX_NESTING} levels of parentheses and -not`, token.start, token.end);
    }
  }

  private report(kind: FilterProblemKind, message: string, span: SourceSpan): void {
    this.problems.push({ kind, message, start: span.start, end: span.end });
  }

  private fail(message: string, start: number, end: number, kind: FilterProblemKind = "syntax"): never {
    throw new SyntaxProblem({ kind, message, start, end });
  }

  private peek(): Token | undefined {
    return this.tokens[this.position];
  }

  private advance(): Token | undefined {
    const token = this.tokens[this.position];
    this.position += 1;
    return token;
  }

  private previousEnd(): number {
    return this.tokens[this.position - 1]?.end ?? 0;
  }
}

// ---------------------------------------------------------------------------------------------
// Messages

const OPERATOR_SYMBOL_HINTS: Readonly<Record<string, string>> = {
  "=": "use -eq",
  "==": "use -eq",
  "!=": "use -ne",
  "<>": "use -ne",
};

/** Operators a user plausibly meant instead of an unsupported one. */
const OPERATOR_REPLACEMENTS: Readonly<Record<string, string>> = {
  "-ieq": "use -eq (comparisons are case-insensitive already)",
  "-ceq": "use -eq (comparisons are case-insensitive)",
  "-ine": "use -ne (comparisons are case-insensitive already)",
  "-cne": "use -ne (comparisons are case-insensitive)",
  "-ilike": "use -like (comparisons are case-insensitive already)",
  "-clike": "use -like (comparisons are case-insensitive)",
  "-inotlike": "use -notlike (comparisons are case-insensitive already)",
  "-cnotlike": "use -notlike (comparisons are case-insensitive)",
  "-match": "use -like with `*` wildcards",
  "-notmatch": "use -notlike with `*` wildcards",
};

function describeUnsupportedOperator(token: Token): string {
  const advice = OPERATOR_REPLACEMENTS[token.value] ?? "use -eq, -ne, -like or -notlike";
  return `\`${token.source}\` is not supported in a recipient filter: ${advice}`;
}

const PROPERTY_BY_LOWER_NAME = new Map(RECIPIENT_FILTER_PROPERTIES.map((name) => [name.toLowerCase(), name]));

/** The canonical spelling of a supported property, matched case-insensitively. */
export function findRecipientFilterProperty(name: string): string | undefined {
  return PROPERTY_BY_LOWER_NAME.get(name.toLowerCase());
}

/** Active Directory and other OPATH names for the supported properties. */
const PROPERTY_ALIASES: Readonly<Record<string, string>> = {
  l: "City",
  st: "StateOrProvince",
  state: "StateOrProvince",
  c: "CountryOrRegion",
  co: "CountryOrRegion",
  country: "CountryOrRegion",
  countrycode: "CountryOrRegion",
  physicaldeliveryofficename: "Office",
  postofficebox: "PostalCode",
  zip: "PostalCode",
  street: "StreetAddress",
};

const SUPPORTED_PROPERTY_SUMMARY =
  "City, Company, CountryOrRegion, CustomAttribute1–15, Department, Office, PostalCode, StateOrProvince, StreetAddress";

function describeUnknownProperty(name: string): string {
  const head = `\`${name}\` is not a property Client Access Rules can filter on`;
  const suggestion = suggestProperty(name);
  if (suggestion !== undefined) return `${head}; did you mean \`${suggestion}\`?`;
  if (/^(custom|extension)attribute\d*$/iu.test(name)) {
    return `${head}: the custom attributes are CustomAttribute1 to CustomAttribute15`;
  }
  return `${head} (${SUPPORTED_PROPERTY_SUMMARY})`;
}

function suggestProperty(name: string): string | undefined {
  const lower = name.toLowerCase();
  const alias = PROPERTY_ALIASES[lower];
  if (alias !== undefined) return alias;
  // Edit distance would offer CustomAttribute1 for CustomAttribute16; the number decides instead.
  const numbered = /^(?:custom|extension)attribute(\d*)$/u.exec(lower);
  if (numbered) {
    const number = Number(numbered[1] || Number.NaN);
    return number >= 1 && number <= 15 ? `CustomAttribute${number}` : undefined;
  }
  if (name.length > 60) return undefined;
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of RECIPIENT_FILTER_PROPERTIES) {
    const candidateLower = candidate.toLowerCase();
    const distance = editDistance(lower, candidateLower);
    const close = distance <= Math.max(1, Math.floor(candidate.length / 4));
    const truncated = lower.length >= 4 && candidateLower.startsWith(lower);
    if ((close || truncated) && (best === undefined || distance < best.distance)) best = { candidate, distance };
  }
  return best?.candidate;
}

const MAX_QUOTED_LENGTH = 60;

function quoteSource(source: string): string {
  const shown = source.length > MAX_QUOTED_LENGTH ? `${source.slice(0, MAX_QUOTED_LENGTH - 1)}…` : source;
  return `\`${shown}\``;
}

// ---------------------------------------------------------------------------------------------
// Printing and evaluation

function formatValue(value: FilterValue): string {
  switch (value.kind) {
    case "text":
      return `'${value.text.toLowerCase().replaceAll("'", "''")}'`;
    case "integer":
      return `'${value.value}'`;
    case "boolean":
      return value.value ? "$true" : "$false";
    case "null":
      return "$null";
  }
}

/** The text a value compares as, folded; `undefined` for `$null` and `''`, which mean "not set". */
function comparedText(value: FilterValue): string | undefined {
  switch (value.kind) {
    case "text":
      return value.text === "" ? undefined : value.text.toLowerCase();
    case "integer":
      return String(value.value);
    case "boolean":
      return String(value.value);
    case "null":
      return undefined;
  }
}

function evaluateNode(node: FilterNode, attributeByName: ReadonlyMap<string, string>): boolean {
  switch (node.type) {
    case "and":
      return node.operands.every((operand) => evaluateNode(operand, attributeByName));
    case "or":
      return node.operands.some((operand) => evaluateNode(operand, attributeByName));
    case "not":
      return !evaluateNode(node.operand, attributeByName);
    case "comparison":
      return evaluateComparison(node, attributeByName.get(node.property.toLowerCase())?.toLowerCase());
    default:
      return false;
  }
}

function evaluateComparison(comparison: FilterComparison, actual: string | undefined): boolean {
  const expected = comparedText(comparison.value);
  const equal = expected === undefined ? actual === undefined : actual === expected;
  const like =
    expected === undefined ? actual === undefined : actual !== undefined && matchesWildcard(actual, expected);
  switch (comparison.operator) {
    case "-eq":
      return equal;
    case "-ne":
      return !equal;
    case "-like":
      return like;
    case "-notlike":
      return !like;
    default:
      return false;
  }
}
