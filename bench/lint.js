// Whole-file lint cost: every plugin rule on a realistic 20-rule file, against the same ESLint
// run with the parser and no rules (parse only). Uses the Linter (no file I/O) and the built
// plugin; run `npm run build` first.
import { Linter } from "eslint";
import * as jsoncParser from "jsonc-eslint-parser";
import { performance } from "node:perf_hooks";

const plugin = await import("../dist/lib/index.js").then((module) => module.default).catch(() => {
  console.error("dist/ is missing: run `npm run build` first.");
  process.exit(2);
});

/** A 20-rule set like the examples: safety rule, allow lists, protocol blocks, a catch-all. */
function twentyRuleFile() {
  const rules = [
    { Name: "Always Allow Remote PowerShell", Action: "AllowAccess", AnyOfProtocols: ["RemotePowerShell"] },
    { Name: "AllowREST", Action: "AllowAccess", AnyOfProtocols: ["REST"] },
  ];
  for (let office = 0; office < 8; office++) {
    rules.push({
      Name: `Allow office ${office + 1}`,
      Action: "AllowAccess",
      AnyOfProtocols: ["OutlookWebApp", "ExchangeActiveSync", "OutlookAnywhere"],
      AnyOfClientIPAddressesOrRanges: [`10.${office}.0.0/16`, `2001:db8:${office}::/48`],
      ExceptUsernameMatchesAnyOfPatterns: [`contoso.com\\ext-${office}*`],
    });
  }
  for (const protocol of ["POP3", "IMAP4", "OfflineAddressBook", "PowerShellWebServices"]) {
    rules.push({ Name: `Block ${protocol}`, Action: "DenyAccess", AnyOfProtocols: [protocol], ExceptAnyOfClientIPAddressesOrRanges: ["203.0.113.0/24"] });
  }
  rules.push(
    { Name: "Block basic ActiveSync", Action: "DenyAccess", AnyOfProtocols: ["ExchangeActiveSync"], AnyOfAuthenticationTypes: ["BasicAuthentication"] },
    { Name: "Block contractors", Action: "DenyAccess", UsernameMatchesAnyOfPatterns: ["contoso.com\\ext-*", "fabrikam.com\\*"], ExceptAnyOfProtocols: ["RemotePowerShell", "REST"] },
    { Name: "Block Redmond OWA", Action: "DenyAccess", AnyOfProtocols: ["OutlookWebApp"], UserRecipientFilter: "City -eq 'Redmond'" },
    { Name: "Block EWS", Action: "DenyAccess", AnyOfProtocols: ["ExchangeWebServices"], ExceptAnyOfProtocols: ["REST"] },
    { Name: "Users only", Action: "DenyAccess", Scope: "Users", AnyOfProtocols: ["ExchangeAdminCenter"], ExceptAnyOfClientIPAddressesOrRanges: ["10.0.0.0/8"] },
    { Name: "Block everything else", Action: "DenyAccess", ExceptAnyOfProtocols: ["RemotePowerShell", "REST"] },
  );
  return `${JSON.stringify(rules.slice(0, 20).map((rule, index) => ({ ...rule, Priority: index + 1, Enabled: true })), null, 2)}\n`;
}

function median(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function time(linter, code, config, runs) {
  for (let warmup = 0; warmup < 20; warmup++) linter.verify(code, config, { filename: "rules.car.json" });
  const samples = [];
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    linter.verify(code, config, { filename: "rules.car.json" });
    samples.push(performance.now() - start);
  }
  return median(samples);
}

const code = twentyRuleFile();
const linter = new Linter({ configType: "flat" });
const files = ["**/*.car.json"];
const parseOnly = [{ files, languageOptions: { parser: jsoncParser } }];
const allRules = [{ ...plugin.configs.all, files }];

const findings = linter.verify(code, allRules, { filename: "rules.car.json" });
const runs = 300;
const baseline = time(linter, code, parseOnly, runs);
const withPlugin = time(linter, code, allRules, runs);
console.log("Whole-file lint, 20-rule file, median of %d runs (ESLint %s Linter, no I/O)", runs, Linter.version);
console.log("  parse only (no rules)     %s ms", baseline.toFixed(3));
console.log("  all %d plugin rules       %s ms", Object.keys(plugin.rules).length, withPlugin.toFixed(3));
console.log("  ratio                     %s× (target < 2×)", (withPlugin / baseline).toFixed(2));
console.log("  findings on the file      %d", findings.length);
