/** UnionTree against the plain fold it replaces: `set` minus every member still in but one. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EnumDomain } from "../../lib/analysis/enum-set.ts";
import { IntervalSet, numberDomain } from "../../lib/analysis/interval-set.ts";
import { UnionTree } from "../../lib/analysis/union-tree.ts";

const SEED = 4242;
const domain = numberDomain(0, 63);
const range = fc.tuple(fc.integer({ min: 0, max: 63 }), fc.integer({ min: 0, max: 7 })).map(([first, width]) => ({ first, last: first + width }));
const intervalSet = fc.array(range, { maxLength: 3 }).map((ranges) => IntervalSet.fromRanges(domain, ranges));

describe("UnionTree", () => {
  it("subtracts the union of the members still in, leaving one out, as a fold over them does", () => {
    fc.assert(
      fc.property(
        fc.array(intervalSet, { minLength: 1, maxLength: 40 }),
        fc.array(fc.nat(), { maxLength: 40 }),
        fc.array(fc.tuple(intervalSet, fc.integer({ min: -1, max: 45 })), { minLength: 1, maxLength: 10 }),
        (members, removals, queries) => {
          const tree = new UnionTree(members);
          const live = members.map(() => true);
          const check = () => {
            for (const [set, except] of queries) {
              let expected = set;
              members.forEach((member, index) => {
                if (live[index] && index !== except) expected = expected.difference(member);
              });
              expect(tree.subtractFrom(set, except).ranges()).toEqual(expected.ranges());
            }
          };
          check();
          for (const removal of removals) {
            const index = removal % members.length;
            tree.remove(index);
            live[index] = false;
            check();
          }
        },
      ),
      { seed: SEED, numRuns: 300 },
    );
  });

  it("works on enum sets and leaves an empty set untouched", () => {
    const protocols = new EnumDomain(["POP3", "IMAP4", "REST"] as const);
    const tree = new UnionTree([protocols.setOf(["POP3"]), protocols.setOf(["IMAP4"])]);
    expect(tree.subtractFrom(protocols.full()).values()).toEqual(["REST"]);
    expect(tree.subtractFrom(protocols.full(), 0).values()).toEqual(["POP3", "REST"]);
    tree.remove(1);
    expect(tree.subtractFrom(protocols.full()).values()).toEqual(["IMAP4", "REST"]);
    expect(tree.subtractFrom(protocols.empty()).isEmpty()).toBe(true);
  });
});
