/**
 * `report --format html` in a real browser engine: Debian's chromium, driven by puppeteer-core
 * (never a browser downloaded from a vendor). Every example's page opens with the matrix visible,
 * no console errors and no network request; a hostile rule file runs no script. Skips, saying
 * why, when no chromium is installed (`.ci/run` installs it with apt-get).
 */
import { existsSync, writeFileSync } from "node:fs";
import { readdirSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { computeReport } from "../../lib/cli/report.ts";
import { formatReportHtml } from "../../lib/views/report-html.ts";
import { temporaryDirectory, writeFiles } from "../cli/cli-harness.ts";

const examples = path.resolve(import.meta.dirname, "../../examples");
const exampleFiles = readdirSync(examples).filter((file) => /\.car\.jsonc?$/u.test(file)).sort();
const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];
const executablePath = candidates.find((candidate): candidate is string => candidate !== undefined && existsSync(candidate));
const directory = temporaryDirectory("report-html");

if (!executablePath) {
  console.warn("report-html-browser: skipped: no chromium found (apt-get install -y chromium, or set CHROMIUM_PATH)");
}

/** The browser globals the page callbacks use (the project's TypeScript has no DOM library). */
interface BrowserGlobals {
  getComputedStyle(element: unknown): { backgroundColor: string };
  document: { querySelector(selector: string): { getAttribute(name: string): string | null } | null };
}

interface PageVisit {
  readonly consoleErrors: string[];
  readonly requests: string[];
  readonly dialogs: string[];
}

describe.skipIf(!executablePath)(`report --format html in ${executablePath ?? "no browser"}`, () => {
  let browser: Browser;

  beforeAll(async () => {
    const puppeteer = await import("puppeteer-core");
    browser = await puppeteer.launch({
      executablePath,
      headless: true,
      // Root in CI containers cannot use chromium's sandbox; the page is our own, offline.
      args: ["--no-sandbox", "--disable-gpu", "--no-first-run"],
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  async function open(htmlFile: string, check: (page: import("puppeteer-core").Page) => Promise<void>): Promise<PageVisit> {
    const page = await browser.newPage();
    const visit: PageVisit = { consoleErrors: [], requests: [], dialogs: [] };
    const url = pathToFileURL(htmlFile).href;
    page.on("console", (message) => {
      if (message.type() === "error") visit.consoleErrors.push(message.text());
    });
    page.on("pageerror", (error) => visit.consoleErrors.push(String(error)));
    page.on("request", (request) => {
      if (request.url() !== url) visit.requests.push(request.url());
    });
    page.on("dialog", async (dialog) => {
      visit.dialogs.push(dialog.message());
      await dialog.dismiss();
    });
    await page.goto(url, { waitUntil: "load" });
    await check(page);
    await page.close();
    return visit;
  }

  for (const file of exampleFiles) {
    it(`${file}: the matrix is visible, coloured by decision, with the deciding rule on hover`, async () => {
      const report = await computeReport({ file, format: "html", restSemantics: "coupled", target: "exchange-online" }, examples);
      const htmlFile = path.join(directory, `${file}.html`);
      writeFileSync(htmlFile, formatReportHtml(report));
      const visit = await open(htmlFile, async (page) => {
        const matrix = await page.$("#matrix");
        const box = await matrix?.boundingBox();
        expect(box?.width).toBeGreaterThan(100);
        expect(box?.height).toBeGreaterThan(100);
        expect(await page.$$eval("#matrix tbody tr", (rows) => rows.length)).toBe(report.protocols.length);
        const colours = await page.$$eval("#matrix td.allow, #matrix td.deny", (cells) =>
          cells.map((cell) => [cell.className, (globalThis as unknown as BrowserGlobals).getComputedStyle(cell).backgroundColor, cell.getAttribute("title") ?? ""]),
        );
        const regions = report.protocols.reduce((total, entry) => total + entry.regions.length, 0);
        expect(colours).toHaveLength(regions);
        for (const [className, colour, title] of colours) {
          expect(colour).toBe(className === "allow" ? "rgb(223, 243, 228)" : "rgb(249, 220, 220)");
          expect(title).toMatch(/^(Allowed|Denied): (decided by "|no rule matches)/u);
        }
        const first = await page.$("#matrix td.allow, #matrix td.deny");
        await first?.hover();
        expect(await page.evaluate(() => (globalThis as unknown as BrowserGlobals).document.querySelector("#matrix td:hover")?.getAttribute("title"))).toMatch(/^(Allowed|Denied)/u);
      });
      expect(visit).toEqual({ consoleErrors: [], requests: [], dialogs: [] });
    });
  }

  it("a hostile rule file: names show as text, no element is injected, nothing runs or loads", async () => {
    writeFiles(directory, {
      "hostile.json": JSON.stringify([
        { Name: "<img src=x onerror=alert(1)>", Priority: 1, Action: "DenyAccess", AnyOfProtocols: ["POP3"] },
        { Name: "<script>alert(2)</script>", Priority: 2, Action: "DenyAccess", AnyOfProtocols: ["IMAP4"], UserIsMemberOf: ["\"><svg onload=alert(3)>"] },
        { Name: "x' onmouseover='alert(4)", Priority: 3, Action: "DenyAccess", UsernameMatchesAnyOfPatterns: ["<iframe src=http://example.com>\\*"] },
      ]),
    });
    const report = await computeReport({ file: "hostile.json", format: "html", restSemantics: "coupled", target: "exchange-online" }, directory);
    const htmlFile = path.join(directory, "hostile.html");
    writeFileSync(htmlFile, formatReportHtml(report));
    const visit = await open(htmlFile, async (page) => {
      expect(await page.$$eval("img, script, svg, iframe", (elements) => elements.length)).toBe(0);
      const text = await page.$eval("body", (body) => body.textContent ?? "");
      expect(text).toContain("<img src=x onerror=alert(1)>");
      expect(text).toContain("<script>alert(2)</script>");
      const cells = await page.$$("#matrix td.deny");
      for (const cell of cells) await cell.hover();
    });
    expect(visit).toEqual({ consoleErrors: [], requests: [], dialogs: [] });
  });
});
