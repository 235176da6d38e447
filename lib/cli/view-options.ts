/**
 * Options `diff` and `report` share: REST semantics, target, format; and the rule-set reading
 * they share (unread rules listed, never skipped silently).
 */
import { EXCHANGE_SERVER_PROTOCOLS, PROTOCOLS } from "../model/vocabulary.ts";
import type { Protocol, RestSemantics, Target } from "../model/vocabulary.ts";
import type { RuleSetModel, RuleSpec } from "../model/index.ts";
import type { UnreadRule } from "../views/documents.ts";
import { chooseValue } from "./args.ts";
import { skippedRules } from "./explain.ts";

export const TARGETS: readonly Target[] = ["exchange-online", "exchange-server"];
export const REST_SEMANTICS: readonly RestSemantics[] = ["coupled", "independent"];

export const VIEW_OPTIONS = {
  format: { type: "string" },
  "rest-semantics": { type: "string" },
  target: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

export function chooseRestSemantics(text: string | undefined): RestSemantics {
  return text === undefined ? "coupled" : chooseValue("rest semantics", text, REST_SEMANTICS);
}

export function chooseTarget(text: string | undefined): Target {
  return text === undefined ? "exchange-online" : chooseValue("target", text, TARGETS);
}

/** The protocols Client Access Rules govern on a target: on Exchange Server only EAC and remote PowerShell. */
export function governedProtocols(target: Target): readonly Protocol[] {
  return target === "exchange-server" ? EXCHANGE_SERVER_PROTOCOLS : PROTOCOLS;
}

export interface ReadRules {
  readonly specs: readonly RuleSpec[];
  readonly unread: readonly UnreadRule[];
}

/** The readable rules of a model and the rules it leaves out, labelled with the file. */
export function rulesOf(model: RuleSetModel | undefined, file: string): ReadRules {
  if (!model) return { specs: [], unread: [] };
  return {
    specs: model.specs,
    unread: skippedRules(model.allRules, model.issues)
      .filter((skipped) => !skipped.reasons.every((reason) => reason.startsWith("Ensure is")))
      .map((skipped) => ({ file, name: skipped.name ?? null, index: skipped.index ?? null, reasons: skipped.reasons })),
  };
}

/**
 * The stderr line of a `diff` or `report` whose analysis left a question undecided (exit code 1,
 * as `lint` does): the printed answer may hold connections that cannot occur.
 */
export function undecidedNotice(files: string): string {
  return `client-access-rules could not decide everything in ${files} (a search bound, see docs/performance.md): the output may include connections that cannot occur, so the exit code is 1.\n`;
}
