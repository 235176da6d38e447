/**
 * The package as npm publishes it, used as a user would: `npm pack` once per run, then
 * - its contents: what ships (no tests, sources or source maps; every documented path, every
 *   relative link of the shipped Markdown resolving inside the tarball);
 * - every configuration code block of the README, copied verbatim into a fresh CommonJS and a
 *   fresh ESM project (the packed plugin extracted into node_modules, the other packages linked
 *   from this repository's node_modules: no network), run with the ESLint CLI, and the
 *   TypeScript blocks type-checked with `module: node16`.
 * Each block must lint the planted rule files exactly as the plugin's configs do through the
 * ESLint API, leave package.json and JavaScript alone, and lint the plain `.json` files under
 * exchange-server/ with the exchange-server target when the block says so.
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import plugin from "../../lib/index.ts";

const root = fileURLToPath(new URL("../../", import.meta.url));
const packageJson = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as {
  name: string;
  version: string;
  files: string[];
  exports: Record<string, string | Record<string, string>>;
  bin: Record<string, string>;
  dependencies: Record<string, string>;
  main: string;
  types: string;
};

let workDir = "";
let tarballFiles: string[] = [];
let extracted = "";

beforeAll(() => {
  workDir = mkdtempSync(path.join(tmpdir(), "car-packed-"));
  // dist/ is built by `npm test` before vitest runs; --ignore-scripts keeps `prepare` from
  // rebuilding it under the other test files' feet.
  const pack = spawnSync("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", workDir], {
    cwd: root,
    encoding: "utf8",
  });
  expect(pack.status, pack.stderr).toBe(0);
  const [report] = JSON.parse(pack.stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
  tarballFiles = report!.files.map((file) => file.path).sort();
  extracted = path.join(workDir, "extracted");
  mkdirSync(extracted);
  const tar = spawnSync("tar", ["-xzf", path.join(workDir, report!.filename), "-C", extracted, "--strip-components=1"]);
  expect(tar.status, String(tar.stderr)).toBe(0);
}, 120_000);

// A dozen projects of linked packages: removing them takes a while on a busy machine.
afterAll(() => {
  if (workDir) rmSync(workDir, { recursive: true, force: true });
}, 120_000);

describe("npm pack contents", () => {
  it("ships the built plugin, its docs, examples, schema, licence and changelog, and nothing else", () => {
    const topLevel = [...new Set(tarballFiles.map((file) => file.split("/")[0]))].sort();
    expect(topLevel).toEqual(["CHANGELOG.md", "LICENSE", "README.md", "dist", "docs", "examples", "package.json", "schema"]);
    expect(tarballFiles.filter((file) => /(^|\/)tests?\//u.test(file) || /\.test\./u.test(file))).toEqual([]);
    expect(tarballFiles.filter((file) => file.endsWith(".map"))).toEqual([]);
    expect(tarballFiles.filter((file) => file.endsWith(".ts") && !file.endsWith(".d.ts"))).toEqual([]);
    for (const id of Object.keys(plugin.rules)) {
      expect(tarballFiles).toContain(`docs/rules/${id}.md`);
      expect(tarballFiles).toContain(`dist/rules/${id}.js`);
    }
  });

  it("has every path package.json points to", () => {
    const pointed = [packageJson.main, packageJson.types, ...Object.values(packageJson.bin)];
    for (const target of Object.values(packageJson.exports)) {
      pointed.push(...(typeof target === "string" ? [target] : Object.values(target)));
    }
    for (const target of pointed) expect(tarballFiles, target).toContain(path.posix.normalize(target));
  });

  it("resolves every relative link of the shipped Markdown inside the tarball", () => {
    const markdown = tarballFiles.filter((file) => file.endsWith(".md"));
    expect(markdown.length).toBeGreaterThan(15);
    const broken: string[] = [];
    for (const file of markdown) {
      const text = readFileSync(path.join(extracted, file), "utf8").replace(/```[\s\S]*?```/gu, "");
      for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/gu)) {
        if (/^[a-z]+:/iu.test(target!) || target!.startsWith("#")) continue;
        const linked = path.posix.normalize(path.posix.join(path.posix.dirname(file), target!.split("#")[0]!));
        if (!existsSync(path.join(extracted, linked))) broken.push(`${file} → ${target}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it("publishes no source maps that point at sources it does not ship", () => {
    const built = readdirSync(path.join(extracted, "dist/lib"));
    expect(built).toContain("index.js");
    expect(readFileSync(path.join(extracted, "dist/lib/index.js"), "utf8")).not.toMatch(/sourceMappingURL/u);
  });
});

interface CodeBlock {
  readonly language: string;
  readonly fileName: string;
  readonly text: string;
}

/** The code blocks of a Markdown file whose first line names the file they are (`// eslint.config.mjs`). */
function readmeConfigBlocks(markdownFile = "README.md"): CodeBlock[] {
  const readme = readFileSync(path.join(root, markdownFile), "utf8");
  const blocks: CodeBlock[] = [];
  for (const match of readme.matchAll(/^([ \t]*)```(\w+)\n([\s\S]*?)^\1```/gmu)) {
    const indent = match[1]!;
    const text = match[3]!
      .split("\n")
      .map((line) => (line.startsWith(indent) ? line.slice(indent.length) : line))
      .join("\n");
    const fileName = /^\/\/ (\S*(?:eslint\.config|\.eslintrc)\.\w+)\n/u.exec(text)?.[1];
    if (fileName) blocks.push({ language: match[2]!, fileName, text });
  }
  return blocks;
}

const FIXTURES: Record<string, string> = {
  "tenant/rules.car.json": '[\n  { "Name": "Block POP3", "Action": "Deny", "AnyOfProtocols": ["POP3"], "Priority": 1 }\n]\n',
  "tenant/draft.car.jsonc":
    '// a draft with a comment and a trailing comma\n[\n  { "Name": "Block IMAP", "Action": "DenyAccess", "AnyOfProtocols": ["IMAP4", "IMAP4"] },\n]\n',
  "exchange-server/rules.json": '[\n  { "Name": "Block OWA", "Action": "DenyAccess", "AnyOfProtocols": ["OutlookWebApp"] }\n]\n',
  // Old-style JavaScript, which every parser default accepts (eslintrc defaults to ES5 scripts).
  "src/index.js": "var answer = 42;\nmodule.exports = answer;\n",
  "data/menu.json": '[{ "name": "Home", "priority": 1 }]\n',
};

/**
 * Packages the projects link from this repository (what `npm install` would have put there). The
 * plugin's own dependencies sit in its own node_modules, not at the top (as pnpm lays them out):
 * a config that names them itself would fail, as it would for a user who never installed them.
 */
function linkDependencies(projectDir: string, eslintDir: string): void {
  const modules = path.join(projectDir, "node_modules");
  mkdirSync(modules, { recursive: true });
  const rootModules = path.join(root, "node_modules");
  const pluginDir = path.join(modules, packageJson.name);
  cpSync(extracted, pluginDir, { recursive: true });
  const ownDependencies = Object.keys(packageJson.dependencies);
  mkdirSync(path.join(pluginDir, "node_modules"));
  for (const dependency of ownDependencies) {
    const target = path.join(pluginDir, "node_modules", dependency);
    mkdirSync(path.dirname(target), { recursive: true });
    symlinkSync(path.join(rootModules, dependency), target);
  }
  for (const entry of readdirSync(rootModules)) {
    if (entry === ".bin" || entry === packageJson.name || entry === "eslint" || entry.startsWith(".") || ownDependencies.includes(entry)) continue;
    symlinkSync(path.join(rootModules, entry), path.join(modules, entry));
  }
  symlinkSync(eslintDir, path.join(modules, "eslint"));
}

let projectCount = 0;

function freshProject(type: "commonjs" | "module", eslintPackage: "eslint" | "eslint-v8" | "eslint-v9"): string {
  const dir = path.join(workDir, `project-${++projectCount}`);
  mkdirSync(dir);
  writeFileSync(
    path.join(dir, "package.json"),
    `${JSON.stringify({ name: `project-${projectCount}`, version: "1.0.0", type, devDependencies: { eslint: "*", [packageJson.name]: packageJson.version } }, null, 2)}\n`,
  );
  for (const [file, text] of Object.entries(FIXTURES)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  linkDependencies(dir, path.join(root, "node_modules", eslintPackage));
  return dir;
}

type Finding = string;

/** `eslint .` in a project: its exit status and every message as `file line:column rule`. */
function runEslint(projectDir: string, env: Record<string, string> = {}): { status: number | null; findings: Finding[]; stderr: string } {
  const result = spawnSync(process.execPath, [path.join(projectDir, "node_modules/eslint/bin/eslint.js"), ".", "--format", "json"], {
    cwd: projectDir,
    encoding: "utf8",
    env: { ...process.env, ...env },
  });
  let findings: Finding[] = [];
  try {
    const results = JSON.parse(result.stdout) as ESLint.LintResult[];
    findings = results.flatMap((lintResult) =>
      lintResult.messages.map(
        (message) => `${path.relative(projectDir, lintResult.filePath)} ${message.line}:${message.column} ${message.ruleId ?? message.message}`,
      ),
    );
  } catch {
    findings = [`unparsable output: ${result.stdout.slice(0, 200)}`];
  }
  return { status: result.status, findings: findings.sort(), stderr: result.stderr };
}

/** What the plugin's configs find on the fixtures through the ESLint API (the reference). */
async function referenceFindings(withExchangeServer: boolean): Promise<Finding[]> {
  const dir = path.join(workDir, "reference");
  mkdirSync(dir, { recursive: true });
  for (const [file, text] of Object.entries(FIXTURES)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  const config = [
    plugin.configs.recommended,
    ...(withExchangeServer
      ? [{ ...plugin.configs.recommended, files: ["exchange-server/**/*.json"], settings: { "client-access-rules": { target: "exchange-server" } } }]
      : []),
  ];
  const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: config });
  const results = await eslint.lintFiles(Object.keys(FIXTURES).filter((file) => /\.jsonc?$/u.test(file) && !file.startsWith("data/")));
  return results
    .flatMap((result) => result.messages.filter((message) => !message.message.startsWith("File ignored")).map((message) => `${path.relative(dir, result.filePath)} ${message.line}:${message.column} ${message.ruleId}`))
    .sort();
}

describe("README code blocks, copied into fresh projects", () => {
  const blocks = readmeConfigBlocks();

  it("finds the configuration blocks the README promises", () => {
    // More blocks may come (each is run below); these are the set-ups the README must show.
    expect(blocks.map((block) => block.fileName)).toEqual(
      expect.arrayContaining([".eslintrc.cjs", "eslint.config.cjs", "eslint.config.mjs", "eslint.config.mts"]),
    );
    expect(blocks.filter((block) => block.text.includes("@eslint/json"))).toHaveLength(1);
    expect(blocks.filter((block) => block.text.includes("eslint-plugin-jsonc"))).toHaveLength(1);
    expect(blocks[0]!.fileName).toBe("eslint.config.mjs");
  });

  it("the reference: the planted findings, and the plain .json file only with the exchange-server entry", async () => {
    expect(await referenceFindings(true)).toEqual([
      "exchange-server/rules.json 2:69 client-access-rules/no-unsupported-condition",
      "tenant/draft.car.jsonc 3:79 client-access-rules/no-duplicate-values",
      "tenant/rules.car.json 2:37 client-access-rules/valid-schema",
    ]);
    expect(await referenceFindings(false)).toEqual([
      "tenant/draft.car.jsonc 3:79 client-access-rules/no-duplicate-values",
      "tenant/rules.car.json 2:37 client-access-rules/valid-schema",
    ]);
  });

  /** The flat-config blocks, each in the projects whose module type the README names for it. */
  const flatRuns = blocks.flatMap((block, index) => {
    if (block.fileName.startsWith(".eslintrc")) return [];
    const types: Array<"commonjs" | "module"> = block.fileName.endsWith(".js") || block.fileName.endsWith(".ts") ? ["module"] : ["commonjs", "module"];
    return types.map((type) => ({ label: `block ${index + 1} as ${block.fileName}, "type": "${type}"`, block, type }));
  });
  // The README says the .mjs block works verbatim as eslint.config.js in an ESM project.
  flatRuns.push({ label: 'block 1 as eslint.config.js, "type": "module"', block: { ...blocks[0]!, fileName: "eslint.config.js" }, type: "module" });
  // ... and the .mts block as eslint.config.ts there.
  const tsBlock = blocks.find((block) => block.fileName === "eslint.config.mts");
  if (tsBlock) flatRuns.push({ label: 'the TypeScript block as eslint.config.ts, "type": "module"', block: { ...tsBlock, fileName: "eslint.config.ts" }, type: "module" });

  it.each(flatRuns.map((run) => [run.label, run] as const))("%s: ESLint 10 lints exactly the rule files", async (_label, { block, type }) => {
    const project = freshProject(type, "eslint");
    writeFileSync(path.join(project, block.fileName), block.text);
    const { status, findings, stderr } = runEslint(project);
    const expected = await referenceFindings(block.text.includes("exchange-server"));
    expect(findings, stderr).toEqual(expected);
    expect(status).toBe(1);
    if (/\.[mc]?ts$/u.test(block.fileName)) {
      const tsc = spawnSync(
        process.execPath,
        [path.join(root, "node_modules/typescript/bin/tsc"), "--noEmit", "--strict", "--module", "node16", "--moduleResolution", "node16", "--target", "es2022", "--skipLibCheck", block.fileName],
        { cwd: project, encoding: "utf8" },
      );
      expect(tsc.stdout + tsc.stderr).toBe("");
      expect(tsc.status).toBe(0);
    }
  });

  // The README's block, and docs/editor.md's (other JSON files parsed as JSON for the editor).
  const legacyBlocks = [
    ["README.md", blocks.find((block) => block.fileName === ".eslintrc.cjs")],
    ["docs/editor.md", readmeConfigBlocks("docs/editor.md").find((block) => block.fileName === ".eslintrc.cjs")],
  ] as const;
  it.each(
    legacyBlocks.flatMap(([source, block]) => [
      [source, "ESLint 8.57", "eslint-v8", {}, block],
      [source, "ESLint 9, ESLINT_USE_FLAT_CONFIG=false", "eslint-v9", { ESLINT_USE_FLAT_CONFIG: "false" }, block],
    ] as const),
  )("the .eslintrc.cjs block of %s, %s, CommonJS and ESM projects: rule files linted, other JSON parsed as JSON", async (_source, _label, engine, env, block) => {
    expect(block).toBeDefined();
    for (const type of ["commonjs", "module"] as const) {
      const project = freshProject(type, engine);
      writeFileSync(path.join(project, ".eslintrc.cjs"), block!.text);
      const { status, findings, stderr } = runEslint(project, env);
      // eslintrc mode warns that it is deprecated on ESLint 9; nothing else may be printed.
      expect(stderr.split("\n").filter((line) => line.trim() !== "" && !/ESLintRCWarning|eslintrc|flat config|deprecated|--trace-warnings|node --trace/iu.test(line))).toEqual([]);
      expect(findings, type).toEqual(await referenceFindings(block!.text.includes("exchange-server")));
      expect(status).toBe(1);
    }
  });
});

describe("a fresh project with @eslint/json on **/*.json and the bundled examples, through the ESLint CLI", () => {
  const jsonConfigs = `{ files: ["**/*.json"], plugins: { json }, language: "json/json", ...json.configs.recommended },
  { files: ["**/*.jsonc"], plugins: { json }, language: "json/jsonc", languageOptions: { allowTrailingCommas: true }, ...json.configs.recommended }`;
  const ours = `clientAccessRules.configs.recommended,
  { files: ["examples/exchange-server*.car.json"], settings: { "client-access-rules": { target: "exchange-server" } } }`;
  const configFile = (body: string) =>
    `import json from "@eslint/json";\nimport clientAccessRules from "eslint-plugin-client-access-rules";\n\nexport default [\n  ${body},\n];\n`;

  function lintExamples(body: string): { status: number | null; findings: Finding[] } {
    const project = freshProject("module", "eslint");
    cpSync(path.join(root, "examples"), path.join(project, "examples"), { recursive: true });
    // A duplicate key in package.json: @eslint/json's finding, and nothing of ours.
    const manifest = readFileSync(path.join(project, "package.json"), "utf8").replace('"version"', '"description": "a",\n  "description": "b",\n  "version"');
    writeFileSync(path.join(project, "package.json"), manifest);
    writeFileSync(path.join(project, "eslint.config.mjs"), configFile(body));
    return runEslint(project);
  }

  it("reports every planted finding of the examples in either order, and package.json gets only @eslint/json's", () => {
    const alone = lintExamples(ours);
    const ourFindings = (findings: Finding[]) => findings.filter((finding) => finding.includes("client-access-rules/"));
    expect(alone.status).toBe(1);
    expect(ourFindings(alone.findings).filter((finding) => finding.startsWith("examples/")).length).toBeGreaterThan(30);
    expect(alone.findings.filter((finding) => !finding.includes("client-access-rules/"))).toEqual([]);
    for (const body of [`${jsonConfigs},\n  ${ours}`, `${ours},\n  ${jsonConfigs}`]) {
      const beside = lintExamples(body);
      expect(ourFindings(beside.findings)).toEqual(ourFindings(alone.findings));
      expect(beside.findings.filter((finding) => !finding.includes("client-access-rules/"))).toEqual([
        "package.json 4:3 json/no-duplicate-keys",
      ]);
      expect(beside.status).toBe(1);
    }
  });
});
