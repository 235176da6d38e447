/**
 * Witness connections for messages, taken from the analysis' first-match regions: a user named
 * `x\x` from `0.0.0.1` proves the point but reads like a bug, so realistic names and
 * documentation addresses are preferred wherever the region holds them. The cost is that of the
 * region (see `Region.readableWitness`), not of replaying the rule set.
 */
import type { Connection, ConnectionQuery, RuleSetAnalysis } from "./index.ts";
import type { Region } from "./region.ts";
import type { RuleSpec } from "../model/index.ts";
import { FileCache } from "../model/file-cache.ts";

export const FRIENDLY_USERS = ["contoso.com\\alex", "contoso.com\\megan", "fabrikam.com\\lee"];
export const FRIENDLY_ADDRESSES = ["198.51.100.23", "203.0.113.77", "192.0.2.15", "2001:db8::23"];

/** A readable connection that `rule` decides (inside `query` when given); undefined when there is none. */
export function readableWitness(analysis: RuleSetAnalysis, rule: RuleSpec, query?: ConnectionQuery): Connection | undefined {
  const region = analysis.firstMatchRegion(rule.index);
  if (region.isEmpty()) return undefined;
  return region.readableWitness(FRIENDLY_USERS, FRIENDLY_ADDRESSES, query ? querySpace(analysis, query) : undefined);
}

/** `analysis.space(query)`, made once per file and query: the rules ask with a few constant queries, once per rule. */
function querySpace(analysis: RuleSetAnalysis, query: ConnectionQuery): Region {
  const spaces = querySpaces.get(analysis, () => new Map());
  let space = spaces.get(query);
  if (!space) {
    space = analysis.space(query);
    spaces.set(query, space);
  }
  return space;
}

const querySpaces = new FileCache<RuleSetAnalysis, Map<ConnectionQuery, Region>>();

/**
 * The witness with a realistic user name and address (the first of `users` and of `addresses`
 * that fits) in place of the analysis' shortest ones, each substitution kept only when
 * `stillProves` accepts the changed connection.
 */
export function withReadableNames(
  witness: Connection,
  stillProves: (candidate: Connection) => boolean,
  users: readonly string[] = FRIENDLY_USERS,
  addresses: readonly string[] = FRIENDLY_ADDRESSES,
): Connection {
  let best = witness;
  for (const name of users) {
    const candidate = { ...best, user: { ...best.user, name } };
    if (stillProves(candidate)) {
      best = candidate;
      break;
    }
  }
  for (const ip of addresses) {
    const candidate = { ...best, ip };
    if (stillProves(candidate)) {
      best = candidate;
      break;
    }
  }
  return best;
}
