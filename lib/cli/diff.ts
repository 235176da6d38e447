/**
 * `client-access-rules diff <before> <after>` and `diff <file> --base <revision>`: every
 * connection whose decision changes, as readable regions with the deciding rule before and after
 * and a replayed witness each.
 */
import { parseArgs } from "node:util";
import { analyzeRuleSetsInOneSpace } from "../analysis/analyze.ts";
import { compareAnalyses } from "../analysis/difference.ts";
import type { RuleSetModel } from "../model/index.ts";
import type { RestSemantics, Target } from "../model/vocabulary.ts";
import { formatDiffMarkdown, formatDiffText, formatJson } from "../views/diff-view.ts";
import { type DiffDocument, diffDocument } from "../views/documents.ts";
import { type CliIo, EXIT_FINDINGS, EXIT_OK, UsageError, chooseValue, withUsageErrors } from "./args.ts";
import { readCommittedFile } from "./git.ts";
import { loadRuleSet, parseRuleSet } from "./load-rule-set.ts";
import { VIEW_OPTIONS, chooseRestSemantics, chooseTarget, governedProtocols, rulesOf, undecidedNotice } from "./view-options.ts";

export const DIFF_USAGE = `Usage: client-access-rules diff <before> <after> [options]
       client-access-rules diff <file> --base <git revision> [options]

Shows every connection whose decision (allowed or denied) changes between two versions of a rule
file, grouped into regions, each with the deciding rule before and after and an example
connection you can replay with what-if. "No change in who can connect" when there is none.

Options:
  --base <revision>           compare <file> with its committed version at this git revision
                              (a file that does not exist there counts as having no rules)
  --format <name>             text (default), markdown (a pull-request comment) or json
  --fail-on <kind>            exit 1 when the change gives new-access, takes away access
                              (lost-access), or changes anything (any; unread rules count too)
  --rest-semantics <mode>     coupled (default) or independent
  --target <target>           exchange-online (default) or exchange-server
  -h, --help                  show this help

Exit code: 0 reported, every question decided (and no --fail-on match); 1 --fail-on matched,
or the analysis left a question undecided (a search bound: the output says so, and a region may
hold connections that cannot occur); 2 usage error, or the rule sets were not analysed (the
analysis met its node limit: nothing is printed).
`;

const FORMATS = ["text", "markdown", "json"] as const;
const FAIL_ON = ["new-access", "lost-access", "any"] as const;

export interface DiffRequest {
  readonly before: string;
  readonly after: string;
  readonly base: string | undefined;
  readonly format: (typeof FORMATS)[number];
  readonly failOn: (typeof FAIL_ON)[number] | undefined;
  readonly restSemantics: RestSemantics;
  readonly target: Target;
}

export function parseDiffArgs(args: readonly string[]): DiffRequest | undefined {
  const { values, positionals } = withUsageErrors(() =>
    parseArgs({
      args: [...args],
      options: { ...VIEW_OPTIONS, base: { type: "string" }, "fail-on": { type: "string" } },
      allowPositionals: true,
      strict: true,
    }),
  );
  if (values.help) return undefined;
  const base = values.base;
  if (base !== undefined) {
    if (positionals.length !== 1) throw new UsageError(`diff --base takes one rule file, got ${positionals.length}`);
  } else if (positionals.length !== 2) {
    throw new UsageError(
      positionals.length === 1 ? "diff needs two rule files, or one with --base <revision>" : `diff takes two rule files, got ${positionals.length}`,
    );
  }
  return {
    before: positionals[0] as string,
    after: (base === undefined ? positionals[1] : positionals[0]) as string,
    base,
    format: values.format === undefined ? "text" : chooseValue("format", values.format, FORMATS),
    failOn: values["fail-on"] === undefined ? undefined : chooseValue("--fail-on", values["fail-on"], FAIL_ON),
    restSemantics: chooseRestSemantics(values["rest-semantics"]),
    target: chooseTarget(values.target),
  };
}

/** Reads both versions, compares them and returns the document every format prints. */
export async function computeDiff(request: DiffRequest, cwd: string): Promise<DiffDocument> {
  let beforeModel: RuleSetModel | undefined;
  let beforeLabel = request.before;
  if (request.base !== undefined) {
    const committed = await readCommittedFile(request.before, request.base, cwd);
    // A file new since the revision is compared with no rules, and the header says so.
    beforeLabel = committed.text === undefined ? `${committed.label} (not in ${request.base}: no rules)` : committed.label;
    beforeModel = committed.text === undefined ? undefined : parseRuleSet(committed.text, committed.label);
  } else {
    beforeModel = await loadRuleSet(request.before, cwd);
  }
  const afterModel = await loadRuleSet(request.after, cwd);
  const before = rulesOf(beforeModel, beforeLabel);
  const after = rulesOf(afterModel, request.after);
  // A change review compares first-match regions only; it never names the rules that cover a rule
  // that decides nothing, so that work (most of a large file's analysis) is not done.
  const [beforeAnalysis, afterAnalysis] = analyzeRuleSetsInOneSpace([before.specs, after.specs], {
    restSemantics: request.restSemantics,
    maxCoverWork: 0,
  });
  const difference = compareAnalyses(beforeAnalysis!, afterAnalysis!, { protocols: governedProtocols(request.target) });
  return diffDocument(
    difference,
    { before: beforeLabel, after: request.after },
    { restSemantics: request.restSemantics, target: request.target, unread: [...before.unread, ...after.unread] },
  );
}

/** Whether `--fail-on` matches the document. */
export function failsOn(document: DiffDocument, failOn: DiffRequest["failOn"]): boolean {
  switch (failOn) {
    case undefined:
      return false;
    case "new-access":
      return document.newAccess;
    case "lost-access":
      return document.lostAccess;
    case "any":
      return document.changes.length > 0 || document.unread.length > 0;
  }
}

export async function runDiff(args: readonly string[], io: CliIo): Promise<number> {
  const request = parseDiffArgs(args);
  if (request === undefined) {
    io.stdout(DIFF_USAGE);
    return EXIT_OK;
  }
  const document = await computeDiff(request, io.cwd);
  io.stdout(
    request.format === "json" ? formatJson(document) : request.format === "markdown" ? formatDiffMarkdown(document) : formatDiffText(document),
  );
  // Never a silent pass: an answer the analysis could not decide is not "no change" for a gate.
  if (!document.exact) io.stderr(undecidedNotice(`${document.before} and ${document.after}`));
  return failsOn(document, request.failOn) || !document.exact ? EXIT_FINDINGS : EXIT_OK;
}
