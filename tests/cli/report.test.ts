import path from "node:path";
import { describe, expect, it } from "vitest";
import { MAX_REPORT_LINES } from "../../lib/views/report-view.ts";
import { run, temporaryDirectory, writeFiles } from "./cli-harness.ts";

const examples = path.resolve(import.meta.dirname, "../../examples");
const directory = temporaryDirectory("report");
const rules = (list: readonly object[]) => `${JSON.stringify(list, null, 2)}\n`;

const hostileName = "<img src=x onerror=alert(1)>";
writeFiles(directory, {
  "hostile.json": rules([
    { Name: hostileName, Priority: 1, Action: "DenyAccess", AnyOfProtocols: ["POP3"], UsernameMatchesAnyOfPatterns: ["<script>*\\x"] },
    { Name: "Users '\" & <b>", Priority: 2, Action: "DenyAccess", AnyOfProtocols: ["IMAP4"], UserIsMemberOf: ["<svg onload=alert(2)>"] },
    { Name: "Link | `x`", Priority: 3, Action: "DenyAccess", AnyOfProtocols: ["POP3"] },
  ]),
  // Whether any name ending in y escapes all 15 exceptions needs more than the search bound allows.
  "undecided.json": rules([
    {
      Name: "Block y users",
      Priority: 1,
      Action: "DenyAccess",
      UsernameMatchesAnyOfPatterns: ["*y"],
      ExceptUsernameMatchesAnyOfPatterns: ["*\\*y", ..."abcdefghijklmn".split("").map((letter) => `*${letter}*y`)],
    },
  ]),
});

describe("report: headlines", () => {
  it("remote PowerShell locked out by a catch-all deny", async () => {
    const result = await run(examples, "report", "remote-powershell-lockout.car.json");
    expect(result.exitCode).toBe(0);
    expect(result.stdout.split("\n").slice(0, 5)).toEqual([
      "Access report: remote-powershell-lockout.car.json (coupled REST/EWS semantics, exchange-online)",
      "",
      'Remote PowerShell (administrators): DENIED for every connection (by "Block everything else" (Priority 3)); e.g. contoso.com\\alex from 198.51.100.23 (BasicAuthentication, port 443) is denied',
      "Outlook for iOS and Android (REST with OAuth): allowed for every connection",
      "Rules that decide nothing: none",
    ]);
  });

  it("Outlook for iOS and Android partly denied, in JSON with a witness and the denying rule", async () => {
    const result = await run(examples, "report", "office-only-catch-all.car.json", "--format", "json");
    const document = JSON.parse(result.stdout);
    expect(document.outlookMobile).toMatchObject({
      verdict: "partly denied",
      denyingRules: [{ name: "Block everything else", priority: 4 }],
      witness: { protocol: "REST", authenticationType: "OAuthAuthentication", port: 443 },
    });
    expect(document.remotePowerShell.verdict).toBe("allowed");
  });

  it("lists the rules that decide nothing, with why", async () => {
    const result = await run(examples, "report", "shadowed-rules.car.json", "--format", "json");
    const document = JSON.parse(result.stdout);
    expect(document.decidesNothing.length).toBeGreaterThan(0);
    for (const idle of document.decidesNothing) expect(idle.why).toMatch(/^(disabled|shadowed|redundant|matches nothing)/u);
  });

  it("with --target exchange-server a catch-all deny does not block Outlook mobile (REST is not covered there)", async () => {
    const online = JSON.parse((await run(examples, "report", "office-only-catch-all.car.json", "--format", "json")).stdout);
    expect(online.outlookMobile.verdict).toBe("partly denied");
    const server = JSON.parse(
      (await run(examples, "report", "office-only-catch-all.car.json", "--target", "exchange-server", "--format", "json")).stdout,
    );
    expect(server.outlookMobile).toEqual({ verdict: "allowed", witness: null, denyingRules: [] });
  });

  it("with --target exchange-server covers only the admin center and remote PowerShell", async () => {
    const result = await run(examples, "report", "exchange-server.car.json", "--target", "exchange-server", "--format", "json");
    expect(JSON.parse(result.stdout).protocols.map((entry: { protocol: string }) => entry.protocol)).toEqual([
      "ExchangeAdminCenter",
      "RemotePowerShell",
    ]);
  });
});

describe("report and diff with --target exchange-server", () => {
  it("name the target and what it covers, not the REST/EWS semantics, and drop the Outlook mobile line", async () => {
    const text = await run(examples, "report", "exchange-server.car.json", "--target", "exchange-server");
    expect(text.stdout.split("\n").slice(0, 4)).toEqual([
      "Access report: exchange-server.car.json (exchange-server: ExchangeAdminCenter and RemotePowerShell only)",
      "",
      "Remote PowerShell (administrators): allowed for every connection",
      "Rules that decide nothing: none",
    ]);
    const markdown = (await run(examples, "report", "exchange-server.car.json", "--target", "exchange-server", "--format", "markdown")).stdout;
    expect(markdown.split("\n")[2]).toBe("exchange-server: ExchangeAdminCenter and RemotePowerShell only");
    expect(markdown).not.toContain("Outlook for iOS");
    const html = (await run(examples, "report", "exchange-server.car.json", "--target", "exchange-server", "--format", "html")).stdout;
    expect(html).toContain("<p>exchange-server: ExchangeAdminCenter and RemotePowerShell only</p>");
    expect(html).not.toContain("Outlook for iOS");
    const diff = await run(examples, "diff", "exchange-server-lockout.car.json", "exchange-server.car.json", "--target", "exchange-server");
    expect(diff.stdout.split("\n")[0]).toBe(
      "Change review: exchange-server-lockout.car.json → exchange-server.car.json (exchange-server: ExchangeAdminCenter and RemotePowerShell only)",
    );
    // Exchange Online keeps both.
    const online = await run(examples, "report", "exchange-server.car.json");
    expect(online.stdout.split("\n")[0]).toBe("Access report: exchange-server.car.json (coupled REST/EWS semantics, exchange-online)");
    expect(online.stdout).toContain("Outlook for iOS and Android (REST with OAuth): ");
  });
});

describe("report --format html: escaping and no network", () => {
  it("shows rule names, patterns and groups as text, never as markup", async () => {
    const { stdout: html } = await run(directory, "report", "hostile.json", "--format", "html");
    expect(html).not.toContain("<img");
    expect(html).not.toContain("<script");
    expect(html).not.toContain("<svg");
    expect(html).not.toContain("<b>");
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(html).toContain("&lt;script&gt;*\\x");
    expect(html).toContain("&lt;svg onload=alert(2)&gt;");
    expect(html).toContain("Users &#39;&quot; &amp; &lt;b&gt;");
  });

  it("loads nothing: a Content-Security-Policy forbids it and no element points anywhere", async () => {
    const { stdout: html } = await run(directory, "report", "hostile.json", "--format", "html");
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`);
    // Every `<` in the page starts a real tag (text is escaped); their attributes load nothing.
    const attributes = new Set<string>();
    for (const tag of html.matchAll(/<[a-z][a-z0-9]*((?:\s+[a-z-]+(?:="[^"]*")?)*)\s*>/giu)) {
      for (const attribute of (tag[1] ?? "").matchAll(/([a-z-]+)(?:="[^"]*")?/giu)) attributes.add(attribute[1]!.toLowerCase());
    }
    expect([...attributes].sort()).toEqual(["charset", "class", "content", "http-equiv", "id", "lang", "name", "scope", "style", "title"]);
    expect(html.match(/</gu)?.length).toBe(html.match(/<\/?[a-z!][^<>]*>/giu)?.length);
    expect(html).not.toMatch(/<(script|link|iframe|object|embed|img)\b/iu);
    expect(html).not.toMatch(/url\(/iu);
  });

  it("markdown escapes the same names", async () => {
    const { stdout } = await run(directory, "report", "hostile.json", "--format", "markdown");
    expect(stdout).not.toContain("<img");
    expect(stdout).toContain("&lt;img src=x onerror=alert\\(1\\)\\>");
    expect(stdout).toContain('"Link \\| \\`x\\`"');
  });
});

describe("report: an analysis question left undecided is never a silent pass", () => {
  it("exits 1 in every format, says so on stderr and in the report, and the JSON has exact: false", async () => {
    for (const format of ["text", "markdown", "json", "html"]) {
      const result = await run(directory, "report", "undecided.json", "--format", format);
      expect(result.exitCode).toBe(1);
      expect(result.stderr).toBe(
        "client-access-rules could not decide everything in undecided.json (a search bound, see docs/performance.md): the output may include connections that cannot occur, so the exit code is 1.\n",
      );
      if (format === "json") expect(JSON.parse(result.stdout)).toMatchObject({ exact: false });
      else expect(result.stdout).toMatch(/analysis left some questions undecided/u);
    }
  });

  it("a decided report exits 0 with nothing on stderr", async () => {
    const result = await run(directory, "report", "hostile.json");
    expect([result.exitCode, result.stderr]).toEqual([0, ""]);
  });
});

describe("report: usage", () => {
  it("needs exactly one file and a known format", async () => {
    expect((await run(directory, "report")).stderr).toBe("client-access-rules report: report needs a rule file\n");
    expect((await run(directory, "report", "hostile.json", "--format", "pdf")).exitCode).toBe(2);
  });
});

describe("report: a 20-rule file fits a screen", () => {
  // The benchmark's generated files (bench/car-file.js, plain JS) cut every protocol differently.
  const carFileUrl = new URL("../../bench/car-file.js", import.meta.url).href;
  const generatedCarFile = async (seed: number) => {
    const carFile = (await import(carFileUrl)) as { generatedCarFile: (count: number, seed: number) => string };
    return carFile.generatedCarFile(20, seed);
  };

  for (const seed of [20, 1, 7]) {
    it(`generated set ${seed}: at most ${MAX_REPORT_LINES} lines, every deciding rule named, the JSON complete`, async () => {
      writeFiles(directory, { [`generated-${seed}.json`]: await generatedCarFile(seed) });
      const text = await run(directory, "report", `generated-${seed}.json`);
      const json = await run(directory, "report", `generated-${seed}.json`, "--format", "json");
      expect(text.exitCode).toBe(0);
      const lines = text.stdout.trimEnd().split("\n");
      expect(lines.length).toBeLessThanOrEqual(MAX_REPORT_LINES);
      const document = JSON.parse(json.stdout) as { protocols: Array<{ protocol: string; regions: Array<{ rule: { name: string } | null }> }> };
      const regions = document.protocols.flatMap((entry) => entry.regions);
      expect(regions.length).toBeGreaterThan(MAX_REPORT_LINES);
      // Each protocol's group lists each of its deciding rules, shown or on the "… more" line.
      for (const { protocol, regions: own } of document.protocols) {
        const start = lines.findIndex((line) => !line.startsWith(" ") && line.split(", ").includes(protocol));
        expect(start, protocol).toBeGreaterThan(0);
        const end = lines.findIndex((line, index) => index > start && !line.startsWith(" "));
        const block = lines.slice(start + 1, end === -1 ? undefined : end).join("\n");
        const named = [...block.matchAll(/(?:by|;) "([^"]+)"|(no rule matches)/gu)].map((match) => match[1] ?? null);
        const hiddenUnnamed = Number(/; and (\d+) more \(--format json/u.exec(block)?.[1] ?? 0);
        expect(named.length + hiddenUnnamed, protocol).toBe(own.length);
        for (const region of own.slice(0, named.length)) expect(named).toContain(region.rule?.name ?? null);
      }
      expect(text.stdout).toContain("(--format json lists them all)");
    });
  }
});
