// PowerShell benchmark (issue 8): a ~200-line deployment script against the equivalent JSON file,
// both through ESLint's Linter with the plugin's recommended configs, alternated in one process.
//   npm run build && node bench/powershell.js
// Also the reader alone on a 1 MB script (filler around a few rules).
import { Linter } from "eslint";
import plugin from "eslint-plugin-client-access-rules";
import { readPowerShellRuleSet } from "../dist/lib/model/index.js";

const PROTOCOLS = ["POP3", "IMAP4", "OutlookWebApp", "ExchangeActiveSync", "ExchangeWebServices", "REST", "RemotePowerShell"];

/** Twenty rules as a deployment script (continued lines, comments, Set- lines) and as JSON. */
export function deploymentScriptAndJson(count = 20) {
  const lines = ["# Contoso Client Access Rules", "$ErrorActionPreference = 'Stop'", ""];
  const rules = [];
  for (let index = 0; index < count; index++) {
    const protocols = [PROTOCOLS[index % 7], PROTOCOLS[(index + 2) % 7]];
    const addresses = [`192.0.2.${index * 8}/29`, `198.51.100.${index}`];
    const pattern = `contoso.com\\user${index}*`;
    const action = index % 3 === 0 ? "AllowAccess" : "DenyAccess";
    rules.push({
      Name: `Rule ${index}`,
      Action: action,
      Priority: index + 1,
      AnyOfProtocols: protocols,
      ExceptAnyOfClientIPAddressesOrRanges: addresses,
      UsernameMatchesAnyOfPatterns: [pattern],
      Enabled: true,
      Scope: "All",
    });
    lines.push(
      `# Rule ${index}: ${action} for ${protocols.join(" and ")}`,
      `New-ClientAccessRule -Name 'Rule ${index}' -Action ${action} \``,
      `    -AnyOfProtocols ${protocols.join(",")} \``,
      `    -ExceptAnyOfClientIPAddressesOrRanges ${addresses.join(", ")} \``,
      `    -UsernameMatchesAnyOfPatterns '${pattern}' \``,
      "    -Scope All `",
      `    -Priority ${index + 1} -Confirm:$false`,
      `Set-ClientAccessRule -Identity 'Rule ${index}' -Enabled $true`,
      `Write-Host "Created Rule ${index}"`,
      "",
    );
  }
  lines.push("Get-ClientAccessRule | Format-Table Name, Priority, Enabled");
  return { script: `${lines.join("\n")}\n`, json: `${JSON.stringify(rules, null, 2)}\n` };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

if (import.meta.url === `file://${process.argv[1]}`) {
  const linter = new Linter({ configType: "flat" });
  const { script, json } = deploymentScriptAndJson();
  const runs = { ps: [], json: [] };
  const lint = (kind, index) => {
    const start = performance.now();
    if (kind === "ps") linter.verify(`${script}# run ${index}\n`, [plugin.configs["recommended-powershell"]], { filename: "deploy.ps1" });
    else linter.verify(json.replace("Rule 0", `Rule 0 ${index}`), [plugin.configs.recommended], { filename: "rules.car.json" });
    return performance.now() - start;
  };
  for (let index = 0; index < 50; index++) (lint("ps", index), lint("json", index));
  for (let index = 0; index < 200; index++) {
    runs.ps.push(lint("ps", index));
    runs.json.push(lint("json", index));
  }
  const ps = median(runs.ps);
  const js = median(runs.json);
  console.log(`deployment script: ${script.split("\n").length} lines, ${script.length} bytes; JSON: ${json.split("\n").length} lines`);
  console.log(`whole lint, median of 200: script ${ps.toFixed(2)} ms, JSON ${js.toFixed(2)} ms, ratio ${(ps / js).toFixed(2)}`);
  const filler = `Write-Verbose "step: $(Get-Date)" # ${"x".repeat(50)}\n`.repeat(12000);
  const megabyte = `${filler}New-ClientAccessRule -Name 'Block POP3' -Action DenyAccess -AnyOfProtocols POP3\n`;
  const start = performance.now();
  readPowerShellRuleSet(megabyte);
  console.log(`reader on a ${(megabyte.length / 1024 / 1024).toFixed(2)} MB script: ${(performance.now() - start).toFixed(1)} ms`);
}
