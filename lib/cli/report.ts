/**
 * `client-access-rules report <file>`: who can connect, per protocol, with the deciding rule of
 * each region, the remote PowerShell and Outlook for iOS and Android verdicts, and the rules that
 * decide nothing.
 */
import { parseArgs } from "node:util";
import { accessMap } from "../analysis/access-map.ts";
import { analyzeRuleSet } from "../analysis/analyze.ts";
import { DimensionDescriber } from "../analysis/dimension-description.ts";
import type { RestSemantics, Target } from "../model/vocabulary.ts";
import { formatJson } from "../views/diff-view.ts";
import { type ReportDocument, reportDocument } from "../views/documents.ts";
import { formatReportHtml } from "../views/report-html.ts";
import { formatReportMarkdown, formatReportText } from "../views/report-view.ts";
import { type CliIo, EXIT_FINDINGS, EXIT_OK, UsageError, chooseValue, withUsageErrors } from "./args.ts";
import { loadRuleSet } from "./load-rule-set.ts";
import { VIEW_OPTIONS, chooseRestSemantics, chooseTarget, governedProtocols, rulesOf, undecidedNotice } from "./view-options.ts";

export const REPORT_USAGE = `Usage: client-access-rules report <file> [options]

Shows who can connect: for each protocol, which connections are denied and which allowed, by
which rule; whether administrators can reach remote PowerShell, whether Outlook for iOS and
Android can sync, and which rules decide nothing.

Options:
  --format <name>             text (default), markdown, json or html (a self-contained page)
  --rest-semantics <mode>     coupled (default) or independent
  --target <target>           exchange-online (default) or exchange-server
  -h, --help                  show this help

Exit code: 0 reported, every question decided; 1 the analysis left a question undecided (a
search bound: the report says so, and a region may hold connections that cannot occur); 2 usage
error, or the rule set was not analysed (the analysis met its node limit: nothing is printed).
`;

const FORMATS = ["text", "markdown", "json", "html"] as const;

export interface ReportRequest {
  readonly file: string;
  readonly format: (typeof FORMATS)[number];
  readonly restSemantics: RestSemantics;
  readonly target: Target;
}

export function parseReportArgs(args: readonly string[]): ReportRequest | undefined {
  const { values, positionals } = withUsageErrors(() =>
    parseArgs({ args: [...args], options: VIEW_OPTIONS, allowPositionals: true, strict: true }),
  );
  if (values.help) return undefined;
  if (positionals.length !== 1) {
    throw new UsageError(positionals.length === 0 ? "report needs a rule file" : `report takes one rule file, got ${positionals.length}`);
  }
  return {
    file: positionals[0] as string,
    format: values.format === undefined ? "text" : chooseValue("format", values.format, FORMATS),
    restSemantics: chooseRestSemantics(values["rest-semantics"]),
    target: chooseTarget(values.target),
  };
}

export async function computeReport(request: ReportRequest, cwd: string): Promise<ReportDocument> {
  const model = await loadRuleSet(request.file, cwd);
  const { specs, unread } = rulesOf(model, request.file);
  const analysis = analyzeRuleSet(specs, { restSemantics: request.restSemantics });
  const map = accessMap(analysis, governedProtocols(request.target));
  return reportDocument(map, new DimensionDescriber(analysis.connectionSpace), request.file, {
    restSemantics: request.restSemantics,
    target: request.target,
    unread,
  });
}

export async function runReport(args: readonly string[], io: CliIo): Promise<number> {
  const request = parseReportArgs(args);
  if (request === undefined) {
    io.stdout(REPORT_USAGE);
    return EXIT_OK;
  }
  const document = await computeReport(request, io.cwd);
  const print = { text: formatReportText, markdown: formatReportMarkdown, json: formatJson, html: formatReportHtml }[request.format];
  io.stdout(print(document));
  if (!document.exact) {
    io.stderr(undecidedNotice(document.file));
    return EXIT_FINDINGS;
  }
  return EXIT_OK;
}
