/**
 * The fuzz harness: random Client Access Rules files with planted fixable mistakes in random
 * layouts, and an evaluator that reads them independently of lib/ (its own reader, a hand-made
 * table of which addresses each IP entry holds, RegExp username matching) to check what a fix or
 * a suggestion did to who can connect.
 */
import fc from "fast-check";
import { parseJSON, getStaticJSONValue } from "jsonc-eslint-parser";
import { globToRegExp } from "../analysis/helpers.ts";

// ---------------------------------------------------------------------------------------------
// The universe: small pools of values, and the connections the evaluator tries.

const PROTOCOLS = ["ExchangeWebServices", "REST", "RemotePowerShell", "POP3", "IMAP4", "OutlookWebApp", "ExchangeActiveSync"];
const AUTH_TYPES = ["BasicAuthentication", "OAuthAuthentication"];
const SAMPLE_ADDRESSES = ["10.1.2.3", "10.200.0.1", "192.0.2.5", "203.0.113.5", "2001:db8::1"];
/** Which sample addresses each IP entry holds, worked out by hand (independent of lib/model). */
const ADDRESSES_IN: Readonly<Record<string, readonly string[]>> = {
  "10.0.0.0/8": ["10.1.2.3", "10.200.0.1"],
  "10.1.2.3": ["10.1.2.3"],
  "10.1.0.0-10.1.255.255": ["10.1.2.3"],
  "192.0.2.0/24": ["192.0.2.5"],
  "192.0.2.5": ["192.0.2.5"],
  "203.0.113.5": ["203.0.113.5"],
  "2001:db8::/32": ["2001:db8::1"],
};
const IP_ENTRIES = Object.keys(ADDRESSES_IN);
/** Narrower entry → a broader one in the pool (planted `no-duplicate-values` containment). */
const CONTAINED_IN: Readonly<Record<string, string>> = {
  "10.1.2.3": "10.0.0.0/8",
  "10.1.0.0-10.1.255.255": "10.0.0.0/8",
  "192.0.2.5": "192.0.2.0/24",
};
const USERS = ["contoso.com\\alice", "contoso.com\\admin1", "fabrikam.com\\bob"];
const PATTERNS = ["contoso.com\\*", "contoso.com\\admin*", "*\\bob", "contoso.com\\alice", "*admin*"];
const PATTERN_CONTAINED_IN: Readonly<Record<string, string>> = {
  "contoso.com\\admin*": "contoso.com\\*",
  "contoso.com\\alice": "contoso.com\\*",
};
const GROUPS = ["Sales", "Support"];
const GROUP_SETS: readonly (readonly string[])[] = [[], ["sales"], ["support"], ["sales", "support"]];

export interface Connection {
  readonly protocol: string;
  readonly auth: string;
  readonly address: string;
  readonly user: string;
  readonly groups: readonly string[];
  readonly middleTier: boolean;
}

export const CONNECTIONS: readonly Connection[] = PROTOCOLS.flatMap((protocol) =>
  AUTH_TYPES.flatMap((auth) =>
    SAMPLE_ADDRESSES.flatMap((address) =>
      USERS.flatMap((user) =>
        GROUP_SETS.flatMap((groups) => [false, true].map((middleTier) => ({ protocol, auth, address, user, groups, middleTier }))),
      ),
    ),
  ),
);

// ---------------------------------------------------------------------------------------------
// Generated files.

/** A list value as written: the values, and how the file spells them. */
type Written = string | number | boolean | null | Written[];

export interface GeneratedRule {
  /** Properties in file order: key as written, value as written. */
  readonly properties: ReadonlyArray<readonly [string, Written]>;
}

export interface Layout {
  readonly indent: string;
  readonly eol: "\n" | "\r\n" | "\r";
  readonly bom: boolean;
  /** JSONC only: comments and trailing commas. */
  readonly comments: boolean;
  readonly trailingCommas: boolean;
  readonly wrapper: "array" | "rules-object";
  /** Arrays of values on one line (`["a", "b"]`) or one value per line. */
  readonly inlineLists: boolean;
  /** A random source for comment placement, so one seed gives one file. */
  readonly commentSeed: number;
}

/** Spellings of a canonical enum value that valid-schema autofixes. */
const misspell = (value: string, how: number): string =>
  how === 0 ? value.toLowerCase() : how === 1 ? value.toUpperCase() : how === 2 ? ` ${value} ` : value;

const pick = <T>(values: readonly T[]) => fc.constantFrom(...values);

const mistakes = fc.record({
  enumCase: fc.integer({ min: 0, max: 5 }),
  alias: fc.boolean(),
  commaList: fc.boolean(),
  repeat: fc.boolean(),
  contained: fc.boolean(),
  padded: fc.boolean(),
  keyCase: fc.boolean(),
});

const ruleArbitrary = fc.record(
  {
    action: pick(["AllowAccess", "DenyAccess"]),
    priority: fc.option(fc.integer({ min: 0, max: 6 }), { freq: 5 }),
    enabled: fc.option(fc.boolean(), { freq: 3 }),
    scope: fc.option(pick(["All", "Users"]), { freq: 3 }),
    protocols: fc.option(fc.subarray(PROTOCOLS, { minLength: 1, maxLength: 3 }), { freq: 4 }),
    exceptProtocols: fc.option(fc.subarray(PROTOCOLS, { minLength: 1, maxLength: 2 }), { freq: 2 }),
    auth: fc.option(fc.subarray(AUTH_TYPES, { minLength: 1 }), { freq: 2 }),
    clientIps: fc.option(fc.subarray(IP_ENTRIES, { minLength: 1, maxLength: 3 }), { freq: 2 }),
    exceptClientIps: fc.option(fc.subarray(IP_ENTRIES, { minLength: 1, maxLength: 2 }), { freq: 2 }),
    patterns: fc.option(fc.subarray(PATTERNS, { minLength: 1, maxLength: 3 }), { freq: 2 }),
    exceptPatterns: fc.option(fc.subarray(PATTERNS, { minLength: 1, maxLength: 2 }), { freq: 2 }),
    groups: fc.option(fc.subarray(GROUPS, { minLength: 1 }), { freq: 2 }),
    mistakes,
  },
  { requiredKeys: ["action", "priority", "enabled", "scope", "protocols", "exceptProtocols", "auth", "clientIps", "exceptClientIps", "patterns", "exceptPatterns", "groups", "mistakes"] },
);

type RuleDraft = typeof ruleArbitrary extends fc.Arbitrary<infer T> ? T : never;

function writeEnumList(values: readonly string[], draft: RuleDraft): Written {
  const spelled = values.map((value, position) => (position === 0 ? misspell(value, draft.mistakes.enumCase) : value));
  if (draft.mistakes.commaList && spelled.length > 1) return spelled.join(draft.mistakes.padded ? ", " : ",");
  if (draft.mistakes.repeat) spelled.push(values[0]!.toLowerCase());
  return spelled;
}

function writeIpList(values: readonly string[], draft: RuleDraft): Written {
  const written: string[] = [...values];
  if (draft.mistakes.contained) {
    const narrower = Object.keys(CONTAINED_IN).find((entry) => values.includes(CONTAINED_IN[entry]!) && !values.includes(entry));
    if (narrower) written.push(narrower);
  }
  if (draft.mistakes.repeat) written.push(values[values.length - 1]!);
  return written;
}

function writePatternList(values: readonly string[], draft: RuleDraft): Written {
  const written = values.map((value, position) => (draft.mistakes.padded && position === 0 ? ` ${value} ` : value));
  if (draft.mistakes.contained) {
    const narrower = Object.keys(PATTERN_CONTAINED_IN).find((entry) => values.includes(PATTERN_CONTAINED_IN[entry]!) && !values.includes(entry));
    if (narrower) written.push(narrower);
  }
  if (draft.mistakes.repeat) written.push(values[0]!.toUpperCase());
  return written;
}

function toGeneratedRule(draft: RuleDraft, index: number): GeneratedRule {
  const key = (name: string) => (draft.mistakes.keyCase ? name.toLowerCase() : name);
  const properties: Array<readonly [string, Written]> = [["Name", `Rule ${index + 1}`]];
  const action = draft.mistakes.alias ? (draft.action === "AllowAccess" ? "Allow" : "Deny") : misspell(draft.action, draft.mistakes.enumCase);
  properties.push(["Action", action]);
  if (draft.priority !== null) properties.push(["Priority", draft.priority]);
  if (draft.enabled !== null) properties.push(["Enabled", draft.enabled]);
  if (draft.scope !== null) properties.push([key("Scope"), draft.scope]);
  if (draft.protocols) properties.push([key("AnyOfProtocols"), writeEnumList(draft.protocols, draft)]);
  if (draft.exceptProtocols) properties.push(["ExceptAnyOfProtocols", writeEnumList(draft.exceptProtocols, draft)]);
  if (draft.auth) properties.push(["AnyOfAuthenticationTypes", writeEnumList(draft.auth, draft)]);
  if (draft.clientIps) properties.push([key("AnyOfClientIPAddressesOrRanges"), writeIpList(draft.clientIps, draft)]);
  if (draft.exceptClientIps) properties.push(["ExceptAnyOfClientIPAddressesOrRanges", writeIpList(draft.exceptClientIps, draft)]);
  if (draft.patterns) properties.push(["UsernameMatchesAnyOfPatterns", writePatternList(draft.patterns, draft)]);
  if (draft.exceptPatterns) properties.push(["ExceptUsernameMatchesAnyOfPatterns", writePatternList(draft.exceptPatterns, draft)]);
  if (draft.groups) properties.push(["ExceptUserIsMemberOf", draft.mistakes.padded ? draft.groups.map((group) => ` ${group} `) : draft.groups]);
  return { properties };
}

const layoutArbitrary: fc.Arbitrary<Layout> = fc
  .record({
    indent: pick(["  ", "    ", "\t"]),
    eol: pick(["\n", "\r\n", "\r"] as const),
    bom: fc.boolean(),
    comments: fc.boolean(),
    trailingCommas: fc.boolean(),
    wrapper: pick(["array", "rules-object"] as const),
    inlineLists: fc.boolean(),
    commentSeed: fc.nat(),
  })
  .map((layout) => ({ ...layout, trailingCommas: layout.comments && layout.trailingCommas }));

export interface GeneratedFile {
  readonly text: string;
  readonly layout: Layout;
  /** The comments written, each unique (`c<number>`). */
  readonly comments: readonly string[];
}

export const fileArbitrary: fc.Arbitrary<GeneratedFile> = fc
  .tuple(fc.array(ruleArbitrary, { minLength: 1, maxLength: 5 }), layoutArbitrary)
  .map(([drafts, layout]) => render(drafts.map(toGeneratedRule), layout));

/** Writes the rules in the layout: comments after values, on lines of their own, and inside lists. */
export function render(rules: readonly GeneratedRule[], layout: Layout): GeneratedFile {
  const { indent, eol } = layout;
  const comments: string[] = [];
  let random = layout.commentSeed;
  const chance = (): boolean => {
    random = (random * 1103515245 + 12345) % 2147483648;
    return random % 4 === 0;
  };
  const comment = (line: boolean): string => {
    const text = line ? `// c${comments.length}` : `/* c${comments.length} */`;
    comments.push(text);
    return text;
  };
  const trailing = layout.trailingCommas ? "," : "";
  const scalar = (value: Written): string => JSON.stringify(value);
  const renderList = (values: Written[], level: number): string => {
    if (values.length === 0) return "[]";
    const items = values.map((value) => (layout.comments && chance() ? `${comment(false)} ${scalar(value)}` : scalar(value)));
    if (layout.inlineLists) return `[${items.join(", ")}${trailing}]`;
    const inner = indent.repeat(level + 1);
    const lines = items.map((item, position) => {
      const comma = position < items.length - 1 ? "," : trailing;
      return `${inner}${item}${comma}${layout.comments && chance() ? ` ${comment(true)}` : ""}`;
    });
    return `[${eol}${lines.join(eol)}${eol}${indent.repeat(level)}]`;
  };
  const base = layout.wrapper === "rules-object" ? 1 : 0;
  const renderRule = (rule: GeneratedRule): string => {
    const level = base + 1;
    const inner = indent.repeat(level + 1);
    const lines = rule.properties.map(([key, value], position) => {
      const text = Array.isArray(value) ? renderList(value, level + 1) : scalar(value);
      const comma = position < rule.properties.length - 1 ? "," : trailing;
      const above = layout.comments && chance() ? `${inner}${comment(false)}${eol}` : "";
      return `${above}${inner}${JSON.stringify(key)}: ${text}${comma}${layout.comments && chance() ? ` ${comment(true)}` : ""}`;
    });
    return `${indent.repeat(level)}{${eol}${lines.join(eol)}${eol}${indent.repeat(level)}}`;
  };
  const array = `[${eol}${rules.map(renderRule).join(`,${eol}`)}${trailing}${eol}${indent.repeat(base)}]`;
  const body =
    layout.wrapper === "rules-object"
      ? `{${eol}${indent}${layout.comments ? `${comment(true)}${eol}${indent}` : ""}"rules": ${array}${trailing}${eol}}`
      : array;
  return { text: `${layout.bom ? "\uFEFF" : ""}${body}${eol}`, layout, comments };
}

// ---------------------------------------------------------------------------------------------
// The independent reader and evaluator.

export interface ReadRule {
  readonly name: string;
  readonly index: number;
  readonly action: "AllowAccess" | "DenyAccess";
  readonly priority: number | undefined;
  readonly enabled: boolean;
  readonly scope: "All" | "Users";
  readonly lists: Readonly<Record<string, readonly string[] | undefined>>;
}

const LIST_KEYS = new Set([
  "anyofprotocols",
  "exceptanyofprotocols",
  "anyofauthenticationtypes",
  "exceptanyofauthenticationtypes",
  "anyofclientipaddressesorranges",
  "exceptanyofclientipaddressesorranges",
  "usernamematchesanyofpatterns",
  "exceptusernamematchesanyofpatterns",
  "userismemberof",
  "exceptuserismemberof",
]);
const ENUM_LISTS = new Set(["anyofprotocols", "exceptanyofprotocols", "anyofauthenticationtypes", "exceptanyofauthenticationtypes"]);
const CANONICAL = new Map([...PROTOCOLS, ...AUTH_TYPES, "AllowAccess", "DenyAccess", "All", "Users"].map((value) => [value.toLowerCase(), value]));
CANONICAL.set("allow", "AllowAccess");
CANONICAL.set("deny", "DenyAccess");

const canonical = (text: string): string => CANONICAL.get(text.trim().toLowerCase()) ?? text.trim();

function readList(key: string, value: unknown): string[] | undefined {
  if (value === null || value === "" || (Array.isArray(value) && value.length === 0) || value === undefined) return undefined;
  const items = Array.isArray(value) ? value.map(String) : [String(value)];
  if (ENUM_LISTS.has(key)) return items.flatMap((item) => item.split(",")).map(canonical);
  return items.map((item) => item.trim());
}

/** Strips a BOM and reads the document as JSONC; throws when it does not parse. */
export function parseDocument(text: string): unknown {
  return getStaticJSONValue(parseJSON(text.startsWith("\uFEFF") ? text.slice(1) : text));
}

/** The rules of a document, read without lib/: keys in any case, the last `rules` key wins. */
export function readRules(text: string): ReadRule[] {
  const document = parseDocument(text) as unknown;
  let list: unknown[];
  if (Array.isArray(document)) list = document;
  else {
    const entries = Object.entries(document as Record<string, unknown>);
    const rules = entries.filter(([key]) => key.toLowerCase() === "rules").pop();
    list = Array.isArray(rules?.[1]) ? rules[1] : [];
  }
  return list.map((object, index) => {
    const properties = new Map(Object.entries(object as Record<string, unknown>).map(([key, value]) => [key.toLowerCase(), value]));
    const lists: Record<string, string[] | undefined> = {};
    for (const [key, value] of properties) if (LIST_KEYS.has(key)) lists[key] = readList(key, value);
    const priority = properties.get("priority");
    return {
      name: String(properties.get("name")),
      index,
      action: canonical(String(properties.get("action"))) as ReadRule["action"],
      priority: typeof priority === "number" ? priority : undefined,
      enabled: properties.get("enabled") !== false,
      scope: canonical(String(properties.get("scope") ?? "All")) === "Users" ? "Users" : "All",
      lists,
    };
  });
}

/** Ascending Priority; of tied rules the later one in the file first; rules without Priority last, in file order. */
export function evaluationOrder(rules: readonly ReadRule[]): ReadRule[] {
  return [...rules].sort((a, b) => {
    const pa = a.priority ?? Number.POSITIVE_INFINITY;
    const pb = b.priority ?? Number.POSITIVE_INFINITY;
    if (pa !== pb) return pa - pb;
    return pa === Number.POSITIVE_INFINITY ? a.index - b.index : b.index - a.index;
  });
}

/** Coupled semantics: a protocol list naming ExchangeWebServices also matches REST. */
function protocolListed(list: readonly string[], protocol: string): boolean {
  return list.includes(protocol) || (protocol === "REST" && list.includes("ExchangeWebServices"));
}

function matches(rule: ReadRule, connection: Connection): boolean {
  const { lists } = rule;
  const any = (key: string, test: (value: string) => boolean): boolean | undefined => {
    const list = lists[key];
    return list === undefined ? undefined : list.some(test);
  };
  if (rule.scope === "Users" && connection.middleTier) return false;
  const protocol = (value: string) => protocolListed([value], connection.protocol);
  const address = (value: string) => (ADDRESSES_IN[value] ?? []).includes(connection.address);
  const user = (value: string) => globToRegExp(value).test(connection.user);
  const group = (value: string) => connection.groups.includes(value.toLowerCase());
  if (any("anyofprotocols", protocol) === false) return false;
  if (any("exceptanyofprotocols", protocol) === true) return false;
  if (any("anyofauthenticationtypes", (value) => value === connection.auth) === false) return false;
  if (any("anyofclientipaddressesorranges", address) === false) return false;
  if (any("exceptanyofclientipaddressesorranges", address) === true) return false;
  if (any("usernamematchesanyofpatterns", user) === false) return false;
  if (any("exceptusernamematchesanyofpatterns", user) === true) return false;
  if (any("userismemberof", group) === false) return false;
  if (any("exceptuserismemberof", group) === true) return false;
  return true;
}

export interface Outcome {
  readonly action: "AllowAccess" | "DenyAccess";
  readonly rule: string | undefined;
}

/** Every connection's decision: the first enabled matching rule's action, AllowAccess by default. */
export function decisions(rules: readonly ReadRule[]): Outcome[] {
  const ordered = evaluationOrder(rules).filter((rule) => rule.enabled);
  return CONNECTIONS.map((connection) => {
    const deciding = ordered.find((rule) => matches(rule, connection));
    return { action: deciding?.action ?? "AllowAccess", rule: deciding?.name };
  });
}
