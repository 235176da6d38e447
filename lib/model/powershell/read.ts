/**
 * Reads a PowerShell file into the same RuleSetModel the JSON readers build.
 *
 * The simulated final state is written as JSON-shaped nodes (the node types of
 * jsonc-eslint-parser) whose ranges and locations are those of the PowerShell tokens that set
 * each value, so every rule and the whole analysis work unchanged, and reports land on the
 * PowerShell text. Each node also carries `powershell`, what the PowerShell edit set needs.
 */
import type { AST } from "jsonc-eslint-parser";
import { readRule } from "../read-rule-set.ts";
import type { RuleSpec } from "../rule-spec.ts";
import type { CarRule, ModelIssue, RuleSetModel } from "../types.ts";
import { mentionsClientAccessRules, parsePowerShell } from "./parse.ts";
import { simulate, type PsIssue, type SimRule, type SimValue } from "./simulate.ts";
import type { PsSyntaxError, PsValue, Span } from "./syntax.ts";

/** What a synthetic node knows about the PowerShell it stands for. */
export type PowerShellOrigin =
  | { readonly kind: "value"; readonly value: PsValue }
  | { readonly kind: "property"; readonly value: SimValue; readonly rule: SimRule }
  | { readonly kind: "rule"; readonly rule: SimRule }
  | { readonly kind: "span" };

export interface PowerShellNode {
  readonly powershell: PowerShellOrigin;
}

export function powerShellOrigin(node: unknown): PowerShellOrigin | undefined {
  return typeof node === "object" && node !== null ? (node as Partial<PowerShellNode>).powershell : undefined;
}

class Locator {
  private readonly lineStarts: number[] = [0];

  constructor(readonly text: string) {
    for (let index = 0; index < text.length; index++) {
      const char = text[index];
      if (char === "\n" || (char === "\r" && text[index + 1] !== "\n")) this.lineStarts.push(index + 1);
    }
  }

  position(offset: number): AST.Position {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.lineStarts[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - this.lineStarts[low]! };
  }

  located(span: Span): { range: [number, number]; loc: AST.SourceLocation } {
    return { range: [span.start, span.end], loc: { start: this.position(span.start), end: this.position(span.end) } };
  }
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function valueNode(locator: Locator, value: PsValue, parent: unknown): AST.JSONExpression {
  const base = { ...locator.located(value.span), parent, powershell: { kind: "value", value } as PowerShellOrigin };
  const raw = locator.text.slice(value.span.start, value.span.end);
  switch (value.kind) {
    case "string":
      return { ...base, type: "JSONLiteral", value: value.value, raw, regex: null, bigint: null } as unknown as AST.JSONExpression;
    case "number":
      return { ...base, type: "JSONLiteral", value: value.value, raw, regex: null, bigint: null } as unknown as AST.JSONExpression;
    case "bool":
      return { ...base, type: "JSONLiteral", value: value.value, raw, regex: null, bigint: null } as unknown as AST.JSONExpression;
    case "null":
    case "unknown":
      return { ...base, type: "JSONLiteral", value: null, raw, regex: null, bigint: null } as unknown as AST.JSONExpression;
    case "array": {
      const node = { ...base, type: "JSONArrayExpression", elements: [] as AST.JSONExpression[] } as Mutable<AST.JSONArrayExpression>;
      node.elements = value.items.map((item) => valueNode(locator, item, node));
      return node as AST.JSONExpression;
    }
    case "hashtable":
      // A hashtable is no rule value (except @{Add=…} lists, already applied): read as a wrong type.
      return { ...base, type: "JSONObjectExpression", properties: [] } as unknown as AST.JSONExpression;
  }
}

function ruleNode(locator: Locator, rule: SimRule, parent: unknown): AST.JSONObjectExpression {
  const node = {
    ...locator.located(rule.span),
    type: "JSONObjectExpression",
    parent,
    properties: [] as AST.JSONProperty[],
    powershell: { kind: "rule", rule } as PowerShellOrigin,
  } as Mutable<AST.JSONObjectExpression>;
  for (const value of rule.values.values()) {
    const property = {
      ...locator.located(value.span),
      type: "JSONProperty",
      kind: "init",
      computed: false,
      method: false,
      shorthand: false,
      parent: node,
      powershell: { kind: "property", value, rule } as PowerShellOrigin,
    } as unknown as Mutable<AST.JSONProperty>;
    property.key = {
      ...locator.located(value.keySpan),
      type: "JSONIdentifier",
      name: value.key,
      parent: property,
      powershell: { kind: "span" },
    } as unknown as AST.JSONIdentifier;
    const written =
      rule.origin === "script" && value.key === "Priority" && value.value.kind === "number"
        ? { ...value.value, value: rule.priority }
        : value.value;
    property.value = valueNode(locator, written, property);
    node.properties.push(property as AST.JSONProperty);
  }
  return node as AST.JSONObjectExpression;
}

/** A located stand-in for reports about spans that are no value (a command name, a function). */
function spanNode(locator: Locator, span: Span): AST.JSONExpression {
  return {
    ...locator.located(span),
    type: "JSONLiteral",
    value: null,
    raw: locator.text.slice(span.start, span.end),
    powershell: { kind: "span" },
  } as unknown as AST.JSONExpression;
}

function modelIssue(locator: Locator, issue: PsIssue): ModelIssue {
  return {
    kind: "powershell",
    node: spanNode(locator, issue.span),
    code: issue.code,
    data: issue.data,
    replacement: issue.replacement,
    blocking: issue.blocking,
  } as ModelIssue;
}

function describeSyntaxError(error: PsSyntaxError, locator: Locator): string {
  switch (error.kind) {
    case "unclosed-string":
      return "This string is never closed";
    case "unclosed-here-string":
      return 'This here-string is never closed (its closing "@ or \'@ must start a line)';
    case "unclosed-comment":
      return "This block comment (<#) is never closed (#>)";
    case "unclosed-bracket":
      return `This "${error.bracket}" is never closed`;
    case "stray-closer":
      return `This "${error.closer}" closes no bracket`;
    case "duplicate-key":
      return `This hashtable already has the key "${error.key}" (line ${locator.position(error.firstOffset).line}), and a hash literal may not repeat a key`;
  }
}

/**
 * Why PowerShell would refuse to run the script at all, and where (line from 1, column from 0),
 * for a file that mentions Client Access Rules; undefined when it parses, as far as the reader
 * tells. PowerShell parses a script whole before it runs any of it.
 */
export function powerShellSyntaxProblem(text: string): { readonly message: string; readonly line: number; readonly column: number } | undefined {
  if (!mentionsClientAccessRules(text)) return undefined;
  const [error] = parsePowerShell(text).syntaxErrors;
  if (!error) return undefined;
  const locator = new Locator(text);
  const { line, column } = locator.position(error.offset);
  return {
    message: `${describeSyntaxError(error, locator)}, so PowerShell refuses to run the script: it runs none of the commands of a script with a syntax error, so no rule in this file is read or checked.`,
    line,
    column,
  };
}

/**
 * The model of a PowerShell file, or `undefined` when it holds no Client Access Rule cmdlet that
 * changes rules (New-, Set-, Remove-) and no `EXOClientAccessRule` block: not a CAR file.
 */
export function readPowerShellRuleSet(text: string): RuleSetModel | undefined {
  if (!mentionsClientAccessRules(text)) return undefined;
  const script = parsePowerShell(text);
  const simulation = simulate(script);
  if (!simulation.hasScriptCommands && !simulation.hasResourceBlocks) return undefined;

  const locator = new Locator(text);
  const whole = locator.located({ start: 0, end: text.length });
  const array = { ...whole, type: "JSONArrayExpression", elements: [] as AST.JSONExpression[] } as Mutable<AST.JSONArrayExpression>;
  const statement = { ...whole, type: "JSONExpressionStatement", expression: array } as Mutable<AST.JSONExpressionStatement>;
  const program = { ...whole, type: "Program", body: [statement], comments: [], tokens: [] } as unknown as AST.JSONProgram;
  array.parent = statement;
  (statement as { parent: unknown }).parent = program;

  const allRules: CarRule[] = [];
  simulation.rules.forEach((simRule, index) => {
    const node = ruleNode(locator, simRule, array);
    array.elements.push(node);
    const rule = readRule(node, index);
    // Something the reader could not follow touched the rule: reported at that token, not analysed.
    allRules.push(simRule.tainted ? { ...rule, spec: undefined } : rule);
  });
  const rules = allRules.filter((rule) => !rule.absent);
  const specs = rules.flatMap((rule) => (rule.spec ? [rule.spec] : []));
  const ruleBySpec = new Map<RuleSpec, CarRule>(rules.flatMap((rule) => (rule.spec ? [[rule.spec, rule]] : [])));
  const ruleBySim = new Map<SimRule, CarRule>(simulation.rules.map((simRule, index) => [simRule, allRules[index]!]));
  return {
    shape: simulation.hasScriptCommands ? "powershell-script" : "dsc-configuration",
    program,
    // New rules are not inserted into PowerShell text: those suggestions stay JSON-only.
    rulesArray: undefined,
    issues: simulation.issues.map((issue) => modelIssue(locator, issue)),
    allRules,
    rules,
    specs,
    duplicateCreations: simulation.duplicates.flatMap((duplicate) => {
      const first = ruleBySim.get(duplicate.first);
      return first ? [{ name: duplicate.name, nameNode: spanNode(locator, duplicate.nameSpan), first }] : [];
    }),
    ruleOf(spec) {
      const rule = ruleBySpec.get(spec);
      if (!rule) throw new Error(`No rule in this file has the spec of "${spec.name}"`);
      return rule;
    },
  };
}
