/**
 * The plain documents the views print: the JSON shapes of design.md ("Views"), built from the
 * analysis' facts. Text, markdown and HTML are printed from these documents, so every format
 * says the same thing.
 */
import type { AccessMap, AccessVerdict } from "../analysis/access-map.ts";
import type { Box } from "../analysis/box.ts";
import type { RuleSetDifference } from "../analysis/difference.ts";
import { type BoxDescription, DimensionDescriber } from "../analysis/dimension-description.ts";
import type { Connection } from "../analysis/types.ts";
import type { RuleSpec } from "../model/rule-spec.ts";
import type { Action, Protocol, RestSemantics, Target } from "../model/vocabulary.ts";

export interface RuleRef {
  readonly name: string;
  readonly priority: number | null;
}

export interface WitnessDocument {
  readonly protocol: Protocol;
  readonly authenticationType: string;
  readonly ip: string;
  readonly port: number;
  readonly user: string;
  readonly groups: readonly string[];
  /** The user's directory attributes the witness needs (unset properties left out). */
  readonly attributes: Readonly<Record<string, string>>;
  readonly middleTier: boolean;
}

/** One box of a region; a dimension left out means "any". */
export type RegionPart = Partial<BoxDescription>;

export interface RegionDocument {
  readonly protocols: readonly Protocol[];
  /** Disjoint parts; the region is their union. */
  readonly parts: readonly RegionPart[];
}

/** Rules a file leaves unread (treated as absent). */
export interface UnreadRule {
  readonly file: string;
  readonly name: string | null;
  /** 0-based position among the file's rules; null for an entry that is not a rule. */
  readonly index: number | null;
  readonly reasons: readonly string[];
}

export interface ChangeDocument {
  readonly before: Action;
  readonly after: Action;
  readonly beforeRule: RuleRef | null;
  readonly afterRule: RuleRef | null;
  readonly region: RegionDocument;
  readonly witness: WitnessDocument | null;
}

export interface DiffDocument {
  readonly before: string;
  readonly after: string;
  readonly restSemantics: RestSemantics;
  readonly target: Target;
  readonly changes: readonly ChangeDocument[];
  readonly newAccess: boolean;
  readonly lostAccess: boolean;
  readonly unread: readonly UnreadRule[];
  /** False when a search bound left a question undecided: a region may then hold connections that cannot occur. */
  readonly exact: boolean;
}

export interface ReportRegion {
  readonly decision: Action;
  readonly rule: RuleRef | null;
  readonly region: RegionDocument;
  readonly witness: WitnessDocument | null;
}

export interface VerdictDocument {
  readonly verdict: AccessVerdict["verdict"];
  readonly witness: WitnessDocument | null;
  readonly denyingRules: readonly RuleRef[];
}

export interface ReportDocument {
  readonly file: string;
  readonly restSemantics: RestSemantics;
  readonly target: Target;
  readonly protocols: readonly { readonly protocol: Protocol; readonly regions: readonly ReportRegion[] }[];
  readonly outlookMobile: VerdictDocument;
  readonly remotePowerShell: VerdictDocument;
  readonly decidesNothing: readonly { readonly name: string; readonly priority: number | null; readonly why: string }[];
  readonly unread: readonly UnreadRule[];
  readonly exact: boolean;
}

export function ruleRef(rule: RuleSpec | undefined): RuleRef | null {
  return rule ? { name: rule.name, priority: rule.priority ?? null } : null;
}

export function witnessDocument(connection: Connection | undefined): WitnessDocument | null {
  if (!connection) return null;
  const user = connection.user;
  const attributes: Record<string, string> = {};
  for (const [key, value] of Object.entries(user.attributes ?? {})) if (typeof value === "string" && value !== "") attributes[key] = value;
  return {
    protocol: connection.protocol,
    authenticationType: connection.authenticationType,
    ip: connection.ip,
    port: connection.port,
    user: user.name,
    groups: [...(user.groups ?? [])],
    attributes,
    middleTier: connection.middleTier,
  };
}

export function regionDocument(describer: DimensionDescriber, protocols: readonly Protocol[], boxes: readonly Box[]): RegionDocument {
  return { protocols: [...protocols], parts: boxes.map((box) => withoutAny(describer.describe(box))) };
}

function withoutAny(description: BoxDescription): RegionPart {
  const part: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(description)) if (value.kind !== "any") part[key] = value;
  return part as RegionPart;
}

export interface ViewContext {
  readonly restSemantics: RestSemantics;
  readonly target: Target;
  readonly unread: readonly UnreadRule[];
}

export function diffDocument(
  difference: RuleSetDifference,
  files: { readonly before: string; readonly after: string },
  context: ViewContext,
): DiffDocument {
  const describer = new DimensionDescriber(difference.space);
  return {
    before: files.before,
    after: files.after,
    restSemantics: context.restSemantics,
    target: context.target,
    changes: difference.changes.map((change) => ({
      before: change.before.action,
      after: change.after.action,
      beforeRule: ruleRef(change.before.rule),
      afterRule: ruleRef(change.after.rule),
      region: regionDocument(describer, change.protocols, change.boxes),
      witness: witnessDocument(change.witness),
    })),
    newAccess: difference.newAccess,
    lostAccess: difference.lostAccess,
    unread: context.unread,
    exact: difference.exact,
  };
}

/** The protocol groups of each report document (see {@link protocolGroupsOf}); not part of its JSON. */
const PROTOCOL_GROUPS = new WeakMap<ReportDocument, readonly (readonly Protocol[])[]>();

/**
 * The protocols of a report whose regions are the same connections decided by the same rules,
 * as the access map found them (by set equality), or undefined for a document built elsewhere.
 */
export function protocolGroupsOf(document: ReportDocument): readonly (readonly Protocol[])[] | undefined {
  return PROTOCOL_GROUPS.get(document);
}

/** A value computed on first read and kept. */
function once<T>(compute: () => T): () => T {
  let done = false;
  let value: T;
  return () => {
    if (!done) {
      value = compute();
      done = true;
    }
    return value;
  };
}

/**
 * The report of an access map. A region's description and witness are computed when a format
 * reads them (JSON, markdown and HTML read all; the compact text report only those it prints),
 * and kept, so every format prints the same document.
 */
export function reportDocument(
  map: AccessMap,
  describer: DimensionDescriber,
  file: string,
  context: ViewContext,
): ReportDocument {
  const verdict = (value: AccessVerdict): VerdictDocument => ({
    verdict: value.verdict,
    witness: witnessDocument(value.witness),
    denyingRules: value.denyingRules.map((rule) => ruleRef(rule) as RuleRef),
  });
  const document: ReportDocument = {
    file,
    restSemantics: context.restSemantics,
    target: context.target,
    protocols: map.protocols.map(({ protocol, cells }) => ({
      protocol,
      regions: cells.map((cell): ReportRegion => {
        const region = once(() => regionDocument(describer, [protocol], cell.boxes));
        const witness = once(() => witnessDocument(cell.witness));
        return {
          decision: cell.action,
          rule: ruleRef(cell.rule),
          get region() {
            return region();
          },
          get witness() {
            return witness();
          },
        };
      }),
    })),
    outlookMobile: verdict(map.outlookMobile),
    remotePowerShell: verdict(map.remotePowerShell),
    decidesNothing: map.decidesNothing.map(({ rule, why }) => ({ name: rule.name, priority: rule.priority ?? null, why })),
    unread: context.unread,
    exact: map.exact,
  };
  PROTOCOL_GROUPS.set(document, map.protocolGroups);
  return document;
}
