/** The exact dimension sets: enum bit sets, interval sets, IP sets, atom sets. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Bdd } from "../../lib/analysis/bdd.ts";
import { EnumDomain } from "../../lib/analysis/enum-set.ts";
import { IntervalSet, bigintDomain, numberDomain } from "../../lib/analysis/interval-set.ts";
import { IpSet, formatIpAddress, formatIpRange, outlinesMeet, parseIpAddress } from "../../lib/analysis/ip-set.ts";
import { PROTOCOLS } from "../../lib/model/vocabulary.ts";
import { ip } from "./helpers.ts";

const SEED = 4242;

describe("EnumSet", () => {
  const protocols = new EnumDomain(PROTOCOLS);

  it("combines sets of protocols", () => {
    const mail = protocols.setOf(["IMAP4", "POP3"]);
    const legacy = protocols.setOf(["POP3", "ExchangeActiveSync"]);
    expect(mail.union(legacy).values()).toEqual(["ExchangeActiveSync", "IMAP4", "POP3"]);
    expect(mail.intersection(legacy).values()).toEqual(["POP3"]);
    expect(mail.difference(legacy).values()).toEqual(["IMAP4"]);
    expect(mail.isSubsetOf(mail.union(legacy))).toBe(true);
    expect(mail.isSubsetOf(legacy)).toBe(false);
    expect(mail.difference(mail).isEmpty()).toBe(true);
    expect(protocols.full().size()).toBe(12);
    expect(protocols.full().complement().isEmpty()).toBe(true);
  });

  it("ignores values outside the domain", () => {
    expect(protocols.setOf(["Telnet"]).isEmpty()).toBe(true);
    expect(protocols.full().has("Telnet" as never)).toBe(false);
  });

  it("picks a preferred member when it can", () => {
    const set = protocols.setOf(["REST", "IMAP4"]);
    expect(set.pickMember(["REST"])).toBe("REST");
    expect(set.pickMember(["POP3"])).toBe("IMAP4");
    expect(protocols.empty().pickMember()).toBeUndefined();
  });
});

describe("IntervalSet", () => {
  const domain = numberDomain(0, 40);
  const range = fc.tuple(fc.integer({ min: -5, max: 45 }), fc.integer({ min: -5, max: 45 })).map(([first, last]) => ({ first, last }));
  // Short lists, long lists of narrow ranges (many intervals: the binary-search paths), and long
  // lists of overlapping ranges in any order (fromRanges sorts short and long lists differently).
  const ranges = fc.oneof(
    fc.array(range, { maxLength: 5 }),
    fc.array(fc.integer({ min: 0, max: 40 }).map((first) => ({ first, last: first })), { maxLength: 30 }),
    fc.array(range, { minLength: 12, maxLength: 40 }),
  );
  const members = (list: Array<{ first: number; last: number }>) => {
    const set = new Set<number>();
    for (const { first, last } of list) for (let v = Math.max(0, first); v <= Math.min(40, last); v++) set.add(v);
    return set;
  };
  const contents = (set: IntervalSet<number>) => [...Array(41).keys()].filter((v) => set.has(v));

  it("agrees with naive membership for every operation", () => {
    fc.assert(
      fc.property(ranges, ranges, (a, b) => {
        const x = IntervalSet.fromRanges(domain, a);
        const y = IntervalSet.fromRanges(domain, b);
        const mx = members(a);
        const my = members(b);
        expect(contents(x)).toEqual([...mx].sort((p, q) => p - q));
        expect(contents(x.union(y))).toEqual([...Array(41).keys()].filter((v) => mx.has(v) || my.has(v)));
        expect(contents(x.intersection(y))).toEqual([...Array(41).keys()].filter((v) => mx.has(v) && my.has(v)));
        expect(contents(x.difference(y))).toEqual([...Array(41).keys()].filter((v) => mx.has(v) && !my.has(v)));
        expect(contents(x.complement())).toEqual([...Array(41).keys()].filter((v) => !mx.has(v)));
        expect(x.isSubsetOf(y)).toBe([...mx].every((v) => my.has(v)));
        expect(x.intersects(y)).toBe([...mx].some((v) => my.has(v)));
        expect(x.isEmpty()).toBe(mx.size === 0);
        expect(x.size()).toBe(mx.size);
        // Canonical form: equal sets have equal interval lists, and intervals never touch.
        expect(x.union(y).equals(y.union(x))).toBe(true);
        const list = x.ranges();
        for (let i = 1; i < list.length; i++) expect(list[i]!.first).toBeGreaterThan(list[i - 1]!.last + 1);
        const picked = x.pickMember();
        expect(picked === undefined ? mx.size === 0 : mx.has(picked)).toBe(true);
      }),
      { seed: SEED, numRuns: 1000 },
    );
  });

  it("unites large and small sets (merge and seek paths) the same over number and bigint bounds", () => {
    const big = bigintDomain(0n, 40n);
    fc.assert(
      fc.property(ranges, ranges, (a, b) => {
        const expected = IntervalSet.fromRanges(domain, [...a, ...b]).ranges();
        expect(IntervalSet.fromRanges(domain, a).union(IntervalSet.fromRanges(domain, b)).ranges()).toEqual(expected);
        const asBig = (list: typeof a) => list.map(({ first, last }) => ({ first: BigInt(first), last: BigInt(last) }));
        const union = IntervalSet.fromRanges(big, asBig(a)).union(IntervalSet.fromRanges(big, asBig(b)));
        expect(union.ranges().map(({ first, last }) => ({ first: Number(first), last: Number(last) }))).toEqual(expected);
      }),
      { seed: SEED, numRuns: 1000 },
    );
  });

  it("unites many sets at once as one list of all their ranges (unionAll)", () => {
    fc.assert(
      fc.property(fc.array(ranges, { maxLength: 6 }), (lists) => {
        const union = IntervalSet.unionAll(domain, lists.map((list) => IntervalSet.fromRanges(domain, list)));
        expect(union.ranges()).toEqual(IntervalSet.fromRanges(domain, lists.flat()).ranges());
      }),
      { seed: SEED, numRuns: 1000 },
    );
  });

  it("merges adjacent ranges and drops reversed ones", () => {
    const set = IntervalSet.fromRanges(domain, [
      { first: 1, last: 3 },
      { first: 4, last: 6 },
      { first: 9, last: 8 },
    ]);
    expect(set.ranges()).toEqual([{ first: 1, last: 6 }]);
  });

  it("prefers the requested member, else avoids the first value of a wide interval", () => {
    const ports = IntervalSet.fromRanges(numberDomain(0, 65535), [{ first: 400, last: 500 }]);
    expect(ports.pickMember([443])).toBe(443);
    expect(ports.pickMember([80])).toBe(401);
    expect(IntervalSet.fromRanges(domain, [{ first: 7, last: 8 }]).pickMember()).toBe(7);
  });

  it("agrees with naive membership on large sets made from one another (chunks shared between versions)", () => {
    const wide = numberDomain(0, 999);
    const values = [...Array(1000).keys()];
    const narrow = fc.integer({ min: -3, max: 1002 }).chain((first) => fc.integer({ min: 0, max: 4 }).map((width) => ({ first, last: first + width })));
    const rangeLists = fc.oneof(fc.array(narrow, { minLength: 60, maxLength: 400 }), fc.array(narrow, { maxLength: 3 }));
    // Each step combines a version with a new list of ranges or with an earlier version.
    const step = fc.record({
      operation: fc.constantFrom("difference", "union", "intersection", "reversedDifference"),
      left: fc.nat(),
      right: fc.oneof(fc.nat().map((version) => ({ version })), rangeLists.map((ranges) => ({ ranges }))),
    });
    fc.assert(
      fc.property(rangeLists, fc.array(step, { minLength: 1, maxLength: 8 }), fc.boolean(), (base, steps, bigint) => {
        const versions: Array<{ set: IntervalSet<number>; members: Set<number> }> = [];
        const member = (list: Array<{ first: number; last: number }>) => new Set(values.filter((v) => list.some(({ first, last }) => first <= v && v <= last)));
        versions.push({ set: IntervalSet.fromRanges(wide, base), members: member(base) });
        for (const { operation, left, right } of steps) {
          const x = versions[left % versions.length]!;
          const y = "version" in right ? versions[right.version % versions.length]! : { set: IntervalSet.fromRanges(wide, right.ranges), members: member(right.ranges) };
          const [set, keep] =
            operation === "difference"
              ? [x.set.difference(y.set), (v: number) => x.members.has(v) && !y.members.has(v)]
              : operation === "reversedDifference"
                ? [y.set.difference(x.set), (v: number) => y.members.has(v) && !x.members.has(v)]
                : operation === "union"
                  ? [x.set.union(y.set), (v: number) => x.members.has(v) || y.members.has(v)]
                  : [x.set.intersection(y.set), (v: number) => x.members.has(v) && y.members.has(v)];
          const members = new Set(values.filter(keep));
          expect(values.filter((v) => set.has(v))).toEqual([...members].sort((p, q) => p - q));
          const list = set.ranges();
          for (let i = 1; i < list.length; i++) expect(list[i]!.first).toBeGreaterThan(list[i - 1]!.last + 1);
          expect(set.size()).toBe(members.size);
          expect(set.intervalCount()).toBe(list.length);
          expect(set.equals(IntervalSet.fromRanges(wide, list))).toBe(true);
          expect(values.filter((v) => set.complement().has(v)).length).toBe(1000 - members.size);
          for (const other of [x, y]) {
            expect(set.isSubsetOf(other.set)).toBe([...members].every((v) => other.members.has(v)));
            expect(other.set.isSubsetOf(set)).toBe([...other.members].every((v) => members.has(v)));
            expect(set.intersects(other.set)).toBe([...members].some((v) => other.members.has(v)));
            expect(set.equals(other.set)).toBe(members.size === other.members.size && [...members].every((v) => other.members.has(v)));
          }
          versions.push({ set, members });
        }
        if (bigint) {
          // The same steps' last result over bigint bounds, rebuilt from its ranges, has the same intervals.
          const last = versions[versions.length - 1]!.set;
          const big = IntervalSet.fromRanges(bigintDomain(0n, 999n), last.ranges().map(({ first, last: end }) => ({ first: BigInt(first), last: BigInt(end) })));
          expect(big.difference(big.complement()).ranges().map(({ first, last: end }) => [Number(first), Number(end)])).toEqual(last.ranges().map(({ first, last: end }) => [first, end]));
        }
      }),
      { seed: SEED, numRuns: 300 },
    );
  });
});

describe("IpSet", () => {
  it("keeps IPv4 and IPv6 apart: ::/0 holds no IPv4 client", () => {
    const allV6 = IpSet.fromRanges([ip("::/0")]);
    expect(allV6.has(parseIpAddress("10.0.0.1")!)).toBe(false);
    expect(allV6.has(parseIpAddress("2001:db8::1")!)).toBe(true);
    expect(IpSet.fromRanges([ip("0.0.0.0/0")]).isSubsetOf(allV6)).toBe(false);
    expect(IpSet.fromRanges([ip("0.0.0.0/0"), ip("::/0")]).isFull()).toBe(true);
  });

  it("covers a range by two CIDR blocks exactly", () => {
    const range = IpSet.fromRanges([ip("10.0.0.0-10.0.1.255")]);
    const halves = IpSet.fromRanges([ip("10.0.0.0/24"), ip("10.0.1.0/24")]);
    expect(range.isSubsetOf(halves)).toBe(true);
    expect(range.equals(halves)).toBe(true);
    expect(IpSet.fromRanges([ip("10.0.0.0-10.0.2.0")]).isSubsetOf(halves)).toBe(false);
  });

  it("agrees with ipaddr.js on random points", () => {
    const cidr = fc.tuple(fc.ipV4(), fc.integer({ min: 8, max: 32 })).map(([address, bits]) => `${address}/${bits}`);
    fc.assert(
      fc.property(fc.array(cidr, { minLength: 1, maxLength: 3 }), fc.array(cidr, { maxLength: 2 }), fc.ipV4(), (a, b, point) => {
        const set = IpSet.fromRanges(a.map(ip)).difference(IpSet.fromRanges(b.map(ip)));
        const inside = (list: string[]) => list.some((text) => inRange(point, ip(text)));
        expect(set.has(parseIpAddress(point)!)).toBe(inside(a) && !inside(b));
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it("outlines: sets that meet always have meeting outlines, and far-apart ranges never do", () => {
    const range = fc.oneof(
      fc.tuple(fc.ipV4(), fc.integer({ min: 8, max: 32 })).map(([address, bits]) => `${address}/${bits}`),
      fc.tuple(fc.ipV6(), fc.integer({ min: 16, max: 128 })).map(([address, bits]) => `${address}/${bits}`),
    );
    const set = fc.array(range, { maxLength: 3 }).map((list) => IpSet.fromRanges(list.map(ip)));
    fc.assert(
      fc.property(set, set, fc.array(range, { maxLength: 2 }), (a, b, cut) => {
        const cutA = a.difference(IpSet.fromRanges(cut.map(ip)));
        if (cutA.intersects(b)) expect(outlinesMeet(cutA.outline(), b.outline())).toBe(true);
      }),
      { seed: SEED, numRuns: 500 },
    );
    const offices = IpSet.fromRanges([ip("198.18.4.0/24"), ip("198.19.7.0/24")]);
    expect(outlinesMeet(offices.outline(), IpSet.fromRanges([ip("203.0.113.0/24")]).outline())).toBe(false);
    expect(outlinesMeet(offices.outline(), IpSet.fromRanges([ip("2001:db8::/32")]).outline())).toBe(false);
    expect(outlinesMeet(offices.outline(), IpSet.EMPTY.outline())).toBe(false);
    // Between the two offices: the outline meets, though the sets do not (the exact test decides).
    expect(outlinesMeet(offices.outline(), IpSet.fromRanges([ip("198.18.200.1")]).outline())).toBe(true);
    expect(IpSet.FULL.outline()).toEqual({ v4Low: 0, v4High: 2 ** 32 - 1, hasV6: true });
  });

  it("picks readable witnesses: a documentation address, never a wide range's network address", () => {
    expect(formatIpAddress(IpSet.FULL.pickMember()!)).toBe("203.0.113.10");
    expect(formatIpAddress(IpSet.fromRanges([ip("192.168.1.0/24")]).pickMember()!)).toBe("192.168.1.1");
    expect(formatIpAddress(IpSet.fromRanges([ip("192.168.1.7")]).pickMember()!)).toBe("192.168.1.7");
    expect(formatIpAddress(IpSet.fromRanges([ip("::/0")]).pickMember()!)).toBe("2001:db8::10");
    expect(formatIpAddress(IpSet.fromRanges([ip("fe80::/64")]).pickMember()!)).toBe("fe80::1");
    expect(IpSet.EMPTY.pickMember()).toBeUndefined();
  });

  it("formats ranges as CIDR blocks where they fit", () => {
    expect(formatIpRange(ip("10.0.0.0/8"))).toBe("10.0.0.0/8");
    expect(formatIpRange(ip("10.0.0.1-10.0.0.9"))).toBe("10.0.0.1-10.0.0.9");
    expect(formatIpRange(ip("2001:db8::/32"))).toBe("2001:db8::/32");
    expect(IpSet.fromRanges([ip("10.0.0.0/25"), ip("10.0.0.128/25")]).describe()).toBe("10.0.0.0/24");
  });

  it("parses without throwing on bad text", () => {
    expect(parseIpAddress("300.1.1.1")).toBeUndefined();
    expect(parseIpAddress("")).toBeUndefined();
    expect(parseIpAddress(undefined as never)).toBeUndefined();
  });
});

function inRange(point: string, range: ReturnType<typeof ip>): boolean {
  const address = parseIpAddress(point)!;
  return address.family === range.family && range.first <= address.value && address.value <= range.last;
}

describe("Bdd", () => {
  // Random formulas over six variables, compared on all 64 assignments.
  type Formula = { v: number } | { not: Formula } | { and: [Formula, Formula] } | { or: [Formula, Formula] };
  const formula: fc.Arbitrary<Formula> = fc.letrec<{ f: Formula }>((tie) => ({
    f: fc.oneof(
      { maxDepth: 5, depthIdentifier: "bdd" },
      { weight: 3, arbitrary: fc.integer({ min: 0, max: 5 }).map((v) => ({ v })) },
      tie("f").map((f) => ({ not: f })),
      fc.tuple(tie("f"), tie("f")).map((pair) => ({ and: pair as [Formula, Formula] })),
      fc.tuple(tie("f"), tie("f")).map((pair) => ({ or: pair as [Formula, Formula] })),
    ),
  })).f;
  const truth = (f: Formula, bits: number): boolean =>
    "v" in f ? (bits & (1 << f.v)) !== 0 : "not" in f ? !truth(f.not, bits) : "and" in f ? truth(f.and[0], bits) && truth(f.and[1], bits) : truth(f.or[0], bits) || truth(f.or[1], bits);
  const build = (bdd: Bdd, f: Formula): number =>
    "v" in f ? bdd.variable(f.v) : "not" in f ? bdd.not(build(bdd, f.not)) : "and" in f ? bdd.and(build(bdd, f.and[0]), build(bdd, f.and[1])) : bdd.or(build(bdd, f.or[0]), build(bdd, f.or[1]));

  it("agrees with truth tables, is canonical, and its cubes partition the function", () => {
    fc.assert(
      fc.property(formula, formula, (f, g) => {
        const bdd = new Bdd();
        const [x, y] = [build(bdd, f), build(bdd, g)];
        const table = (node: number) => Array.from({ length: 64 }, (_, bits) => bdd.evaluate(node, (v) => (bits & (1 << v)) !== 0));
        expect(table(x)).toEqual(Array.from({ length: 64 }, (_, bits) => truth(f, bits)));
        expect(table(bdd.difference(x, y))).toEqual(Array.from({ length: 64 }, (_, bits) => truth(f, bits) && !truth(g, bits)));
        // Equal functions are the same node.
        expect(x === y).toBe(table(x).every((value, bits) => value === table(y)[bits]));
        const covered = Array.from({ length: 64 }, () => 0);
        for (const cube of bdd.cubes(x)) {
          for (let bits = 0; bits < 64; bits++) {
            if (cube.positive.every((v) => bits & (1 << v)) && cube.negative.every((v) => !(bits & (1 << v)))) covered[bits]!++;
          }
        }
        expect(covered).toEqual(table(x).map((value) => (value ? 1 : 0)));
        expect(bdd.fraction(x)).toBeCloseTo(table(x).filter(Boolean).length / 64);
      }),
      { seed: SEED, numRuns: 500 },
    );
  });

  it("handles a chain of thousands of variables without deep recursion in its paths", () => {
    const bdd = new Bdd();
    let node = 1;
    for (let v = 4999; v >= 0; v--) node = bdd.and(bdd.not(bdd.variable(v)), node);
    expect([...bdd.cubes(node)]).toHaveLength(1);
  });
});
