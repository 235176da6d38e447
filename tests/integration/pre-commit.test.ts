/**
 * The pre-commit framework, for real: a temporary git repository, `pre-commit install`, and
 * `git commit` refused on a bad rule file, then accepted once it is fixed.
 *
 * The hooks are the ones in .pre-commit-hooks.yaml (id, files pattern, arguments), run as a
 * `repo: local` hook on the built CLI (dist/bin, `npm run build`). Installing this repository as
 * a hook repository (`language: node`: npm install, npm pack, global install) takes about two
 * minutes with network access; that route is the opt-in test at the end
 * (CAR_TEST_PRE_COMMIT_HOOK_REPO=1).
 */
import { type SpawnSyncReturns, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../", import.meta.url));
const cli = path.join(root, "dist/bin/client-access-rules.js");
const manifestPath = path.join(root, ".pre-commit-hooks.yaml");

const preCommitAvailable = spawnSync("pre-commit", ["--version"], { encoding: "utf8" }).status === 0;
if (!preCommitAvailable) {
  console.warn("tests/integration/pre-commit.test.ts: SKIPPED, pre-commit is not on PATH (apt-get install -y pre-commit).");
}

interface ManifestHook {
  readonly id: string;
  readonly name: string;
  readonly entry: string;
  readonly language: string;
  readonly files: string;
  readonly args?: readonly string[];
}

const badRules = '[{ "Name": "Block POP", "Action": "Deny", "AnyOfProtocols": ["POP3"], "Priority": 1 }]\n';
const fixedRules = '[{ "Name": "Block POP", "Action": "DenyAccess", "AnyOfProtocols": ["POP3"], "Priority": 1 }]\n';
const goodRules = '[{ "Name": "Block IMAP", "Action": "DenyAccess", "AnyOfProtocols": ["IMAP4"], "Priority": 1 }]\n';

// Outside variables such as GIT_DIR (set when the suite itself runs inside a git hook) would point
// git at the wrong repository.
const cleanEnvironment = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("GIT_")));

function runIn(cwd: string, command: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): SpawnSyncReturns<string> {
  return spawnSync(command, args, { cwd, encoding: "utf8", env: { ...cleanEnvironment, ...env }, timeout: 60_000 });
}

/** The manifest as pre-commit reads it (PyYAML, a dependency of pre-commit itself). */
function readManifest(): ManifestHook[] {
  const script = "import json, sys, yaml; print(json.dumps(yaml.safe_load(open(sys.argv[1]))))";
  const result = runIn(root, "python3", ["-c", script, manifestPath]);
  expect(result.stderr).toBe("");
  return JSON.parse(result.stdout) as ManifestHook[];
}

/** A new git repository whose pre-commit config runs `hook` from the manifest on the built CLI. */
function repositoryWithHook(hook: ManifestHook): { directory: string; env: NodeJS.ProcessEnv } {
  const directory = mkdtempSync(path.join(tmpdir(), "car-pre-commit-"));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));
  const env = { PRE_COMMIT_HOME: path.join(directory, ".pre-commit-home") };
  for (const args of [["init", "-q", "-b", "main"], ["config", "user.email", "ci@example.com"], ["config", "user.name", "CI"], ["config", "commit.gpgsign", "false"]]) {
    expect(runIn(directory, "git", args).status).toBe(0);
  }
  // The manifest's entry is `client-access-rules lint …`; locally the executable is the built bin.
  const [executable, ...entryArgs] = hook.entry.split(" ");
  expect(executable).toBe("client-access-rules");
  const config = {
    repos: [
      {
        repo: "local",
        hooks: [
          {
            id: hook.id,
            name: hook.name,
            entry: [process.execPath, cli, ...entryArgs].map((part) => `'${part}'`).join(" "),
            language: "system",
            files: hook.files,
          },
        ],
      },
    ],
  };
  writeFileSync(path.join(directory, ".pre-commit-config.yaml"), JSON.stringify(config, null, 2)); // JSON is YAML
  writeFileSync(path.join(directory, ".gitignore"), ".pre-commit-home/\n");
  const install = runIn(directory, "pre-commit", ["install"], env);
  expect(install.stdout).toContain("pre-commit installed at .git/hooks/pre-commit");
  return { directory, env };
}

function write(directory: string, relative: string, text: string): void {
  mkdirSync(path.dirname(path.join(directory, relative)), { recursive: true });
  writeFileSync(path.join(directory, relative), text);
}

function commit(directory: string, env: NodeJS.ProcessEnv, message: string): SpawnSyncReturns<string> {
  expect(runIn(directory, "git", ["add", "-A"]).status).toBe(0);
  return runIn(directory, "git", ["commit", "-m", message], env);
}

const commitCount = (directory: string) => runIn(directory, "git", ["rev-list", "--count", "--all"]).stdout.trim();

describe.skipIf(!preCommitAvailable)("pre-commit hooks (skipped when pre-commit is not on PATH)", () => {
  it("ships a valid manifest with a lint hook and an autofix hook", () => {
    expect(existsSync(cli), "run npm run build first").toBe(true);
    const validation = runIn(root, "pre-commit", ["validate-manifest", manifestPath]);
    expect(validation.status, validation.stdout + validation.stderr).toBe(0);
    const hooks = readManifest();
    expect(hooks.map((hook) => [hook.id, hook.entry, hook.language])).toEqual([
      ["client-access-rules", "client-access-rules lint", "node"],
      ["client-access-rules-fix", "client-access-rules lint --fix", "node"],
    ]);
    const files = new RegExp(hooks[0]!.files, "u");
    const matched = ["tenant.car.json", "a/b/rules.car.jsonc", "client-access-rules/org.json", "infra/client-access-rules/x/y.jsonc"];
    const unmatched = ["package.json", "car.json", "rules.car.json.bak", "my-client-access-rules/x.json", "client-access-rules.json"];
    expect(matched.filter((name) => !files.test(name))).toEqual([]);
    expect(unmatched.filter((name) => files.test(name))).toEqual([]);
  });

  it("refuses a commit with a bad rule file and accepts it once the file is fixed", () => {
    const hook = readManifest().find((candidate) => candidate.id === "client-access-rules")!;
    const { directory, env } = repositoryWithHook(hook);
    write(directory, "tenant/rules.car.json", badRules);
    write(directory, "client-access-rules/org.json", goodRules);
    write(directory, "notes/data.json", badRules); // not a rule file by name: never passed to the hook

    const refused = commit(directory, env, "Add rules");
    const output = refused.stdout + refused.stderr;
    expect(refused.status, output).not.toBe(0);
    expect(output).toMatch(/Exchange Client Access Rules\.+Failed/u);
    expect(output).toContain("tenant/rules.car.json\n  1:35  error  \"Deny\" is not a documented Action value");
    expect(output).toContain("client-access-rules/valid-schema");
    expect(output).not.toContain("notes/data.json");
    expect(commitCount(directory)).toBe("0");

    write(directory, "tenant/rules.car.json", fixedRules);
    const accepted = commit(directory, env, "Add rules");
    expect(accepted.status, accepted.stdout + accepted.stderr).toBe(0);
    expect(accepted.stdout + accepted.stderr).toMatch(/Exchange Client Access Rules\.+Passed/u);
    expect(commitCount(directory)).toBe("1");
  });

  it("the autofix hook fixes the file, stops the commit, and the next commit passes", () => {
    const hook = readManifest().find((candidate) => candidate.id === "client-access-rules-fix")!;
    const { directory, env } = repositoryWithHook(hook);
    write(directory, "rules.car.json", badRules);

    const stopped = commit(directory, env, "Add rules");
    expect(stopped.status).not.toBe(0);
    expect(stopped.stdout + stopped.stderr).toContain("- files were modified by this hook");
    expect(readFileSync(path.join(directory, "rules.car.json"), "utf8")).toBe(fixedRules);

    const accepted = commit(directory, env, "Add rules");
    expect(accepted.status, accepted.stdout + accepted.stderr).toBe(0);
    expect(commitCount(directory)).toBe("1");
  });
});

describe.runIf(preCommitAvailable && process.env.CAR_TEST_PRE_COMMIT_HOOK_REPO === "1")(
  "this repository as a pre-commit hook repository (opt-in: CAR_TEST_PRE_COMMIT_HOOK_REPO=1; needs the npm registry, ~2 min)",
  () => {
    it("installs the hook from the committed HEAD and refuses a bad rule file", { timeout: 600_000 }, () => {
      const directory = mkdtempSync(path.join(tmpdir(), "car-hook-repo-"));
      afterAll(() => rmSync(directory, { recursive: true, force: true }));
      const env = { PRE_COMMIT_HOME: path.join(directory, ".pre-commit-home") };
      const head = runIn(root, "git", ["rev-parse", "HEAD"]).stdout.trim();
      runIn(directory, "git", ["init", "-q"]);
      writeFileSync(
        path.join(directory, ".pre-commit-config.yaml"),
        JSON.stringify({ repos: [{ repo: root, rev: head, hooks: [{ id: "client-access-rules" }] }] }),
      );
      write(directory, "rules.car.json", badRules);
      runIn(directory, "git", ["add", "-A"]);
      const run = spawnSync("pre-commit", ["run", "--all-files"], { cwd: directory, encoding: "utf8", env: { ...cleanEnvironment, ...env }, timeout: 600_000 });
      expect(run.status, run.stdout + run.stderr).toBe(1);
      expect(run.stdout).toContain("client-access-rules/valid-schema");
    });
  },
);
