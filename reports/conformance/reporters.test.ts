import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fileReporters, htmlReport, jsonlLine, junitXml, markdownReport } from "./index.ts";
import { sampleRun } from "../testing/sample-run.ts";

const summary = await sampleRun();

describe("reporters", () => {
  it("the sample run has every outcome", () => {
    expect(summary.counts).toEqual({
      ref: { PASS: 3, FAIL: 0, SKIP: 0, NA: 0 },
      "canary:ignore-parent": { PASS: 2, FAIL: 1, SKIP: 0, NA: 0 },
      "no-incremental": { PASS: 1, FAIL: 0, SKIP: 1, NA: 1 },
    });
  });

  it("JUnit: a testsuite per driver, a testcase per rule, failures and skip reasons", () => {
    const xml = junitXml(summary);
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>/);
    expect(xml.match(/<testsuite /g)).toHaveLength(3);
    expect(xml.match(/<testcase /g)).toHaveLength(9);
    expect(xml).toContain('<testsuites name="cbh conformance" tests="9" failures="1" skipped="2"');
    expect(xml).toMatch(
      /<testcase name="incremental.stores-only-changed-blocks" classname="canary:ignore-parent.incremental" time="[\d.]+">\s*<failure message="incremental stored far more/,
    );
    expect(xml).toContain(
      "replay:   npx cbh conformance --canary ignore-parent --rules &apos;incremental.stores-only-changed-blocks&apos; --seed 5",
    );
    expect(xml).toContain('<skipped message="SKIP: driver does not declare capability incremental"/>');
    expect(xml).toMatch(/<skipped message="NA: store is not in cinder&apos;s chunked format/);
  });

  it("JSON lines: one line per result with status, duration, reason and replay", () => {
    const lines = summary.results.map((r) => JSON.parse(jsonlLine(r)) as Record<string, unknown>);
    expect(lines.map((l) => l["status"])).toEqual(["PASS", "PASS", "PASS", "PASS", "FAIL", "PASS", "PASS", "SKIP", "NA"]);
    const fail = lines[4]!;
    expect(fail).toMatchObject({ driver: "canary:ignore-parent", rule: "incremental.stores-only-changed-blocks", area: "incremental" });
    expect(typeof fail["duration_ms"]).toBe("number");
    expect(String(fail["replay"])).toContain("--canary ignore-parent");
    expect(lines[7]!["reason"]).toBe("driver does not declare capability incremental");
  });

  it("Markdown: counts, matrix, canary verdicts, skip reasons", () => {
    const md = markdownReport(summary);
    expect(md).toContain("| canary:ignore-parent | 2 | 1 | 0 | 0 |");
    expect(md).toContain("| `incremental.stores-only-changed-blocks` | ✅ PASS | ❌ FAIL | ⏭ SKIP |");
    expect(md).toContain(
      "| canary:ignore-parent | `incremental.stores-only-changed-blocks` | `incremental.stores-only-changed-blocks` | caught |",
    );
    expect(md).toContain("no-incremental · `format.metadata-md5-matches-data` — NA:");
    expect(md).toMatch(/^cinder-backup-harness \d+\.\d+\.\d+ \([0-9a-f]{4,}\) · Seed 5 · started/m);
  });

  it("HTML: self-contained, matrix with counts, one card per failure with an SVG trace", () => {
    const html = htmlReport(summary);
    expect(html).not.toMatch(/<(script|link)\b[^>]*\b(src|href)=/i);
    expect(html).not.toMatch(/https?:\/\//);
    expect(html.match(/<details class="card"/g)).toHaveLength(1);
    expect(html).toContain('data-driver="canary:ignore-parent" data-outcome="FAIL">1<');
    expect(html).toMatch(/<svg [^>]*class="seq"/);
    expect(html).toContain(
      "npx cbh conformance --canary ignore-parent --rules &apos;incremental.stores-only-changed-blocks&apos; --seed 5",
    );
  });

  it("file reporters write four files into the report directory", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cbh-report-"));
    await sampleRun({ reporters: fileReporters(dir) });
    expect(readFileSync(join(dir, "conformance.jsonl"), "utf8").trim().split("\n")).toHaveLength(9);
    expect(readFileSync(join(dir, "conformance.junit.xml"), "utf8")).toContain("<testsuites");
    expect(readFileSync(join(dir, "conformance.md"), "utf8")).toContain("# Conformance report");
    expect(readFileSync(join(dir, "conformance.html"), "utf8")).toContain('<table id="matrix">');
    rmSync(dir, { recursive: true, force: true });
  });
});
