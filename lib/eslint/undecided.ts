/**
 * Never a silent pass: when a resource bound (docs/performance.md) leaves an analysis question
 * undecided, the rule that asked it says so once per file, naming the rules concerned and why,
 * instead of quietly reporting nothing about them. The CLI exits non-zero on such a report.
 */
import type { BddLimitError, UndecidedRule } from "../analysis/index.ts";
import type { RuleSetModel } from "../model/index.ts";
import type { CarReport, CheckContext } from "./create-rule.ts";
import { getAnalysis } from "./rule-set-analysis.ts";
import { describeRule } from "../views/describe.ts";
import { FileCache } from "../model/file-cache.ts";

/**
 * The undecided questions already reported in this file (rule index and reason): several rules
 * read the same pass, and each question is said once, by the first enabled rule that meets it.
 */
const reportedQuestions = new FileCache<RuleSetModel, Set<string>>();

/** The message every analysis rule uses for its undecided questions (the CLI looks for this id). */
export const UNDECIDED_MESSAGE_ID = "undecided";
export const UNDECIDED_MESSAGE =
  "The analysis left {{subject}} undecided: {{why}}. Findings about {{them}} may be missing; see docs/performance.md for the bound, and simplify the username patterns or recipient filters involved.";

/**
 * One report for the undecided questions not yet reported in this file, at the first rule
 * concerned (or the file's first rule).
 */
export function reportUndecided<MessageIds extends string>(
  ruleSet: RuleSetModel,
  questions: readonly UndecidedRule[],
  report: (report: CarReport<MessageIds>) => void,
): void {
  const reported = reportedQuestions.get(ruleSet, () => new Set());
  const keyOf = (entry: UndecidedRule) => `${entry.rule?.index ?? ""}|${entry.why}`;
  const undecided = questions.filter((entry) => !reported.has(keyOf(entry)));
  if (undecided.length === 0) return;
  for (const entry of undecided) reported.add(keyOf(entry));
  const rules = [...new Set(undecided.flatMap((entry) => (entry.rule ? [entry.rule] : [])))];
  const reasons = [...new Set(undecided.map((entry) => entry.why))];
  const anchor = rules[0] ? ruleSet.ruleOf(rules[0]) : ruleSet.rules[0];
  const node = anchor ? (anchor.nameNode ?? anchor.node) : undefined;
  if (!node) return;
  report({
    node,
    messageId: UNDECIDED_MESSAGE_ID as MessageIds,
    data: {
      subject: rules.length === 0 ? "a question about the whole rule set" : `what ${rules.map(describeRule).join(", ")} ${rules.length === 1 ? "does" : "do"}`,
      why: reasons.slice(0, 3).join("; ") + (reasons.length > 3 ? `; and ${reasons.length - 3} more` : ""),
      them: rules.length === 1 ? "it" : "them",
    },
  });
}

/**
 * The analysis stopped at its hard limit (`BddLimitError`): the whole rule set is not analysed.
 * Reported like an undecided question (so the CLI exits non-zero on it), at the file's first
 * rule, by the rule that met the limit; lib/eslint/create-rule.ts makes sure that happens once
 * per file.
 */
export function reportAnalysisStopped<MessageIds extends string>(
  ruleSet: RuleSetModel,
  error: BddLimitError,
  report: (report: CarReport<MessageIds>) => void,
): void {
  const first = ruleSet.rules[0];
  report({
    node: first ? (first.nameNode ?? first.node) : (ruleSet.rulesArray ?? ruleSet.program),
    messageId: UNDECIDED_MESSAGE_ID as MessageIds,
    data: {
      subject: "this whole rule set",
      why: `${error.message}, so the analysis stopped and the rule set is not analysed: which connections these rules allow or deny (shadowing, lockouts, Outlook for iOS and Android) is not proven for this file`,
      them: "it",
    },
  });
}

/**
 * Runs an analysis rule's check, then reports the analysis' undecided questions that no rule has
 * reported in this file yet: those of the pass (whether a rule can match, what covers it) and
 * those this check raised. Whichever analysis rules are enabled, each question is said once.
 */
export function checkReportingUndecided<MessageIds extends string>(
  context: CheckContext<MessageIds>,
  check: (context: CheckContext<MessageIds>) => void,
): void {
  check(context);
  reportUndecided(context.ruleSet, getAnalysis(context.ruleSet, context.settings.restSemantics).undecided(), context.report);
}
