import { describe, expect, it } from "vitest";
import { FileCache } from "../../lib/model/file-cache.ts";

describe("FileCache", () => {
  it("computes once for the file every rule asks about, again when another file comes", () => {
    const cache = new FileCache<object, number>();
    const first = {};
    const second = {};
    let computed = 0;
    const compute = () => ++computed;
    expect([cache.get(first, compute), cache.get(first, compute), cache.get(first, compute)]).toEqual([1, 1, 1]);
    expect(cache.get(second, compute)).toBe(2);
    expect(cache.get(second, compute)).toBe(2);
    // Only the last file is remembered: going back recomputes (a miss costs time, never a wrong value).
    expect(cache.get(first, compute)).toBe(3);
  });

  it("remembers undefined results, and nothing when the computation throws", () => {
    const cache = new FileCache<object, string | undefined>();
    const file = {};
    let computed = 0;
    expect(cache.get(file, () => (computed++, undefined))).toBeUndefined();
    expect(cache.get(file, () => (computed++, "again"))).toBeUndefined();
    expect(computed).toBe(1);
    const other = {};
    expect(() => cache.get(other, () => { throw new Error("bad file"); })).toThrow("bad file");
    expect(cache.get(other, () => "read")).toBe("read");
  });
});
