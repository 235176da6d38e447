/**
 * Group membership and recipient filters, which the analysis cannot see into: each distinct value
 * is an independent boolean atom ("the user is in group g", "the user satisfies filter f"), and a
 * condition is a set of truth assignments over the atoms of its dimension. Independence admits
 * more users than exist (nested groups, contradictory filters), so a coverage proof over it holds
 * for the real directory too.
 */
import { AtomSet } from "./atom-set.ts";

/** Assignments are enumerated, so the atoms of one dimension are capped (2^10 assignments). */
export const MAX_OPAQUE_ATOMS = 10;

export class OpaqueAtoms {
  readonly values: readonly string[];
  /** False when there were too many atoms: then every set is a sound over- or under-approximation. */
  readonly exact: boolean;
  private readonly bitByValue = new Map<string, number>();

  constructor(values: Iterable<string>) {
    this.values = [...new Set(values)].sort();
    this.exact = this.values.length <= MAX_OPAQUE_ATOMS;
    if (this.exact) this.values.forEach((value, position) => this.bitByValue.set(value, 1 << position));
  }

  /** The number of truth assignments: 2^atoms, or 1 (a single "unknown" point) when inexact. */
  get assignmentCount(): number {
    return this.exact ? 1 << this.values.length : 1;
  }

  full(): AtomSet {
    return AtomSet.full(this.assignmentCount);
  }

  empty(): AtomSet {
    return AtomSet.empty(this.assignmentCount);
  }

  maskOf(values: readonly string[]): number {
    let mask = 0;
    for (const value of values) mask |= this.bitByValue.get(value) ?? 0;
    return mask;
  }

  /** Assignments where at least one of the values is true (exact mode). */
  anyOf(values: readonly string[]): AtomSet {
    const mask = this.maskOf(values);
    const members: number[] = [];
    for (let assignment = 0; assignment < this.assignmentCount; assignment++) {
      if ((assignment & mask) !== 0) members.push(assignment);
    }
    return AtomSet.of(this.assignmentCount, members);
  }

  /** The assignment of a user who belongs to / satisfies exactly `values` (exact mode). */
  assignmentOf(values: readonly string[]): number {
    return this.exact ? this.maskOf(values) : 0;
  }

  /** The values that are true in an assignment. */
  valuesOf(assignment: number): string[] {
    if (!this.exact) return [];
    return this.values.filter((_, position) => (assignment & (1 << position)) !== 0);
  }
}

/** Bits set in an assignment: fewer true atoms make a simpler witness. */
export function popCount(assignment: number): number {
  let count = 0;
  for (let rest = assignment; rest !== 0; rest &= rest - 1) count++;
  return count;
}
