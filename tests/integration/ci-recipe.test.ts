/**
 * docs/ci.md's change-review recipe, tested as far as it can be without GitHub: the `run:`
 * scripts of its steps are taken from the page as written and run with bash in a real temporary
 * git repository (a bare "origin" and a clone on a pull-request branch), with `npx` resolving to
 * the built CLI and a stand-in `gh` that records the comment it would post.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { beforeEach, describe, expect, it } from "vitest";
import { temporaryDirectory } from "../cli/cli-harness.ts";

const root = fileURLToPath(new URL("../../", import.meta.url));
const bin = path.join(root, "dist/bin/client-access-rules.js");
const examples = path.join(root, "examples");
const page = readFileSync(path.join(root, "docs/ci.md"), "utf8");

/** The `run: |` script of the step called `name`, de-indented, from the page's YAML. */
function stepScript(name: string): string {
  const lines = page.split("\n");
  const start = lines.findIndex((line) => line.trim() === `- name: ${name}`);
  if (start < 0) throw new Error(`docs/ci.md has no step "${name}"`);
  const runLine = lines.findIndex((line, index) => index > start && /^\s+run: \|$/u.test(line));
  const indent = (lines[runLine + 1] as string).match(/^\s*/u)![0].length;
  const body: string[] = [];
  for (const line of lines.slice(runLine + 1)) {
    if (line.trim() !== "" && line.match(/^\s*/u)![0].length < indent) break;
    body.push(line.slice(indent));
  }
  return body.join("\n");
}

const sandbox = temporaryDirectory("ci-recipe");
const tools = path.join(sandbox, "tools");
mkdirSync(tools);
writeFileSync(
  path.join(tools, "npx"),
  `#!/usr/bin/env bash\nif [ "$1" = client-access-rules ]; then shift; exec "${process.execPath}" "${bin}" "$@"; fi\necho "unexpected npx $*" >&2; exit 127\n`,
);
writeFileSync(
  path.join(tools, "gh"),
  `#!/usr/bin/env bash\nprintf '%s\\n' "$@" > "$GH_LOG"\nwhile [ $# -gt 0 ]; do if [ "$1" = --body-file ]; then cp "$2" "$GH_LOG.body"; fi; shift; done\n`,
);
chmodSync(path.join(tools, "npx"), 0o755);
chmodSync(path.join(tools, "gh"), 0o755);

const example = (name: string) => readFileSync(path.join(examples, name), "utf8");
const identity = ["-c", "user.name=CI", "-c", "user.email=ci@example.com"];

let clone: string;
function git(...args: string[]) {
  return execFileSync("git", [...identity, ...args], { cwd: clone, encoding: "utf8" });
}

/** A fresh origin with `main`, and a clone on branch `pr` with `files` written (null: deleted) and committed. */
function pullRequest(files: Record<string, string | null>, baseBranch = "main") {
  const directory = path.join(sandbox, `repo-${Math.random().toString(36).slice(2)}`);
  const origin = path.join(directory, "origin.git");
  clone = path.join(directory, "work");
  mkdirSync(clone, { recursive: true });
  execFileSync("git", ["init", "-q", "--bare", "-b", baseBranch, origin]);
  git("init", "-q", "-b", baseBranch);
  mkdirSync(path.join(clone, "rules"));
  writeFileSync(path.join(clone, "rules/tenant.car.json"), example("ews-block-without-rest.car.json"));
  writeFileSync(path.join(clone, "rules/office.car.json"), example("office-only-catch-all.car.json"));
  writeFileSync(path.join(clone, "README.md"), "rules\n");
  git("add", ".");
  git("commit", "-q", "-m", "base");
  git("remote", "add", "origin", origin);
  git("push", "-q", "origin", baseBranch);
  git("checkout", "-q", "-b", "pr");
  for (const [file, text] of Object.entries(files)) {
    if (text === null) rmSync(path.join(clone, file));
    else writeFileSync(path.join(clone, file), text);
  }
  git("add", "-A");
  git("commit", "-q", "-m", "change");
}

function runStep(name: string, env: Record<string, string> = {}) {
  const result = spawnSync("bash", ["-e", "-o", "pipefail", "-c", stepScript(name)], {
    cwd: clone,
    encoding: "utf8",
    env: { ...process.env, PATH: `${tools}:${process.env.PATH}`, BASE_REF: "main", ...env },
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("docs/ci.md: the change-review recipe", () => {
  beforeEach(() => {
    clone = "";
  });

  it("posts a markdown review of a change that gives new access, and the gate fails", () => {
    pullRequest({ "rules/tenant.car.json": example("ews-block-option2-except-rest.car.json") });
    expect(runStep("Change review of the rule files").status).toBe(0);
    const review = readFileSync(path.join(clone, "review.md"), "utf8");
    expect(review).toContain("### Client Access Rules: 1 change in who can connect: new access");
    expect(review).toContain("origin/main:rules/tenant\\.car\\.json → rules/tenant\\.car\\.json");
    expect(review).toContain("#### REST");
    expect(review).not.toContain("office");

    const log = path.join(clone, "gh.log");
    expect(runStep("Post the review as a comment", { GH_LOG: log, PR_NUMBER: "42" }).status).toBe(0);
    expect(readFileSync(log, "utf8").split("\n")).toEqual(["pr", "comment", "42", "--body-file", "review.md", ""]);
    expect(readFileSync(`${log}.body`, "utf8")).toBe(review);

    const gate = runStep("Fail on new access");
    expect(gate.status).toBe(1);
    expect(gate.stdout).toContain("::error file=rules/tenant.car.json::this change gives new access");
  });

  it("a change that decides nothing differently: the review says so, the gate passes", () => {
    const renamed = example("ews-block-without-rest.car.json").replace('"blockEWS"', '"Block EWS"');
    pullRequest({ "rules/tenant.car.json": renamed, "README.md": "other\n" });
    expect(runStep("Change review of the rule files").status).toBe(0);
    expect(readFileSync(path.join(clone, "review.md"), "utf8")).toContain("### Client Access Rules: No change in who can connect");
    expect(runStep("Fail on new access")).toMatchObject({ status: 0, stdout: expect.stringContaining("No change in who can connect.") });
  });

  it("a change that only takes access away passes the new-access gate", () => {
    const withPopBlock = JSON.parse(example("ews-block-without-rest.car.json"));
    withPopBlock.push({ Name: "Block POP3", Priority: 3, Action: "DenyAccess", AnyOfProtocols: ["POP3"] });
    pullRequest({ "rules/tenant.car.json": JSON.stringify(withPopBlock, null, 2) });
    const gate = runStep("Fail on new access");
    expect(gate.stdout).toContain("lost access");
    expect(gate.stdout).not.toContain("new access");
    expect(gate.status).toBe(0);
  });

  it("a new rule file is compared with no rules; a deleted one is named and fails the gate", () => {
    pullRequest({ "rules/new.car.json": example("remote-powershell-lockout.car.json"), "rules/office.car.json": null });
    expect(runStep("Change review of the rule files").status).toBe(0);
    const review = readFileSync(path.join(clone, "review.md"), "utf8");
    expect(review).toContain("### Client Access Rules: rules/office.car.json was deleted: all its rules are gone");
    expect(review).toContain("origin/main:rules/new\\.car\\.json \\(not in origin/main: no rules\\) → rules/new\\.car\\.json");
    const gate = runStep("Fail on new access");
    expect(gate.status).toBe(1);
    expect(gate.stdout).toContain("::error file=rules/office.car.json::rules/office.car.json was deleted");
  });

  it("an analysis question left undecided: the review is still posted with its note, and the gate fails", () => {
    const withBoundRule = JSON.parse(example("ews-block-without-rest.car.json"));
    withBoundRule.push({
      Name: "Block y users",
      Priority: 9,
      Action: "DenyAccess",
      UsernameMatchesAnyOfPatterns: ["*y"],
      // Deciding whether any name ending in y escapes all 15 exceptions passes the search bound.
      ExceptUsernameMatchesAnyOfPatterns: ["*\\*y", ..."abcdefghijklmn".split("").map((letter) => `*${letter}*y`)],
    });
    pullRequest({ "rules/tenant.car.json": JSON.stringify(withBoundRule, null, 2) });
    const review = runStep("Change review of the rule files");
    expect(review.status).toBe(0);
    expect(review.stderr).toContain("client-access-rules could not decide everything in origin/main:rules/tenant.car.json");
    expect(readFileSync(path.join(clone, "review.md"), "utf8")).toContain("- Note: the analysis left some questions undecided");
    const gate = runStep("Fail on new access");
    expect(gate.status).toBe(1);
    expect(gate.stdout).toContain("::error file=rules/tenant.car.json::this change gives new access, or the analysis could not decide whether it does");
  });

  it("a base branch name that looks like a command is an unknown revision, not a command", () => {
    pullRequest({ "rules/tenant.car.json": example("ews-block-option2-except-rest.car.json") });
    const gate = spawnSync("bash", ["-c", 'npx client-access-rules diff rules/tenant.car.json --base "$BASE_REF" --fail-on new-access'], {
      cwd: clone,
      encoding: "utf8",
      env: { ...process.env, PATH: `${tools}:${process.env.PATH}`, BASE_REF: "main;touch pwned" },
    });
    expect(gate.status).toBe(2);
    expect(gate.stderr).toContain('unknown revision "main;touch pwned"');
    expect(spawnSync("test", ["-e", path.join(clone, "pwned")]).status).toBe(1);
  });
});
