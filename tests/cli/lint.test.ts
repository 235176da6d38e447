import { readFileSync, symlinkSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";
import { UsageError } from "../../lib/cli/args.ts";
import { exactFilePattern, loadFormatter, parseLintArgs } from "../../lib/cli/lint.ts";
import { run, runWithStdin, temporaryDirectory, writeFiles } from "./cli-harness.ts";
import { BOUND_REACHING_RULE } from "../rule-tester.ts";

// ESLint imports the config file natively (no TypeScript), so it takes the plugin from dist/ (npm run build).
const pluginEntry = pathToFileURL(fileURLToPath(new URL("../../dist/lib/index.js", import.meta.url))).href;
const directory = temporaryDirectory("lint");

const aliasDeny = '[{"Name":"Block POP","Action":"Deny","AnyOfProtocols":["POP3"],"Priority":1}]\n';
const duplicateOnly = '[{"Name":"Block POP","Action":"DenyAccess","AnyOfProtocols":["POP3","POP3"],"Priority":1}]\n';
const clean = '[{"Name":"Block POP","Action":"DenyAccess","AnyOfProtocols":["POP3"],"Priority":1}]\n';
const ewsBlock = '[{"Name":"blockEWS","Action":"DenyAccess","AnyOfProtocols":["ExchangeWebServices"],"Priority":1}]\n';
const owaBlock = '[{"Name":"Block OWA","Action":"DenyAccess","AnyOfProtocols":["OutlookWebApp"],"Priority":1}]\n';

writeFiles(directory, {
  "tree/tenant.car.json": aliasDeny,
  "tree/client-access-rules/org.jsonc": `// org rules\n${duplicateOnly}`,
  "tree/data.json": aliasDeny, // not a rule file by name: a directory walk leaves it alone
  "tenant.json": aliasDeny,
  "duplicates.car.json": duplicateOnly,
  "clean.car.json": clean,
  "ews.car.json": ewsBlock,
  "owa.car.json": owaBlock,
  "own-config/eslint.config.js": `import plugin from ${JSON.stringify(pluginEntry)};
export default [{ files: ["**/*.json"], plugins: { "client-access-rules": plugin }, languageOptions: { parser: plugin.configs.recommended.languageOptions.parser }, rules: { "client-access-rules/no-duplicate-values": "error" } }];
`,
  "own-config/rules.json": aliasDeny.replace('"POP3"]', '"POP3","POP3"]'),
});

/** `line:column ruleId` for each finding in ESLint's JSON format, per file relative to `base`. */
function findings(json: string, base: string): Record<string, string[]> {
  const results = JSON.parse(json) as ESLint.LintResult[];
  return Object.fromEntries(
    results.map((result) => [
      path.relative(base, result.filePath),
      result.messages.map((message) => `${message.line}:${message.column} ${message.ruleId}`),
    ]),
  );
}

describe("lint: which files", () => {
  it("walks a directory for the naming convention only", async () => {
    const result = await run(directory, "lint", "tree", "--format", "json");
    expect(result.exitCode).toBe(1);
    expect(findings(result.stdout, directory)).toEqual({
      "tree/client-access-rules/org.jsonc": ["2:69 client-access-rules/no-duplicate-values"],
      "tree/tenant.car.json": ["1:31 client-access-rules/valid-schema"],
    });
  });

  it("lints a file named on the command line as a rule file, whatever its name", async () => {
    const result = await run(directory, "lint", "tenant.json", "tree/data.json", "clean.car.json", "--format", "json");
    expect(result.exitCode).toBe(1);
    expect(findings(result.stdout, directory)).toEqual({
      "tenant.json": ["1:31 client-access-rules/valid-schema"],
      "tree/data.json": ["1:31 client-access-rules/valid-schema"],
      "clean.car.json": [],
    });
  });

  it("defaults to the current directory", async () => {
    const result = await run(path.join(directory, "tree"), "lint", "--format", "json");
    expect(Object.keys(findings(result.stdout, path.join(directory, "tree"))).sort()).toEqual([
      "client-access-rules/org.jsonc",
      "tenant.car.json",
    ]);
  });

  it("escapes glob characters when it turns a file name into a files pattern", () => {
    expect(exactFilePattern("rules/we[ir]d (1)!.json", "/repo")).toBe("rules/we\\[ir\\]d \\(1\\)\\!.json");
    expect(exactFilePattern("/repo/a/b.json", "/repo")).toBe("a/b.json");
  });
});

describe("lint: exit codes and output", () => {
  it("exits 0 on a clean file and prints nothing with stylish", async () => {
    expect(await run(directory, "lint", "clean.car.json")).toEqual({ exitCode: 0, stdout: "", stderr: "" });
  });

  it("exits 1 on errors and prints ESLint's stylish report", async () => {
    const result = await run(directory, "lint", "tenant.json");
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain(`${path.join(directory, "tenant.json")}\n  1:31  error  "Deny" is not a documented Action value`);
    expect(result.stdout).toContain("client-access-rules/valid-schema");
    expect(result.stdout).toContain("✖ 1 problem (1 error, 0 warnings)");
  });

  it("exits 0 on warnings, and 1 when they exceed --max-warnings", async () => {
    expect((await run(directory, "lint", "duplicates.car.json")).exitCode).toBe(0);
    expect((await run(directory, "lint", "duplicates.car.json", "--max-warnings", "1")).exitCode).toBe(0);
    const strict = await run(directory, "lint", "duplicates.car.json", "--max-warnings", "0");
    expect(strict.exitCode).toBe(1);
    expect(strict.stderr).toBe("client-access-rules found too many warnings (maximum: 0).\n");
  });

  it("writes the report to --output-file, creating its folder", async () => {
    const result = await run(directory, "lint", "tenant.json", "--format", "json", "--output-file", "reports/lint.json");
    expect(result).toEqual({ exitCode: 1, stdout: "", stderr: "" });
    const written = readFileSync(path.join(directory, "reports/lint.json"), "utf8");
    expect(findings(written, directory)).toEqual({ "tenant.json": ["1:31 client-access-rules/valid-schema"] });
  });

  it("--fix rewrites the file and exits 0 once nothing is left", async () => {
    writeFiles(directory, { "fixable.json": aliasDeny });
    const result = await run(directory, "lint", "fixable.json", "--fix");
    expect(result).toEqual({ exitCode: 0, stdout: "", stderr: "" });
    expect(readFileSync(path.join(directory, "fixable.json"), "utf8")).toBe(clean);
  });
});

describe("lint: settings and configs", () => {
  it("--rest-semantics independent turns off the coupled EWS/REST finding", async () => {
    const coupled = await run(directory, "lint", "ews.car.json", "--format", "json");
    expect(findings(coupled.stdout, directory)).toEqual({ "ews.car.json": ["1:61 client-access-rules/no-ews-block-without-rest-exception"] });
    expect(await run(directory, "lint", "ews.car.json", "--rest-semantics", "independent")).toEqual({ exitCode: 0, stdout: "", stderr: "" });
  });

  it("--target exchange-server reports protocols Exchange Server ignores", async () => {
    expect((await run(directory, "lint", "owa.car.json")).exitCode).toBe(0);
    const server = await run(directory, "lint", "owa.car.json", "--target", "exchange-server", "--format", "json");
    expect(server.exitCode).toBe(1);
    expect(findings(server.stdout, directory)).toEqual({ "owa.car.json": ["1:62 client-access-rules/no-unsupported-condition"] });
  });

  it("--config uses the project's own flat config instead of the recommended one", async () => {
    const cwd = path.join(directory, "own-config");
    const result = await run(cwd, "lint", "rules.json", "--config", "eslint.config.js", "--format", "json");
    expect(result.exitCode).toBe(1);
    // Only the rule that config enables, as an error; not the recommended valid-schema error.
    expect(findings(result.stdout, cwd)).toEqual({ "rules.json": ["1:63 client-access-rules/no-duplicate-values"] });
  });
});

describe("lint: formatters", () => {
  it("loads the SARIF formatter on demand", async () => {
    const eslint = new ESLint({ cwd: directory });
    const format = await loadFormatter("sarif", eslint, directory);
    expect(JSON.parse(await format([], {})).version).toBe("2.1.0");
  });

  it("says to install the SARIF formatter when it is missing", async () => {
    const eslint = new ESLint({ cwd: directory });
    const missing = async (specifier: string) => {
      throw Object.assign(new Error(`Cannot find package '${specifier}' imported from /x/lint.js`), { code: "ERR_MODULE_NOT_FOUND" });
    };
    const attempt = loadFormatter("sarif", eslint, directory, missing);
    await expect(attempt).rejects.toThrow(UsageError);
    await expect(attempt).rejects.toThrow(/^install @microsoft\/eslint-formatter-sarif to use --format sarif$/u);
  });

  it("does not hide other failures of the SARIF formatter's import", async () => {
    const eslint = new ESLint({ cwd: directory });
    const broken = async () => {
      throw Object.assign(new Error("Cannot find package 'lodash' imported from sarif.js"), { code: "ERR_MODULE_NOT_FOUND" });
    };
    await expect(loadFormatter("sarif", eslint, directory, broken)).rejects.toThrow(/lodash/u);
  });
});

describe("lint: usage errors get one line on stderr and exit code 2", () => {
  const cases: Array<[string, string[], string]> = [
    ["an unknown option", ["lint", "--quiet"], "Unknown option '--quiet'"],
    ["an unknown format", ["lint", "clean.car.json", "--format", "xml"], 'unknown format "xml": use stylish, json, json-with-metadata, html or sarif, or install eslint-formatter-xml'],
    ["a missing path", ["lint", "nope.car.json"], "cannot read nope.car.json: no such file or directory"],
    ["a missing config", ["lint", "clean.car.json", "--config", "nope.config.js"], "cannot read --config nope.config.js: no such file or directory"],
    ["a misspelt target", ["lint", "--target", "exchange-sever"], 'unknown target "exchange-sever": did you mean exchange-server?'],
    ["bad rest semantics", ["lint", "--rest-semantics", "phase2"], 'unknown rest semantics "phase2": use one of coupled, independent'],
    ["a negative --max-warnings", ["lint", "--max-warnings=-1"], '--max-warnings must be a whole number of at least 0, not "-1"'],
    // Fuzz case: "--max-warnings -1" said only "argument is ambiguous".
    ["a negative --max-warnings as its own argument", ["lint", "--max-warnings", "-1"], '--max-warnings must be a whole number of at least 0, not "-1"'],
    ["an option where a value belongs", ["lint", "--format", "--fix"], "--format needs a value, and the next argument starts with a dash; if that is the value, write --format=<value>"],
    ["--format without a value", ["lint", "--format"], "--format needs a value"],
  ];

  it.each(cases)("%s", async (_label, argv, message) => {
    const result = await run(directory, ...argv);
    expect(result).toEqual({ exitCode: 2, stdout: "", stderr: `client-access-rules lint: ${message}\n` });
  });

  it("a dangling or looping symbolic link is one unreadable path; the rest is linted (fuzz case: the run aborted)", async () => {
    writeFiles(directory, {
      "linked/ok.car.json": '[{ "Name": "Block POP3", "Action": "DenyAccess", "AnyOfProtocols": ["POP3"] }]\n',
    });
    symlinkSync("nowhere.car.json", path.join(directory, "linked/dangling.car.json"));
    symlinkSync("loop-b.car.json", path.join(directory, "linked/loop-a.car.json"));
    symlinkSync("loop-a.car.json", path.join(directory, "linked/loop-b.car.json"));
    const result = await run(directory, "lint", "linked", "--format", "json");
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toBe("");
    const results = JSON.parse(result.stdout) as Array<{ filePath: string; errorCount: number; messages: Array<{ message: string }> }>;
    const summary = Object.fromEntries(results.map((entry) => [path.basename(entry.filePath), entry.messages.map((message) => message.message)]));
    expect(summary).toEqual({
      "ok.car.json": [],
      "dangling.car.json": ["Cannot read this path: it is a symbolic link to nothing (dangling). It was not linted."],
      "loop-a.car.json": ["Cannot read this path: it is a symbolic link that leads back to itself (looping). It was not linted."],
      "loop-b.car.json": ["Cannot read this path: it is a symbolic link that leads back to itself (looping). It was not linted."],
    });
  });

  it("a directory without rule files", async () => {
    writeFiles(directory, { "empty/readme.txt": "nothing here" });
    const result = await run(directory, "lint", "empty");
    expect(result).toEqual({
      exitCode: 2,
      stdout: "",
      stderr:
        "client-access-rules lint: no rule files in empty: directories are searched for *.car.json, *.car.jsonc and client-access-rules/**/*.json(c); name other files explicitly\n",
    });
  });

  it("parses the options it knows", () => {
    expect(parseLintArgs(["a.json", "b", "--fix", "--format", "json", "--target", "Exchange-Server", "--max-warnings", "3"])).toEqual({
      paths: ["a.json", "b"],
      configFile: undefined,
      fix: true,
      format: "json",
      outputFile: undefined,
      maxWarnings: 3,
      settings: { target: "exchange-server" },
      stdinFilename: undefined,
    });
    expect(parseLintArgs(["--help"])).toBeUndefined();
  });
});

describe("lint: never exit 0 on a file it did not read", () => {
  const base = temporaryDirectory("lint-unread");
  const configFor = (rules: string, files = '["**/*.car.json"]') => `import plugin from ${JSON.stringify(pluginEntry)};
export default [{ files: ${files}, plugins: { "client-access-rules": plugin }, languageOptions: { parser: plugin.configs.recommended.languageOptions.parser }, rules: ${rules} }];
`;
  writeFiles(base, {
    "work/here.car.json": clean,
    "other/rules.json": aliasDeny,
    "other/clean.json": clean,
    "project/eslint.config.js": configFor('{ "client-access-rules/valid-schema": "error" }'),
    "project/rules.json": aliasDeny,
    "project/rules.car.json": aliasDeny,
    "project/no-car-rules.config.js": `import plugin from ${JSON.stringify(pluginEntry)};
export default [{ files: ["**/*.json"], plugins: { "client-access-rules": plugin }, languageOptions: { parser: plugin.configs.recommended.languageOptions.parser }, rules: {} }];
`,
    "elsewhere/tenant.car.json": aliasDeny,
    "elsewhere/notes.json": aliasDeny,
    "globbed/a.json": aliasDeny,
    "globbed/b.json": clean,
    "bound.car.json": BOUND_REACHING_RULE,
    "warn-only.config.js": configFor('{ "client-access-rules/no-unsatisfiable-rule": "warn" }'),
  });

  it("lints a file outside the working directory (ESLint would ignore it, and exit 0)", async () => {
    const result = await run(path.join(base, "work"), "lint", "../other/rules.json", "--format", "json");
    expect(result.exitCode).toBe(1);
    expect(findings(result.stdout, base)).toEqual({ "other/rules.json": ["1:31 client-access-rules/valid-schema"] });
    const cleanOutside = await run(path.join(base, "work"), "lint", path.join(base, "other/clean.json"));
    expect(cleanOutside).toEqual({ exitCode: 0, stdout: "", stderr: "" });
    const directoryOutside = await run(path.join(base, "work"), "lint", "../elsewhere", "--format", "json");
    expect(findings(directoryOutside.stdout, base)).toEqual({ "elsewhere/tenant.car.json": ["1:31 client-access-rules/valid-schema"] });
  });

  it("exits 2 with the reason when --config does not match a named file", async () => {
    const result = await run(path.join(base, "project"), "lint", "rules.json", "--config", "eslint.config.js");
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toBe(
      'client-access-rules did not lint rules.json: --config eslint.config.js has no configuration object whose "files" match it.\n',
    );
  });

  it("exits 2 with the reason when a --config run names a file outside the working directory", async () => {
    const result = await run(path.join(base, "project"), "lint", "../other/rules.json", "--config", "eslint.config.js");
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toBe(
      `client-access-rules did not lint ../other/rules.json: it is outside ${path.join(base, "project")}, the directory ESLint lints from with --config eslint.config.js; run the command from a directory that contains it.\n`,
    );
  });

  it("exits 2 when the configuration that claims a file enables no client-access-rules rule", async () => {
    const result = await run(path.join(base, "project"), "lint", "rules.json", "--config", "no-car-rules.config.js");
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toBe(
      "client-access-rules did not lint rules.json: --config no-car-rules.config.js lints it without any client-access-rules rule (the configuration objects that match it, another JSON language's for example, enable none).\n",
    );
  });

  it("expands a glob argument and lints what it matches as rule files", async () => {
    const result = await run(base, "lint", "globbed/*.json", "--format", "json");
    expect(result.exitCode).toBe(1);
    expect(findings(result.stdout, base)).toEqual({ "globbed/a.json": ["1:31 client-access-rules/valid-schema"], "globbed/b.json": [] });
    const nothing = await run(base, "lint", "globbed/*.car.json");
    expect(nothing.exitCode).toBe(2);
    expect(nothing.stderr).toMatch(/^client-access-rules lint: no rule files in globbed\/\*\.car\.json/u);
  });

  it("reads - from standard input, named by --stdin-filename", async () => {
    const result = await runWithStdin(base, aliasDeny, "lint", "-", "--stdin-filename", "tenant.json", "--format", "json");
    expect(result.exitCode).toBe(1);
    expect(findings(result.stdout, base)).toEqual({ "tenant.json": ["1:31 client-access-rules/valid-schema"] });
    expect(await runWithStdin(base, clean, "lint", "-")).toEqual({ exitCode: 0, stdout: "", stderr: "" });
    expect(await run(base, "lint", "-")).toEqual({
      exitCode: 2,
      stdout: "",
      stderr: "client-access-rules lint: - needs standard input, and there is none to read\n",
    });
    expect((await run(base, "lint", "-", "clean.car.json")).stderr).toBe("client-access-rules lint: - (standard input) cannot be combined with other paths\n");
    expect((await run(base, "lint", "-", "--fix")).stderr).toBe("client-access-rules lint: --fix cannot write back to standard input\n");
    expect((await run(base, "lint", "x.json", "--stdin-filename", "a.json")).stderr).toBe(
      "client-access-rules lint: --stdin-filename needs - (standard input) as the path\n",
    );
  });

  it("exits 1 when the analysis leaves a question undecided, said once, by the first analysis rule", async () => {
    const result = await run(base, "lint", "bound.car.json", "--format", "json");
    expect(result.exitCode).toBe(1);
    const [only] = JSON.parse(result.stdout) as ESLint.LintResult[];
    expect(only?.messages.map((message) => [message.ruleId, message.messageId, message.severity])).toEqual([
      ["client-access-rules/no-blocked-outlook-mobile", "undecided", 2],
    ]);
    // An error already fails the run: no extra line.
    expect(result.stderr).toBe("");
  });

  it("exits 1 on an undecided question even when the rule that says it is only a warning", async () => {
    const result = await run(base, "lint", "bound.car.json", "--config", "warn-only.config.js", "--format", "json");
    expect(result.exitCode).toBe(1);
    const [only] = JSON.parse(result.stdout) as ESLint.LintResult[];
    expect(only?.errorCount).toBe(0);
    expect(only?.messages.map((message) => [message.ruleId, message.messageId, message.severity])).toEqual([
      ["client-access-rules/no-unsatisfiable-rule", "undecided", 1],
    ]);
    expect(result.stderr).toBe('client-access-rules could not decide everything in bound.car.json (see the "undecided" findings).\n');
  });
});
