/**
 * Human words for what `what-if` found: why a rule did not match a connection, and why the model
 * could not read a rule (so it was left out of the evaluation).
 */
import type { Connection, FailedCondition } from "../analysis/index.ts";
import { formatIpRange } from "../analysis/index.ts";
import type { CarRule, ModelIssue, RuleSpec } from "../model/index.ts";
import type { PsIssueCode } from "../model/powershell/simulate.ts";
import type { RestSemantics } from "../model/vocabulary.ts";

/** Lists longer than this are cut, so one line stays readable. */
const MAX_LISTED_VALUES = 5;

function listed(values: readonly string[] | undefined): string {
  if (values === undefined || values.length === 0) return "";
  const shown = values.slice(0, MAX_LISTED_VALUES).join(", ");
  const more = values.length - MAX_LISTED_VALUES;
  return more > 0 ? ` (${shown} and ${more} more)` : ` (${shown})`;
}

const ranges = (list: RuleSpec["clientIps"]) => list?.map(formatIpRange);
const ports = (list: RuleSpec["sourcePorts"]) =>
  list?.map((range) => (range.first === range.last ? `${range.first}` : `${range.first}-${range.last}`));

/** Whether the rule's protocol list names REST only through ExchangeWebServices (coupled semantics). */
function matchesRestOnlyThroughEws(list: RuleSpec["protocols"], connection: Connection, restSemantics: RestSemantics) {
  return (
    restSemantics === "coupled" &&
    connection.protocol === "REST" &&
    list !== undefined &&
    !list.includes("REST") &&
    list.includes("ExchangeWebServices")
  );
}

/** `Department=Sales, City=Redmond`, or "no attributes set". */
export function describeAttributes(attributes: Connection["user"]["attributes"]): string {
  const set = Object.entries(attributes ?? {}).filter(([, value]) => value !== "");
  return set.length === 0 ? "no attributes set" : set.map(([name, value]) => `${name}=${value}`).join(", ");
}

/** Why `rule` did not match `connection`: the first failed condition, in words. */
export function describeFailedCondition(
  condition: FailedCondition,
  rule: RuleSpec,
  connection: Connection,
  restSemantics: RestSemantics,
): string {
  const { protocol, authenticationType, ip, port } = connection;
  const user = connection.user.name;
  switch (condition) {
    case "scope":
      return "Scope is Users and the connection comes from a middle-tier application";
    case "protocol":
      return `protocol ${protocol} is not in AnyOfProtocols${listed(rule.protocols)}`;
    case "exceptProtocol":
      return matchesRestOnlyThroughEws(rule.exceptProtocols, connection, restSemantics)
        ? `protocol REST is excepted by ExchangeWebServices in ExceptAnyOfProtocols (coupled semantics)${listed(rule.exceptProtocols)}`
        : `protocol ${protocol} is in ExceptAnyOfProtocols${listed(rule.exceptProtocols)}`;
    case "authenticationType":
      return `authentication type ${authenticationType} is not in AnyOfAuthenticationTypes${listed(rule.authenticationTypes)}`;
    case "exceptAuthenticationType":
      return `authentication type ${authenticationType} is in ExceptAnyOfAuthenticationTypes${listed(rule.exceptAuthenticationTypes)}`;
    case "clientIp":
      return `address ${ip} is not in AnyOfClientIPAddressesOrRanges${listed(ranges(rule.clientIps))}`;
    case "exceptClientIp":
      return `address ${ip} is in ExceptAnyOfClientIPAddressesOrRanges${listed(ranges(rule.exceptClientIps))}`;
    case "sourcePort":
      return `port ${port} is not in AnyOfSourceTcpPortNumbers${listed(ports(rule.sourcePorts))}`;
    case "exceptSourcePort":
      return `port ${port} is in ExceptAnyOfSourceTcpPortNumbers${listed(ports(rule.exceptSourcePorts))}`;
    case "username":
      return `user ${user} matches none of UsernameMatchesAnyOfPatterns${listed(rule.usernamePatterns)}`;
    case "exceptUsername":
      return `user ${user} matches ExceptUsernameMatchesAnyOfPatterns${listed(rule.exceptUsernamePatterns)}`;
    case "group":
      return `user ${user} is not in a group of UserIsMemberOf${listed(rule.groups)} (pass --group)`;
    case "exceptGroup":
      return `user ${user} is in a group of ExceptUserIsMemberOf${listed(rule.exceptGroups)}`;
    case "recipientFilter":
      return `user ${user} with ${describeAttributes(connection.user.attributes)} does not satisfy UserRecipientFilter "${rule.recipientFilter}" (pass --attribute Property=Value)`;
  }
}

/** A note for a matched rule whose match relies on coupled REST/EWS semantics, else undefined. */
export function describeCoupledMatch(rule: RuleSpec, connection: Connection, restSemantics: RestSemantics): string | undefined {
  return matchesRestOnlyThroughEws(rule.protocols, connection, restSemantics)
    ? "REST matches ExchangeWebServices in AnyOfProtocols under coupled semantics"
    : undefined;
}

function where(issue: ModelIssue): string {
  const line = issue.kind === "unknown-parameter" || issue.kind === "duplicate-parameter"
    ? issue.property.node.loc.start.line
    : issue.node.loc.start.line;
  return `line ${line}`;
}

/** Why the model could not read a rule, from one of its blocking issues. */
export function describeBlockingIssue(issue: ModelIssue): string {
  const at = where(issue);
  switch (issue.kind) {
    case "not-an-object":
      return `${at}: not a rule object`;
    case "misplaced-rules":
      return `${at}: rule objects ${issue.where}, where no input form keeps them`;
    case "rules-not-a-list":
      return `${at}: "rules" holds no list of rule objects`;
    case "duplicate-rules-key":
      return `${at}: a second "rules" key, ignored (the last one is read)`;
    case "powershell":
      return `${at}: ${describePowerShellIssue(issue.code, issue.data)}`;
    case "unknown-parameter":
      return `${at}: "${issue.property.key}" is not a Client Access Rule parameter`;
    case "duplicate-parameter":
      return `${at}: ${issue.parameter} is set twice`;
    case "wrong-type":
      return `${at}: ${issue.parameter} must be ${issue.expected}`;
    case "invalid-enum":
      return `${at}: "${issue.value}" is not a valid ${issue.parameter} value`;
    case "missing-name":
      return `${at}: no Name (or Identity)`;
    case "missing-action":
      return `${at}: no Action`;
    case "invalid-priority":
      return `${at}: Priority is not a non-negative integer`;
    case "invalid-enabled":
      return `${at}: Enabled is not true or false`;
    case "invalid-port":
      return `${at}: "${issue.text}" is not a TCP port number or range`;
    case "invalid-ip":
      return `${at}: ${issue.parameter}: ${issue.message}`;
    case "invalid-recipient-filter":
      return `${at}: UserRecipientFilter: ${issue.problems[0]?.message ?? "does not parse"}`;
    case "undecodable-value":
      return `${at}: ${issue.parameter} value "${issue.value}" holds a character that is not UTF-8 (the file is not saved as UTF-8)`;
    case "rejected-authentication":
      return issue.reason === "except-alone"
        ? `${at}: ExceptAnyOfAuthenticationTypes without AnyOfAuthenticationTypes, which New-ClientAccessRule rejects`
        : `${at}: ${issue.parameter} without AnyOfProtocols, which New-ClientAccessRule rejects`;
    default:
      return `${at}: ${issue.kind}`;
  }
}

/** What the PowerShell reader could not read or apply, in a phrase (valid-schema's messages say it in full). */
function describePowerShellIssue(code: PsIssueCode, data: Readonly<Record<string, string>>): string {
  switch (code) {
    case "unknown-parameter":
      return `${data["cmdlet"]} has no parameter -${data["written"]}`;
    case "ambiguous-parameter":
      return `-${data["written"]} is ambiguous (${data["candidates"]})`;
    case "parameter-prefix":
      return `-${data["written"]} abbreviates -${data["parameter"]}`;
    case "missing-argument":
      return `${data["cmdlet"]} -${data["parameter"]} has no value`;
    case "extra-argument":
      return `${data["cmdlet"]} cannot bind this: ${data["detail"]}`;
    case "broken-continuation":
      return `a backtick followed by a space ends ${data["cmdlet"]} there, which PowerShell refuses`;
    case "not-static":
      return `${data["what"]} is ${data["why"]}, so it is not statically known`;
    case "pipeline-input":
      return `${data["cmdlet"]} takes its rules from the pipeline`;
    case "unknown-target":
      return `${data["cmdlet"]} refers to "${data["name"]}", a rule this file does not create`;
    case "not-run-statically":
      return `${data["cmdlet"]} runs ${data["where"]}`;
    case "function-body":
      return `function "${data["name"]}" runs Client Access Rule cmdlets, which are not simulated`;
    case "name-taken":
      return `a rule is already named "${data["name"]}"`;
  }
}

export interface SkippedRule {
  /** Position in the file's rules (0-based); undefined for an entry that is not a rule object. */
  readonly index: number | undefined;
  readonly name: string | undefined;
  readonly reasons: readonly string[];
}

/** The rules of a file that `what-if` leaves out, and why: unreadable rules and `Ensure: "Absent"` ones. */
export function skippedRules(allRules: readonly CarRule[], fileIssues: readonly ModelIssue[]): SkippedRule[] {
  const skipped: SkippedRule[] = [];
  for (const rule of allRules) {
    if (rule.absent) {
      skipped.push({ index: rule.index, name: rule.name, reasons: ['Ensure is "Absent" (the rule is to be removed)'] });
    } else if (rule.spec === undefined) {
      const reasons = rule.issues.filter((issue) => issue.blocking).map(describeBlockingIssue);
      skipped.push({ index: rule.index, name: rule.name, reasons: reasons.length > 0 ? reasons : ["the rule could not be read"] });
    }
  }
  for (const issue of fileIssues) {
    if (issue.blocking) skipped.push({ index: undefined, name: undefined, reasons: [describeBlockingIssue(issue)] });
  }
  return skipped;
}
