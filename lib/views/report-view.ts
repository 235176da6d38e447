/**
 * The access report in text and markdown: the three headlines (remote PowerShell, Outlook for iOS
 * and Android, rules that decide nothing), then per protocol who is denied and who is allowed.
 * Protocols whose connections are decided by the same rules over the same regions are printed
 * once; a text report longer than a screen prints one line per region and cuts each group with a
 * line naming the deciding rules of the rest. The JSON format lists each protocol and region.
 */
import { UNDECIDED_NOTE, coversOutlookMobile, describeRuleRef, describeSettings } from "./diff-view.ts";
import { type ReportDocument, type ReportRegion, type UnreadRule, type VerdictDocument, protocolGroupsOf } from "./documents.ts";
import { escapeMarkdown } from "./escape.ts";
import { type Quote, describeRegion, describeWitnessConnection, plain } from "./region-text.ts";

export interface ProtocolGroup {
  readonly protocols: readonly string[];
  readonly regions: readonly ReportRegion[];
}

const GROUPS = new WeakMap<ReportDocument, ProtocolGroup[]>();

/**
 * Protocols with the same regions (same rules, same connections), grouped in report order: as the
 * access map compared them when it made the document, else by their descriptions.
 */
export function groupProtocols(document: ReportDocument): ProtocolGroup[] {
  const known = GROUPS.get(document);
  if (known) return known;
  const regionsOf = new Map(document.protocols.map(({ protocol, regions }) => [protocol as string, regions]));
  const computed = protocolGroupsOf(document);
  const groups: ProtocolGroup[] = computed
    ? computed.map((protocols) => ({ protocols, regions: regionsOf.get(protocols[0] as string) ?? [] }))
    : groupByDescription(document);
  GROUPS.set(document, groups);
  return groups;
}

function groupByDescription(document: ReportDocument): ProtocolGroup[] {
  const groups = new Map<string, { protocols: string[]; regions: readonly ReportRegion[] }>();
  for (const { protocol, regions } of document.protocols) {
    const key = JSON.stringify(regions.map((region) => [region.decision, region.rule, region.region.parts]));
    const group = groups.get(key);
    if (group) group.protocols.push(protocol);
    else groups.set(key, { protocols: [protocol], regions });
  }
  return [...groups.values()];
}

function verdictLine(label: string, verdict: VerdictDocument, quote: Quote): string {
  const denying = verdict.denyingRules.map((rule) => describeRuleRef(rule, quote));
  const example = verdict.witness ? `; e.g. ${describeWitnessConnection(verdict.witness, quote)} is ${verdict.verdict === "allowed" ? "allowed" : "denied"}` : "";
  switch (verdict.verdict) {
    case "allowed":
      return `${label}: allowed for every connection`;
    case "denied":
      return `${label}: DENIED for every connection (by ${denying.join(", ")})${example}`;
    case "partly denied":
      return `${label}: partly denied (by ${denying.join(", ")})${example}`;
  }
}

function headlines(document: ReportDocument, quote: Quote): string[] {
  const idle =
    document.decidesNothing.length === 0
      ? "Rules that decide nothing: none"
      : `Rules that decide nothing: ${document.decidesNothing
          .map((rule) => `${describeRuleRef(rule, quote)} ${quote(rule.why)}`)
          .join("; ")}`;
  return [
    verdictLine("Remote PowerShell (administrators)", document.remotePowerShell, quote),
    ...(coversOutlookMobile(document) ? [verdictLine("Outlook for iOS and Android (REST with OAuth)", document.outlookMobile, quote)] : []),
    idle,
  ];
}

function unreadLines(unread: readonly UnreadRule[], quote: Quote): string[] {
  return unread.map((rule) => {
    const label = rule.name === null ? (rule.index === null ? "an entry" : `rule #${rule.index + 1}`) : `"${quote(rule.name)}"`;
    return `${label} was not read and counts as absent: ${rule.reasons.map(quote).join("; ")}`;
  });
}

const decisionWord = (region: ReportRegion) => (region.decision === "AllowAccess" ? "allowed" : "denied");

function decidedBy(region: ReportRegion, quote: Quote): string {
  return region.rule === null ? "allowed: no rule matches" : `${decisionWord(region)} by ${describeRuleRef(region.rule, quote)}`;
}

/** A text report longer than this many lines is printed compactly (design goal: a screen for a 20-rule file). */
export const MAX_REPORT_LINES = 48;
/** Deciding rules named on a "… N more regions" line. */
const MAX_NAMED_RULES = 6;

function regionLines(region: ReportRegion): string[] {
  const [first, ...rest] = describeRegion(region.region);
  return [`  ${decidedBy(region, plain)}: ${first}`, ...rest.map((line) => `      ${line}`)];
}

/** One line per region: its first part, and a count of the others. */
function compactRegionLine(region: ReportRegion): string {
  const [first] = describeRegion(region.region);
  const more = region.region.parts.length - 1;
  return `  ${decidedBy(region, plain)}: ${first}${more > 0 ? ` (and ${more} more part${more === 1 ? "" : "s"})` : ""}`;
}

function moreRegionsLine(hidden: readonly ReportRegion[]): string {
  const deciders = hidden.slice(0, MAX_NAMED_RULES).map((region) => (region.rule === null ? "allowed: no rule matches" : `${decisionWord(region)} by ${describeRuleRef(region.rule, plain)}`));
  const unnamed = hidden.length - deciders.length;
  return `  … ${hidden.length} more region${hidden.length === 1 ? "" : "s"}: ${deciders.join("; ")}${unnamed > 0 ? `; and ${unnamed} more` : ""} (--format json lists them all)`;
}

/**
 * The protocol groups within `budget` lines: one line per group and per region, the first regions
 * of each group in evaluation order, handed out one group at a time so every group shows as many as
 * the others; a group cut short ends with a line naming the deciding rules of the rest.
 */
function compactGroups(groups: readonly ProtocolGroup[], budget: number): string[] {
  const shown = groups.map(() => 0);
  const cost = () => groups.reduce((total, group, index) => total + 1 + shown[index]! + (shown[index]! < group.regions.length ? 1 : 0), 0);
  let grew = true;
  while (grew) {
    grew = false;
    groups.forEach((group, index) => {
      if (shown[index]! >= group.regions.length) return;
      shown[index]! += 1;
      if (cost() > budget) shown[index]! -= 1;
      else grew = true;
    });
  }
  return groups.flatMap((group, index) => {
    const visible = group.regions.slice(0, shown[index]);
    const hidden = group.regions.slice(shown[index]);
    return [group.protocols.join(", "), ...visible.map(compactRegionLine), ...(hidden.length > 0 ? [moreRegionsLine(hidden)] : [])];
  });
}

export function formatReportText(document: ReportDocument): string {
  const lines = [
    `Access report: ${document.file} (${describeSettings(document)})`,
    ...(document.exact ? [] : [UNDECIDED_NOTE]),
    ...unreadLines(document.unread, plain),
    "",
    ...headlines(document, plain),
  ];
  const groups = groupProtocols(document);
  // Every region takes at least a line: past the budget the full form need not be described.
  const fewestLines = groups.reduce((total, group) => total + 2 + group.regions.length, lines.length);
  if (fewestLines <= MAX_REPORT_LINES) {
    const full = groups.flatMap((group) => ["", group.protocols.join(", "), ...group.regions.flatMap(regionLines)]);
    if (lines.length + full.length <= MAX_REPORT_LINES) return `${[...lines, ...full].join("\n")}\n`;
  }
  // Too long for a screen: one line per region, no blank line between groups, and the rest counted.
  const compact = compactGroups(groups, MAX_REPORT_LINES - lines.length - 1);
  return `${[...lines, "", ...compact].join("\n")}\n`;
}

export function formatReportMarkdown(document: ReportDocument): string {
  const quote: Quote = escapeMarkdown;
  const lines = [
    `### Client Access Rules: who can connect (${quote(document.file)})`,
    "",
    describeSettings(document),
    "",
    ...[...(document.exact ? [] : [UNDECIDED_NOTE]), ...headlines(document, quote), ...unreadLines(document.unread, quote)].map((line) => `- ${line}`),
  ];
  for (const group of groupProtocols(document)) {
    lines.push("", `#### ${group.protocols.join(", ")}`, "", "| Decision | Deciding rule | Who | Example |", "| --- | --- | --- | --- |");
    for (const region of group.regions) {
      lines.push(
        `| ${decisionWord(region)} | ${describeRuleRef(region.rule, quote)} | ${describeRegion(region.region, quote).join("<br>")} | ${region.witness ? describeWitnessConnection(region.witness, quote) : "—"} |`,
      );
    }
  }
  return `${lines.join("\n")}\n`;
}
