/**
 * The access report as one self-contained HTML page: the headlines, then a protocol × region
 * matrix (one column per deciding rule, in evaluation order, and one for "no rule matches"),
 * each cell coloured by decision, its region in words, and the deciding rule, region and example
 * connection on hover. No script, no external resource: a Content-Security-Policy forbids loading
 * anything, and every value from the file is escaped.
 */
import { coversOutlookMobile, describeRuleRef, describeSettings } from "./diff-view.ts";
import type { ReportDocument, ReportRegion, RuleRef } from "./documents.ts";
import { escapeHtml } from "./escape.ts";
import { describeRegion, describeWitnessConnection } from "./region-text.ts";

const STYLE = `
body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5rem; color: #1b1b1b; }
h1 { font-size: 1.3rem; }
ul.headlines li { margin: .2rem 0; }
.verdict-allowed { color: #1a7f37; font-weight: 600; }
.verdict-denied, .verdict-partly-denied { color: #b3261e; font-weight: 600; }
table.matrix { border-collapse: collapse; margin-top: 1rem; }
table.matrix th, table.matrix td { border: 1px solid #c8c8c8; padding: .35rem .5rem; vertical-align: top; max-width: 22rem; }
table.matrix th { background: #f3f3f3; text-align: left; }
td.allow { background: #dff3e4; }
td.deny { background: #f9dcdc; }
td.none { background: #fafafa; color: #999; }
td .decision { font-weight: 600; display: block; }
.legend span { display: inline-block; padding: .1rem .5rem; margin-right: .5rem; border: 1px solid #c8c8c8; }
`;

function columnKey(rule: RuleRef | null): string {
  return rule === null ? "(default)" : JSON.stringify([rule.name, rule.priority]);
}

function cellHtml(region: ReportRegion | undefined): string {
  if (!region) return '<td class="none">—</td>';
  const words = describeRegion(region.region);
  const title = [
    `${region.decision === "AllowAccess" ? "Allowed" : "Denied"}: ${region.rule === null ? "no rule matches (allowed by default)" : `decided by ${describeRuleRef(region.rule)}`}`,
    ...words,
    ...(region.witness ? [`e.g. ${describeWitnessConnection(region.witness)}`] : []),
  ].join("\n");
  const decision = region.decision === "AllowAccess" ? "allowed" : "denied";
  return `<td class="${region.decision === "AllowAccess" ? "allow" : "deny"}" title="${escapeHtml(title)}"><span class="decision">${decision}</span>${words.map(escapeHtml).join("<br>")}</td>`;
}

function verdictHtml(label: string, verdict: ReportDocument["remotePowerShell"]): string {
  const rules = verdict.denyingRules.map((rule) => escapeHtml(describeRuleRef(rule))).join(", ");
  const example = verdict.witness ? ` e.g. ${escapeHtml(describeWitnessConnection(verdict.witness))}` : "";
  const cls = `verdict-${verdict.verdict.replace(" ", "-")}`;
  const by = verdict.verdict === "allowed" ? "" : ` by ${rules}.`;
  return `<li>${escapeHtml(label)}: <span class="${cls}">${escapeHtml(verdict.verdict)}</span>${by}${example}</li>`;
}

export function formatReportHtml(document: ReportDocument): string {
  const columns: { key: string; rule: RuleRef | null }[] = [];
  const seen = new Set<string>();
  for (const { regions } of document.protocols) {
    for (const region of regions) {
      const key = columnKey(region.rule);
      if (!seen.has(key)) {
        seen.add(key);
        columns.push({ key, rule: region.rule });
      }
    }
  }
  // Rules in evaluation order as they first appear; the default column last.
  const order = (rule: RuleRef | null) => (rule === null ? Number.POSITIVE_INFINITY : (rule.priority ?? Number.MAX_SAFE_INTEGER));
  columns.sort((a, b) => order(a.rule) - order(b.rule));
  const header = columns
    .map((column) => `<th scope="col">${escapeHtml(column.rule === null ? "no rule matches (default)" : describeRuleRef(column.rule))}</th>`)
    .join("");
  const rows = document.protocols.map(({ protocol, regions }) => {
    const byKey = new Map(regions.map((region) => [columnKey(region.rule), region]));
    return `<tr><th scope="row">${escapeHtml(protocol)}</th>${columns.map((column) => cellHtml(byKey.get(column.key))).join("")}</tr>`;
  });
  const idle =
    document.decidesNothing.length === 0
      ? "<li>Rules that decide nothing: none</li>"
      : `<li>Rules that decide nothing:<ul>${document.decidesNothing
          .map((rule) => `<li>${escapeHtml(describeRuleRef(rule))}: ${escapeHtml(rule.why)}</li>`)
          .join("")}</ul></li>`;
  const unread = document.unread.map(
    (rule) =>
      `<li>${escapeHtml(rule.name === null ? "an entry" : `"${rule.name}"`)} was not read and counts as absent: ${escapeHtml(rule.reasons.join("; "))}</li>`,
  );
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Client Access Rules: who can connect — ${escapeHtml(document.file)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>Who can connect: ${escapeHtml(document.file)}</h1>
<p>${escapeHtml(describeSettings(document))}${document.exact ? "" : ". The analysis left some questions undecided (a search bound, see docs/performance.md): a region may include connections that cannot occur."}</p>
<ul class="headlines">
${verdictHtml("Remote PowerShell (administrators)", document.remotePowerShell)}
${coversOutlookMobile(document) ? `${verdictHtml("Outlook for iOS and Android", document.outlookMobile)}\n` : ""}${idle}
${unread.join("\n")}
</ul>
<p class="legend"><span class="allow-key" style="background:#dff3e4">allowed</span><span style="background:#f9dcdc">denied</span>Hover a cell for the deciding rule and an example connection.</p>
<table class="matrix" id="matrix">
<thead><tr><th scope="col">Protocol</th>${header}</tr></thead>
<tbody>
${rows.join("\n")}
</tbody>
</table>
</body>
</html>
`;
}
