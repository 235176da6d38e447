import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { IdSet } from "../../lib/analysis/id-set.ts";

const sorted = (values: Iterable<number>) => [...new Set(values)].sort((a, b) => a - b);

describe("IdSet (persistent sorted set of variable ids)", () => {
  it("agrees with a plain sorted list under patches, whether built at once or by patches", () => {
    fc.assert(
      fc.property(fc.array(fc.nat(200)), fc.array(fc.tuple(fc.array(fc.nat(200)), fc.array(fc.nat(200)))), (initial, patches) => {
        let model = sorted(initial);
        let set = IdSet.fromSorted(model);
        let grown = IdSet.EMPTY.patch([], model);
        for (const [removeList, addList] of patches) {
          const added = sorted(addList);
          const removed = sorted([...removeList, ...added]);
          const before = set;
          set = set.patch(removed, added);
          grown = grown.patch(removed, added);
          const next = sorted([...model.filter((value) => !removed.includes(value)), ...added]);
          if (next.join() === model.join()) expect(set).toBe(before);
          model = next;
          expect(set.toArray()).toEqual(model);
          expect(grown.toArray()).toEqual(model);
          expect(set.size).toBe(model.length);
          expect(set.equals(grown)).toBe(true);
          for (let value = 0; value <= 200; value += 7) expect(set.has(value)).toBe(model.includes(value));
        }
      }),
    );
  });

  it("leaves the set it was patched from unchanged (100,000 ids, 1,000 patches)", () => {
    const many = IdSet.fromSorted(Array.from({ length: 100_000 }, (_, index) => index * 2));
    let set = many;
    for (let value = 1; value < 2001; value += 2) set = set.patch([value], [value]);
    expect(set.size).toBe(101_000);
    expect(many.size).toBe(100_000);
    expect(set.has(1999)).toBe(true);
    expect(many.has(1999)).toBe(false);
  });
});
