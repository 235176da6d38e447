/**
 * Which values of one list change nothing (no-duplicate-values), in O(n log n) for n values:
 * repeats by hashing a canonical key, IP containment by a sorted interval sweep, pattern
 * containment by filing the wildcard patterns under their literal prefixes (only a pattern whose
 * prefix starts the other's can contain it). Plain values in, positions out.
 */
import type { IpRange, PortRange } from "../model/rule-spec.ts";
import { matchesPattern, matchesSegments } from "./wildcard.ts";

export type ValueListKind =
  | "protocol-list"
  | "authentication-list"
  | "group-list"
  | "port-list"
  | "ip-list"
  | "pattern-list";

export interface RedundantValue {
  /** Position of the redundant value in the list given. */
  readonly position: number;
  /** `repeated`: an earlier value is the same; `contained`: a broader value of the list covers it. */
  readonly kind: "repeated" | "contained";
  /** Position of the earlier copy, or of a value that covers it. */
  readonly other: number;
}

/** A value that every other comparison treats as the same: the same key means a repeat. */
function keyOf(kind: ValueListKind, value: unknown): string {
  if (kind === "ip-list") {
    const range = value as IpRange;
    return `${range.family}:${range.first}-${range.last}`;
  }
  if (kind === "port-list") {
    const range = value as PortRange;
    return `${range.first}-${range.last}`;
  }
  // Consecutive stars match what one star matches.
  if (kind === "pattern-list") {
    const lower = (value as string).toLowerCase();
    return lower.includes("**") ? lower.replace(/\*+/g, "*") : lower;
  }
  return String(value);
}

/**
 * The redundant values of a list, each once: a repeat is reported on the later copy, a value
 * inside a broader one on the narrower value. `undefined` entries (values that could not be read)
 * are skipped. Only IP entries and username patterns can contain one another.
 */
export function findRedundantValues(kind: ValueListKind, values: readonly unknown[]): RedundantValue[] {
  const found: RedundantValue[] = [];
  const firstByKey = new Map<string, number>();
  const distinct: { position: number; key: string }[] = [];
  values.forEach((value, position) => {
    if (value === undefined) return;
    const key = keyOf(kind, value);
    const first = firstByKey.get(key);
    if (first === undefined) {
      firstByKey.set(key, position);
      distinct.push({ position, key });
    } else {
      found.push({ position, kind: "repeated", other: first });
    }
  });
  const containers =
    kind === "ip-list"
      ? containingRanges(distinct.map(({ position }) => ({ position, range: values[position] as IpRange })))
      : kind === "pattern-list"
        ? containingPatterns(distinct.map(({ position, key }) => ({ position, pattern: key })))
        : new Map<number, number>();
  for (const [position, other] of containers) found.push({ position, kind: "contained", other });
  return found.sort((a, b) => a.position - b.position);
}

/**
 * For distinct ranges, each range inside another one: sorted by start (wider first on a tie),
 * a range is inside the widest-reaching range before it exactly when that one reaches its end.
 */
function containingRanges(entries: readonly { position: number; range: IpRange }[]): Map<number, number> {
  const sorted = [...entries].sort((a, b) => {
    if (a.range.family !== b.range.family) return a.range.family - b.range.family;
    if (a.range.first !== b.range.first) return a.range.first < b.range.first ? -1 : 1;
    if (a.range.last !== b.range.last) return a.range.last > b.range.last ? -1 : 1;
    return 0;
  });
  const containers = new Map<number, number>();
  let reach: { position: number; range: IpRange } | undefined;
  for (const entry of sorted) {
    if (reach && reach.range.family === entry.range.family && reach.range.last >= entry.range.last) {
      containers.set(entry.position, reach.position);
    } else if (!reach || reach.range.family !== entry.range.family || entry.range.last > reach.range.last) {
      reach = entry;
    }
  }
  return containers;
}

/**
 * For distinct patterns (lowercase, stars collapsed), each pattern that another one covers: every
 * name the inner one matches is matched by the outer one. Only a wildcard pattern covers
 * another, and only one whose literal prefix (the text before its first `*`) starts the other's
 * prefix: each pattern is tested against the wildcards filed under its own prefix's prefixes,
 * of the few lengths wildcard prefixes have (near-linear for real username lists).
 */
function containingPatterns(entries: readonly { position: number; pattern: string }[]): Map<number, number> {
  // Split and blanked once per pattern, not once per pair: a list of a dozen `*\svc-*app*`
  // patterns shares the empty prefix, so every pattern is tried against every other.
  type Entry = { readonly position: number; readonly pattern: string; readonly segments: readonly string[]; blanked?: string };
  const fresh = FRESH_SYMBOLS.find((symbol) => entries.every(({ pattern }) => !pattern.includes(symbol)));
  const covers = (outer: Entry, inner: Entry) =>
    fresh === undefined
      ? patternCovers(outer.pattern, inner.pattern)
      : matchesSegments(outer.segments, (inner.blanked ??= inner.pattern.replaceAll("*", fresh)));
  const wildcardsByPrefix = new Map<string, Entry[]>();
  const prefixLengths = new Set<number>();
  const filed: Entry[] = entries.map(({ position, pattern }) => ({ position, pattern, segments: pattern.split("*") }));
  for (const entry of filed) {
    const star = entry.pattern.indexOf("*");
    if (star < 0) continue;
    const prefix = entry.pattern.slice(0, star);
    const sharing = wildcardsByPrefix.get(prefix);
    if (sharing) sharing.push(entry);
    else wildcardsByPrefix.set(prefix, [entry]);
    prefixLengths.add(star);
  }
  const lengths = [...prefixLengths].sort((a, b) => a - b);
  const containers = new Map<number, number>();
  for (const entry of filed) {
    const star = entry.pattern.indexOf("*");
    const prefixLength = star < 0 ? entry.pattern.length : star;
    for (const length of lengths) {
      if (length > prefixLength) break;
      const outer = wildcardsByPrefix
        .get(entry.pattern.slice(0, length))
        ?.find((candidate) => candidate !== entry && covers(candidate, entry));
      if (outer) {
        containers.set(entry.position, outer.position);
        break;
      }
    }
  }
  return containers;
}

/** Symbols that stand for "any one character no pattern names" when blanking out a pattern's stars. */
const FRESH_SYMBOLS = ["\u0000", "\uffff", "\u0001"];

/**
 * Every name `inner` matches is matched by `outer`: `outer` matches `inner` with each `*`
 * replaced by a symbol neither pattern contains (exact for `*`-only patterns; analysis-notes §7.2).
 * For distinct collapsed patterns the converse cannot hold too, so this is strict containment.
 */
export function patternCovers(outer: string, inner: string): boolean {
  const fresh = FRESH_SYMBOLS.find((symbol) => !outer.includes(symbol) && !inner.includes(symbol))!;
  return matchesPattern(outer, inner.replaceAll("*", fresh));
}
