import { fileReporters } from "../../reports/conformance/index.ts";
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runConformance } from "../run-conformance.ts";
import type { RunSummary } from "../runner/result.ts";
import { PYTHON_CANARIES } from "./python-canaries.ts";

// Issue 9: the whole suite against cinder's real Zed drivers (Debian's python3-cinder 21.3.1,
// through the driver protocol and cbh_shim), and the Python canaries; the drivers × rules
// matrix (JUnit, HTML, Markdown, JSON lines) is written under reports/out/.
const REPORTS = "reports/out/drivers";

/** Rules a real driver is known to fail, with the evidence (none for posix, swift, s3; gcs: gcs-findings.int.test.ts). */
// round-trip.sparse-past-4gib: a real chunked driver reads, hashes and compresses every byte of the
// 4 GiB+ sparse volume (chunkeddriver.py has no sparse read), which outlasts the 60 s rule timeout
// on a 2-core machine (measured: timed out for all three). A known cost, not a wrong answer.
const SLOW_SPARSE = {
  "round-trip.sparse-past-4gib": "real chunked driver reads every byte of a 4 GiB+ volume: over the 60 s rule timeout",
};
const KNOWN_FAILURES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  "cinder:posix": SLOW_SPARSE,
  "cinder:swift": SLOW_SPARSE,
  "cinder:s3": SLOW_SPARSE,
};
const REAL = Object.keys(KNOWN_FAILURES);

function failures(summary: RunSummary, driver: string): string[] {
  return summary.results
    .filter((r) => r.driver === driver && r.outcome === "FAIL")
    .map((r) => `${r.ruleId}: ${r.reason ?? ""}`.slice(0, 300));
}

describe("real cinder drivers under the conformance suite", () => {
  it("cinder:posix, cinder:swift and cinder:s3 pass every rule that applies (known failures aside); one matrix is written", async () => {
    const started = Date.now();
    const summary = await runConformance({ drivers: REAL, reporters: fileReporters(`${REPORTS}/real`) });
    console.log(`real drivers: ${((Date.now() - started) / 1000).toFixed(1)} s wall`);
    for (const d of REAL) {
      const known = KNOWN_FAILURES[d] ?? {};
      const failed = failures(summary, d);
      expect(
        failed.filter((f) => !(f.split(":")[0]! in known)),
        `${d} failures`,
      ).toEqual([]);
      expect(summary.counts[d]!.PASS, `${d} passes`).toBeGreaterThan(35);
    }
    for (const f of ["conformance.junit.xml", "conformance.html", "conformance.md"])
      expect(existsSync(`${REPORTS}/real/${f}`), f).toBe(true);
  }, 1_800_000);

  it("every Python canary (a broken subclass of PosixBackupDriver, loaded through python:) is caught by its rule", async () => {
    const started = Date.now();
    const summary = await runConformance({ drivers: [], pythonCanaries: true, reporters: fileReporters(`${REPORTS}/canaries`) });
    console.log(`python canaries: ${((Date.now() - started) / 1000).toFixed(1)} s wall`);
    expect(summary.canaries).toHaveLength(PYTHON_CANARIES.length);
    const missed = summary.canaries
      .filter((c) => !c.caughtByExpected)
      .map((c) => `${c.canary} (expected ${c.expectedToBreak}, caught by ${c.caughtBy.join(", ") || "nothing"})`);
    expect(missed).toEqual([]);
    expect(existsSync(`${REPORTS}/canaries/conformance.junit.xml`)).toBe(true);
  }, 1_500_000);
});
