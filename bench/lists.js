// Long lists: one rule whose list holds 100,000 values (addresses, group names, literal
// usernames, username patterns) and one 2 MB username pattern, linted by no-duplicate-values
// alone and by every rule. Target: each 100,000-value list in under 1 s. Uses the Linter (no
// file I/O) and the built plugin; run `npm run build` first. Separate from lint.js on purpose:
// run it alone with `node bench/lists.js`.
import { Linter } from "eslint";
import * as jsoncParser from "jsonc-eslint-parser";
import { performance } from "node:perf_hooks";

const plugin = await import("../dist/lib/index.js").then((module) => module.default).catch(() => {
  console.error("dist/ is missing: run `npm run build` first.");
  process.exit(2);
});

const { findRedundantValues } = await import("../dist/lib/analysis/redundant-values.js");
const { readRuleSet } = await import("../dist/lib/model/index.js");

const COUNT = 100_000;
const address = (n) => `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;

/** Each list repeats its first value at the end, so there is exactly one finding to find. */
const cases = [
  ["addresses", "AnyOfClientIPAddressesOrRanges", Array.from({ length: COUNT }, (_, n) => address(n * 3))],
  ["address ranges", "AnyOfClientIPAddressesOrRanges", Array.from({ length: COUNT }, (_, n) => `${address(n * 3)}-${address(n * 3 + 1)}`)],
  ["group names", "UserIsMemberOf", Array.from({ length: COUNT }, (_, n) => `Group ${n}`)],
  ["literal usernames", "UsernameMatchesAnyOfPatterns", Array.from({ length: COUNT }, (_, n) => `contoso.com\\user${n}`)],
  ["username patterns", "UsernameMatchesAnyOfPatterns", Array.from({ length: COUNT }, (_, n) => `contoso.com\\u${n}-*`)],
  ["one 2 MB pattern", "UsernameMatchesAnyOfPatterns", [`contoso.com\\${"ab*".repeat(700_000)}`]],
].map(([label, parameter, values]) => {
  const list = values.length > 1 ? [...values, values[0]] : values;
  const rule = { Name: "Long list", Action: "DenyAccess", AnyOfProtocols: ["POP3"], [parameter]: list, Priority: 1 };
  return { label, code: `${JSON.stringify([rule], null, 2)}\n`, expected: values.length > 1 ? 1 : 0 };
});

const linter = new Linter({ configType: "flat" });
const files = ["**/*.car.json"];
const configs = {
  "parse only": [{ files, languageOptions: { parser: jsoncParser } }],
  "no-duplicate-values": [
    { files, plugins: { "client-access-rules": plugin }, languageOptions: { parser: jsoncParser }, rules: { "client-access-rules/no-duplicate-values": "warn" } },
  ],
  "all rules": [{ ...plugin.configs.all, files }],
};

console.log("Long lists: %d values per list (one repeat planted), ESLint %s Linter, no I/O", COUNT, Linter.version);
// The list check alone (the values as the model reads them), then whole lints: parse only, the
// rule (its cost is the difference: reading the model and the check), and every rule.
const timed = (run) => {
  const start = performance.now();
  const result = run();
  return [(performance.now() - start) / 1000, result];
};
let slow = 0;
for (const { label, code, expected } of cases) {
  const model = readRuleSet(jsoncParser.parseJSON(code));
  const list = [...model.rules[0].lists.values()].find((candidate) => candidate.parameter.name !== "AnyOfProtocols");
  const [checkSeconds, found] = timed(() =>
    findRedundantValues(list.parameter.kind, list.items.map((item) => item.value)),
  );
  if (checkSeconds >= 1) slow += 1;
  console.log("  %s %s %s s  (%d redundant value(s), expected %d)", label.padEnd(18), "list check alone".padEnd(26), checkSeconds.toFixed(3).padStart(7), found.length, expected);
  for (const [configName, config] of Object.entries(configs)) {
    const [seconds, messages] = timed(() => linter.verify(code, config, { filename: "rules.car.json" }));
    const duplicates = messages.filter((message) => message.ruleId === "client-access-rules/no-duplicate-values").length;
    console.log(
      "  %s %s %s s  (%d KB, %d duplicate finding(s))",
      label.padEnd(18),
      `lint: ${configName}`.padEnd(26),
      seconds.toFixed(3).padStart(7),
      Math.round(code.length / 1024),
      duplicates,
    );
  }
}
console.log("  list checks over the 1 s target: %d", slow);
