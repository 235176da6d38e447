/**
 * The access map of one rule set: for each protocol, the partition of its connections by deciding
 * rule, with a witness each (region membership proves it, and the property tests replay it), the
 * verdicts for remote PowerShell and for Outlook for iOS and Android, and the rules that decide
 * nothing, with why.
 */
import type { RuleSpec } from "../model/rule-spec.ts";
import type { Action, Protocol } from "../model/vocabulary.ts";
import { AUTHENTICATION_SUPPORT, PROTOCOLS } from "../model/vocabulary.ts";
import type { RuleSetAnalysis } from "./analyze.ts";
import { type Box, intersectWithAll } from "./box.ts";
import { type DecisionSide, decidedAs, readableVerifiedWitness } from "./difference.ts";
import { splitByProtocol } from "./region-decomposition.ts";
import type { Connection, ConnectionQuery } from "./types.ts";

export interface AccessCell {
  readonly action: Action;
  /** The deciding rule; undefined for the connections no rule matches (allowed by default). */
  readonly rule: RuleSpec | undefined;
  /** The cell's connections of this protocol, merged into few boxes. */
  readonly boxes: readonly Box[];
  /** Found on first read (a report that prints no witness for the cell pays nothing for it). */
  readonly witness: Connection | undefined;
}

export interface ProtocolAccess {
  readonly protocol: Protocol;
  /** Evaluation order, the default cell last; together they hold every connection of the protocol. */
  readonly cells: readonly AccessCell[];
}

export type Verdict = "allowed" | "denied" | "partly denied";

export interface AccessVerdict {
  readonly verdict: Verdict;
  /** A denied connection when some is denied, else an allowed one. */
  readonly witness: Connection | undefined;
  /** The rules that deny some of these connections, in evaluation order. */
  readonly denyingRules: readonly RuleSpec[];
}

export interface IdleRule {
  readonly rule: RuleSpec;
  readonly why: string;
}

export interface AccessMap {
  readonly protocols: readonly ProtocolAccess[];
  /**
   * The protocols grouped by identical cells (same rules and actions, and the same connections
   * apart from the protocol), in the order of `protocols`: views print each group once.
   */
  readonly protocolGroups: readonly (readonly Protocol[])[];
  readonly remotePowerShell: AccessVerdict;
  readonly outlookMobile: AccessVerdict;
  readonly decidesNothing: readonly IdleRule[];
  /** False when a search bound left a question undecided (a region may then hold connections that cannot occur). */
  readonly exact: boolean;
}

/** Outlook for iOS and Android: REST with OAuth, from any address, any user, end-user or middle-tier (design.md). */
export const OUTLOOK_MOBILE_QUERY: ConnectionQuery = { protocols: ["REST"], authenticationTypes: ["OAuthAuthentication"] };
export const REMOTE_POWERSHELL_QUERY: ConnectionQuery = { protocols: ["RemotePowerShell"] };

/** The verdict for connections of a protocol the target's rules do not cover: nothing denies them. */
const NOT_COVERED: AccessVerdict = { verdict: "allowed", witness: undefined, denyingRules: [] };

export function accessMap(analysis: RuleSetAnalysis, protocols: readonly Protocol[] = PROTOCOLS): AccessMap {
  const space = analysis.connectionSpace;
  const cells = analysis.decisionCells();
  const byProtocol = new Map<Protocol, AccessCell[]>(protocols.map((protocol) => [protocol, []]));
  for (const cell of cells) {
    const expected: DecisionSide = { action: cell.action, rule: cell.rule };
    for (const group of splitByProtocol(cell.boxes, protocols)) {
      let first: AccessCell | undefined;
      for (const protocol of group.protocols) {
        const boxes = intersectWithAll(group.boxes, space.queryBox({ protocols: [protocol] }));
        // The protocols of a group share every other dimension: the first one's witness, with
        // the protocol swapped, serves the others when it still lies in the region (cheap to check).
        const leader = first;
        const find = () => (leader?.witness && sameWitnessFor(analysis, boxes, expected, leader.witness, protocol)) || witnessIn(analysis, boxes, expected);
        const accessCell = lazyWitnessCell(cell.action, cell.rule, boxes, find);
        first ??= accessCell;
        byProtocol.get(protocol)?.push(accessCell);
      }
    }
  }
  const entries = protocols.map((protocol) => ({ protocol, cells: byProtocol.get(protocol) ?? [] }));
  return {
    protocols: entries,
    protocolGroups: groupIdentical(entries),
    remotePowerShell: protocols.includes("RemotePowerShell") ? verdictFor(analysis, REMOTE_POWERSHELL_QUERY) : NOT_COVERED,
    // On Exchange Server, Client Access Rules do not cover REST: they cannot block Outlook mobile.
    outlookMobile: protocols.includes("REST") ? verdictFor(analysis, OUTLOOK_MOBILE_QUERY) : NOT_COVERED,
    decidesNothing: idleRules(analysis),
    exact: analysis.undecided().length === 0,
  };
}

function lazyWitnessCell(action: Action, rule: RuleSpec | undefined, boxes: readonly Box[], find: () => Connection | undefined): AccessCell {
  let found = false;
  let witness: Connection | undefined;
  return {
    action,
    rule,
    boxes,
    get witness() {
      if (!found) {
        witness = find();
        found = true;
      }
      return witness;
    },
  };
}

/** Protocols whose cells hold the same connections apart from the protocol, decided by the same rules. */
function groupIdentical(entries: readonly ProtocolAccess[]): Protocol[][] {
  const groups: { cells: readonly AccessCell[]; protocols: Protocol[] }[] = [];
  for (const { protocol, cells } of entries) {
    const group = groups.find((candidate) => sameCells(candidate.cells, cells));
    if (group) group.protocols.push(protocol);
    else groups.push({ cells, protocols: [protocol] });
  }
  return groups.map((group) => group.protocols);
}

function sameCells(a: readonly AccessCell[], b: readonly AccessCell[]): boolean {
  return (
    a.length === b.length &&
    a.every((cell, index) => {
      const other = b[index] as AccessCell;
      return (
        cell.action === other.action &&
        cell.rule === other.rule &&
        cell.boxes.length === other.boxes.length &&
        cell.boxes.every((box, boxIndex) => sameApartFromProtocol(box, other.boxes[boxIndex] as Box))
      );
    })
  );
}

function sameApartFromProtocol(a: Box, b: Box): boolean {
  return (
    (a.authenticationTypes === b.authenticationTypes || a.authenticationTypes.equals(b.authenticationTypes)) &&
    (a.scopes === b.scopes || a.scopes.equals(b.scopes)) &&
    (a.ports === b.ports || a.ports.equals(b.ports)) &&
    (a.ips === b.ips || a.ips.equals(b.ips)) &&
    (a.usernames === b.usernames || a.usernames.equals(b.usernames)) &&
    (a.groups === b.groups || a.groups.equals(b.groups)) &&
    (a.attributes === b.attributes || a.attributes.equals(b.attributes))
  );
}

function sameWitnessFor(
  analysis: RuleSetAnalysis,
  boxes: readonly Box[],
  expected: DecisionSide,
  witness: Connection,
  protocol: Protocol,
): Connection | undefined {
  if (!AUTHENTICATION_SUPPORT[protocol].includes(witness.authenticationType)) return undefined;
  const candidate: Connection = { ...witness, protocol };
  const space = analysis.connectionSpace;
  const exact = analysis.undecided().length === 0;
  const inRegion = boxes.some((box) => space.boxContains(box, candidate));
  return inRegion && (exact || decidedAs(analysis, candidate, expected)) ? candidate : undefined;
}

function witnessIn(analysis: RuleSetAnalysis, boxes: readonly Box[], expected: DecisionSide): Connection | undefined {
  const space = analysis.connectionSpace;
  // Membership in the region is the proof when the analysis decided every question; otherwise
  // each candidate is replayed.
  const exact = analysis.undecided().length === 0;
  const replays = exact ? undefined : (connection: Connection) => decidedAs(analysis, connection, expected);
  return readableVerifiedWitness(space, boxes, replays);
}

/** Whether the connections a query describes are all allowed, all denied or some of each. */
export function verdictFor(analysis: RuleSetAnalysis, query: ConnectionQuery): AccessVerdict {
  const space = analysis.connectionSpace;
  const queryBox = space.queryBox(query);
  const denied: AccessCell[] = [];
  let anyAllowed = false;
  let allowedWitness: Connection | undefined;
  for (const cell of analysis.decisionCells()) {
    const boxes = intersectWithAll(cell.boxes, queryBox);
    if (boxes.length === 0) continue;
    const expected: DecisionSide = { action: cell.action, rule: cell.rule };
    if (cell.action === "DenyAccess") {
      denied.push({ action: cell.action, rule: cell.rule, boxes, witness: undefined });
    } else {
      anyAllowed = true;
      allowedWitness ??= witnessIn(analysis, boxes, expected);
    }
  }
  const denyingRules = denied.flatMap((cell) => (cell.rule ? [cell.rule] : []));
  if (denied.length === 0) return { verdict: "allowed", witness: allowedWitness, denyingRules };
  let witness: Connection | undefined;
  for (const cell of denied) {
    witness = witnessIn(analysis, cell.boxes, { action: cell.action, rule: cell.rule });
    if (witness) break;
  }
  return { verdict: anyAllowed ? "partly denied" : "denied", witness, denyingRules };
}

function idleRules(analysis: RuleSetAnalysis): IdleRule[] {
  const idle: IdleRule[] = [];
  for (const result of analysis.results) {
    if (result.reachable) continue;
    const rule = result.rule;
    if (!result.evaluated) idle.push({ rule, why: "disabled" });
    else if (result.unsatisfiable) idle.push({ rule, why: `matches nothing: ${result.unsatisfiable.explanation}` });
    else if (result.shadowing) {
      const covering = result.shadowing.coveringRules.map((other) => `"${other.name}"`).join(", ");
      idle.push({
        rule,
        why: result.shadowing.differentAction
          ? `shadowed: earlier rules (${covering}) decide every connection it matches, some the other way`
          : `redundant: earlier rules (${covering}) already decide every connection it matches the same way`,
      });
    } else if (result.coverNotComputed) {
      idle.push({ rule, why: "earlier rules decide every connection it matches (which ones was not computed: the covering-set budget ran out)" });
    } else idle.push({ rule, why: "earlier rules decide every connection it matches" });
  }
  return idle;
}
