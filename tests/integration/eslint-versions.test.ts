/**
 * The shipped configs on every supported ESLint major — 8.57 (eslintrc and flat), 9.x (flat) and
 * 10.x — give the same findings on a bad rule file and none on a clean one; and ESLint 10's
 * multithreaded, cached CLI run on examples/ finds what a single-threaded run finds.
 * (configs.test.ts covers ESLint 10 flat and ESLint 9 eslintrc in depth.)
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ESLint as ESLint10 } from "eslint";
import { ESLint as ESLint9 } from "eslint-v9";
import { afterAll, describe, expect, it } from "vitest";
import plugin from "../../lib/index.ts";

const root = fileURLToPath(new URL("../../", import.meta.url));
const require = createRequire(import.meta.url);

/** What the tests need of an ESLint class instance, on any major (eslint-v8 ships no types). */
interface Engine {
  lintText(text: string, options: { filePath: string }): Promise<Array<{ messages: Array<{ line: number; column: number; ruleId: string | null; severity: number }> }>>;
}
type EngineClass = new (options: Record<string, unknown>) => Engine;

const eslint8 = require("eslint-v8") as { ESLint: EngineClass };
const eslint8Risky = require("eslint-v8/use-at-your-own-risk") as { FlatESLint: EngineClass };

// An EWS block without a REST exception (error), the undocumented "Deny" alias (error) and a
// repeated protocol (warning): one finding each from three rules.
const badRuleFile = `[
  { "Name": "Block EWS", "Action": "Deny", "AnyOfProtocols": ["ExchangeWebServices", "ExchangeWebServices"], "Priority": 1 }
]
`;
const cleanRuleFile = `[
  { "Name": "Block legacy", "Action": "DenyAccess", "AnyOfProtocols": ["POP3", "IMAP4"], "Priority": 1 }
]
`;
const expectedFindings = [
  "2:36 error client-access-rules/valid-schema",
  "2:63 error client-access-rules/no-ews-block-without-rest-exception",
  "2:86 warning client-access-rules/no-duplicate-values",
];

const flatOptions = { cwd: root, overrideConfigFile: true, overrideConfig: [plugin.configs.recommended] };
const legacyOptions = {
  cwd: root,
  useEslintrc: false,
  plugins: { "client-access-rules": plugin },
  overrideConfig: { extends: ["plugin:client-access-rules/legacy-recommended"] },
};

const engines: Array<[string, () => Engine]> = [
  ["ESLint 8.57, eslintrc", () => new eslint8.ESLint(legacyOptions)],
  ["ESLint 8.57, flat config (FlatESLint)", () => new eslint8Risky.FlatESLint(flatOptions)],
  ["ESLint 9, flat config", () => new (ESLint9 as unknown as EngineClass)(flatOptions)],
  ["ESLint 10, flat config", () => new (ESLint10 as unknown as EngineClass)(flatOptions)],
];

async function findings(engine: Engine, text: string): Promise<string[]> {
  // eslintrc matches `overrides` globs against paths under cwd, so the path is absolute.
  const results = await engine.lintText(text, { filePath: path.join(root, "tenant/rules.car.json") });
  return results.flatMap((result) =>
    result.messages.map((message) => `${message.line}:${message.column} ${message.severity === 2 ? "error" : "warning"} ${message.ruleId}`),
  );
}

describe("the same findings on every supported ESLint major", () => {
  it("checks the versions it claims to", () => {
    expect(require("eslint-v8/package.json").version).toMatch(/^8\.57\./u);
    expect(ESLint9.version).toMatch(/^9\./u);
    expect(ESLint10.version).toMatch(/^10\./u);
  });

  it.each(engines)("%s", async (_label, create) => {
    const engine = create();
    expect(await findings(engine, badRuleFile)).toEqual(expectedFindings);
    expect(await findings(engine, cleanRuleFile)).toEqual([]);
  });
});

interface JsonResult {
  filePath: string;
  messages: Array<{ line: number; column: number; ruleId: string | null }>;
}

/** The ESLint 10 CLI on examples/ with the repository's eslint.config.js, as JSON. */
function eslintCli(...args: string[]) {
  const result = spawnSync(process.execPath, ["node_modules/eslint/bin/eslint.js", "--format", "json", ...args, "examples/"], {
    cwd: root,
    encoding: "utf8",
    timeout: 60_000,
  });
  const findings = (JSON.parse(result.stdout) as JsonResult[])
    .flatMap((file) => file.messages.map((message) => `${path.relative(root, file.filePath)}:${message.line}:${message.column} ${message.ruleId}`))
    .sort();
  return { exitCode: result.status, stderr: result.stderr, findings };
}

function withoutConcurrencyAdvice(stderr: string): string {
  return stderr
    .split("\n")
    .filter((line) => !/ESLintPoorConcurrencyWarning|^\(Use `node --trace-warnings/u.test(line))
    .join("\n")
    .trim();
}

describe("eslint --concurrency 2 --cache on examples/ (ESLint 10)", () => {
  const cacheDirectory = mkdtempSync(path.join(tmpdir(), "car-eslint-cache-"));
  afterAll(() => rmSync(cacheDirectory, { recursive: true, force: true }));
  const cacheLocation = path.join(cacheDirectory, ".eslintcache");

  it("finds exactly what a single-threaded run finds, from a cold and a warm cache", () => {
    const single = eslintCli("--concurrency", "off");
    expect(single.exitCode).toBe(1); // the examples plant mistakes on purpose
    expect(single.findings.length).toBeGreaterThan(10);
    expect(single.findings.every((finding) => finding.includes(" client-access-rules/"))).toBe(true);

    const cold = eslintCli("--concurrency", "2", "--cache", "--cache-location", cacheLocation);
    // With a dozen files ESLint says threads do not pay off; anything else on stderr is a failure.
    expect(withoutConcurrencyAdvice(cold.stderr)).toBe("");
    expect(cold.exitCode).toBe(1);
    expect(cold.findings).toEqual(single.findings);
    expect(existsSync(cacheLocation)).toBe(true);

    const warm = eslintCli("--concurrency", "2", "--cache", "--cache-location", cacheLocation);
    expect(withoutConcurrencyAdvice(warm.stderr)).toBe("");
    expect(warm.exitCode).toBe(1);
    expect(warm.findings).toEqual(single.findings);
  });
});
