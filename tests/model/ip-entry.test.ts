import fc from "fast-check";
import ipaddr from "ipaddr.js";
import { describe, expect, it } from "vitest";
import {
  formatAddress,
  formatIpRange,
  ipRangeContains,
  ipRangesEqual,
  parseIpAddress,
  parseIpEntry,
  type ParsedIpEntry,
} from "../../lib/model/ip-entry.ts";
import type { IpRange } from "../../lib/model/rule-spec.ts";

const IPV4_ALL = (1n << 32n) - 1n;
const IPV6_ALL = (1n << 128n) - 1n;

function parsed(text: string): ParsedIpEntry {
  const result = parseIpEntry(text);
  if (!result.ok) throw new Error(`expected ${text} to parse, got: ${result.message}`);
  return result;
}

function v4(text: string): bigint {
  return text.split(".").reduce((value, octet) => (value << 8n) | BigInt(octet), 0n);
}

/** The four bytes of a 32-bit value, most significant first. */
function bytes(value: bigint): number[] {
  return [24n, 16n, 8n, 0n].map((shift) => Number((value >> shift) & 0xffn));
}

/** An independent IPv6 oracle: the WHATWG URL parser, then the hex groups. */
function v6(text: string): bigint {
  const hostname = new URL(`http://[${text}]/`).hostname.slice(1, -1);
  return ipaddr.IPv6.parse(hostname).parts.reduce((value, part) => (value << 16n) | BigInt(part), 0n);
}

describe("parseIpEntry: the documented examples (car-reference.md §1.4, §8)", () => {
  it.each([
    ["192.168.1.1", "single", 4, v4("192.168.1.1"), v4("192.168.1.1"), false, "192.168.1.1"],
    ["192.168.0.1-192.168.0.254", "range", 4, v4("192.168.0.1"), v4("192.168.0.254"), false, "192.168.0.1-192.168.0.254"],
    ["192.168.3.1/24", "cidr", 4, v4("192.168.3.0"), v4("192.168.3.255"), true, "192.168.3.0/24"],
    ["192.168.10.1/24", "cidr", 4, v4("192.168.10.0"), v4("192.168.10.255"), true, "192.168.10.0/24"],
    ["172.17.17.27/16", "cidr", 4, v4("172.17.0.0"), v4("172.17.255.255"), true, "172.17.0.0/16"],
    ["10.1.1.0/24", "cidr", 4, v4("10.1.1.0"), v4("10.1.1.255"), false, "10.1.1.0/24"],
    ["172.16.5.1-172.16.5.150", "range", 4, v4("172.16.5.1"), v4("172.16.5.150"), false, "172.16.5.1-172.16.5.150"],
    ["0.0.0.0/0", "cidr", 4, 0n, IPV4_ALL, false, "0.0.0.0/0"],
    [
      "2001:DB8::2AA:FF:C0A8:640A",
      "single",
      6,
      0x20010db80000000002aa00ffc0a8640an,
      0x20010db80000000002aa00ffc0a8640an,
      false,
      "2001:db8::2aa:ff:c0a8:640a",
    ],
    [
      "2001:DB8::2AA:FF:C0A8:640A-2001:DB8::2AA:FF:C0A8:6414",
      "range",
      6,
      0x20010db80000000002aa00ffc0a8640an,
      0x20010db80000000002aa00ffc0a86414n,
      false,
      "2001:db8::2aa:ff:c0a8:640a-2001:db8::2aa:ff:c0a8:6414",
    ],
    [
      "2001:DB8::2AA:FF:C0A8:640A/64",
      "cidr",
      6,
      0x20010db8000000000000000000000000n,
      0x20010db800000000ffffffffffffffffn,
      true,
      "2001:db8::/64",
    ],
  ] as const)("%s", (text, form, family, first, last, hostBitsSet, canonical) => {
    expect(parseIpEntry(text)).toEqual({ ok: true, form, range: { family, first, last }, hostBitsSet, canonical });
  });
});

describe("parseIpEntry: IPv6 spellings", () => {
  it.each([
    ["2001:0db8:0000:0000:0000:0000:0000:0001", 0x20010db8000000000000000000000001n, "2001:db8::1"],
    ["2001:db8:0:0:1:0:0:1", 0x20010db8000000000001000000000001n, "2001:db8::1:0:0:1"],
    ["::", 0n, "::"],
    ["::1", 1n, "::1"],
    ["FE80::1", 0xfe800000000000000000000000000001n, "fe80::1"],
    ["1:2:3:4:5:6:7::", 0x00010002000300040005000600070000n, "1:2:3:4:5:6:7:0"],
  ])("%s", (text, value, canonical) => {
    expect(parseIpEntry(text)).toEqual({
      ok: true,
      form: "single",
      range: { family: 6, first: value, last: value },
      hostBitsSet: false,
      canonical,
    });
  });

  it("reads an IPv4-mapped address as IPv6 and writes it in mixed notation", () => {
    for (const text of ["::ffff:10.0.0.1", "::FFFF:A00:1", "0:0:0:0:0:ffff:10.0.0.1"]) {
      expect(parsed(text)).toMatchObject({ range: { family: 6, first: 0xffff0a000001n }, canonical: "::ffff:10.0.0.1" });
    }
  });

  it("reads the IPv4-compatible ::1.2.3.4 as ::102:304, not as the mapped address ipaddr.js makes of it", () => {
    expect(ipaddr.parse("::1.2.3.4").toString()).toBe("::ffff:102:304");
    expect(parsed("::1.2.3.4")).toMatchObject({ range: { family: 6, first: 0x01020304n }, canonical: "::102:304" });
  });

  it("reads an embedded IPv4 tail after other groups", () => {
    expect(parsed("64:ff9b::192.0.2.33").range.first).toBe(0x0064ff9b0000000000000000c0000221n);
  });
});

describe("parseIpEntry: CIDR blocks", () => {
  it.each([
    ["10.0.0.0/8", v4("10.0.0.0"), v4("10.255.255.255"), false, "10.0.0.0/8"],
    ["10.0.0.0/08", v4("10.0.0.0"), v4("10.255.255.255"), false, "10.0.0.0/8"],
    ["10.1.2.3/32", v4("10.1.2.3"), v4("10.1.2.3"), false, "10.1.2.3/32"],
    ["10.1.2.3/0", 0n, IPV4_ALL, true, "0.0.0.0/0"],
    ["10.1.2.3/31", v4("10.1.2.2"), v4("10.1.2.3"), true, "10.1.2.2/31"],
  ])("%s", (text, first, last, hostBitsSet, canonical) => {
    expect(parseIpEntry(text)).toEqual({ ok: true, form: "cidr", range: { family: 4, first, last }, hostBitsSet, canonical });
  });

  it.each([
    ["::/0", 0n, IPV6_ALL, false, "::/0"],
    ["::1/128", 1n, 1n, false, "::1/128"],
    ["2001:db8::1/127", 0x20010db8000000000000000000000000n, 0x20010db8000000000000000000000001n, true, "2001:db8::/127"],
  ])("%s", (text, first, last, hostBitsSet, canonical) => {
    expect(parseIpEntry(text)).toEqual({ ok: true, form: "cidr", range: { family: 6, first, last }, hostBitsSet, canonical });
  });
});

describe("parseIpEntry: ranges", () => {
  it("accepts a range of one address", () => {
    expect(parseIpEntry("10.0.0.1-10.0.0.1")).toEqual({
      ok: true,
      form: "range",
      range: { family: 4, first: v4("10.0.0.1"), last: v4("10.0.0.1") },
      hostBitsSet: false,
      canonical: "10.0.0.1-10.0.0.1",
    });
  });

  it("writes an IPv6 range with compressed ends", () => {
    expect(parsed("2001:0DB8::0001-2001:db8:0:0:0:0:0:ff").canonical).toBe("2001:db8::1-2001:db8::ff");
  });
});

describe("parseIpEntry: whitespace", () => {
  it("trims whitespace around the entry", () => {
    expect(parsed(" \t10.0.0.0/8 \n")).toMatchObject({ form: "cidr", canonical: "10.0.0.0/8" });
    expect(parsed("\u00a0::1 ")).toMatchObject({ form: "single", canonical: "::1" });
  });

  it.each([
    ["10.0.0.1 - 10.0.0.9", "range `10.0.0.1 - 10.0.0.9` has spaces around `-`; write `10.0.0.1-10.0.0.9`"],
    ["10.0.0.1 -10.0.0.9", "range `10.0.0.1 -10.0.0.9` has spaces around `-`; write `10.0.0.1-10.0.0.9`"],
    ["10.0.0.0 / 8", "CIDR `10.0.0.0 / 8` has spaces around `/`; write `10.0.0.0/8`"],
    ["10.0.0.0/\t8", "CIDR `10.0.0.0/\t8` has spaces around `/`; write `10.0.0.0/8`"],
    [
      "10.0.0.1 10.0.0.2",
      "`10.0.0.1 10.0.0.2` contains whitespace; put each address, range or CIDR in its own list item",
    ],
    ["10.0. 0.1", "`10.0. 0.1` contains whitespace; put each address, range or CIDR in its own list item"],
  ])("rejects inner whitespace in %j", (text, message) => {
    expect(parseIpEntry(text)).toEqual({ ok: false, message });
  });
});

describe("parseIpEntry: failures", () => {
  it.each([
    // Structure
    ["", "the IP entry is empty"],
    ["   ", "the IP entry is empty"],
    ["10.0.0.0/8/9", "`10.0.0.0/8/9` is not a single address, an `a-b` range or a CIDR"],
    ["10.0.0.1-10.0.0.5-10.0.0.9", "`10.0.0.1-10.0.0.5-10.0.0.9` is not a single address, an `a-b` range or a CIDR"],
    ["10.0.0.0/8-10.0.0.9", "`10.0.0.0/8-10.0.0.9` is not a single address, an `a-b` range or a CIDR"],
    ["10.0.0.1,10.0.0.2", "`10.0.0.1,10.0.0.2` holds several entries separated by commas: put each one in its own list item"],
    ["10.0.0.\u200b1", "`10.0.0.\u200b1` contains an invisible character (U+200B); retype the entry"],
    // IPv4 octets
    ["10.0.0.256", "`10.0.0.256` is not an IPv4 address: octet 256 is out of range (0–255)"],
    ["10.0.0.1000", "`10.0.0.1000` is not an IPv4 address: octet 1000 is out of range (0–255)"],
    ["10..0.1", "`10..0.1` is not an IPv4 address: octet 2 is empty"],
    ["10.0.0.", "`10.0.0.` is not an IPv4 address: octet 4 is empty"],
    ["1.2.3.4.5", "`1.2.3.4.5` is not an IPv4 address: it has 5 parts; write four decimal octets (a.b.c.d)"],
    ["1a.2.3.4", "`1a.2.3.4` is not an IPv4 address: octet `1a` is not a decimal number"],
    // Lenient forms ipaddr.js accepts
    ["10.1", "`10.1` is not an IPv4 address: it has 2 parts; write four decimal octets (a.b.c.d)"],
    ["10.1.2", "`10.1.2` is not an IPv4 address: it has 3 parts; write four decimal octets (a.b.c.d)"],
    ["4294967295", "`4294967295` is not an IPv4 address: it has 1 part; write four decimal octets (a.b.c.d)"],
    ["0x0a.0.0.1", "`0x0a.0.0.1` is not an IPv4 address: octet `0x0a` is not a decimal number"],
    ["010.0.0.1", "`010.0.0.1` is not an IPv4 address: octet `010` has a leading zero, which some parsers read as octal"],
    ["1.2.3.04", "`1.2.3.04` is not an IPv4 address: octet `04` has a leading zero, which some parsers read as octal"],
    // IPv6
    ["fe80::1%eth0", "`fe80::1%eth0` has a zone id (`%eth0`); Client Access Rules take addresses without one"],
    ["fe80::1%12/64", "`fe80::1%12` has a zone id (`%12`); Client Access Rules take addresses without one"],
    ["[::1]", "`[::1]` is in brackets; write the address without `[` and `]`"],
    ["1::2::3", "`1::2::3` is not an IPv6 address: `::` may appear only once"],
    [":::1", "`:::1` is not an IPv6 address: it has `:::`"],
    ["12345::", "`12345::` is not an IPv6 address: group `12345` has more than four hex digits"],
    ["g::1", "`g::1` is not an IPv6 address: `g` is not a hexadecimal digit"],
    [":1::", "`:1::` is not an IPv6 address: it starts with a single `:`"],
    ["1:2:3:4:5:6:7:", "`1:2:3:4:5:6:7:` is not an IPv6 address: it ends with a single `:`"],
    ["1:2:3:4:5:6:7", "`1:2:3:4:5:6:7` is not an IPv6 address: it has 7 groups (8 without `::`)"],
    ["1:2:3:4:5:6:7:8:9", "`1:2:3:4:5:6:7:8:9` is not an IPv6 address: it has 9 groups (8 without `::`)"],
    ["1:2:3:4::5:6:7:8", "`1:2:3:4::5:6:7:8` is not an IPv6 address: it has 8 groups besides `::` (at most 7)"],
    ["1.2.3.4::", "`1.2.3.4::` is not an IPv6 address: an embedded IPv4 address may only come last"],
    [
      "::ffff:10.0.0.256",
      "`::ffff:10.0.0.256` is not an IPv6 address: in its IPv4 part `10.0.0.256`, octet 256 is out of range (0–255)",
    ],
    [
      "::ffff:010.0.0.1",
      "`::ffff:010.0.0.1` is not an IPv6 address: in its IPv4 part `010.0.0.1`, octet `010` has a leading zero, which some parsers read as octal",
    ],
    ["contoso.com", "`contoso.com` is not an IPv4 or IPv6 address"],
    ["localhost", "`localhost` is not an IPv4 or IPv6 address"],
    // Ranges
    ["10.0.0.9-10.0.0.1", "range `10.0.0.9-10.0.0.1` is reversed: its start is after its end"],
    ["::9-::1", "range `::9-::1` is reversed: its start is after its end"],
    ["10.0.0.1-::1", "range `10.0.0.1-::1` mixes IPv4 and IPv6"],
    ["::ffff:10.0.0.1-10.0.0.9", "range `::ffff:10.0.0.1-10.0.0.9` mixes IPv4 and IPv6"],
    ["-10.0.0.1", "range `-10.0.0.1` has no start address before `-`"],
    ["10.0.0.1-", "range `10.0.0.1-` has no end address after `-`"],
    ["10.0.0.1-10.0.0.300", "`10.0.0.300` is not an IPv4 address: octet 300 is out of range (0–255)"],
    // CIDR
    ["10.0.0.0/33", "prefix /33 is out of range for IPv4 (0–32)"],
    ["::/129", "prefix /129 is out of range for IPv6 (0–128)"],
    ["10.0.0.0/99999999999999999999", "prefix /99999999999999999999 is out of range for IPv4 (0–32)"],
    ["10.0.0.0/", "CIDR `10.0.0.0/` has no prefix length after `/`"],
    ["/8", "CIDR `/8` has no address before `/`"],
    ["10.0.0.0/x", "prefix `/x` is not a whole number of bits (0–32 for IPv4)"],
    ["::/-1", "`::/-1` is not a single address, an `a-b` range or a CIDR"],
    ["::/+64", "prefix `/+64` is not a whole number of bits (0–128 for IPv6)"],
    ["10.0.0.0/255.0.0.0", "`/255.0.0.0` is a subnet mask; write the prefix length /8"],
    ["10.0.0.0/255.0.255.0", "`/255.0.255.0` is not a prefix length (0–32)"],
    ["10.1/8", "`10.1` is not an IPv4 address: it has 2 parts; write four decimal octets (a.b.c.d)"],
  ])("%j", (text, message) => {
    expect(parseIpEntry(text)).toEqual({ ok: false, message });
  });

  it("shortens a long entry in its message", () => {
    const ones = "1".repeat(59);
    expect(parseIpEntry(`${"1".repeat(100)}.0.0.1`)).toEqual({
      ok: false,
      message: `\`${ones}…\` is not an IPv4 address: octet ${ones}… is out of range (0–255)`,
    });
  });

  it("fails on a value that is not text instead of throwing", () => {
    expect(parseIpEntry(42 as unknown as string)).toEqual({ ok: false, message: "an IP entry must be text" });
    expect(parseIpAddress(null as unknown as string)).toEqual({ ok: false, message: "an IP address must be text" });
  });
});

describe("parseIpEntry: properties", () => {
  it("reads every dotted quad as its 32-bit value", () => {
    fc.assert(
      fc.property(fc.ipV4(), (text) => {
        expect(parsed(text)).toEqual({
          ok: true,
          form: "single",
          range: { family: 4, first: v4(text), last: v4(text) },
          hostBitsSet: false,
          canonical: text,
        });
      }),
    );
  });

  it("accepts exactly the four-part decimal forms among ipaddr.js's IPv4 spellings", () => {
    fc.assert(
      fc.property(fc.ipV4Extended(), (text) => {
        expect(parseIpEntry(text).ok).toBe(ipaddr.IPv4.isValidFourPartDecimal(text));
      }),
    );
  });

  it("reads every IPv6 spelling as the WHATWG URL parser does", () => {
    fc.assert(
      fc.property(fc.ipV6(), (text) => {
        const result = parseIpEntry(text);
        // fast-check writes some embedded IPv4 octets with leading zeros; those are refused.
        const tail = text.slice(text.lastIndexOf(":") + 1);
        if (tail.includes(".") && tail.split(".").some((octet) => /^0\d/u.test(octet))) {
          expect(result.ok).toBe(false);
          return;
        }
        expect(result).toMatchObject({ ok: true, form: "single", range: { family: 6, first: v6(text), last: v6(text) } });
        if (result.ok) expect(parsed(result.canonical).range).toEqual(result.range);
      }),
    );
  });

  it("masks a CIDR block to its network and reports host bits exactly when some are set", () => {
    fc.assert(
      fc.property(fc.ipV4(), fc.integer({ min: 0, max: 32 }), (address, prefixLength) => {
        const entry = parsed(`${address}/${prefixLength}`);
        const size = 1n << BigInt(32 - prefixLength);
        expect(entry.range.last - entry.range.first + 1n).toBe(size);
        expect(entry.range.first % size).toBe(0n);
        expect(entry.range.first <= v4(address) && v4(address) <= entry.range.last).toBe(true);
        expect(entry.hostBitsSet).toBe(entry.range.first !== v4(address));
        expect(parsed(entry.canonical).range).toEqual(entry.range);
        // The network address, written by ipaddr.js, with the prefix length as a plain number.
        expect(entry.canonical).toBe(`${ipaddr.fromByteArray(bytes(entry.range.first)).toString()}/${prefixLength}`);
      }),
    );
  });

  it("formats every range as an entry that parses back to it", () => {
    const range = fc.oneof(
      fc.tuple(fc.bigInt({ min: 0n, max: IPV4_ALL }), fc.bigInt({ min: 0n, max: IPV4_ALL })).map(
        ([a, b]): IpRange => ({ family: 4, first: a < b ? a : b, last: a < b ? b : a }),
      ),
      fc.tuple(fc.bigInt({ min: 0n, max: IPV6_ALL }), fc.bigInt({ min: 0n, max: IPV6_ALL })).map(
        ([a, b]): IpRange => ({ family: 6, first: a < b ? a : b, last: a < b ? b : a }),
      ),
      fc.tuple(fc.ipV4(), fc.integer({ min: 0, max: 32 })).map(([address, prefixLength]) => parsed(`${address}/${prefixLength}`).range),
    );
    fc.assert(
      fc.property(range, (each) => {
        expect(parsed(formatIpRange(each)).range).toEqual(each);
      }),
    );
  });

  it("never throws, whatever the text", () => {
    const noisy = fc.stringMatching(/^[0-9a-fA-F:.\/ %x[\]-]{0,40}$/);
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: "binary" }), noisy), (text) => {
        const result = parseIpEntry(text);
        if (result.ok) expect(result.range.first <= result.range.last).toBe(true);
        else expect(result.message).not.toBe("");
        parseIpAddress(text);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("parseIpAddress", () => {
  it("reads one address of either family", () => {
    expect(parseIpAddress("192.168.1.1")).toEqual({ ok: true, family: 4, value: v4("192.168.1.1"), canonical: "192.168.1.1" });
    expect(parseIpAddress(" 2001:DB8::1 ")).toEqual({
      ok: true,
      family: 6,
      value: 0x20010db8000000000000000000000001n,
      canonical: "2001:db8::1",
    });
  });

  it.each([
    ["10.0.0.0/8", "`10.0.0.0/8` is not a single IP address"],
    ["10.0.0.1-10.0.0.2", "`10.0.0.1-10.0.0.2` is not a single IP address"],
    ["", "the IP address is empty"],
    ["10.0.0 .1", "`10.0.0 .1` contains whitespace"],
    ["10.0.0.256", "`10.0.0.256` is not an IPv4 address: octet 256 is out of range (0–255)"],
    ["fe80::1%eth0", "`fe80::1%eth0` has a zone id (`%eth0`); Client Access Rules take addresses without one"],
  ])("rejects %j", (text, message) => {
    expect(parseIpAddress(text)).toEqual({ ok: false, message });
  });
});

describe("range helpers", () => {
  const range = (text: string) => parsed(text).range;

  it("contains an address inside a block, the block itself, and nothing of the other family", () => {
    expect(ipRangeContains(range("10.0.0.0/8"), range("10.1.2.3"))).toBe(true);
    expect(ipRangeContains(range("10.0.0.0/8"), range("10.0.0.0-10.255.255.255"))).toBe(true);
    expect(ipRangeContains(range("10.0.0.0/8"), range("9.255.255.255-10.0.0.5"))).toBe(false);
    expect(ipRangeContains(range("10.0.0.0/8"), range("11.0.0.0"))).toBe(false);
    expect(ipRangeContains(range("10.1.2.3"), range("10.0.0.0/8"))).toBe(false);
    expect(ipRangeContains(range("0.0.0.0/0"), range("::ffff:10.1.2.3"))).toBe(false);
    expect(ipRangeContains(range("::/0"), range("10.1.2.3"))).toBe(false);
  });

  it("equates the same addresses written differently, and only those", () => {
    expect(ipRangesEqual(range("10.0.0.0/8"), range("10.0.0.0-10.255.255.255"))).toBe(true);
    expect(ipRangesEqual(range("192.168.10.1/24"), range("192.168.10.0/24"))).toBe(true);
    expect(ipRangesEqual(range("::1"), range("0:0:0:0:0:0:0:1/128"))).toBe(true);
    expect(ipRangesEqual(range("10.0.0.0/8"), range("10.0.0.0/9"))).toBe(false);
    expect(ipRangesEqual(range("0.0.0.1"), range("::1"))).toBe(false);
  });

  it.each([
    ["10.1.2.3", { family: 4, first: v4("10.1.2.3"), last: v4("10.1.2.3") }],
    ["10.0.0.0/8", { family: 4, first: v4("10.0.0.0"), last: v4("10.255.255.255") }],
    ["0.0.0.0/0", { family: 4, first: 0n, last: IPV4_ALL }],
    ["10.0.0.1-10.0.0.254", { family: 4, first: v4("10.0.0.1"), last: v4("10.0.0.254") }],
    ["10.0.0.2-10.0.0.5", { family: 4, first: v4("10.0.0.2"), last: v4("10.0.0.5") }],
    ["::/0", { family: 6, first: 0n, last: IPV6_ALL }],
    ["2001:db8::/64", { family: 6, first: 0x20010db8000000000000000000000000n, last: 0x20010db800000000ffffffffffffffffn }],
    ["::ffff:10.0.0.1", { family: 6, first: 0xffff0a000001n, last: 0xffff0a000001n }],
    ["::1-::3", { family: 6, first: 1n, last: 3n }],
  ] as const)("formats a range as %s", (text, each) => {
    expect(formatIpRange(each)).toBe(text);
  });

  it("formats addresses as dotted quads and RFC 5952 text", () => {
    expect(formatAddress(4, 0n)).toBe("0.0.0.0");
    expect(formatAddress(4, IPV4_ALL)).toBe("255.255.255.255");
    expect(formatAddress(6, 0x20010db8000000000001000000000001n)).toBe("2001:db8::1:0:0:1");
    expect(formatAddress(6, 0xffffffffn)).toBe("::ffff:ffff");
  });
});
