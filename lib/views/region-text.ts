/**
 * The region printer: a region (disjoint parts, each a box described per dimension) in words.
 * Every dimension is named by the shorter of itself and its complement (the analysis chose),
 * "any" dimensions are left out, and long lists are cut with a count, so a region of a 20-rule
 * file stays within a few lines; the JSON format holds every part and value.
 */
import type { PredicateSetDescription, ValueSetDescription } from "../analysis/dimension-description.ts";
import type { RegionDocument, RegionPart, WitnessDocument } from "./documents.ts";

/** How literal values are written: plain text, or escaped for markdown. */
export type Quote = (value: string) => string;

export const plain: Quote = (value) => value;

const MAX_VALUES = 6;
const MAX_TERMS = 3;
/** Parts of one region shown in text and markdown. */
export const MAX_PARTS = 4;

function list(values: readonly string[], quote: Quote, joiner: "or" | "and" = "or", leftOut = 0): string {
  const shown = values.slice(0, MAX_VALUES).map(quote);
  const more = values.length - shown.length + leftOut;
  if (more > 0) return `${shown.join(", ")} ${joiner} ${more} more`;
  if (shown.length <= 2) return shown.join(` ${joiner} `);
  return `${shown.slice(0, -1).join(", ")} ${joiner} ${shown.at(-1)}`;
}

function values(description: ValueSetDescription | undefined, quote: Quote, only: (text: string) => string, except: (text: string) => string) {
  if (!description || description.kind === "any") return undefined;
  return description.kind === "only"
    ? only(list(description.values, quote, "or", description.more))
    : except(list(description.values, quote, "and", description.more));
}

function predicates(
  description: PredicateSetDescription | undefined,
  quote: Quote,
  words: { readonly anyOf: string; readonly everyone: string },
): string | undefined {
  if (!description || description.kind === "any") return undefined;
  if (description.kind === "matching") {
    if (description.anyOf.length === 0) return `${words.everyone} ${list(description.noneOf, quote, "and")}`;
    const positive = `${words.anyOf} ${list(description.anyOf, quote)}`;
    return description.noneOf.length === 0 ? positive : `${positive} but not ${list(description.noneOf, quote)}`;
  }
  const terms = description.terms.slice(0, MAX_TERMS).map((term) => {
    const all = term.all.length === 0 ? words.everyone.replace(/ except$/u, "") : `${words.anyOf} ${list(term.all, quote, "and")}`;
    return term.none.length === 0 ? all : `${all} but not ${list(term.none, quote)}`;
  });
  const more = description.terms.length - terms.length + (description.more ?? 0);
  return `${terms.join("; or ")}${more > 0 ? `; or ${more} more combinations` : ""}`;
}

/** One part in words: `users matching contoso.com\admin*, from any address outside 10.0.0.0/8, with BasicAuthentication`. */
export function describePart(part: RegionPart, quote: Quote = plain): string {
  const phrases = [
    predicates(part.users, quote, { anyOf: "users matching", everyone: "everyone except" }),
    predicates(part.groups, quote, { anyOf: "members of", everyone: "users in none of the groups" }),
    predicates(part.filters, quote, { anyOf: "users satisfying", everyone: "users satisfying none of" }),
    values(part.addresses, quote, (text) => `from ${text}`, (text) => `from any address outside ${text}`),
    values(part.authenticationTypes, quote, (text) => `with ${text}`, (text) => `with any authentication but ${text}`),
    values(part.ports, quote, (text) => `source port ${text}`, (text) => `any source port but ${text}`),
    part.scope === undefined || part.scope.kind === "any"
      ? undefined
      : (part.scope.kind === "only" ? part.scope.values : []).includes("middle-tier")
        ? "middle-tier applications only"
        : "end users only (not middle-tier applications)",
  ].filter((phrase): phrase is string => phrase !== undefined);
  return phrases.length === 0 ? "every connection" : phrases.join(", ");
}

/** The parts of a region, one line each, at most {@link MAX_PARTS} and a count of the rest. */
export function describeRegion(region: RegionDocument, quote: Quote = plain): string[] {
  const lines = region.parts.slice(0, MAX_PARTS).map((part) => describePart(part, quote));
  const more = region.parts.length - lines.length;
  if (more > 0) lines.push(`… and ${more} more part${more === 1 ? "" : "s"} (--format json lists them all)`);
  return lines;
}

/** `contoso.com\alex from 203.0.113.77 (OAuthAuthentication, port 443)`, with groups and middle tier when set. */
export function describeWitnessConnection(witness: WitnessDocument, quote: Quote = plain): string {
  const extras = [witness.authenticationType, `port ${witness.port}`];
  if (witness.groups.length > 0) extras.push(`member of ${witness.groups.map(quote).join(", ")}`);
  const attributes = Object.entries(witness.attributes);
  if (attributes.length > 0) extras.push(attributes.map(([key, value]) => `${quote(key)}=${quote(value)}`).join(", "));
  if (witness.middleTier) extras.push("middle-tier application");
  return `${quote(witness.user)} from ${quote(witness.ip)} (${extras.join(", ")})`;
}
