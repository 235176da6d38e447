/**
 * The built executable (dist/bin, `npm run build`), spawned as a user runs it: the shebang, the
 * exit codes and the streams, beyond what the in-process tests see.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../", import.meta.url));
const bin = path.join(root, "dist/bin/client-access-rules.js");
const directory = mkdtempSync(path.join(tmpdir(), "car-bin-"));
afterAll(() => rmSync(directory, { recursive: true, force: true }));
writeFileSync(
  path.join(directory, "ews.json"),
  '[{"Name":"blockEWS","Action":"DenyAccess","AnyOfProtocols":["ExchangeWebServices"],"Priority":1}]\n',
);

function cli(...args: string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd: directory, encoding: "utf8", timeout: 30_000 });
  return { exitCode: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("dist/bin/client-access-rules.js", () => {
  it("stops quietly when the reader closes the pipe early (| head), keeping its own exit code", () => {
    // Many regions: a report longer than the pipe's buffer, so writes go on after `head` has left.
    const many = Array.from({ length: 300 }, (_, index) => ({
      Name: `Block ${index}`,
      Action: "DenyAccess",
      AnyOfProtocols: ["POP3"],
      AnyOfClientIPAddressesOrRanges: [`10.${index >> 8}.${index & 255}.0/24`],
      Priority: index + 1,
    }));
    writeFileSync(path.join(directory, "many.json"), `${JSON.stringify(many)}\n`);
    const script = `set -o pipefail; "${process.execPath}" "${bin}" report many.json --format json | head -c 100 > /dev/null`;
    const result = spawnSync("bash", ["-c", script], { cwd: directory, encoding: "utf8", timeout: 60_000 });
    expect([result.status, result.stderr]).toEqual([0, ""]);
    const linted = spawnSync("bash", ["-c", `set -o pipefail; "${process.execPath}" "${bin}" lint ews.json | head -c 1 > /dev/null`], {
      cwd: directory,
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(linted.status).toBe(cli("lint", "ews.json").exitCode);
  });

  it("starts with the node shebang (package.json bin)", () => {
    expect(readFileSync(bin, "utf8").split("\n")[0]).toBe("#!/usr/bin/env node");
  });

  it("answers the seed scenario: denied under coupled semantics, allowed under independent", () => {
    const coupled = cli("what-if", "ews.json", "--protocol", "REST", "--ip", "203.0.113.5");
    expect(coupled.exitCode).toBe(0);
    expect(coupled.stdout).toContain('Decided by "blockEWS" (Priority 1): DenyAccess.\n');
    const independent = cli("what-if", "ews.json", "--protocol", "REST", "--ip", "203.0.113.5", "--semantics", "independent");
    expect(independent.stdout).toContain("No rule matched: allowed by default (AllowAccess).\n");
  });

  it("lints standard input for -, under --stdin-filename", () => {
    const text = '[{"Name":"Block POP","Action":"Deny","AnyOfProtocols":["POP3"],"Priority":1}]\n';
    const result = spawnSync(process.execPath, [bin, "lint", "-", "--stdin-filename", "tenant.json", "--format", "json"], {
      cwd: directory,
      encoding: "utf8",
      input: text,
      timeout: 30_000,
    });
    expect(result.status).toBe(1);
    const [only] = JSON.parse(result.stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string }> }>;
    expect(path.basename(only!.filePath)).toBe("tenant.json");
    expect(only!.messages.map((message) => message.ruleId)).toEqual(["client-access-rules/valid-schema"]);
  });

  it("exits 1 on lint errors and 2 on usage errors, with one line on stderr", () => {
    const lint = cli("lint", "ews.json");
    expect(lint.exitCode).toBe(1);
    expect(lint.stdout).toContain("client-access-rules/no-ews-block-without-rest-exception");
    expect(cli("what-if", "ews.json", "--protocol", "REST", "--ip", "203.0.113")).toEqual({
      exitCode: 2,
      stdout: "",
      stderr: "client-access-rules what-if: --ip: `203.0.113` is not an IPv4 address: it has 3 parts; write four decimal octets (a.b.c.d)\n",
    });
    expect(cli("audit")).toEqual({ exitCode: 2, stdout: "", stderr: 'client-access-rules: unknown command "audit" (use lint, what-if, diff or report)\n' });
  });

  it("prints its version and usage", () => {
    const version = cli("--version");
    expect(version.stdout).toBe(`${JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")).version}\n`);
    // No command is a usage error: the usage goes to stderr (fuzz case: it went to stdout).
    const usage = cli();
    expect(usage.exitCode).toBe(2);
    expect(usage.stdout).toBe("");
    expect(usage.stderr).toMatch(/^Usage: client-access-rules <command>/u);
    const help = cli("--help");
    expect(help.exitCode).toBe(0);
    expect(help.stdout).toMatch(/^Usage: client-access-rules <command>/u);
  });
});
