// Writes the generator's rule sets (bench/generate.js) as Client Access Rule files, the JSON
// that users lint: one object per rule with the cmdlet's parameter names.
import { generateRuleSet } from "./generate.js";

function ipText(family, value) {
  if (family === 4) return [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 255n)).join(".");
  const groups = [];
  for (let shift = 112n; shift >= 0n; shift -= 16n) groups.push(((value >> shift) & 0xffffn).toString(16));
  return groups.join(":").replace(/(^|:)0(:0)+(:|$)/, "::");
}

function rangeText({ family, first, last }) {
  const bits = family === 4 ? 32 : 128;
  const size = last - first + 1n;
  const hostBits = size.toString(2).length - 1;
  return first === last ? ipText(family, first) : `${ipText(family, first)}/${bits - hostBits}`;
}

const PARAMETERS = [
  ["protocols", "AnyOfProtocols"],
  ["exceptProtocols", "ExceptAnyOfProtocols"],
  ["authenticationTypes", "AnyOfAuthenticationTypes"],
  ["clientIps", "AnyOfClientIPAddressesOrRanges", rangeText],
  ["exceptClientIps", "ExceptAnyOfClientIPAddressesOrRanges", rangeText],
  ["usernamePatterns", "UsernameMatchesAnyOfPatterns"],
  ["exceptUsernamePatterns", "ExceptUsernameMatchesAnyOfPatterns"],
];

/** One rule object as an export of Get-ClientAccessRule would write it. */
export function ruleObject(spec) {
  const object = { Name: spec.name, Priority: spec.priority + 1, Enabled: spec.enabled, Action: spec.action };
  if (spec.scope && spec.scope !== "All") object.Scope = spec.scope;
  for (const [field, parameter, format] of PARAMETERS) {
    if (spec[field]?.length) object[parameter] = format ? spec[field].map(format) : [...spec[field]];
  }
  if (spec.recipientFilter) object.UserRecipientFilter = spec.recipientFilter;
  return object;
}

/** The text of a generated `count`-rule file (deterministic for a given seed). */
export function generatedCarFile(count, seed = count) {
  return `${JSON.stringify(generateRuleSet(count, seed).map(ruleObject), null, 2)}\n`;
}

/**
 * A generated `count`-rule file whose priorities come in tied pairs (1, 1, 2, 2, …): every second
 * rule is a no-duplicate-priority finding, whose suggestion must not grow with the file.
 */
export function tiedPriorityFile(count, seed = count) {
  const rules = generateRuleSet(count, seed).map(ruleObject);
  return `${JSON.stringify(rules.map((rule) => ({ ...rule, Priority: 1 + Math.floor((rule.Priority - 1) / 2) })), null, 2)}\n`;
}

const SERVICE_APPS = ["sql", "web", "app", "api", "sync", "mail", "backup", "print", "scan", "crm", "erp", "hr"];

/**
 * The 14-rule file of issue 10 and 12: one AllowAccess rule with twelve service-account patterns
 * (`*\svc-*sql*`, `*\svc-*web*`, …), around it a tenant's usual rules. `variant` changes one
 * pattern, so that every variant is a pattern set the plugin has not seen.
 */
export function servicePatternFile(variant = 0) {
  const patterns = SERVICE_APPS.map((app, index) => `*\\svc-*${app}${index === 0 && variant ? variant : ""}*`);
  const rules = [
    { Name: "Always Allow Remote PowerShell", Action: "AllowAccess", AnyOfProtocols: ["RemotePowerShell"] },
    { Name: "Allow service accounts", Action: "AllowAccess", UsernameMatchesAnyOfPatterns: patterns, AnyOfProtocols: ["ExchangeWebServices", "REST", "OutlookAnywhere"] },
    { Name: "Block legacy protocols", Action: "DenyAccess", AnyOfProtocols: ["POP3", "IMAP4"], ExceptAnyOfClientIPAddressesOrRanges: ["203.0.113.0/24"] },
    { Name: "Block basic ActiveSync", Action: "DenyAccess", AnyOfProtocols: ["ExchangeActiveSync"], AnyOfAuthenticationTypes: ["BasicAuthentication"] },
  ];
  for (let office = 0; office < 8; office++) {
    rules.push({ Name: `Allow office ${office + 1}`, Action: "AllowAccess", AnyOfClientIPAddressesOrRanges: [`10.${office}.0.0/16`], ExceptUsernameMatchesAnyOfPatterns: [`contoso.com\\ext-${office}*`] });
  }
  rules.push(
    { Name: "Block contractors", Action: "DenyAccess", UsernameMatchesAnyOfPatterns: ["contoso.com\\ext-*"], ExceptAnyOfProtocols: ["RemotePowerShell", "REST"] },
    { Name: "Block everything else", Action: "DenyAccess", ExceptAnyOfProtocols: ["RemotePowerShell", "REST"] },
  );
  return `${JSON.stringify(rules.map((rule, index) => ({ ...rule, Priority: index + 1, Enabled: true })), null, 2)}\n`;
}

/** `codeOf(run)`: a generated `count`-rule file of its own for every run, made once. */
export function generatedFilesByRun(count) {
  const files = new Map();
  return (run) => {
    if (!files.has(run)) files.set(run, generatedCarFile(count, count + run));
    return files.get(run);
  };
}
