/**
 * `client-access-rules what-if <file> --protocol P --ip A …`: the offline counterpart of
 * Test-ClientAccessRule. Reads a rule file with the model, evaluates one connection with the
 * analysis's `decide`, and explains every rule's outcome in evaluation order.
 */
import { parseArgs } from "node:util";
import type { Connection, Decision, DecisionStep } from "../analysis/index.ts";
import { decide, isWellFormedUsername } from "../analysis/index.ts";
import { sortByEvaluationOrder } from "../model/rule-spec.ts";
import type { RuleSpec } from "../model/index.ts";
import { parseIpAddress } from "../model/ip-entry.ts";
import type { RestSemantics } from "../model/vocabulary.ts";
import {
  AUTHENTICATION_TYPES,
  type AuthenticationType,
  PROTOCOLS,
  type Protocol,
  RECIPIENT_FILTER_PROPERTIES,
} from "../model/vocabulary.ts";
import { findRecipientFilterProperty } from "../model/recipient-filter.ts";
import {
  type CliIo,
  EXIT_OK,
  UsageError,
  chooseValue,
  attachNegativeNumbers,
  withUsageErrors,
  parseInteger,
} from "./args.ts";
import { loadRuleSet } from "./load-rule-set.ts";
import { type SkippedRule, describeCoupledMatch, describeFailedCondition, skippedRules } from "./explain.ts";

/** `items` joined by ", " and wrapped before column 100, continuation lines indented by `indent`. */
function wrapList(items: readonly string[], indent: number): string {
  const lines: string[] = [];
  let line = "";
  for (const [position, item] of items.entries()) {
    const piece = position < items.length - 1 ? `${item},` : item;
    if (line !== "" && indent + line.length + 1 + piece.length > 92) {
      lines.push(line);
      line = piece;
    } else {
      line = line === "" ? piece : `${line} ${piece}`;
    }
  }
  lines.push(line);
  return lines.join(`\n${" ".repeat(indent)}`);
}

// The protocol list comes from the vocabulary, so the usage and what --protocol accepts agree.
export const WHAT_IF_USAGE = `Usage: client-access-rules what-if <file> --protocol <protocol> --ip <address> [options]

Evaluates one connection against the rules in <file>, as Test-ClientAccessRule would, offline.

Options:
  --protocol <name>        ${wrapList([...PROTOCOLS], 27)} (required)
  --ip <address>           the client's IPv4 or IPv6 address (required)
  --auth <type>            authentication type (default: OAuthAuthentication for REST,
                           BasicAuthentication otherwise)
  --user <DOMAIN\\name>     the user (default: contoso.com\\user)
  --group <name>           a group the user belongs to (repeatable; for UserIsMemberOf)
  --attribute <P>=<value>  a directory attribute of the user, e.g. Department=Sales
                           (repeatable; for UserRecipientFilter; unset when not given)
  --port <number>          the client's TCP port (default: 443)
  --middle-tier            the connection comes from a middle-tier application
  --semantics <mode>       coupled (default) or independent REST/EWS semantics
  --all-matches            list every matching rule, disabled ones included, as
                           Test-ClientAccessRule does
  --json                   print the result as JSON
  -h, --help               show this help
`;

const DEFAULT_USER = "contoso.com\\user";
const DEFAULT_PORT = 443;
const REST_SEMANTICS: readonly RestSemantics[] = ["coupled", "independent"];

/**
 * REST takes OAuth only (Outlook for iOS and Android, the REST API); for the other protocols
 * Basic is the type Microsoft's Test-ClientAccessRule example uses.
 */
export function defaultAuthenticationType(protocol: Protocol): AuthenticationType {
  return protocol === "REST" ? "OAuthAuthentication" : "BasicAuthentication";
}

export interface WhatIfRequest {
  readonly file: string;
  readonly connection: Connection;
  readonly restSemantics: RestSemantics;
  readonly allMatches: boolean;
  readonly json: boolean;
}

const OPTIONS = {
  protocol: { type: "string" },
  ip: { type: "string" },
  auth: { type: "string" },
  user: { type: "string" },
  group: { type: "string", multiple: true },
  attribute: { type: "string", multiple: true },
  port: { type: "string" },
  "middle-tier": { type: "boolean" },
  semantics: { type: "string" },
  "all-matches": { type: "boolean" },
  json: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

/** `--attribute Department=Sales` values, by canonical property name; throws UsageError. */
function parseAttributes(values: readonly string[]): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const value of values) {
    const separator = value.indexOf("=");
    if (separator <= 0) throw new UsageError(`--attribute takes Property=Value (such as Department=Sales), not "${value}"`);
    const name = value.slice(0, separator).trim();
    const property = findRecipientFilterProperty(name);
    if (property === undefined) {
      throw new UsageError(`--attribute: "${name}" is not a property recipient filters can use (${RECIPIENT_FILTER_PROPERTIES.join(", ")})`);
    }
    if (property in attributes) throw new UsageError(`--attribute: ${property} is given twice`);
    attributes[property] = value.slice(separator + 1);
  }
  return attributes;
}

/** Reads and checks the command line; throws UsageError. Returns undefined for `--help`. */
export function parseWhatIfArgs(args: readonly string[]): WhatIfRequest | undefined {
  const { values, positionals } = withUsageErrors(() =>
    parseArgs({ args: attachNegativeNumbers(args, OPTIONS), options: OPTIONS, allowPositionals: true, strict: true }),
  );
  if (values.help) return undefined;
  if (positionals.length !== 1) {
    throw new UsageError(positionals.length === 0 ? "what-if needs a rule file" : `what-if takes one rule file, got ${positionals.length}`);
  }
  if (values.protocol === undefined) throw new UsageError("what-if needs --protocol");
  if (values.ip === undefined) throw new UsageError("what-if needs --ip");

  const protocol = chooseValue("protocol", values.protocol, PROTOCOLS);
  const address = parseIpAddress(values.ip);
  if (!address.ok) throw new UsageError(`--ip: ${address.message}`);
  const authenticationType =
    values.auth === undefined ? defaultAuthenticationType(protocol) : chooseValue("authentication type", values.auth, AUTHENTICATION_TYPES);
  const user = values.user ?? DEFAULT_USER;
  if (!isWellFormedUsername(user)) {
    throw new UsageError(`--user must be DOMAIN\\name (one backslash, both parts non-empty), not "${user}"`);
  }
  const attributes = parseAttributes(values.attribute ?? []);
  const port = values.port === undefined ? DEFAULT_PORT : parseInteger("--port", values.port, 1, 65535);
  const restSemantics = values.semantics === undefined ? "coupled" : chooseValue("semantics", values.semantics, REST_SEMANTICS);
  return {
    file: positionals[0]!,
    connection: {
      protocol,
      authenticationType,
      ip: address.canonical,
      port,
      user: { name: user, groups: (values.group ?? []).map((group) => group.trim().toLowerCase()), attributes },
      middleTier: values["middle-tier"] ?? false,
    },
    restSemantics,
    allMatches: values["all-matches"] ?? false,
    json: values.json ?? false,
  };
}

export interface RuleOutcome {
  readonly name: string;
  readonly priority: number | undefined;
  /** Position in the file (0-based). */
  readonly index: number;
  readonly enabled: boolean;
  readonly action: RuleSpec["action"];
  /** `not-reached`: an earlier rule decided and evaluation stopped (without --all-matches). */
  readonly outcome: DecisionStep["outcome"] | "not-reached";
  readonly failedCondition?: string;
  /** Why it matched or did not, in words. */
  readonly explanation: string;
  /** Disabled rules: whether the rule would match if it were enabled (Test-ClientAccessRule lists it then). */
  readonly wouldMatch?: boolean;
}

export interface WhatIfResult {
  readonly file: string;
  readonly connection: Connection;
  readonly restSemantics: RestSemantics;
  readonly rules: readonly RuleOutcome[];
  readonly decidingRule: { readonly name: string; readonly priority: number | undefined } | null;
  readonly action: Decision["action"];
  readonly allowedByDefault: boolean;
  /** With --all-matches: every rule Test-ClientAccessRule would list, disabled ones included. */
  readonly matchingRules?: readonly { readonly name: string; readonly priority: number | undefined; readonly action: RuleSpec["action"]; readonly enabled: boolean }[];
  readonly skippedRules: readonly SkippedRule[];
  /**
   * For a REST connection with OAuth whose decision depends on whether it is an end-user or a
   * middle-tier connection: Outlook for iOS and Android make both in design.md's model, so both
   * decisions are given (no-blocked-outlook-mobile reports a deny that takes either).
   */
  readonly outlookMobile?: {
    readonly endUser: { readonly action: Decision["action"]; readonly decidingRule: { readonly name: string; readonly priority: number | undefined } | null };
    readonly middleTier: { readonly action: Decision["action"]; readonly decidingRule: { readonly name: string; readonly priority: number | undefined } | null };
  };
}

/** Both scopes of an Outlook-for-iOS-and-Android-shaped connection, when they decide differently. */
function outlookMobileScopes(request: WhatIfRequest, specs: readonly RuleSpec[]): WhatIfResult["outlookMobile"] {
  const { connection, restSemantics } = request;
  if (connection.protocol !== "REST" || connection.authenticationType !== "OAuthAuthentication") return undefined;
  const side = (middleTier: boolean) => {
    const decision = decide(specs, { ...connection, middleTier }, { restSemantics });
    const rule = decision.decidingRule;
    return { action: decision.action, decidingRule: rule ? { name: rule.name, priority: rule.priority } : null };
  };
  const endUser = side(false);
  const middleTier = side(true);
  if (endUser.action === middleTier.action && endUser.decidingRule?.name === middleTier.decidingRule?.name) return undefined;
  return { endUser, middleTier };
}

function explainStep(step: DecisionStep, request: WhatIfRequest): string {
  const { connection, restSemantics } = request;
  if (step.outcome === "matched") {
    const note = describeCoupledMatch(step.rule, connection, restSemantics);
    return note === undefined ? "matched" : `matched (${note})`;
  }
  const failed =
    step.failedCondition === undefined ? undefined : describeFailedCondition(step.failedCondition, step.rule, connection, restSemantics);
  if (step.outcome === "disabled") return step.wouldMatch ? "disabled (would match if enabled)" : `disabled (and ${failed})`;
  return failed ?? "did not match";
}

/** Evaluates an already-read rule set: pure, for tests and the command alike. */
export function evaluateWhatIf(request: WhatIfRequest, specs: readonly RuleSpec[], skipped: readonly SkippedRule[]): WhatIfResult {
  const decision = decide(specs, request.connection, { restSemantics: request.restSemantics, allMatches: request.allMatches });
  const stepByRule = new Map(decision.trace.map((step) => [step.rule, step]));
  const rules = sortByEvaluationOrder(specs).map((rule): RuleOutcome => {
    const base = { name: rule.name, priority: rule.priority, index: rule.index, enabled: rule.enabled, action: rule.action };
    const step = stepByRule.get(rule);
    if (step === undefined) return { ...base, outcome: "not-reached", explanation: "not reached (an earlier rule decided)" };
    return {
      ...base,
      outcome: step.outcome,
      ...(step.failedCondition === undefined ? {} : { failedCondition: step.failedCondition }),
      ...(step.outcome === "disabled" ? { wouldMatch: step.wouldMatch === true } : {}),
      explanation: explainStep(step, request),
    };
  });
  const listedByTestCmdlet = decision.trace.filter((step) => step.outcome === "matched" || (step.outcome === "disabled" && step.wouldMatch));
  return {
    file: request.file,
    connection: request.connection,
    restSemantics: request.restSemantics,
    rules,
    decidingRule: decision.decidingRule ? { name: decision.decidingRule.name, priority: decision.decidingRule.priority } : null,
    action: decision.action,
    allowedByDefault: decision.decidingRule === undefined,
    ...(request.allMatches
      ? {
          matchingRules: listedByTestCmdlet.map(({ rule }) => ({
            name: rule.name,
            priority: rule.priority,
            action: rule.action,
            enabled: rule.enabled,
          })),
        }
      : {}),
    skippedRules: skipped,
    ...(() => {
      const outlookMobile = outlookMobileScopes(request, specs);
      return outlookMobile ? { outlookMobile } : {};
    })(),
  };
}

const priorityText = (priority: number | undefined) => (priority === undefined ? "no Priority" : `Priority ${priority}`);
const ruleText = (rule: { name: string; priority: number | undefined }) => `"${rule.name}" (${priorityText(rule.priority)})`;

/** The human-readable report. */
export function formatWhatIf(result: WhatIfResult): string {
  const { connection } = result;
  const lines: string[] = [
    `${result.file}: ${connection.protocol} with ${connection.authenticationType} from ${connection.ip}, port ${connection.port}, ` +
      `user ${connection.user.name}${connection.middleTier ? " (middle-tier application)" : ""}; ${result.restSemantics} REST/EWS semantics`,
  ];
  for (const skipped of result.skippedRules) {
    const label = skipped.index === undefined ? "an entry" : skipped.name === undefined ? `rule #${skipped.index + 1}` : `"${skipped.name}"`;
    lines.push(`skipped ${label}: ${skipped.reasons.join("; ")}`);
  }
  lines.push("");
  for (const rule of result.rules) {
    lines.push(`  "${rule.name}" (${priorityText(rule.priority)}, ${rule.action}): ${rule.explanation}`);
  }
  if (result.rules.length > 0) lines.push("");
  if (result.decidingRule === null) lines.push("No rule matched: allowed by default (AllowAccess).");
  else lines.push(`Decided by ${ruleText(result.decidingRule)}: ${result.action}.`);
  if (result.outlookMobile) {
    const decided = (side: NonNullable<WhatIfResult["outlookMobile"]>["endUser"]) =>
      side.decidingRule === null ? `${side.action} (no rule matched)` : `${side.action} by ${ruleText(side.decidingRule)}`;
    lines.push(
      "",
      `Outlook for iOS and Android make both kinds of REST connection in the plugin's model (KB 4013974): ` +
        `as an end-user connection this one gets ${decided(result.outlookMobile.endUser)}; ` +
        `as a middle-tier connection, ${decided(result.outlookMobile.middleTier)}. ` +
        "no-blocked-outlook-mobile reports a deny that takes either. Microsoft's later pages call the app a middle-tier service that bypasses Client Access Rules.",
    );
  }
  if (result.matchingRules !== undefined) {
    lines.push("", "Matching rules, as Test-ClientAccessRule lists them (disabled rules count as enabled):");
    if (result.matchingRules.length === 0) lines.push("  none");
    for (const rule of result.matchingRules) {
      lines.push(`  "${rule.name}" (${priorityText(rule.priority)}, ${rule.action})${rule.enabled ? "" : ": disabled"}`);
    }
  }
  return `${lines.join("\n")}\n`;
}

/** The machine-readable report; a missing Priority is written as `null`, not left out. */
export function formatWhatIfJson(result: WhatIfResult): string {
  return `${JSON.stringify(result, (_key, value: unknown) => (value === undefined ? null : value), 2)}\n`;
}

/** The `what-if` command; throws UsageError on bad input. */
export async function runWhatIf(args: readonly string[], io: CliIo): Promise<number> {
  const request = parseWhatIfArgs(args);
  if (request === undefined) {
    io.stdout(WHAT_IF_USAGE);
    return EXIT_OK;
  }
  const model = await loadRuleSet(request.file, io.cwd);
  const result = evaluateWhatIf(request, model.specs, skippedRules(model.allRules, model.issues));
  io.stdout(request.json ? formatWhatIfJson(result) : formatWhatIf(result));
  return EXIT_OK;
}
