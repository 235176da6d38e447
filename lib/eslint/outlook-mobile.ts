/**
 * What the Outlook-for-iOS-and-Android rules share: the model of those apps' connections, the
 * test that decides which rule reports an EWS block, and the two remedies of KB 4013974.
 */
import type { Rule, SourceCode } from "eslint";
import { type Connection, type ConnectionQuery, type Region, type RuleSetAnalysis } from "../analysis/index.ts";
import { addListItem } from "../fix/index.ts";
import type { CarRule, RuleSetModel, RuleSpec } from "../model/index.ts";
import {
  MAX_RENUMBERED_RULES,
  describePlan,
  insertRuleBefore,
  numberedEvaluationOrder,
  numberedPosition,
  planPriority,
  renumberedCount,
  unusedRuleName,
} from "../fix/rule-edits.ts";
import { describeRule } from "../views/describe.ts";
import type { ResolvedSettings } from "./settings.ts";
import { readableWitness } from "../analysis/readable-witness.ts";
import { FileCache } from "../model/file-cache.ts";
import { decideInOrder } from "../analysis/decide.ts";
import { sortByEvaluationOrder } from "../model/rule-spec.ts";

/**
 * Outlook for iOS and Android as the seed article (KB 4013974) models it: REST with OAuth, from
 * Microsoft's service addresses rather than the device's (so any address), for any user,
 * end-user or middle-tier.
 */
export const OUTLOOK_MOBILE: ConnectionQuery = { protocols: ["REST"], authenticationTypes: ["OAuthAuthentication"] };
export const ANY_REST: ConnectionQuery = { protocols: ["REST"] };

export function namesProtocol(spec: RuleSpec, list: "protocols" | "exceptProtocols", protocol: string): boolean {
  // Asked several times per rule by several rules: no closure, no empty array.
  const values = list === "protocols" ? spec.protocols : spec.exceptProtocols;
  if (!values) return false;
  for (const value of values) if (value === protocol) return true;
  return false;
}

/**
 * The one test of no-ews-block-without-rest-exception: with coupled semantics, an enabled
 * DenyAccess rule naming ExchangeWebServices that decides some REST connection. Returns a
 * replayed witness of such a connection.
 */
export function ewsBlockDecidingRest(
  spec: RuleSpec,
  ruleSet: RuleSetModel,
  analysis: RuleSetAnalysis,
  settings: ResolvedSettings,
): Connection | undefined {
  if (settings.restSemantics !== "coupled" || !spec.enabled || spec.action !== "DenyAccess") return undefined;
  if (!namesProtocol(spec, "protocols", "ExchangeWebServices")) return undefined;
  // Both no-ews-block-without-rest-exception and no-blocked-outlook-mobile ask, per file.
  const witnesses = ewsBlockWitnesses.get(analysis, () => new Map());
  if (!witnesses.has(spec)) witnesses.set(spec, readableWitness(analysis, spec, ANY_REST));
  return witnesses.get(spec);
}

const ewsBlockWitnesses = new FileCache<RuleSetAnalysis, Map<RuleSpec, Connection | undefined>>();

/**
 * The rule that would still deny `witness` once the EWS block has REST in its
 * ExceptAnyOfProtocols (what the autofix writes), or `undefined` when the witness gets in then.
 */
export function denierAfterRestException(
  specs: readonly RuleSpec[],
  block: RuleSpec,
  witness: Connection,
  settings: ResolvedSettings,
): RuleSpec | undefined {
  const fixed: RuleSpec = { ...block, exceptProtocols: [...(block.exceptProtocols ?? []), "REST"] };
  // The fixed rule keeps its priority and index, so it takes the block's place in the order.
  const after = decideInOrder(
    evaluationOrders.get(specs, sortByEvaluationOrder).map((spec) => (spec === block ? fixed : spec)),
    witness,
    { restSemantics: settings.restSemantics },
  );
  return after.action === "DenyAccess" ? after.decidingRule : undefined;
}

/** Sorted once per file, not on every witness. */
const evaluationOrders = new FileCache<readonly RuleSpec[], RuleSpec[]>();

/** Option 2 of the article: `REST` in the rule's ExceptAnyOfProtocols (the property is created if missing). */
export function addRestException(sourceCode: SourceCode, fixer: Rule.RuleFixer, rule: CarRule): Rule.Fix[] {
  return addListItem(sourceCode, fixer, rule.node, rule.get("ExceptAnyOfProtocols")?.key ?? "ExceptAnyOfProtocols", "REST");
}

/**
 * Option 1 of the article: an `AllowREST` AllowAccess rule for REST above the rule, as a
 * suggestion. Directly above it is what the article means; any higher place from which no rule
 * in between decides a REST connection allows exactly the same connections (the new rule only
 * matches REST), so the place that renumbers fewest rules among those is chosen, and the text
 * says where it goes and what it renumbers. Undefined when every place would renumber too many.
 */
export function allowRestAboveSuggestion<MessageId extends string>(
  sourceCode: SourceCode,
  ruleSet: RuleSetModel,
  analysis: RuleSetAnalysis,
  rule: CarRule,
  messageId: MessageId,
  data: Readonly<Record<string, string | number>>,
): { messageId: MessageId; data: Record<string, string | number>; fix: Rule.ReportFixer } | undefined {
  const anchor = placeRenumberingFewest(ruleSet, analysis, rule);
  if (!anchor) return undefined;
  const plan = planPriority(ruleSet, { before: anchor })!;
  const where =
    anchor === rule
      ? `directly above ${data["rule"]}`
      : `above ${describeRule(anchor.spec!)}, which for REST is the same as directly above ${data["rule"]} (no rule in between decides a REST connection)`;
  return {
    messageId,
    data: { ...data, where, placement: describePlan(plan) },
    fix: (fixer) =>
      insertRuleBefore(
        sourceCode,
        fixer,
        ruleSet,
        anchor,
        { name: unusedRuleName(ruleSet, "AllowREST"), action: "AllowAccess", parameters: { AnyOfProtocols: ["REST"] } },
        plan,
      ),
  };
}

/**
 * Among the places equivalent for REST, the first that renumbers fewest rules (undefined when
 * each would renumber too many). They are `rule`, then the numbered rules before it in
 * evaluation order for as long as none of them decides a REST connection (within the
 * renumbering bound; a rule the model could not read ends the walk, as its effect is unknown).
 */
function placeRenumberingFewest(ruleSet: RuleSetModel, analysis: RuleSetAnalysis, rule: CarRule): CarRule | undefined {
  // Only counted here: up to 21 places per finding are weighed, and one plan is built afterwards.
  let best = rule;
  let fewest = renumberedCount(ruleSet, { before: rule }) ?? Number.POSITIVE_INFINITY;
  if (fewest > 0 && rule.priority !== undefined) {
    const order = numberedEvaluationOrder(ruleSet);
    for (let position = numberedPosition(ruleSet, rule) - 1, steps = 0; position >= 0 && steps <= MAX_RENUMBERED_RULES; position--, steps++) {
      const earlier = order[position]!;
      if (!earlier.spec || (earlier.spec.enabled && decidesRest(analysis, earlier.spec))) break;
      const renumbered = renumberedCount(ruleSet, { before: earlier });
      if (renumbered !== undefined && renumbered < fewest) {
        best = earlier;
        fewest = renumbered;
        if (fewest === 0) break;
      }
    }
  }
  return fewest === Number.POSITIVE_INFINITY ? undefined : best;
}

/** Whether a rule decides some REST connection, asked once per rule and file: the walks of a file's findings overlap. */
function decidesRest(analysis: RuleSetAnalysis, spec: RuleSpec): boolean {
  const known = restDeciders.get(analysis, () => ({ rest: analysis.space(ANY_REST), byRule: new Map() }));
  let decides = known.byRule.get(spec.index);
  if (decides === undefined) {
    decides = analysis.firstMatchRegion(spec.index).intersects(known.rest);
    known.byRule.set(spec.index, decides);
  }
  return decides;
}

const restDeciders = new FileCache<RuleSetAnalysis, { readonly rest: Region; readonly byRule: Map<number, boolean> }>();
