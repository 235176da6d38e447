/**
 * Witness connections for messages: the analysis' replayed witness, made readable. A user named
 * `x\x` from `0.0.0.1` proves the point but reads like a bug, so a few realistic names and
 * documentation addresses are tried in its place; each is kept only when `decide` confirms the
 * same rule still decides it.
 */
import {
  decide,
  matchesQuery,
  witnessDecidedBy,
  type Connection,
  type ConnectionQuery,
  type RuleSetAnalysis,
} from "./index.ts";
import type { RuleSpec } from "../model/index.ts";

const FRIENDLY_USERS = ["contoso.com\\alex", "contoso.com\\megan", "fabrikam.com\\lee"];
const FRIENDLY_ADDRESSES = ["198.51.100.23", "203.0.113.77", "192.0.2.15", "2001:db8::23"];

export function readableWitness(
  analysis: RuleSetAnalysis,
  rules: readonly RuleSpec[],
  rule: RuleSpec,
  query?: ConnectionQuery,
): Connection | undefined {
  const witness = witnessDecidedBy(analysis, rule.index, query);
  if (!witness) return undefined;
  return withReadableNames(
    witness,
    (candidate) =>
      (query === undefined || matchesQuery(candidate, query)) &&
      decide(rules, candidate, { restSemantics: analysis.restSemantics }).decidingRule === rule,
  );
}

/**
 * The witness with a realistic user name and address in place of the analysis' shortest ones,
 * each substitution kept only when `stillProves` accepts the changed connection.
 */
export function withReadableNames(witness: Connection, stillProves: (candidate: Connection) => boolean): Connection {
  let best = witness;
  for (const name of FRIENDLY_USERS) {
    const candidate = { ...best, user: { ...best.user, name } };
    if (stillProves(candidate)) {
      best = candidate;
      break;
    }
  }
  for (const ip of FRIENDLY_ADDRESSES) {
    const candidate = { ...best, ip };
    if (stillProves(candidate)) {
      best = candidate;
      break;
    }
  }
  return best;
}
