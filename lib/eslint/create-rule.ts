/**
 * The one way rules are made: meta with the docs URL, the bail-out for files that are not Client
 * Access Rules, and a `check` that receives the shared model instead of AST listeners.
 */
import type { Rule, SourceCode } from "eslint";
import { getRuleSet, isPowerShell, jsonSourceOf } from "./source-model.ts";
import { isPowerShellEdit } from "../fix/index.ts";
import { type RuleSetModel, UNDECODABLE_CHARACTER } from "../model/index.ts";
import { readSettings, type ResolvedSettings } from "./settings.ts";
import { DOCS_BASE_URL } from "../model/vocabulary.ts";
import { FileCache } from "../model/file-cache.ts";
import { BddLimitError } from "../analysis/index.ts";
import { UNDECIDED_MESSAGE, UNDECIDED_MESSAGE_ID, reportAnalysisStopped } from "./undecided.ts";
import { analysisStop, recordAnalysisStop } from "./rule-set-analysis.ts";

export type Severity = "error" | "warn";

export interface CarRuleMeta<MessageIds extends string> {
  readonly type: "problem" | "suggestion" | "layout";
  readonly docs: {
    readonly description: string;
    /** The severity in the `recommended` config, or `false` when it is only in `all`. */
    readonly recommended: Severity | false;
  };
  readonly messages: Readonly<Record<MessageIds, string>>;
  readonly schema?: Rule.RuleMetaData["schema"];
  readonly fixable?: "code";
  readonly hasSuggestions?: boolean;
}

/** Anything with a source location: a JSON AST node, or a hand-made span. */
export interface Locatable {
  readonly loc: { readonly start: { line: number; column: number }; readonly end: { line: number; column: number } };
}

export type ReportData = Readonly<Record<string, string | number>>;

export interface CarSuggestion<MessageIds extends string> {
  readonly messageId: MessageIds;
  readonly data?: ReportData;
  readonly fix: Rule.ReportFixer;
}

export interface CarReport<MessageIds extends string> {
  readonly node: Locatable;
  readonly messageId: MessageIds;
  readonly data?: ReportData;
  readonly fix?: Rule.ReportFixer | null;
  readonly suggest?: readonly CarSuggestion<MessageIds>[];
}

/** What a rule's check gets: every rule is configured by the shared settings, none has options. */
export interface CheckContext<MessageIds extends string> {
  readonly ruleSet: RuleSetModel;
  readonly settings: ResolvedSettings;
  /** The source the model's nodes belong to (with ESLint's token API), whichever JSON AST ESLint built. */
  readonly sourceCode: SourceCode;
  /** The linted file's name, as ESLint gives it. */
  readonly filename: string;
  report(report: CarReport<MessageIds>): void;
}

export interface CarRuleDefinition<MessageIds extends string> {
  readonly name: string;
  readonly meta: CarRuleMeta<MessageIds>;
  check(context: CheckContext<MessageIds>): void;
}

export type CarRuleModule = Rule.RuleModule & {
  readonly meta: Rule.RuleMetaData & { docs: { recommended: Severity | false; url: string } };
};

export function createRule<MessageIds extends string>(
  definition: CarRuleDefinition<MessageIds>,
): CarRuleModule {
  const { name, meta } = definition;
  return {
    meta: {
      ...meta,
      // Any rule may be the one whose question meets the analysis' limit, and it then reports that.
      messages: { [UNDECIDED_MESSAGE_ID]: UNDECIDED_MESSAGE, ...meta.messages },
      schema: meta.schema ?? [],
      docs: { ...meta.docs, url: `${DOCS_BASE_URL}${name}.md` },
    } as CarRuleModule["meta"],
    create(context) {
      const run = () => {
        const file = lintedFiles.get(context.sourceCode, readLintedFile);
        if (!file) return;
        const { ruleSet, sourceCode, columnOffset, powerShell, undecodable } = file;
        const guard = powerShell ? powerShellOnly : (fix: Rule.ReportFixer) => fix;
        const report = ({ node, messageId, data, fix, suggest }: CarReport<MessageIds>) => {
          // Built field by field, without spread temporaries: every finding of every file comes here.
          const descriptor: {
            loc: Locatable["loc"];
            messageId: string;
            data?: ReportData;
            fix?: Rule.ReportFixer;
            suggest?: Rule.SuggestionReportDescriptor[];
          } = { loc: shiftColumns(node.loc, columnOffset), messageId };
          if (data) descriptor.data = data;
          // Writing a file that was not read as it is would replace its unreadable characters
          // for good (valid-schema says so): its findings keep their suggestions, never autofixes.
          if (fix && !undecodable) descriptor.fix = guard(fix);
          if (suggest && suggest.length > 0) {
            descriptor.suggest = suggest.map((suggestion) => {
              const used = suggestion.data && usedData(meta.messages[suggestion.messageId], suggestion.data);
              const fixer = guard(withoutAnchors(suggestion.fix));
              return used ? { messageId: suggestion.messageId, data: used, fix: fixer } : { messageId: suggestion.messageId, fix: fixer };
            });
          }
          context.report(descriptor as Rule.ReportDescriptor);
        };
        try {
          definition.check({ ruleSet, settings: readSettings(context.settings), sourceCode, filename: context.filename, report });
        } catch (error) {
          // Only the analysis' own limit becomes a report; a programming error must still surface.
          if (!(error instanceof BddLimitError)) throw error;
          const alreadyReported = analysisStop(ruleSet) !== undefined;
          recordAnalysisStop(ruleSet, error);
          if (!alreadyReported) reportAnalysisStopped(ruleSet, error, report);
        }
      };
      // jsonc-eslint-parser's root is `Program`; @eslint/json's (Momoa) root is `Document`.
      return { Program: run, Document: run } as Rule.RuleListener;
    },
  };
}

/** What every rule of the plugin reads of the file being linted. */
interface LintedFile {
  readonly ruleSet: RuleSetModel;
  /** The source the model's nodes belong to (see CheckContext). */
  readonly sourceCode: SourceCode;
  readonly columnOffset: 0 | 1;
  readonly powerShell: boolean;
  /** The text holds U+FFFD: bytes that are not UTF-8 (lib/model/text-encoding.ts). */
  readonly undecodable: boolean;
}

/** Worked out once per file, not once per rule: every enabled rule of the plugin asks. */
const lintedFiles = new FileCache<SourceCode, LintedFile | undefined>();

function readLintedFile(sourceCode: SourceCode): LintedFile | undefined {
  const ruleSet = getRuleSet(sourceCode);
  if (!ruleSet) return undefined;
  const powerShell = isPowerShell(sourceCode);
  const json = powerShell ? { sourceCode, columnOffset: 0 as const } : jsonSourceOf(sourceCode);
  if (!json) return undefined;
  const undecodable = json.sourceCode.text.includes(UNDECODABLE_CHARACTER);
  return { ruleSet, sourceCode: json.sourceCode, columnOffset: json.columnOffset, powerShell, undecodable };
}

const PLACEHOLDER = /\{\{([^{}]+)\}\}/gu;
const placeholdersByMessage = new Map<string, ReadonlySet<string>>();

/**
 * The part of a suggestion's data its message uses. ESLint keeps a suggestion's `data` in every
 * result (and so in the `--cache` file and `-f json`), while the text it fills in is already in
 * the suggestion's `desc`; rules pass their finding's data along, which the suggestion's message
 * mostly does not use. The desc is the same either way.
 */
function usedData(message: string, data: ReportData): ReportData | undefined {
  let used = placeholdersByMessage.get(message);
  if (!used) {
    used = new Set([...message.matchAll(PLACEHOLDER)].map((match) => match[1]!.trim()));
    placeholdersByMessage.set(message, used);
  }
  let kept: Record<string, string | number> | undefined;
  // In the data's own key order (ESLint stores the object as given), without a key array.
  for (const key in data) {
    if (used.has(key)) (kept ??= {})[key] = data[key]!;
  }
  return kept;
}

/** Model locations have 0-based columns; a language with 1-based columns gets them shifted. */
function shiftColumns(loc: Locatable["loc"], columnOffset: 0 | 1): Locatable["loc"] {
  if (columnOffset === 0) return loc;
  return {
    start: { line: loc.start.line, column: loc.start.column + columnOffset },
    end: { line: loc.end.line, column: loc.end.column + columnOffset },
  };
}

/**
 * A suggestion is applied on its own, so the zero-width anchors that keep two autofixes of one
 * list apart (`containerAnchors` in lib/fix) only inflate it: ESLint merges a fix's edits into one
 * edit from the first to the last, which for the rules array is the whole file.
 */
function withoutAnchors(fix: Rule.ReportFixer): Rule.ReportFixer {
  return (fixer) => {
    const result = fix(fixer);
    if (!result || !(Symbol.iterator in result)) return result;
    return (Array.isArray(result) ? (result as Rule.Fix[]) : [...result]).filter((edit) => edit.text !== "" || edit.range[0] !== edit.range[1]);
  };
}

/**
 * On a PowerShell file only edits of the PowerShell edit set may apply: a fix or suggestion built
 * from JSON edits (inserting a rule object, renumbering, removing an array element) is dropped,
 * and the finding stands without it. ESLint leaves out a suggestion whose fix is null.
 */
function powerShellOnly(fix: Rule.ReportFixer): Rule.ReportFixer {
  return (fixer) => {
    try {
      const result = fix(fixer);
      if (!result) return null;
      const fixes = isIterable(result) ? [...result] : [result];
      return fixes.length > 0 && fixes.every(isPowerShellEdit) ? fixes : null;
    } catch {
      return null;
    }
  };
}

function isIterable(value: unknown): value is Iterable<Rule.Fix> {
  return typeof value === "object" && value !== null && Symbol.iterator in value;
}
