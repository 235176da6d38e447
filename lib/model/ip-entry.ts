/**
 * One entry of `AnyOfClientIPAddressesOrRanges` / `ExceptAnyOfClientIPAddressesOrRanges`:
 * a single address, an `a-b` range or a CIDR block, IPv4 or IPv6 (car-reference.md §1.4).
 *
 * `ipaddr.js` decides whether an address is valid and computes its value. This module adds the
 * entry structure (`a-b`, `a/n`), strictness where `ipaddr.js` is lenient, and messages that say
 * exactly what is wrong. Nothing here throws.
 *
 * Strictness, and why:
 * - IPv4 must be a dotted quad of decimal octets without leading zeros. `ipaddr.js` also takes
 *   `10.1`, `0x0a.0.0.1`, `4294967295` and reads `010.0.0.1` as octal (8.0.0.1); .NET and inet_aton
 *   read some of these differently, and Exchange documents the dotted quad only, so an entry that
 *   could mean two addresses is rejected rather than guessed.
 * - The IPv4 tail of an IPv6 address (`::ffff:10.0.0.1`) gets the same dotted-quad check. It is
 *   converted to two hex groups before `ipaddr.js` sees it, because `ipaddr.js` turns the
 *   IPv4-compatible form `::1.2.3.4` into the IPv4-mapped `::ffff:1.2.3.4`, a different address.
 * - An IPv4-mapped IPv6 address stays IPv6 (family 6): it is written as IPv6, and a range from an
 *   IPv4 address to one is reported as mixing the families.
 * - Zone ids (`fe80::1%eth0`) are rejected: a client address carries none.
 * - Whitespace around the entry is trimmed silently (JSON lists written by hand often carry it);
 *   whitespace inside it, notably around `-` or `/`, is rejected — the docs never show it.
 * - A CIDR prefix may have leading zeros (`/08`): unlike an octet it cannot be misread.
 */
import ipaddr from "ipaddr.js";
import type { IpRange } from "./rule-spec.ts";
import { TextMemo } from "./text-memo.ts";

export type IpFamily = 4 | 6;
export type IpEntryForm = "single" | "range" | "cidr";

export interface ParsedIpEntry {
  readonly ok: true;
  readonly form: IpEntryForm;
  readonly range: IpRange;
  /** CIDR only: the address before `/` has bits set beyond the prefix (`192.168.10.1/24`). */
  readonly hostBitsSet: boolean;
  /**
   * The entry in canonical text, keeping its form: compressed lower-case addresses, a CIDR as
   * its network address (`192.168.10.1/24` → `192.168.10.0/24`), a range as `first-last`.
   */
  readonly canonical: string;
}

export interface IpParseFailure {
  readonly ok: false;
  readonly message: string;
  /**
   * A form Microsoft documents for other Exchange IP lists but not for Client Access Rules
   * (`192.168.8.2(255.255.255.0)`): whether Exchange rejects it here is not documented.
   */
  readonly undocumented?: true;
}

export type IpEntryResult = ParsedIpEntry | IpParseFailure;

export interface ParsedIpAddress {
  readonly ok: true;
  readonly family: IpFamily;
  readonly value: bigint;
  readonly canonical: string;
}

export type IpAddressResult = ParsedIpAddress | IpParseFailure;

const BIT_WIDTH: Readonly<Record<IpFamily, number>> = { 4: 32, 6: 128 };
const FAMILY_NAME: Readonly<Record<IpFamily, string>> = { 4: "IPv4", 6: "IPv6" };
const MAX_QUOTED_LENGTH = 60;
// Control and format characters that survive trim() and show as nothing in an editor.
const INVISIBLE_CHARACTER = /[\u0000-\u0008\u000e-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u202a-\u202e\u2060\ufeff]/u;

// Addresses repeat across files and the analysis parses the same documentation addresses for
// every witness; the results are immutable values.
const entryMemo = new TextMemo<IpEntryResult>((text) => readIpEntry(text), 4096);
const addressMemo = new TextMemo<IpAddressResult>((text) => readIpAddress(text), 4096);

/** Parses one IP list entry: a single address, an `a-b` range or a CIDR block. */
export function parseIpEntry(text: string): IpEntryResult {
  if (typeof text !== "string") return failure("an IP entry must be text");
  return entryMemo.get(text);
}

function readIpEntry(text: string): IpEntryResult {
  const entry = text.trim();
  if (entry === "") return failure("the IP entry is empty");

  const invisible = describeInvisibleCharacter(entry);
  if (invisible !== undefined) return failure(invisible);
  if (entry.includes(",")) {
    return failure(`${quote(entry)} holds several entries separated by commas: put each one in its own list item`);
  }
  if (/\s/u.test(entry)) return failure(describeInnerWhitespace(entry));
  const masked = describeParenthesisedMask(entry);
  if (masked !== undefined) return { ok: false, message: masked, undocumented: true };

  const hyphens = countOf(entry, "-");
  const slashes = countOf(entry, "/");
  if (hyphens + slashes > 1) {
    return failure(`${quote(entry)} is not a single address, an \`a-b\` range or a CIDR`);
  }
  if (hyphens === 1) return parseRange(entry);
  if (slashes === 1) return parseCidr(entry);

  const address = parseStrictAddress(entry);
  if (!address.ok) return address;
  return {
    ok: true,
    form: "single",
    range: { family: address.family, first: address.value, last: address.value },
    hostBitsSet: false,
    canonical: address.canonical,
  };
}

/** Parses one address (no range, no prefix), as the what-if CLI takes a client address. */
export function parseIpAddress(text: string): IpAddressResult {
  if (typeof text !== "string") return failure("an IP address must be text");
  return addressMemo.get(text);
}

function readIpAddress(text: string): IpAddressResult {
  const address = text.trim();
  if (address === "") return failure("the IP address is empty");
  const invisible = describeInvisibleCharacter(address);
  if (invisible !== undefined) return failure(invisible);
  if (/\s/u.test(address)) return failure(`${quote(address)} contains whitespace`);
  if (address.includes("/") || address.includes("-")) {
    return failure(`${quote(address)} is not a single IP address`);
  }
  return parseStrictAddress(address);
}

/** Whether every address of `inner` is in `outer` (never across families). */
export function ipRangeContains(outer: IpRange, inner: IpRange): boolean {
  return outer.family === inner.family && outer.first <= inner.first && inner.last <= outer.last;
}

export function ipRangesEqual(a: IpRange, b: IpRange): boolean {
  return a.family === b.family && a.first === b.first && a.last === b.last;
}

/** The shortest entry text for a range: one address, a CIDR block when exact, else `first-last`. */
export function formatIpRange(range: IpRange): string {
  const first = formatAddress(range.family, range.first);
  if (range.first === range.last) return first;
  const prefixLength = exactPrefixLength(range);
  if (prefixLength !== undefined) return `${first}/${prefixLength}`;
  return `${first}-${formatAddress(range.family, range.last)}`;
}

/** Canonical text of one address value: dotted quad, or RFC 5952 with `::ffff:a.b.c.d` for mapped. */
export function formatAddress(family: IpFamily, value: bigint): string {
  const width = BIT_WIDTH[family];
  const clamped = BigInt.asUintN(width, value);
  // Every IPv4 entry read and every witness address: plain number arithmetic, no BigInt per byte.
  if (family === 4) return formatIpv4(Number(clamped));
  const mappedPrefix = 0xffffn << 32n;
  if (clamped >> 32n === 0xffffn) return `::ffff:${bytesOf(clamped - mappedPrefix, 4).join(".")}`;
  const groups = Array.from({ length: 8 }, (_, index) => Number((clamped >> BigInt(112 - index * 16)) & 0xffffn));
  return new ipaddr.IPv6(groups).toRFC5952String();
}

/** A 32-bit address value as a dotted quad. */
function formatIpv4(value: number): string {
  return `${value >>> 24}.${(value >>> 16) & 0xff}.${(value >>> 8) & 0xff}.${value & 0xff}`;
}

function parseRange(entry: string): IpEntryResult {
  const separator = entry.indexOf("-");
  const startText = entry.slice(0, separator);
  const endText = entry.slice(separator + 1);
  if (startText === "") return failure(`range ${quote(entry)} has no start address before \`-\``);
  if (endText === "") return failure(`range ${quote(entry)} has no end address after \`-\``);

  const start = parseStrictAddress(startText);
  if (!start.ok) return start;
  const end = parseStrictAddress(endText);
  if (!end.ok) return end;
  if (start.family !== end.family) return failure(`range ${quote(entry)} mixes IPv4 and IPv6`);
  if (start.value > end.value) {
    return failure(`range ${quote(entry)} is reversed: its start is after its end`);
  }
  return {
    ok: true,
    form: "range",
    range: { family: start.family, first: start.value, last: end.value },
    hostBitsSet: false,
    canonical: `${start.canonical}-${end.canonical}`,
  };
}

function parseCidr(entry: string): IpEntryResult {
  const separator = entry.indexOf("/");
  const addressText = entry.slice(0, separator);
  const prefixText = entry.slice(separator + 1);
  if (addressText === "") return failure(`CIDR ${quote(entry)} has no address before \`/\``);
  if (prefixText === "") return failure(`CIDR ${quote(entry)} has no prefix length after \`/\``);

  const address = parseStrictAddress(addressText);
  if (!address.ok) return address;
  const familyName = FAMILY_NAME[address.family];
  const width = BIT_WIDTH[address.family];

  if (!/^\d+$/u.test(prefixText)) {
    const maskHint = describeSubnetMask(address.family, prefixText);
    return failure(
      maskHint ?? `prefix ${quote(`/${prefixText}`)} is not a whole number of bits (0–${width} for ${familyName})`,
    );
  }
  // Compared as BigInt so that a prefix of any length is reported, not rounded.
  const prefixLength = BigInt(prefixText);
  if (prefixLength > BigInt(width)) {
    return failure(`prefix /${excerpt(prefixText)} is out of range for ${familyName} (0–${width})`);
  }

  if (address.family === 4) {
    // Every IPv4 block of every file: exact in number arithmetic (below 2^32), two BigInts in all.
    const value = Number(address.value);
    const size = 2 ** (32 - Number(prefixLength));
    const network = value - (value % size);
    return {
      ok: true,
      form: "cidr",
      range: { family: 4, first: BigInt(network), last: BigInt(network + size - 1) },
      hostBitsSet: value !== network,
      canonical: `${formatIpv4(network)}/${prefixLength}`,
    };
  }
  const hostBits = BigInt(width) - prefixLength;
  const hostMask = (1n << hostBits) - 1n;
  const first = address.value & ~hostMask;
  const last = first | hostMask;
  return {
    ok: true,
    form: "cidr",
    range: { family: address.family, first, last },
    hostBitsSet: (address.value & hostMask) !== 0n,
    canonical: `${formatAddress(address.family, first)}/${prefixLength}`,
  };
}

/** Validates one address with the strictness described at the top of this file. */
function parseStrictAddress(text: string): IpAddressResult {
  if (text.includes("%")) {
    const zone = text.slice(text.indexOf("%"));
    return failure(`${quote(text)} has a zone id (${quote(zone)}); Client Access Rules take addresses without one`);
  }
  if (text.startsWith("[") && text.endsWith("]")) {
    return failure(`${quote(text)} is in brackets; write the address without \`[\` and \`]\``);
  }
  if (text.includes(":")) return parseStrictIpv6(text);
  if (/^[0-9a-fx.]+$/iu.test(text) && /\d/u.test(text)) return parseStrictIpv4(text);
  return failure(`${quote(text)} is not an IPv4 or IPv6 address`);
}

/** A dotted quad already in canonical form (no leading zeros): most entries, parsed directly. */
const CANONICAL_DOTTED_QUAD = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/u;

function parseStrictIpv4(text: string): IpAddressResult {
  if (CANONICAL_DOTTED_QUAD.test(text)) {
    // Digits and dots only: read with number arithmetic, one BigInt at the end (not one per octet).
    let value = 0;
    let octet = 0;
    for (let index = 0; index < text.length; index++) {
      const code = text.charCodeAt(index);
      if (code === 0x2e) {
        value = value * 256 + octet;
        octet = 0;
      } else {
        octet = octet * 10 + (code - 0x30);
      }
    }
    return { ok: true, family: 4, value: BigInt(value * 256 + octet), canonical: text };
  }
  const problem = describeDottedQuadProblem(text);
  if (problem !== undefined) return failure(`${quote(text)} is not an IPv4 address: ${problem}`);
  if (!ipaddr.IPv4.isValidFourPartDecimal(text)) return failure(`${quote(text)} is not an IPv4 address`);
  const value = valueOfBytes(ipaddr.IPv4.parse(text).toByteArray());
  return { ok: true, family: 4, value, canonical: formatAddress(4, value) };
}

function parseStrictIpv6(text: string): IpAddressResult {
  let hexOnly = text;
  const lastColon = text.lastIndexOf(":");
  const tail = text.slice(lastColon + 1);
  if (text.slice(0, lastColon).includes(".")) {
    return failure(`${quote(text)} is not an IPv6 address: an embedded IPv4 address may only come last`);
  }
  if (tail.includes(".")) {
    const problem = describeDottedQuadProblem(tail);
    if (problem !== undefined) {
      return failure(`${quote(text)} is not an IPv6 address: in its IPv4 part ${quote(tail)}, ${problem}`);
    }
    const [a = 0, b = 0, c = 0, d = 0] = tail.split(".").map(Number);
    hexOnly = `${text.slice(0, lastColon + 1)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  if (!ipaddr.IPv6.isValid(hexOnly)) {
    const problem = describeIpv6Problem(hexOnly);
    return failure(`${quote(text)} is not an IPv6 address${problem === undefined ? "" : `: ${problem}`}`);
  }
  const value = valueOfBytes(ipaddr.IPv6.parse(hexOnly).toByteArray());
  return { ok: true, family: 6, value, canonical: formatAddress(6, value) };
}

/** Why `text` is not a dotted quad of decimal octets, or `undefined` when it is one. */
function describeDottedQuadProblem(text: string): string | undefined {
  const octets = text.split(".");
  if (octets.length !== 4) {
    const parts = octets.length === 1 ? "1 part" : `${octets.length} parts`;
    return `it has ${parts}; write four decimal octets (a.b.c.d)`;
  }
  for (const [index, octet] of octets.entries()) {
    if (octet === "") return `octet ${index + 1} is empty`;
    if (!/^\d+$/u.test(octet)) return `octet ${quote(octet)} is not a decimal number`;
    if (octet.length > 1 && octet.startsWith("0")) {
      return `octet ${quote(octet)} has a leading zero, which some parsers read as octal`;
    }
    if (octet.length > 3 || Number(octet) > 255) return `octet ${excerpt(octet)} is out of range (0–255)`;
  }
  return undefined;
}

/** A reason why hex-only IPv6 text is invalid, when one of the usual mistakes explains it. */
function describeIpv6Problem(text: string): string | undefined {
  const badCharacter = /[^0-9a-f:]/iu.exec(text);
  if (badCharacter !== null) return `${quote(badCharacter[0])} is not a hexadecimal digit`;
  if (text.includes(":::")) return "it has `:::`";
  const halves = text.split("::");
  if (halves.length > 2) return "`::` may appear only once";
  if (/^:[^:]/u.test(text)) return "it starts with a single `:`";
  if (/[^:]:$/u.test(text)) return "it ends with a single `:`";
  const groups = halves.flatMap((half) => (half === "" ? [] : half.split(":")));
  if (groups.some((group) => group === "")) return "it has an empty group";
  const longGroup = groups.find((group) => group.length > 4);
  if (longGroup !== undefined) return `group ${quote(longGroup)} has more than four hex digits`;
  if (halves.length === 2 && groups.length > 7) return `it has ${groups.length} groups besides \`::\` (at most 7)`;
  if (halves.length === 1 && groups.length !== 8) return `it has ${groups.length} groups (8 without \`::\`)`;
  return undefined;
}

/**
 * `192.168.8.2(255.255.255.0)`: the address-and-mask form of other Exchange IP lists (receive
 * connectors, IP allow lists), with the CIDR block to write instead.
 */
function describeParenthesisedMask(entry: string): string | undefined {
  const match = /^([^()]+)\(([^()]+)\)$/u.exec(entry);
  if (!match) return undefined;
  const address = parseStrictAddress(match[1] as string);
  if (!address.ok || address.family !== 4 || !ipaddr.IPv4.isValidFourPartDecimal(match[2] as string)) return undefined;
  let prefixLength: number | null = null;
  try {
    prefixLength = ipaddr.IPv4.parse(match[2] as string).prefixLengthFromSubnetMask();
  } catch {
    prefixLength = null;
  }
  if (prefixLength === null) return undefined;
  return `${quote(entry)} gives a subnet mask in parentheses, a form Microsoft documents for other Exchange IP lists but not for Client Access Rules; write ${address.canonical}/${prefixLength}`;
}

function describeSubnetMask(family: IpFamily, prefixText: string): string | undefined {
  if (family !== 4 || !ipaddr.IPv4.isValidFourPartDecimal(prefixText)) return undefined;
  const prefixLength = ipaddr.IPv4.parse(prefixText).prefixLengthFromSubnetMask();
  if (prefixLength === null) return `${quote(`/${prefixText}`)} is not a prefix length (0–32)`;
  return `${quote(`/${prefixText}`)} is a subnet mask; write the prefix length /${prefixLength}`;
}

function describeInnerWhitespace(entry: string): string {
  const compact = entry.replace(/\s+/gu, "");
  const withoutSpacesAround = (separator: string) =>
    entry.replace(new RegExp(`\\s*${separator}\\s*`, "gu"), separator);
  if (entry.includes("-") && !/\s/u.test(withoutSpacesAround("-"))) {
    return `range ${quote(entry)} has spaces around \`-\`; write ${quote(compact)}`;
  }
  if (entry.includes("/") && !/\s/u.test(withoutSpacesAround("/"))) {
    return `CIDR ${quote(entry)} has spaces around \`/\`; write ${quote(compact)}`;
  }
  return `${quote(entry)} contains whitespace; put each address, range or CIDR in its own list item`;
}

function describeInvisibleCharacter(text: string): string | undefined {
  const match = INVISIBLE_CHARACTER.exec(text);
  if (match === null) return undefined;
  const codePoint = match[0].codePointAt(0) ?? 0;
  const name = `U+${codePoint.toString(16).toUpperCase().padStart(4, "0")}`;
  return `${quote(text)} contains an invisible character (${name}); retype the entry`;
}

/** The prefix length when the range is exactly one CIDR block. */
function exactPrefixLength(range: IpRange): number | undefined {
  const size = range.last - range.first + 1n;
  if (size <= 0n || (size & (size - 1n)) !== 0n || range.first % size !== 0n) return undefined;
  const hostBits = size.toString(2).length - 1;
  return BIT_WIDTH[range.family] - hostBits;
}

function valueOfBytes(bytes: readonly number[]): bigint {
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  return value;
}

function bytesOf(value: bigint, count: number): number[] {
  const bytes: number[] = [];
  for (let index = count - 1; index >= 0; index -= 1) bytes.push(Number((value >> BigInt(index * 8)) & 0xffn));
  return bytes;
}

function countOf(text: string, character: string): number {
  let count = 0;
  for (const each of text) if (each === character) count += 1;
  return count;
}

function quote(text: string): string {
  return `\`${excerpt(text)}\``;
}

function excerpt(text: string): string {
  return text.length > MAX_QUOTED_LENGTH ? `${text.slice(0, MAX_QUOTED_LENGTH - 1)}…` : text;
}

function failure(message: string): IpParseFailure {
  return { ok: false, message };
}
