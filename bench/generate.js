// A deterministic generator of realistic Client Access Rule sets for the benchmark (plain
// RuleSpec objects, as lib/model produces them).

function prng(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const v4 = (a, b, c, d) => (BigInt(a) << 24n) | (BigInt(b) << 16n) | (BigInt(c) << 8n) | BigInt(d);
const cidr4 = (base, bits) => {
  const size = 1n << BigInt(32 - bits);
  const first = (base / size) * size;
  return { family: 4, first, last: first + size - 1n };
};
const cidr6 = (base, bits) => {
  const size = 1n << BigInt(128 - bits);
  const first = (base / size) * size;
  return { family: 6, first, last: first + size - 1n };
};

const PROTOCOL_GROUPS = [
  ["POP3", "IMAP4"],
  ["ExchangeActiveSync"],
  ["OutlookWebApp", "ExchangeAdminCenter"],
  ["ExchangeWebServices"],
  ["ExchangeWebServices", "REST"],
  ["OutlookAnywhere", "OfflineAddressBook"],
  ["RemotePowerShell"],
  ["PowerShellWebServices"],
];
const FILTERS = ["Department -eq 'Sales'", "CountryOrRegion -eq 'US'", "City -eq 'Redmond'", "Company -eq 'Contoso'"];

/**
 * A tenant's rules: a RemotePowerShell safety rule first, then per-office allows, per-user
 * exceptions, blocked address ranges, legacy-protocol and authentication blocks, and a final
 * catch-all deny with exceptions, in the proportions seen in published examples.
 */
export function generateRuleSet(count, seed = 1) {
  const random = prng(seed);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const int = (max) => Math.floor(random() * max);
  const office = () => cidr4(v4(198, 18 + int(2), int(256), 0), pick([24, 24, 23, 22, 28]));
  const badRange = () =>
    random() < 0.8 ? cidr4(v4(1 + int(222), int(256), int(256), int(256)), pick([32, 32, 24, 16, 20])) : cidr6((0x2001n << 112n) | (BigInt(int(65536)) << 96n), pick([48, 64, 32]));
  const user = () => `contoso.com\\user${int(Math.max(50, count * 2))}`;
  const rules = [];
  const push = (fields) => rules.push({ index: rules.length, name: `rule ${rules.length}`, priority: rules.length, enabled: true, scope: "All", ...fields });

  push({ action: "AllowAccess", protocols: ["RemotePowerShell"], clientIps: [office()] });
  while (rules.length < count - 1) {
    const kind = random();
    if (kind < 0.25) {
      push({ action: "DenyAccess", clientIps: Array.from({ length: 1 + int(3) }, badRange) });
    } else if (kind < 0.45) {
      push({ action: "AllowAccess", usernamePatterns: Array.from({ length: 1 + int(3) }, user), protocols: random() < 0.5 ? pick(PROTOCOL_GROUPS) : undefined });
    } else if (kind < 0.6) {
      push({ action: "AllowAccess", protocols: pick(PROTOCOL_GROUPS), clientIps: [office(), office()] });
    } else if (kind < 0.7) {
      push({ action: "DenyAccess", protocols: ["POP3", "IMAP4"], exceptClientIps: [office()], scope: random() < 0.3 ? "Users" : "All" });
    } else if (kind < 0.78) {
      push({ action: "DenyAccess", protocols: ["ExchangeActiveSync"], authenticationTypes: ["BasicAuthentication"], exceptUsernamePatterns: random() < 0.5 ? [user()] : undefined });
    } else if (kind < 0.85) {
      push({ action: pick(["AllowAccess", "DenyAccess"]), usernamePatterns: [pick(["*\\svc-*", "*\\admin*", "contoso.com\\ext-*", `*\\${user().split("\\")[1]}`])], protocols: pick(PROTOCOL_GROUPS) });
    } else if (kind < 0.9) {
      push({ action: "DenyAccess", recipientFilter: pick(FILTERS), protocols: pick(PROTOCOL_GROUPS), exceptClientIps: [office()] });
    } else if (kind < 0.95) {
      push({ action: "DenyAccess", protocols: pick(PROTOCOL_GROUPS), clientIps: [cidr6(0x20010db8n << 96n, 32)], enabled: random() < 0.8 });
    } else {
      // A rule someone forgot to remove: often redundant or shadowed.
      push({ action: pick(["AllowAccess", "DenyAccess"]), protocols: pick(PROTOCOL_GROUPS), clientIps: [office()] });
    }
  }
  push({ action: "DenyAccess", exceptProtocols: ["RemotePowerShell", "REST"], exceptClientIps: [office(), office()] });
  return rules;
}

