/**
 * The change review in text, markdown (a pull-request comment: a summary line, then a table per
 * protocol group) and JSON (design.md's shape).
 */
import { EXCHANGE_SERVER_PROTOCOLS, type RestSemantics, type Target } from "../model/vocabulary.ts";
import type { ChangeDocument, DiffDocument, RuleRef, UnreadRule } from "./documents.ts";
import { escapeMarkdown } from "./escape.ts";
import { type Quote, describeRegion, describeWitnessConnection, plain } from "./region-text.ts";

export const NO_CHANGE = "No change in who can connect.";

const decisionWord = (action: ChangeDocument["before"]) => (action === "AllowAccess" ? "allowed" : "denied");

export function describeRuleRef(rule: RuleRef | null, quote: Quote = plain): string {
  if (rule === null) return "no rule matches (allowed by default)";
  return `"${quote(rule.name)}" (${rule.priority === null ? "no Priority" : `Priority ${rule.priority}`})`;
}

function deciding(rule: RuleRef | null, action: ChangeDocument["before"], quote: Quote): string {
  return rule === null ? describeRuleRef(rule, quote) : `${describeRuleRef(rule, quote)} ${action === "AllowAccess" ? "allows" : "denies"}`;
}

/** `1 change in who can connect: new access` and the like. */
export function diffSummary(document: DiffDocument): string {
  const count = document.changes.length;
  if (count === 0) return NO_CHANGE;
  const kinds = [document.newAccess ? "new access" : undefined, document.lostAccess ? "lost access" : undefined].filter(Boolean);
  return `${count} change${count === 1 ? "" : "s"} in who can connect: ${kinds.join(" and ")}.`;
}

function unreadLines(unread: readonly UnreadRule[], quote: Quote): string[] {
  return unread.map((rule) => {
    const label = rule.name === null ? (rule.index === null ? "an entry" : `rule #${rule.index + 1}`) : `"${quote(rule.name)}"`;
    return `${quote(rule.file)}: ${label} was not read and counts as absent: ${rule.reasons.map(quote).join("; ")}`;
  });
}

/**
 * The settings the views were made with. Exchange Server applies Client Access Rules to the EAC
 * and remote PowerShell only, so the REST/EWS semantics do not matter there.
 */
export function describeSettings(document: { readonly restSemantics: RestSemantics; readonly target: Target }): string {
  return document.target === "exchange-server"
    ? `exchange-server: ${EXCHANGE_SERVER_PROTOCOLS.join(" and ")} only`
    : `${document.restSemantics} REST/EWS semantics, ${document.target}`;
}

/** Whether a report says what Outlook for iOS and Android get: Exchange Server does not apply rules to REST. */
export function coversOutlookMobile(document: { readonly target: Target }): boolean {
  return document.target !== "exchange-server";
}

/** What every text and markdown view says when the analysis left a question undecided. */
export const UNDECIDED_NOTE =
  "Note: the analysis left some questions undecided (a search bound, see docs/performance.md); a region may include connections that cannot occur.";

function approximationNote(document: DiffDocument): string[] {
  return document.exact ? [] : [UNDECIDED_NOTE];
}

/** A text review longer than this many lines prints each change in two lines (a screen, as the report does). */
export const MAX_DIFF_LINES = 48;

export function formatDiffText(document: DiffDocument): string {
  const lines = [
    `Change review: ${document.before} → ${document.after} (${describeSettings(document)})`,
    diffSummary(document),
    ...approximationNote(document),
    ...unreadLines(document.unread, plain),
  ];
  const head = lines.length;
  for (const change of document.changes) {
    const [first, ...rest] = describeRegion(change.region);
    lines.push(
      "",
      `${change.region.protocols.join(", ")}: ${decisionWord(change.before)} → ${decisionWord(change.after)}`,
      `  before: ${deciding(change.beforeRule, change.before, plain)}`,
      `  after:  ${deciding(change.afterRule, change.after, plain)}`,
      `  who:    ${first ?? "every connection"}`,
      ...rest.map((line) => `          ${line}`),
    );
    if (change.witness) lines.push(`  e.g.:   ${describeWitnessConnection(change.witness)}`);
  }
  if (lines.length <= MAX_DIFF_LINES) return `${lines.join("\n")}\n`;
  // Longer than a screen: every change still shows, in two lines, its first part and a count of
  // the rest (with a blank line between changes while that fits).
  const compact = document.changes.map((change) => {
    const [first] = describeRegion(change.region);
    const more = change.region.parts.length - 1;
    const example = change.witness ? `; e.g. ${describeWitnessConnection(change.witness)}` : "";
    return [
      `${change.region.protocols.join(", ")}: ${decisionWord(change.before)} → ${decisionWord(change.after)}: ${deciding(change.beforeRule, change.before, plain)} → ${deciding(change.afterRule, change.after, plain)}`,
      `  who: ${first ?? "every connection"}${more > 0 ? ` (and ${more} more part${more === 1 ? "" : "s"}; --format json lists them all)` : ""}${example}`,
    ];
  });
  const spaced = head + compact.length * 3 <= MAX_DIFF_LINES;
  const body = spaced ? compact.flatMap((pair) => ["", ...pair]) : ["", ...compact.flat()];
  return `${[...lines.slice(0, head), ...body].join("\n")}\n`;
}

const cell = (text: string) => text.replace(/\n/gu, "<br>");

export function formatDiffMarkdown(document: DiffDocument): string {
  const quote: Quote = escapeMarkdown;
  const lines = [
    `### Client Access Rules: ${diffSummary(document).replace(/\.$/u, "")}`,
    "",
    `${quote(document.before)} → ${quote(document.after)} (${describeSettings(document)})`,
  ];
  const notes = [...approximationNote(document), ...unreadLines(document.unread, quote)];
  if (notes.length > 0) lines.push("", ...notes.map((note) => `- ${note}`));
  let protocols: string | undefined;
  for (const change of document.changes) {
    const heading = change.region.protocols.join(", ");
    if (heading !== protocols) {
      protocols = heading;
      lines.push("", `#### ${heading}`, "", "| Change | Before | After | Who | Example |", "| --- | --- | --- | --- | --- |");
    }
    lines.push(
      `| ${decisionWord(change.before)} → ${decisionWord(change.after)} | ${deciding(change.beforeRule, change.before, quote)} | ${deciding(change.afterRule, change.after, quote)} | ${cell(describeRegion(change.region, quote).join("\n"))} | ${change.witness ? describeWitnessConnection(change.witness, quote) : "—"} |`,
    );
  }
  return `${lines.join("\n")}\n`;
}

/** JSON with a missing Priority written as `null`. */
export function formatJson(document: unknown): string {
  return `${JSON.stringify(document, (_key, value: unknown) => (value === undefined ? null : value), 2)}\n`;
}
