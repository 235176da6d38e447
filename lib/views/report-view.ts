/**
 * The access report in text and markdown: the three headlines (remote PowerShell, Outlook for iOS
 * and Android, rules that decide nothing), then per protocol who is denied and who is allowed.
 * Protocols whose connections are decided by the same rules over the same regions are printed
 * once, so a 20-rule file stays within a screen; the JSON format lists each protocol.
 */
import { describeRuleRef } from "./diff-view.ts";
import type { ReportDocument, ReportRegion, UnreadRule, VerdictDocument } from "./documents.ts";
import { escapeMarkdown } from "./escape.ts";
import { type Quote, describeRegion, describeWitnessConnection, plain } from "./region-text.ts";

export interface ProtocolGroup {
  readonly protocols: readonly string[];
  readonly regions: readonly ReportRegion[];
}

/** Protocols with the same regions (same rules, same descriptions), grouped in report order. */
export function groupProtocols(document: ReportDocument): ProtocolGroup[] {
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
    verdictLine("Outlook for iOS and Android (REST with OAuth)", document.outlookMobile, quote),
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

export function formatReportText(document: ReportDocument): string {
  const lines = [
    `Access report: ${document.file} (${document.restSemantics} REST/EWS semantics, ${document.target})`,
    ...(document.exact ? [] : ["Note: the analysis left some questions undecided (a search bound, see docs/performance.md); a region may include connections that cannot occur."]),
    ...unreadLines(document.unread, plain),
    "",
    ...headlines(document, plain),
  ];
  for (const group of groupProtocols(document)) {
    lines.push("", group.protocols.join(", "));
    for (const region of group.regions) {
      const [first, ...rest] = describeRegion(region.region);
      lines.push(`  ${decidedBy(region, plain)}: ${first}`, ...rest.map((line) => `      ${line}`));
    }
  }
  return `${lines.join("\n")}\n`;
}

export function formatReportMarkdown(document: ReportDocument): string {
  const quote: Quote = escapeMarkdown;
  const lines = [
    `### Client Access Rules: who can connect (${quote(document.file)})`,
    "",
    `${document.restSemantics} REST/EWS semantics, ${document.target}`,
    "",
    ...[...headlines(document, quote), ...unreadLines(document.unread, quote)].map((line) => `- ${line}`),
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
