/**
 * Runs the Client Access Rule cmdlets of a script, in order, on an organization that starts
 * empty, the way the cmdlet reference describes them (design.md shape 9), and reads
 * Microsoft365DSC `EXOClientAccessRule` blocks. The result is the rule set the script leaves,
 * each value with the source span of the token that set it, plus what could not be read.
 *
 * Priorities follow New-ClientAccessRule's text: "setting a rule to an occupied value pushes that
 * rule and all lower-priority rules down by 1" — numbers, not places, so a script whose
 * priorities never collide ends with exactly the numbers it wrote.
 */
import { closestMatches } from "../suggest.ts";
import { DESIRED_STATE_PROPERTIES, PARAMETERS, findParameter } from "../vocabulary.ts";
import type {
  CommandElement,
  PsCommand,
  PsExistenceTest,
  PsHashEntry,
  PsResourceBlock,
  PsRuleGuard,
  PsScript,
  PsValue,
  Span,
  UnknownReason,
} from "./syntax.ts";

/** What the reader reports about the script itself (valid-schema reports these). */
export type PsIssueCode =
  | "unknown-parameter"
  | "ambiguous-parameter"
  | "parameter-prefix"
  | "missing-argument"
  | "extra-argument"
  | "broken-continuation"
  | "not-static"
  | "pipeline-input"
  | "unknown-target"
  | "not-run-statically"
  | "function-body"
  | "name-taken";

export interface PsIssue {
  readonly code: PsIssueCode;
  readonly span: Span;
  readonly data: Readonly<Record<string, string>>;
  /** False only for `parameter-prefix`: PowerShell accepts it, the full name is clearer. */
  readonly blocking: boolean;
  /** For `parameter-prefix`: the full name the suggestion writes. */
  readonly replacement?: string;
}

/** One value of a rule in the final state, with the command or block entry that set it. */
export interface SimValue {
  /** The key as the parameter or entry names it (`-AnyOfProt` → `AnyOfProtocols`; DSC keys as written). */
  readonly key: string;
  readonly keySpan: Span;
  readonly value: PsValue;
  /**
   * Where the value can be edited as written: a literal list or scalar of one command. Absent when
   * it was composed by `@{Add=…; Remove=…}`, or comes from a variable or splat.
   */
  readonly editable: boolean;
  /** The span a report about the whole property covers. */
  readonly span: Span;
}

export interface SimRule {
  readonly origin: "script" | "dsc";
  name: string;
  /** The command (New-) or DSC block that created the rule. */
  readonly creator: PsCommand | PsResourceBlock;
  readonly values: Map<string, SimValue>;
  priority: number;
  /** The span that stands for the rule (the New- command or the resource block). */
  readonly span: Span;
  /** Set when something the reader could not follow touched the rule. */
  tainted: boolean;
  /** File order of creation, for ties in DSC configurations. */
  readonly order: number;
}

export interface DuplicateCreation {
  readonly name: string;
  readonly nameSpan: Span;
  readonly first: SimRule;
}

export interface Simulation {
  /** The rules the script leaves, in evaluation order, then the DSC blocks' rules in file order. */
  readonly rules: readonly SimRule[];
  readonly issues: readonly PsIssue[];
  readonly duplicates: readonly DuplicateCreation[];
  readonly hasScriptCommands: boolean;
  readonly hasResourceBlocks: boolean;
}

const RULE_PARAMETER_NAMES = PARAMETERS.map((parameter) => parameter.name);
const SWITCHES = ["Confirm", "WhatIf", "Verbose", "Debug"];
const COMMON_WITH_VALUE = [
  "ErrorAction",
  "WarningAction",
  "InformationAction",
  "ProgressAction",
  "ErrorVariable",
  "WarningVariable",
  "InformationVariable",
  "OutVariable",
  "OutBuffer",
  "PipelineVariable",
];
const COMMON_ALIASES: Record<string, string> = {
  vb: "Verbose",
  db: "Debug",
  ea: "ErrorAction",
  wa: "WarningAction",
  infa: "InformationAction",
  proga: "ProgressAction",
  ev: "ErrorVariable",
  wv: "WarningVariable",
  iv: "InformationVariable",
  ov: "OutVariable",
  ob: "OutBuffer",
  pv: "PipelineVariable",
};

type Verb = "new" | "set" | "remove" | "get" | "test";

/** Each cmdlet's parameters (New-/Set-/Remove-ClientAccessRule reference), positional first. */
const CMDLET_PARAMETERS: Record<Verb, readonly string[]> = {
  new: ["Name", ...RULE_PARAMETER_NAMES.filter((name) => name !== "Name"), "DomainController", ...SWITCHES, ...COMMON_WITH_VALUE],
  set: ["Identity", ...RULE_PARAMETER_NAMES, "DomainController", ...SWITCHES, ...COMMON_WITH_VALUE],
  remove: ["Identity", "DomainController", ...SWITCHES, ...COMMON_WITH_VALUE],
  get: ["Identity", "DomainController", ...SWITCHES, ...COMMON_WITH_VALUE],
  test: [],
};

/** Microsoft365DSC's own meta-properties: valid on every resource, never a rule's concern. */
const DSC_META_PROPERTIES = new Set(["dependson", "psdscrunascredential"]);
const DESIRED_STATE = new Set(DESIRED_STATE_PROPERTIES.map((name) => name.toLowerCase()));

interface BoundParameter {
  readonly name: string;
  readonly written: string;
  readonly span: Span;
  /** `undefined` for a switch without a value. */
  readonly value: PsValue | undefined;
  readonly fromSplat: boolean;
}

interface Binding {
  readonly parameters: Map<string, BoundParameter>;
  /** False when PowerShell would refuse to run the command. */
  readonly ok: boolean;
}

function verbOf(command: PsCommand): Verb {
  return command.name.slice(0, command.name.indexOf("-")).toLowerCase() as Verb;
}

/** `New-`, `Set-` and `Remove-` change rules; `Get-` and `Test-` change nothing, wherever their output goes. */
function changesRules(command: PsCommand): boolean {
  const verb = verbOf(command);
  return verb !== "get" && verb !== "test";
}

/** The cmdlet for messages: `New-ClientAccessRule`, or `New-EXOClientAccessRule` with the prefix as written. */
function cmdletName(command: PsCommand): string {
  const verb = verbOf(command);
  const noun = command.name.slice(command.name.indexOf("-") + 1);
  const prefix = noun.slice(0, noun.length - "ClientAccessRule".length);
  return `${verb[0]!.toUpperCase()}${verb.slice(1)}-${prefix}ClientAccessRule`;
}

/** The parameter a written name denotes: exact (any case), alias, or a unique prefix. */
function resolveParameter(
  verb: Verb,
  written: string,
): { name: string; prefix: boolean } | { ambiguous: string[] } | undefined {
  const lower = written.toLowerCase();
  const names = CMDLET_PARAMETERS[verb];
  const exact = names.find((name) => name.toLowerCase() === lower);
  if (exact) return { name: exact, prefix: false };
  const alias = COMMON_ALIASES[lower];
  if (alias) return { name: alias, prefix: false };
  const candidates = names.filter((name) => name.toLowerCase().startsWith(lower));
  if (candidates.length === 1) return { name: candidates[0]!, prefix: true };
  if (candidates.length > 1) return { ambiguous: candidates };
  return undefined;
}

class Simulator {
  /** The script's rules in evaluation order. */
  readonly rules: SimRule[] = [];
  /** Microsoft365DSC rules, in file order (their Priority values are read as written). */
  readonly dscRules: SimRule[] = [];
  readonly issues: PsIssue[] = [];
  readonly duplicates: DuplicateCreation[] = [];
  /** Names of rules whose creation the reader could not follow: later commands on them are not reported again. */
  private readonly phantoms = new Set<string>();
  private order = 0;
  /** Whether each existence test's rule existed when the test ran; undefined when not known. */
  private readonly existence = new Map<PsExistenceTest, boolean | undefined>();

  /** `changesInFunctions`: a function body changes rules, so calling it may make or remove any. */
  constructor(private readonly changesInFunctions: boolean) {}

  private issue(code: PsIssueCode, span: Span, data: Record<string, string> = {}, blocking = true, replacement?: string): void {
    this.issues.push({ code, span, data, blocking, ...(replacement ? { replacement } : {}) });
  }

  private find(name: string): SimRule | undefined {
    const lower = name.trim().toLowerCase();
    return this.rules.find((rule) => rule.name.trim().toLowerCase() === lower);
  }

  private taintAll(): void {
    for (const rule of this.rules) rule.tainted = true;
  }

  bind(command: PsCommand, verb: Verb): Binding {
    const parameters = new Map<string, BoundParameter>();
    let ok = true;
    const positional: PsValue[] = [];
    const cmdlet = cmdletName(command);
    const elements = command.elements;
    const add = (parameter: BoundParameter): void => {
      // PowerShell rejects a parameter given twice; the reader keeps the first and says so.
      if (parameters.has(parameter.name)) {
        this.issue("extra-argument", parameter.span, { cmdlet, detail: `-${parameter.name} is given twice` });
        ok = false;
        return;
      }
      parameters.set(parameter.name, parameter);
    };
    for (let index = 0; index < elements.length; index++) {
      const element = elements[index]!;
      if (element.kind === "argument") {
        positional.push(element.value);
        continue;
      }
      if (element.kind === "splat") {
        if (!element.value || element.value.kind !== "hashtable") {
          this.issue("not-static", element.span, { what: `@${element.name}`, why: "a splatted variable whose value is not a literal hashtable assigned earlier in this file and left unchanged" });
          ok = false;
          continue;
        }
        for (const entry of element.value.entries) {
          const resolved = resolveParameter(verb, entry.key);
          if (!resolved || "ambiguous" in resolved) {
            this.reportUnresolved(cmdlet, verb, entry.key, entry.keySpan, resolved);
            ok = false;
            continue;
          }
          add({ name: resolved.name, written: entry.key, span: entry.keySpan, value: entry.value, fromSplat: true });
        }
        continue;
      }
      const resolved = resolveParameter(verb, element.name);
      if (!resolved || "ambiguous" in resolved) {
        this.reportUnresolved(cmdlet, verb, element.name, element.span, resolved);
        ok = false;
        // Its value, if any, would be the next argument: do not read it as positional.
        const next = elements[index + 1];
        if (!element.colonValue && next?.kind === "argument") index++;
        continue;
      }
      if (resolved.prefix) {
        this.issue("parameter-prefix", element.span, { written: element.name, parameter: resolved.name }, false, `-${resolved.name}`);
      }
      const isSwitch = SWITCHES.includes(resolved.name);
      let value = element.colonValue;
      if (!value && !isSwitch) {
        const next = elements[index + 1];
        if (next?.kind === "argument") {
          value = next.value;
          index++;
        } else {
          this.issue("missing-argument", element.span, { cmdlet, parameter: resolved.name });
          ok = false;
          continue;
        }
      }
      add({ name: resolved.name, written: element.name, span: element.span, value, fromSplat: false });
    }
    const positionalName = verb === "new" ? "Name" : "Identity";
    for (const [position, value] of positional.entries()) {
      if (position === 0 && !parameters.has(positionalName) && verb !== "test") {
        parameters.set(positionalName, { name: positionalName, written: "", span: value.span, value, fromSplat: false });
      } else {
        // A backtick before a space or tab (not before the line break) escapes the space: the
        // command ends there with the space as an argument, and the next line runs on its own.
        if (value.kind === "string" && value.quote === "bare" && value.value.trim() === "") this.issue("broken-continuation", value.span, { cmdlet });
        else this.issue("extra-argument", value.span, { cmdlet, detail: "PowerShell finds no parameter for this argument" });
        ok = false;
      }
    }
    return { parameters, ok };
  }

  private reportUnresolved(cmdlet: string, verb: Verb, written: string, span: Span, resolved: { ambiguous: string[] } | undefined): void {
    if (resolved) {
      this.issue("ambiguous-parameter", span, { written, candidates: resolved.ambiguous.join(", ") });
      return;
    }
    const [suggestion] = closestMatches(written, CMDLET_PARAMETERS[verb]);
    this.issue("unknown-parameter", span, { cmdlet, written, suggestion: suggestion ?? "" });
  }

  run(command: PsCommand): void {
    const verb = verbOf(command);
    if (command.existenceTest) this.existence.set(command.existenceTest, this.exists(command.existenceTest.name));
    if (!changesRules(command)) return;
    const cmdlet = cmdletName(command);
    if (command.guard) {
      const runs = this.branchRuns(command.guard);
      if (runs === false) return;
      if (runs === undefined) {
        this.notRun({ ...command, context: "conditional" }, verb);
        return;
      }
    } else if (command.context !== "top") {
      this.notRun(command, verb);
      return;
    }
    const binding = this.bind(command, verb);
    const whatIf = binding.parameters.get("WhatIf");
    if (whatIf && (whatIf.value === undefined || (whatIf.value.kind === "bool" && whatIf.value.value))) return;
    const targetParameter = binding.parameters.get(verb === "new" ? "Name" : "Identity");
    const target = targetParameter?.value;
    const targetName = target?.kind === "string" ? target.value : undefined;

    if (command.pipelineInput && verb !== "new" && !targetParameter) {
      this.issue("pipeline-input", command.nameSpan, { cmdlet, count: String(this.rules.length) });
      this.taintAll();
      return;
    }
    if (command.pipelineInput && verb === "new") {
      this.issue("pipeline-input", command.nameSpan, { cmdlet, count: "0" });
      if (targetName) this.phantoms.add(targetName.trim().toLowerCase());
      return;
    }
    if (target && target.kind !== "string") {
      this.issue("not-static", target.span, { what: verb === "new" ? "-Name" : "-Identity", why: describeUnknown(target) });
      if (verb !== "new") this.taintAll();
      return;
    }
    if (!targetName || targetName.trim() === "") {
      if (verb !== "new") {
        this.issue("missing-argument", command.nameSpan, { cmdlet, parameter: "Identity" });
        return;
      }
    }
    if (verb === "new") {
      this.create(command, binding, targetName);
      return;
    }
    const rule = this.find(targetName!);
    if (!rule) {
      if (!this.phantoms.has(targetName!.trim().toLowerCase())) {
        this.issue("unknown-target", command.nameSpan, { cmdlet, name: targetName! });
      }
      return;
    }
    if (!binding.ok) {
      rule.tainted = true;
      return;
    }
    if (verb === "remove") {
      this.rules.splice(this.rules.indexOf(rule), 1);
      return;
    }
    this.update(rule, command, binding);
  }

  /**
   * Whether a rule of this name exists: known while every command so far was followed (no rule
   * tainted, none created where the reader could not follow, no function that changes rules).
   */
  private exists(name: string): boolean | undefined {
    if (this.changesInFunctions || this.phantoms.size > 0 || this.rules.some((rule) => rule.tainted)) return undefined;
    return this.find(name) !== undefined;
  }

  /** Whether a guarded branch runs, as its `if`'s condition found; undefined when not known. */
  private branchRuns(guard: PsRuleGuard): boolean | undefined {
    const exists = this.existence.get(guard.test);
    return exists === undefined ? undefined : exists === guard.whenExists;
  }

  private notRun(command: PsCommand, verb: Verb): void {
    if (command.context === "function") return; // one finding per function, below
    const cmdlet = cmdletName(command);
    this.issue("not-run-statically", command.nameSpan, { cmdlet, where: describeContext(command.context) });
    const binding = this.bindQuietly(command, verb);
    const target = binding.parameters.get(verb === "new" ? "Name" : "Identity")?.value;
    if (verb === "new") {
      if (target?.kind === "string") this.phantoms.add(target.value.trim().toLowerCase());
      return;
    }
    if (target?.kind === "string") {
      const rule = this.find(target.value);
      if (rule) rule.tainted = true;
    } else {
      this.taintAll();
    }
  }

  /** Binds without reporting: for commands that are reported as a whole. */
  private bindQuietly(command: PsCommand, verb: Verb): Binding {
    const issues = this.issues.length;
    const binding = this.bind(command, verb);
    this.issues.length = issues;
    return binding;
  }

  functionBodies(commands: readonly PsCommand[]): void {
    const byFunction = new Map<string, { span: Span; commands: PsCommand[] }>();
    for (const command of commands) {
      if (command.context !== "function" || !command.functionName) continue;
      const verb = verbOf(command);
      if (verb === "get" || verb === "test") continue;
      const key = `${command.functionName.span.start}`;
      const entry = byFunction.get(key) ?? { span: command.functionName.span, commands: [] };
      entry.commands.push(command);
      byFunction.set(key, entry);
      if (!byFunction.has(key)) byFunction.set(key, entry);
    }
    for (const [, entry] of byFunction) {
      const first = entry.commands[0]!;
      this.issue("function-body", entry.span, { name: first.functionName!.name, count: String(entry.commands.length) });
      for (const command of entry.commands) {
        const verb = verbOf(command);
        if (verb === "new") continue;
        const target = this.bindQuietly(command, verb).parameters.get("Identity")?.value;
        if (target?.kind === "string") {
          const rule = this.find(target.value);
          if (rule) rule.tainted = true;
        } else {
          this.taintAll();
        }
      }
    }
  }

  private create(command: PsCommand, binding: Binding, name: string | undefined): void {
    const existing = name === undefined ? undefined : this.find(name);
    if (existing) {
      const nameParameter = binding.parameters.get("Name")!;
      this.duplicates.push({ name: name!, nameSpan: nameParameter.value!.span, first: existing });
      return;
    }
    if (!binding.ok) {
      if (name) this.phantoms.add(name.trim().toLowerCase());
      return;
    }
    const rule: SimRule = {
      origin: "script",
      name: name ?? "",
      creator: command,
      values: new Map(),
      priority: 0,
      span: command.span,
      tainted: false,
      order: this.order++,
    };
    let priority: number | undefined;
    for (const parameter of binding.parameters.values()) {
      if (!this.isRuleParameter(parameter.name)) continue;
      if (parameter.name === "Priority") priority = priorityNumber(convertedArgument("Priority", parameter.value));
      this.setValue(rule, parameter, command);
    }
    if (name === undefined) {
      // Without -Name PowerShell prompts for it: the rule has no name the file can say.
      rule.values.delete("Name");
    }
    this.place(rule, priority);
    if (!rule.values.has("Priority")) {
      rule.values.set("Priority", {
        key: "Priority",
        keySpan: command.nameSpan,
        value: { kind: "number", value: rule.priority, span: command.nameSpan },
        editable: false,
        span: command.nameSpan,
      });
    }
  }

  private isRuleParameter(name: string): boolean {
    return RULE_PARAMETER_NAMES.includes(name);
  }

  private setValue(rule: SimRule, parameter: BoundParameter, command: PsCommand): void {
    const value = convertedArgument(parameter.name, parameter.value ?? { kind: "bool" as const, value: true, span: parameter.span })!;
    const descriptor = findParameter(parameter.name);
    const span = { start: parameter.span.start, end: Math.max(parameter.span.end, value.span.end) };
    if (value.kind === "unknown" || containsUnknown(value)) {
      const unknown = firstUnknown(value)!;
      this.issue("not-static", unknown.span, { what: `-${parameter.name}`, why: describeUnknown(unknown) });
      rule.tainted = true;
      return;
    }
    const isList = descriptor !== undefined && descriptor.kind.endsWith("-list");
    if (isList && value.kind === "hashtable") {
      this.applyAddRemove(rule, parameter, value, span, command);
      return;
    }
    rule.values.set(parameter.name, {
      key: parameter.name,
      keySpan: parameter.written === "" ? value.span : parameter.span,
      value,
      editable: !parameter.fromSplat,
      span,
    });
  }

  /** `@{Add=…; Remove=…}` on a list: values compare case-insensitively, as Exchange's lists do. */
  private applyAddRemove(rule: SimRule, parameter: BoundParameter, table: Extract<PsValue, { kind: "hashtable" }>, span: Span, command: PsCommand): void {
    const current = rule.values.get(parameter.name)?.value;
    let items: PsValue[] = current === undefined ? [] : current.kind === "array" ? [...current.items] : current.kind === "null" ? [] : [current];
    for (const entry of table.entries) {
      const operation = entry.key.toLowerCase();
      const values = entry.value.kind === "array" ? entry.value.items : [entry.value];
      if (operation === "add") {
        items.push(...values);
      } else if (operation === "remove") {
        const removed = new Set(values.map(itemKey));
        items = items.filter((item) => !removed.has(itemKey(item)));
      } else {
        this.issue("not-static", entry.keySpan, { what: `-${parameter.name}`, why: `"${entry.key}" is neither Add nor Remove` });
        rule.tainted = true;
        return;
      }
    }
    void command;
    rule.values.set(parameter.name, {
      key: parameter.name,
      keySpan: parameter.span,
      value: { kind: "array", items, span: table.span, form: "comma" },
      editable: false,
      span,
    });
  }

  private update(rule: SimRule, command: PsCommand, binding: Binding): void {
    for (const parameter of binding.parameters.values()) {
      if (!this.isRuleParameter(parameter.name)) continue;
      if (parameter.name === "Name") {
        const value = parameter.value;
        if (value?.kind !== "string") {
          this.setValue(rule, parameter, command);
          continue;
        }
        const holder = this.find(value.value);
        if (holder && holder !== rule) {
          this.issue("name-taken", value.span, { name: value.value });
          continue;
        }
        rule.name = value.value;
        this.setValue(rule, parameter, command);
        continue;
      }
      if (parameter.name === "Priority") {
        const priority = priorityNumber(convertedArgument("Priority", parameter.value));
        this.move(rule, priority);
      }
      this.setValue(rule, parameter, command);
    }
  }

  /** Sets a new rule's priority: the holder of an occupied number and every rule after it move down. */
  private place(rule: SimRule, priority: number | undefined): void {
    if (priority === undefined) {
      rule.priority = this.rules.length === 0 ? 1 : Math.max(...this.rules.map((existing) => existing.priority)) + 1;
    } else {
      if (this.rules.some((existing) => existing.priority === priority)) {
        for (const existing of this.rules) if (existing.priority >= priority) existing.priority++;
      }
      rule.priority = priority;
    }
    this.rules.push(rule);
    this.rules.sort((a, b) => a.priority - b.priority);
  }

  /** Set- -Priority: out of its place (the rules after it move up), then in at the new one. */
  private move(rule: SimRule, priority: number | undefined): void {
    const index = this.rules.indexOf(rule);
    this.rules.splice(index, 1);
    for (const existing of this.rules) if (existing.priority > rule.priority) existing.priority--;
    this.place(rule, priority);
  }

  dsc(block: PsResourceBlock): void {
    const rule: SimRule = {
      origin: "dsc",
      name: "",
      creator: block,
      values: new Map(),
      priority: 0,
      span: block.span,
      tainted: false,
      order: this.order++,
    };
    for (const entry of block.entries) this.dscEntry(rule, entry);
    this.dscRules.push(rule);
  }

  private dscEntry(rule: SimRule, entry: PsHashEntry): void {
    const lower = entry.key.toLowerCase();
    if (DSC_META_PROPERTIES.has(lower)) return;
    // Credentials and tenant keys are DSC's business; their values (often variables) are never read.
    if (DESIRED_STATE.has(lower) && lower !== "ensure") return;
    const value = entry.value;
    if (containsUnknown(value)) {
      const unknown = firstUnknown(value)!;
      this.issue("not-static", unknown.span, { what: entry.key, why: describeUnknown(unknown) });
      rule.tainted = true;
      return;
    }
    if (rule.values.has(entry.key)) return;
    rule.values.set(entry.key, { key: entry.key, keySpan: entry.keySpan, value, editable: true, span: entry.span });
  }
}

/**
 * What PowerShell's parameter binding makes of an argument: an `[int]` parameter takes the string
 * `'2'` as 2, and a `[bool]` one takes 0 and 1 (it refuses strings, which valid-schema reports).
 */
function convertedArgument(parameterName: string, value: PsValue | undefined): PsValue | undefined {
  if (!value) return value;
  if (parameterName === "Priority" && value.kind === "string" && /^\s*\d+\s*$/u.test(value.value)) {
    return { kind: "number", value: Number(value.value), span: value.span };
  }
  // A Boolean parameter takes a number as PowerShell converts it: 0 is $false, any other $true.
  if (parameterName === "Enabled" && value.kind === "number") {
    return { kind: "bool", value: value.value !== 0, span: value.span };
  }
  // `-UserRecipientFilter {City -eq 'Redmond'}`, as Exchange filters are often written: the
  // parameter is a string (taking no pipeline input, so no delay-bind), and PowerShell passes the
  // script block's text. A fix rewrites it as the equivalent single-quoted string.
  if (parameterName === "UserRecipientFilter" && value.kind === "unknown" && value.why === "script-block" && value.text !== undefined) {
    return { kind: "string", value: value.text, span: value.span, quote: "single" };
  }
  return value;
}

function itemKey(value: PsValue): string {
  if (value.kind === "string") return value.value.trim().toLowerCase();
  if (value.kind === "number") return String(value.value);
  return `${value.kind}:${value.span.start}`;
}

function priorityNumber(value: PsValue | undefined): number | undefined {
  if (value?.kind !== "number") return undefined;
  return Number.isSafeInteger(value.value) && value.value >= 0 ? value.value : undefined;
}

function containsUnknown(value: PsValue): boolean {
  return firstUnknown(value) !== undefined;
}

function firstUnknown(value: PsValue): Extract<PsValue, { kind: "unknown" }> | undefined {
  if (value.kind === "unknown") return value;
  if (value.kind === "array") {
    for (const item of value.items) {
      const unknown = firstUnknown(item);
      if (unknown) return unknown;
    }
  }
  if (value.kind === "hashtable") {
    for (const entry of value.entries) {
      const unknown = firstUnknown(entry.value);
      if (unknown) return unknown;
    }
  }
  return undefined;
}

const UNKNOWN_REASONS: Record<UnknownReason, string> = {
  variable: "a variable whose value is not a literal assigned earlier in this file and left unchanged",
  "expandable-string": "a string that expands variables or subexpressions",
  subexpression: "a subexpression computed when the script runs",
  "script-block": "a script block",
  expression: "an expression computed when the script runs",
  "command-output": "the output of a command",
  "nested-array": "a nested array",
};

function describeUnknown(value: PsValue): string {
  return value.kind === "unknown" ? UNKNOWN_REASONS[value.why] : "a value the reader cannot follow";
}

function describeContext(context: PsCommand["context"]): string {
  if (context === "loop") return "inside a loop";
  if (context === "conditional") return "inside a condition (if, switch, catch)";
  return "inside a script block";
}

/** Runs the script's cmdlets and reads its DSC blocks. */
export function simulate(script: PsScript): Simulation {
  const simulator = new Simulator(script.commands.some((command) => command.context === "function" && changesRules(command)));
  const steps: Array<{ at: number; run: () => void }> = [
    // Commands after the script's `exit` never run (DSC blocks are a configuration's desired state, read wherever they are).
    ...script.commands
      .filter((command) => script.end === undefined || command.span.start < script.end)
      .map((command) => ({ at: command.span.start, run: () => simulator.run(command) })),
    ...script.resourceBlocks.map((block) => ({ at: block.span.start, run: () => simulator.dsc(block) })),
  ];
  steps.sort((a, b) => a.at - b.at);
  for (const step of steps) step.run();
  simulator.functionBodies(script.commands);
  const hasScriptCommands = script.commands.some(changesRules);
  return {
    rules: [...simulator.rules, ...simulator.dscRules],
    issues: simulator.issues,
    duplicates: simulator.duplicates,
    hasScriptCommands,
    hasResourceBlocks: script.resourceBlocks.length > 0,
  };
}

export type { CommandElement };
