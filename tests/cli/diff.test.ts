import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, realpathSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseDiffArgs } from "../../lib/cli/diff.ts";
import { formatIpRange } from "../../lib/model/ip-entry.ts";
import type { RuleSpec } from "../../lib/model/rule-spec.ts";
import { MAX_DIFF_LINES } from "../../lib/views/diff-view.ts";
import { run, temporaryDirectory, writeFiles } from "./cli-harness.ts";

const examples = path.resolve(import.meta.dirname, "../../examples");
const directory = temporaryDirectory("diff");

const rules = (list: readonly object[]) => `${JSON.stringify(list, null, 2)}\n`;
const allowPowerShell = { Name: "Always Allow Remote PowerShell", Priority: 1, Action: "AllowAccess", AnyOfProtocols: ["RemotePowerShell"] };
const blockPop = { Name: "Block POP", Priority: 2, Action: "DenyAccess", AnyOfProtocols: ["POP3"] };
const blockImapOutside = {
  Name: "Block IMAP outside",
  Priority: 3,
  Action: "DenyAccess",
  AnyOfProtocols: ["IMAP4"],
  ExceptAnyOfClientIPAddressesOrRanges: ["10.0.0.0/8"],
};

writeFiles(directory, {
  "base.json": rules([allowPowerShell, blockPop, blockImapOutside]),
  "renamed.json": rules([allowPowerShell, { ...blockPop, Name: "No POP" }, blockImapOutside]),
  // POP3 and IMAP4 blocks never meet: swapping their order decides nothing new.
  "reordered.json": rules([allowPowerShell, { ...blockImapOutside, Priority: 2 }, { ...blockPop, Priority: 3 }]),
  "commented.jsonc": `// the same rules\n${rules([allowPowerShell, blockPop, blockImapOutside])}`,
  "narrowed.json": rules([allowPowerShell, blockPop, { ...blockImapOutside, ExceptAnyOfClientIPAddressesOrRanges: ["10.0.0.0/16"] }]),
  "pipes.json": rules([{ ...blockPop, Name: "a | b `code` ![x](http://example.com/x.png)" }]),
  "broken.json": rules([allowPowerShell, { Name: "Broken", Action: "DenyAccess", AnyOfProtocols: ["POP3"], Priority: "high" }]),
  "powershell-only.json": rules([allowPowerShell]),
  "package.json": '{ "name": "x" }\n',
  // Whether any name ending in y escapes all 15 exceptions needs more than the search bound allows
  // (docs/performance.md): the analysis leaves that question undecided.
  "undecided.json": rules([boundReaching(1), { ...blockPop, Priority: 2 }]),
  "pop-only.json": rules([{ ...blockPop, Priority: 2 }]),
});

function boundReaching(priority: number) {
  return {
    Name: "Block y users",
    Priority: priority,
    Action: "DenyAccess",
    UsernameMatchesAnyOfPatterns: ["*y"],
    ExceptUsernameMatchesAnyOfPatterns: ["*\\*y", ..."abcdefghijklmn".split("").map((letter) => `*${letter}*y`)],
  };
}

describe("diff: the seed scenario (adding REST to an EWS block's exceptions)", () => {
  const before = path.join(examples, "ews-block-without-rest.car.json");
  const after = path.join(examples, "ews-block-option2-except-rest.car.json");

  it("reports exactly REST: denied → allowed, with the rules and a witness", async () => {
    const result = await run(examples, "diff", "ews-block-without-rest.car.json", "ews-block-option2-except-rest.car.json");
    expect(result).toEqual({
      exitCode: 0,
      stderr: "",
      stdout: [
        "Change review: ews-block-without-rest.car.json → ews-block-option2-except-rest.car.json (coupled REST/EWS semantics, exchange-online)",
        "1 change in who can connect: new access.",
        "",
        "REST: denied → allowed",
        '  before: "blockEWS" (Priority 2) denies',
        "  after:  no rule matches (allowed by default)",
        "  who:    every connection",
        "  e.g.:   contoso.com\\alex from 198.51.100.23 (OAuthAuthentication, port 443)",
        "",
      ].join("\n"),
    });
  });

  it("--fail-on new-access exits 1; lost-access exits 0; any exits 1", async () => {
    expect((await run(examples, "diff", before, after, "--fail-on", "new-access")).exitCode).toBe(1);
    expect((await run(examples, "diff", before, after, "--fail-on", "lost-access")).exitCode).toBe(0);
    expect((await run(examples, "diff", before, after, "--fail-on", "any")).exitCode).toBe(1);
    // The other way round the same change takes access away.
    expect((await run(examples, "diff", after, before, "--fail-on", "lost-access")).exitCode).toBe(1);
    expect((await run(examples, "diff", after, before, "--fail-on", "new-access")).exitCode).toBe(0);
  });

  it("writes design.md's JSON shape", async () => {
    const result = await run(examples, "diff", before, after, "--format", "json");
    const document = JSON.parse(result.stdout);
    expect(document.changes).toEqual([
      {
        before: "DenyAccess",
        after: "AllowAccess",
        beforeRule: { name: "blockEWS", priority: 2 },
        afterRule: null,
        region: { protocols: ["REST"], parts: [{}] },
        witness: {
          protocol: "REST",
          authenticationType: "OAuthAuthentication",
          ip: "198.51.100.23",
          port: 443,
          user: "contoso.com\\alex",
          groups: [],
          attributes: {},
          middleTier: false,
        },
      },
    ]);
    expect(document).toMatchObject({ newAccess: true, lostAccess: false, unread: [], exact: true });
  });

  it("its witness replays with the what-if command on both files", async () => {
    const document = JSON.parse((await run(examples, "diff", before, after, "--format", "json")).stdout);
    const witness = document.changes[0].witness;
    const whatIf = (file: string) =>
      run(examples, "what-if", file, "--protocol", witness.protocol, "--ip", witness.ip, "--user", witness.user, "--auth", witness.authenticationType, "--port", String(witness.port), "--json");
    const old = JSON.parse((await whatIf(before)).stdout);
    const current = JSON.parse((await whatIf(after)).stdout);
    expect([old.action, old.decidingRule]).toEqual(["DenyAccess", { name: "blockEWS", priority: 2 }]);
    expect([current.action, current.decidingRule]).toEqual(["AllowAccess", null]);
  });

  it("says nothing changes under independent semantics (EWS never touched REST there)", async () => {
    const result = await run(examples, "diff", before, after, "--rest-semantics", "independent", "--fail-on", "any");
    expect(result.stdout).toContain("No change in who can connect.");
    expect(result.exitCode).toBe(0);
  });

  it("with --target exchange-server only the admin center and remote PowerShell count", async () => {
    const result = await run(examples, "diff", before, after, "--target", "exchange-server", "--format", "json");
    expect(JSON.parse(result.stdout).changes).toEqual([]);
  });
});

describe("diff: edits that change no decision", () => {
  for (const file of ["renamed.json", "reordered.json", "commented.jsonc"]) {
    it(`${file}: no change in who can connect, exit 0 even with --fail-on any`, async () => {
      const result = await run(directory, "diff", "base.json", file, "--fail-on", "any");
      expect(result.exitCode).toBe(0);
      expect(result.stdout.split("\n")[1]).toBe("No change in who can connect.");
      const json = JSON.parse((await run(directory, "diff", "base.json", file, "--format", "json")).stdout);
      expect(json).toMatchObject({ changes: [], newAccess: false, lostAccess: false });
    });
  }
});

describe("diff: a narrowed exception", () => {
  it("names the exact addresses that lose access, as a CIDR-block complement", async () => {
    const result = await run(directory, "diff", "base.json", "narrowed.json", "--fail-on", "lost-access");
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain(
      [
        "IMAP4: allowed → denied",
        "  before: no rule matches (allowed by default)",
        '  after:  "Block IMAP outside" (Priority 3) denies',
        "  who:    from 10.1.0.0-10.255.255.255",
      ].join("\n"),
    );
  });
});

describe("diff: unread rules", () => {
  it("lists them, treats them as absent and fails --fail-on any", async () => {
    const result = await run(directory, "diff", "base.json", "broken.json", "--format", "json", "--fail-on", "any");
    const document = JSON.parse(result.stdout);
    expect(document.unread).toEqual([
      { file: "broken.json", name: "Broken", index: 1, reasons: ["line 16: Priority is not a non-negative integer"] },
    ]);
    expect(result.exitCode).toBe(1);
  });
});

describe("diff: an analysis question left undecided is never a silent pass", () => {
  const notice =
    "client-access-rules could not decide everything in pop-only.json and undecided.json (a search bound, see docs/performance.md): the output may include connections that cannot occur, so the exit code is 1.\n";

  it("exits 1 with or without --fail-on, says so on stderr and in the output, and the JSON has exact: false", async () => {
    for (const failOn of [[], ["--fail-on", "new-access"], ["--fail-on", "lost-access"], ["--fail-on", "any"]]) {
      const result = await run(directory, "diff", "pop-only.json", "undecided.json", ...failOn);
      expect(result.exitCode).toBe(1);
      expect(result.stderr).toBe(notice);
      expect(result.stdout).toContain("Note: the analysis left some questions undecided");
    }
    const json = await run(directory, "diff", "pop-only.json", "undecided.json", "--format", "json");
    expect(json.exitCode).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ exact: false });
    const markdown = await run(directory, "diff", "pop-only.json", "undecided.json", "--format", "markdown");
    expect(markdown.exitCode).toBe(1);
    expect(markdown.stdout).toContain("- Note: the analysis left some questions undecided");
  });

  it("a decided comparison of the same files exits 0", async () => {
    expect(await run(directory, "diff", "pop-only.json", "pop-only.json")).toEqual({
      exitCode: 0,
      stdout: expect.stringContaining("No change in who can connect."),
      stderr: "",
    });
  });
});

describe("diff: markdown for a pull-request comment", () => {
  it("has a summary line and a table per protocol group", async () => {
    const result = await run(directory, "diff", "base.json", "narrowed.json", "--format", "markdown");
    expect(result.stdout).toBe(
      [
        "### Client Access Rules: 1 change in who can connect: lost access",
        "",
        "base\\.json → narrowed\\.json (coupled REST/EWS semantics, exchange-online)",
        "",
        "#### IMAP4",
        "",
        "| Change | Before | After | Who | Example |",
        "| --- | --- | --- | --- | --- |",
        '| allowed → denied | no rule matches (allowed by default) | "Block IMAP outside" (Priority 3) denies | from 10\\.1\\.0\\.0\\-10\\.255\\.255\\.255 | contoso\\.com\\\\alex from 10\\.1\\.0\\.1 (BasicAuthentication, port 443) |',
        "",
      ].join("\n"),
    );
  });

  it("escapes pipes, backticks and links in rule names so they cannot break or forge the table", async () => {
    const result = await run(directory, "diff", "pipes.json", "powershell-only.json", "--format", "markdown");
    const row = result.stdout.split("\n").find((line) => line.includes("a \\| b")) as string;
    expect(row).toContain('"a \\| b \\`code\\` \\!\\[x\\]\\(http://example\\.com/x\\.png\\)" (Priority 2)');
    // Five cells: the escaped pipe does not add a column.
    expect(row.split(/(?<!\\)\|/u).length - 2).toBe(5);
    expect(row).not.toMatch(/(?<!\\)`/u);
  });
});

describe("diff --base (git)", () => {
  const repository = temporaryDirectory("diff-git");
  const git = (...args: string[]) => execFileSync("git", args, { cwd: repository, encoding: "utf8" });
  writeFiles(repository, { "rules/tenant.car.json": readFileSync(path.join(examples, "ews-block-without-rest.car.json"), "utf8") });
  git("init", "-q", "-b", "main");
  git("-c", "user.name=t", "-c", "user.email=t@example.com", "add", ".");
  git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "rules");
  writeFiles(repository, {
    "rules/tenant.car.json": readFileSync(path.join(examples, "ews-block-option2-except-rest.car.json"), "utf8"),
    "rules/new.car.json": rules([blockPop]),
  });

  it("compares the working file with its committed version", async () => {
    const result = await run(repository, "diff", "rules/tenant.car.json", "--base", "main", "--fail-on", "new-access");
    expect(result.exitCode).toBe(1);
    expect(result.stdout.split("\n").slice(0, 4)).toEqual([
      "Change review: main:rules/tenant.car.json → rules/tenant.car.json (coupled REST/EWS semantics, exchange-online)",
      "1 change in who can connect: new access.",
      "",
      "REST: denied → allowed",
    ]);
  });

  it("works from a subdirectory, with HEAD~0 and a commit id", async () => {
    const commit = git("rev-parse", "HEAD").trim();
    for (const revision of ["HEAD~0", commit]) {
      const result = await run(path.join(repository, "rules"), "diff", "tenant.car.json", "--base", revision, "--format", "json");
      expect(JSON.parse(result.stdout).changes).toHaveLength(1);
    }
  });

  it("treats a file that does not exist at the revision as having no rules", async () => {
    const result = await run(repository, "diff", "rules/new.car.json", "--base", "main", "--format", "json");
    expect(JSON.parse(result.stdout)).toMatchObject({ lostAccess: true, newAccess: false });
    const text = await run(repository, "diff", "rules/new.car.json", "--base", "main");
    expect(text.stdout.split("\n")[0]).toBe("Change review: main:rules/new.car.json (not in main: no rules) → rules/new.car.json (coupled REST/EWS semantics, exchange-online)");
  });

  it("says so for an unknown revision", async () => {
    const result = await run(repository, "diff", "rules/tenant.car.json", "--base", "no-such-branch");
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/^client-access-rules diff: --base: unknown revision "no-such-branch" in /u);
    expect(result.stderr).not.toContain("shallow");
  });

  it("in a shallow clone (as CI checks out by default), says how to fetch the base", async () => {
    const clone = temporaryDirectory("diff-shallow");
    execFileSync("git", ["clone", "-q", "--depth", "1", `file://${repository}`, clone]);
    const result = await run(clone, "diff", "rules/tenant.car.json", "--base", "HEAD~1");
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toBe(
      `client-access-rules diff: --base: unknown revision "HEAD~1" in ${realpathSync(clone)}: this clone is shallow and may not hold it; fetch the base first (actions/checkout with \`fetch-depth: 0\`, or \`git fetch origin <branch>\`)\n`,
    );
  });

  it("hands the revision to git as an argument, never to a shell: `main;touch x` is an unknown revision", async () => {
    for (const revision of ["main;touch x", "main && touch x", "$(touch x)", "`touch x`"]) {
      const result = await run(repository, "diff", "rules/tenant.car.json", "--base", revision);
      expect(result.exitCode).toBe(2);
      expect(result.stderr).toContain(`unknown revision "${revision}"`);
    }
    expect(existsSync(path.join(repository, "x"))).toBe(false);
    expect(existsSync(path.join(repository, "rules", "x"))).toBe(false);
  });

  it("refuses a revision that git would read as an option", async () => {
    const result = await run(repository, "diff", "rules/tenant.car.json", "--base=--output=x");
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toBe('client-access-rules diff: --base: "--output=x" is not a git revision\n');
    expect(existsSync(path.join(repository, "x"))).toBe(false);
  });

  it("says so outside a repository", async () => {
    const outside = temporaryDirectory("diff-no-git");
    writeFiles(outside, { "a.json": rules([blockPop]) });
    const result = await run(outside, "diff", "a.json", "--base", "main");
    expect(result).toEqual({ exitCode: 2, stdout: "", stderr: "client-access-rules diff: --base: a.json is not inside a git repository\n" });
  });
});

describe("diff: usage", () => {
  it("needs two files or one with --base", async () => {
    expect(await run(directory, "diff", "base.json")).toEqual({
      exitCode: 2,
      stdout: "",
      stderr: "client-access-rules diff: diff needs two rule files, or one with --base <revision>\n",
    });
    expect((await run(directory, "diff", "base.json", "a", "b")).stderr).toBe("client-access-rules diff: diff takes two rule files, got 3\n");
  });

  it("rejects unknown formats and fail-on kinds with a hint", async () => {
    expect((await run(directory, "diff", "base.json", "renamed.json", "--format", "markdwon")).stderr).toBe(
      'client-access-rules diff: unknown format "markdwon": did you mean markdown?\n',
    );
    expect(parseDiffArgs(["a", "b", "--fail-on", "NEW-ACCESS"])?.failOn).toBe("new-access");
  });

  it("says when a file is not a rule file or cannot be read", async () => {
    expect((await run(directory, "diff", "base.json", "package.json")).stderr).toBe(
      "client-access-rules diff: package.json is not a Client Access Rules file (no rule object with Action or a condition)\n",
    );
    expect((await run(directory, "diff", "base.json", "missing.json")).stderr).toBe(
      "client-access-rules diff: cannot read missing.json: no such file or directory\n",
    );
  });
});

describe("diff and report read PowerShell too (the model's reader, as lint uses it)", () => {
  const scripts = temporaryDirectory("diff-ps1");
  writeFiles(scripts, {
    "before.ps1": 'New-ClientAccessRule -Name "blockEWS" -Action DenyAccess -AnyOfProtocols ExchangeWebServices -Priority 1\n',
    "after.ps1": [
      'New-ClientAccessRule -Name "blockEWS" -Action DenyAccess -AnyOfProtocols ExchangeWebServices -Priority 1',
      "Set-ClientAccessRule -Identity blockEWS -ExceptAnyOfProtocols REST",
      "",
    ].join("\n"),
    "dsc.ps1": [
      "Configuration Tenant {",
      '  EXOClientAccessRule "BlockPowerShell" {',
      '    Identity = "Block PowerShell"',
      '    Action = "DenyAccess"',
      '    AnyOfProtocols = @("RemotePowerShell")',
      '    Ensure = "Present"',
      "  }",
      "}",
      "",
    ].join("\n"),
    "other.ps1": "Get-Mailbox | Format-Table\n",
  });

  it("diff of two scripts: REST denied → allowed", async () => {
    const result = await run(scripts, "diff", "before.ps1", "after.ps1", "--format", "json", "--fail-on", "new-access");
    expect(result.exitCode).toBe(1);
    expect(JSON.parse(result.stdout).changes).toMatchObject([
      { before: "DenyAccess", after: "AllowAccess", beforeRule: { name: "blockEWS" }, afterRule: null, region: { protocols: ["REST"] } },
    ]);
  });

  it("report of a Microsoft365DSC configuration", async () => {
    const result = await run(scripts, "report", "dsc.ps1", "--format", "json");
    expect(JSON.parse(result.stdout).remotePowerShell).toMatchObject({ verdict: "denied", denyingRules: [{ name: "Block PowerShell" }] });
  });

  it("a script without Client Access Rules is a usage error, not an empty rule set", async () => {
    expect(await run(scripts, "report", "other.ps1")).toEqual({
      exitCode: 2,
      stdout: "",
      stderr: "client-access-rules report: found no Client Access Rules in other.ps1 (no *-ClientAccessRule commands or EXOClientAccessRule blocks)\n",
    });
  });
});

describe("diff: a change to a 20-rule file fits a screen", () => {
  // The benchmark's generator and its edits (bench/generate.js, bench/views.js): one rule's action
  // flipped, one removed, the catch-all's exceptions changed.
  const generatorUrl = new URL("../../bench/generate.js", import.meta.url).href;
  const toCarJson = (list: readonly RuleSpec[]) =>
    rules(
      list.map((rule) => ({
        Name: rule.name,
        Priority: rule.priority,
        Enabled: rule.enabled,
        Action: rule.action,
        Scope: rule.scope,
        AnyOfProtocols: rule.protocols?.length ? rule.protocols : undefined,
        ExceptAnyOfProtocols: rule.exceptProtocols?.length ? rule.exceptProtocols : undefined,
        AnyOfAuthenticationTypes: rule.authenticationTypes?.length ? rule.authenticationTypes : undefined,
        AnyOfClientIPAddressesOrRanges: rule.clientIps?.length ? rule.clientIps.map(formatIpRange) : undefined,
        ExceptAnyOfClientIPAddressesOrRanges: rule.exceptClientIps?.length ? rule.exceptClientIps.map(formatIpRange) : undefined,
        UsernameMatchesAnyOfPatterns: rule.usernamePatterns?.length ? rule.usernamePatterns : undefined,
        ExceptUsernameMatchesAnyOfPatterns: rule.exceptUsernamePatterns?.length ? rule.exceptUsernamePatterns : undefined,
        UserRecipientFilter: rule.recipientFilter,
      })),
    );

  it(`prints every change, two lines each, within ${MAX_DIFF_LINES} lines, when the full form would not fit`, async () => {
    const { generateRuleSet } = (await import(generatorUrl)) as { generateRuleSet: (count: number, seed: number) => RuleSpec[] };
    const before = generateRuleSet(20, 20);
    const after = before.map((rule) => ({ ...rule }));
    after[10] = { ...after[10]!, action: after[10]!.action === "AllowAccess" ? "DenyAccess" : "AllowAccess" };
    after.splice(6, 1);
    after[after.length - 1] = { ...after.at(-1)!, exceptProtocols: ["RemotePowerShell"] };
    writeFiles(directory, { "generated-before.json": toCarJson(before), "generated-after.json": toCarJson(after) });
    const text = await run(directory, "diff", "generated-before.json", "generated-after.json");
    const json = await run(directory, "diff", "generated-before.json", "generated-after.json", "--format", "json");
    const document = JSON.parse(json.stdout) as { changes: Array<{ region: { protocols: string[]; parts: unknown[] } }> };
    const lines = text.stdout.trimEnd().split("\n");
    // The full form takes six lines a change (a blank line, the heading, before, after, who, e.g.).
    expect(2 + 6 * document.changes.length).toBeGreaterThan(MAX_DIFF_LINES);
    expect(lines.length).toBeLessThanOrEqual(MAX_DIFF_LINES);
    const headings = lines.filter((line) => / → (allowed|denied): /u.test(line));
    expect(headings.map((line) => line.split(":")[0])).toEqual(document.changes.map((change) => change.region.protocols.join(", ")));
    expect(lines.filter((line) => line.startsWith("  who: ")).length).toBe(document.changes.length);
  });
});
