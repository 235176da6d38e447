/**
 * Region decomposition: a union of disjoint boxes rewritten into fewer, larger boxes that a person
 * can read. Two boxes that agree in every dimension but one are the same connections as one box
 * holding the union of that dimension; merging until no pair qualifies keeps the union exact and
 * the boxes disjoint. Protocols are split off first, because views group by protocol.
 */
import type { Protocol } from "../model/vocabulary.ts";
import { type Box, boxIsEmpty, makeBox } from "./box.ts";
import { protocolDomain } from "./connection-space.ts";

/** What merging needs of a dimension's set; every dimension of a box provides it. */
interface DimensionSet {
  equals(other: never): boolean;
  union(other: never): unknown;
}

/** Beyond this many boxes, merging (quadratic) is skipped: the region stays exact, only longer. */
const MAX_BOXES_TO_MERGE = 400;

/** Merges boxes that differ in one dimension only, until none do. */
export function mergeBoxes(boxes: readonly Box[]): Box[] {
  const list = boxes.filter((box) => !boxIsEmpty(box));
  if (list.length > MAX_BOXES_TO_MERGE) return list;
  let merged = true;
  while (merged) {
    merged = false;
    for (let i = 0; i < list.length && !merged; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const union = unionIfOneDimensionDiffers(list[i] as Box, list[j] as Box);
        if (union) {
          list[i] = union;
          list.splice(j, 1);
          merged = true;
          break;
        }
      }
    }
  }
  return list;
}

function unionIfOneDimensionDiffers(a: Box, b: Box): Box | undefined {
  let differing: keyof Box | undefined;
  for (const key of Object.keys(a) as (keyof Box)[]) {
    const set = a[key] as unknown as DimensionSet;
    if (set.equals(b[key] as never)) continue;
    if (differing !== undefined) return undefined;
    differing = key;
  }
  if (differing === undefined) return a;
  const union = (a[differing] as unknown as DimensionSet).union(b[differing] as never);
  return { ...a, [differing]: union } as Box;
}

/** A box with its protocols replaced (the shape `makeBox` gives every box). */
function withProtocols(box: Box, protocols: Box["protocols"]): Box {
  return makeBox(protocols, box.authenticationTypes, box.scopes, box.ports, box.ips, box.usernames, box.groups, box.attributes);
}

export interface ProtocolGroup {
  /** In the vocabulary's order. */
  readonly protocols: readonly Protocol[];
  /** The region's connections of these protocols, merged, each box holding exactly `protocols`. */
  readonly boxes: readonly Box[];
}

/**
 * The region split by protocol, protocols whose connections are the same boxes grouped together
 * (only `allowed` protocols are kept). Exact: the groups together hold the region's connections
 * of the allowed protocols and nothing else.
 */
export function splitByProtocol(boxes: readonly Box[], allowed: readonly Protocol[] = protocolDomain.values): ProtocolGroup[] {
  const live = boxes.filter((box) => !boxIsEmpty(box));
  const groups = new Map<string, Protocol[]>();
  for (const protocol of allowed) {
    const holders: number[] = [];
    live.forEach((box, index) => {
      if (box.protocols.has(protocol)) holders.push(index);
    });
    if (holders.length === 0) continue;
    const key = holders.join(",");
    const group = groups.get(key);
    if (group) group.push(protocol);
    else groups.set(key, [protocol]);
  }
  return [...groups.entries()].map(([key, protocols]) => {
    const set = protocolDomain.setOf(protocols);
    const held = key.split(",").map((index) => withProtocols(live[Number(index)] as Box, set));
    return { protocols: set.values(), boxes: mergeBoxes(held) };
  });
}
