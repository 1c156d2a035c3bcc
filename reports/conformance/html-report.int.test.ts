import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { htmlReporter } from "./html-reporter.ts";
import { junitXml } from "./junit-reporter.ts";
import { sampleRun } from "../testing/sample-run.ts";
import type { RunSummary } from "../../conformance/runner/reporter.ts";

// Debian's chromium (installed by .ci/run), driven by playwright-core: no browser download.
const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
  "--disable-sync",
];

describe("HTML conformance report in headless Chromium", () => {
  let browser: Browser;
  let summary: RunSummary;
  let url: string;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "cbh-html-"));
    summary = await sampleRun({ reporters: [htmlReporter(dir)] });
    url = pathToFileURL(join(dir, "conformance.html")).href;
    browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: FLAGS });
  });

  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("loads offline without fetching anything, shows the matrix counts, and a failure card opens", async () => {
    const context = await browser.newContext({ offline: true, javaScriptEnabled: false });
    const page = await context.newPage();
    const requests: string[] = [];
    page.on("request", (r) => requests.push(r.url()));
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    const resp = await page.goto(url, { waitUntil: "load" });
    expect(resp?.ok() ?? true).toBe(true);
    expect(requests).toEqual([url]);
    expect(errors).toEqual([]);
    expect(await page.title()).toBe("cbh conformance report");

    for (const d of summary.info.drivers) {
      for (const o of ["PASS", "FAIL", "SKIP", "NA"] as const) {
        const cell = page.locator(`td.count[data-driver="${d.id}"][data-outcome="${o}"]`);
        expect(await cell.textContent(), `${d.id} ${o}`).toBe(String(summary.counts[d.id]![o]));
      }
    }
    expect(await page.locator("#matrix tbody tr").count()).toBe(summary.info.rules.length);
    expect(await page.locator("#matrix td.FAIL").count()).toBe(1);
    expect(await page.locator("#matrix td.SKIP").count()).toBe(1);

    const card = page.locator("details.card").first();
    expect(await card.getAttribute("open")).toBeNull();
    expect(await card.locator("svg.seq").isVisible()).toBe(false);
    await page.locator("#matrix td.FAIL a").click(); // the matrix links to the card
    await card.locator("summary").click();
    expect(await card.getAttribute("open")).not.toBeNull();
    expect(await card.locator("svg.seq").isVisible()).toBe(true);
    expect(await card.locator("code.replay").textContent()).toBe(
      "npx cbh conformance --canary ignore-parent --rules 'incremental.stores-only-changed-blocks' --seed 5",
    );
    expect(await card.locator("pre").first().textContent()).toMatch(/^≤ \d+ bytes/);
    await context.close();
  });

  it("the JUnit XML is well-formed for a real XML parser (Chromium's DOMParser)", async () => {
    const context = await browser.newContext({ offline: true });
    const page = await context.newPage();
    const counts = await page.evaluate((xml) => {
      // Runs in the page: the browser's DOMParser (not in this project's TypeScript lib).
      type Doc = { getElementsByTagName(n: string): { length: number } };
      const Parser = (globalThis as unknown as { DOMParser: new () => { parseFromString(s: string, t: string): Doc } }).DOMParser;
      const doc = new Parser().parseFromString(xml, "application/xml");
      return {
        errors: doc.getElementsByTagName("parsererror").length,
        suites: doc.getElementsByTagName("testsuite").length,
        cases: doc.getElementsByTagName("testcase").length,
        failures: doc.getElementsByTagName("failure").length,
        skipped: doc.getElementsByTagName("skipped").length,
      };
    }, junitXml(summary));
    expect(counts).toEqual({ errors: 0, suites: 3, cases: 9, failures: 1, skipped: 2 });
    await context.close();
  });
});
