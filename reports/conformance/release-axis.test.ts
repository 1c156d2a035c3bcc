import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { htmlReport, jsonlReporter, junitXml, markdownReport } from "./index.ts";
import { sampleRun } from "../testing/sample-run.ts";

// The release axis of the drivers × rules matrix: a driver that says which real cinder ran it
// (protocol drivers: the shim's describe) carries its release and version into every report;
// drivers that do not say (the sample's TypeScript drivers) get no release column value.
const plain = await sampleRun();
const summary = {
  ...plain,
  info: {
    ...plain.info,
    drivers: plain.info.drivers.map((d) => (d.id === "ref" ? { ...d, cinder: { release: "epoxy", version: "26.0.0" } } : d)),
  },
};

describe("reports carry each driver's cinder release", () => {
  it("Markdown: a cinder column, empty for a driver that is no real cinder's", () => {
    const md = markdownReport(summary);
    expect(md).toContain("| driver | cinder | PASS | FAIL | SKIP | NA |");
    expect(md).toMatch(/\| ref \| epoxy \(cinder 26\.0\.0\) \| 3 \| 0 \| 0 \| 0 \|/);
    expect(md).toMatch(/\| no-incremental \| {2}\| 1 \| 0 \| 1 \| 1 \|/);
    expect(markdownReport(plain)).not.toContain("| cinder |");
  });

  it("JUnit: cinder-release and cinder-version properties on that driver's testsuite only", () => {
    const xml = junitXml(summary);
    expect(xml.match(/<property name="cinder-release" value="epoxy"\/><property name="cinder-version" value="26.0.0"\/>/g)).toHaveLength(1);
  });

  it("JSON lines: cinder_release and cinder_version on that driver's lines", () => {
    const dir = mkdtempSync(join(tmpdir(), "cbh-release-axis-"));
    try {
      const r = jsonlReporter(dir);
      void r.onRunStart?.(summary.info);
      for (const x of summary.results) void r.onRuleResult?.(x);
      const lines = readFileSync(join(dir, "conformance.jsonl"), "utf8")
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(
        lines.filter((l) => l["driver"] === "ref").every((l) => l["cinder_release"] === "epoxy" && l["cinder_version"] === "26.0.0"),
      ).toBe(true);
      expect(lines.filter((l) => l["driver"] !== "ref").some((l) => "cinder_release" in l)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("HTML: the driver table names the release", () => {
    expect(htmlReport(summary)).toContain("<td>ref</td><td>epoxy (cinder 26.0.0)</td>");
  });
});
