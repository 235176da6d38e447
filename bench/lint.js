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
function twentyRuleFile(variant = 0) {
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
      ExceptUsernameMatchesAnyOfPatterns: [`contoso.com\\ext-${office}-${variant}*`],
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

/**
 * Median times of the two configs over `runs` lints each, alternating run by run so that both see
 * the same machine load and JIT state; `codeOf(run)` gives the text of each lint.
 */
function timePair(linter, codeOf, baselineConfig, pluginConfig, runs) {
  const lint = (code, config) => linter.verify(code, config, { filename: "rules.car.json" });
  for (let warmup = 0; warmup < 50; warmup++) {
    lint(codeOf(runs + warmup), baselineConfig);
    lint(codeOf(runs + warmup), pluginConfig);
  }
  const baseline = [];
  const withPlugin = [];
  for (let run = 0; run < runs; run++) {
    const code = codeOf(run);
    let start = performance.now();
    lint(code, baselineConfig);
    baseline.push(performance.now() - start);
    start = performance.now();
    lint(code, pluginConfig);
    withPlugin.push(performance.now() - start);
  }
  return [median(baseline), median(withPlugin)];
}

const code = twentyRuleFile();
const linter = new Linter({ configType: "flat" });
const files = ["**/*.car.json"];
const parseOnly = [{ files, languageOptions: { parser: jsoncParser } }];
const allRules = [{ ...plugin.configs.all, files }];

const findings = linter.verify(code, allRules, { filename: "rules.car.json" });
const runs = 400;
// Re-linting one file (an editor on each keystroke) reuses the username automaton of its
// unchanged patterns; a file whose patterns were never seen builds it. Both are reported.
const ruleFiles = Array.from({ length: runs + 50 }, (_, variant) => twentyRuleFile(variant + 1));
const sameFile = () => code;
const newFile = (run) => ruleFiles[run % ruleFiles.length];
const [sameBaseline, samePlugin] = timePair(linter, sameFile, parseOnly, allRules, runs);
const [newBaseline, newPlugin] = timePair(linter, newFile, parseOnly, allRules, runs);
const rows = [
  ["parse only, same file", sameBaseline],
  ["all rules, same file", samePlugin],
  ["parse only, new files", newBaseline],
  ["all rules, new files", newPlugin],
];
console.log("Whole-file lint of a 20-rule file, median of %d runs (ESLint %s Linter, no I/O, %d plugin rules)", runs, Linter.version, Object.keys(plugin.rules).length);
for (const [label, ms] of rows) console.log("  %s %s ms", label.padEnd(24), ms.toFixed(3));
console.log("  ratio, same file          %s× (target < 2×)", (rows[1][1] / rows[0][1]).toFixed(2));
console.log("  ratio, new files          %s× (target < 2×)", (rows[3][1] / rows[2][1]).toFixed(2));
console.log("  findings on the file      %d", findings.length);
