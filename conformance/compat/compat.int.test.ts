import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compatFileReporters } from "../../reports/compat/index.ts";
import { COMPAT_CASES } from "./compat-cases.ts";
import { DIRECTIONS } from "./compat-matrix.ts";
import type { CompatRelease } from "./release-image.ts";
import { runCompat } from "./run-compat.ts";

// Issue 13 §4, the CI gate: cinder's real drivers of two releases over one real store, both
// directions, every case, for posix and one object store (the Swift AIO: its cases run 2–3× faster
// than S3 on radosgw here). The matrix lands in reports/out/compat/.
// docker-up.sh builds local/cbh-drivers-epoxy:ci from this checkout's shim: zed→epoxy and epoxy→zed.
const FROM: CompatRelease = "zed";
const TO: CompatRelease = "epoxy";
const DRIVERS = ["posix", "swift"];
const REPORTS = "reports/out/compat";

describe(`cbh compat ${FROM}→${TO}: real drivers of both releases over one store`, () => {
  it(`${DRIVERS.join(" and ")}: every case passes in both directions, nothing is left in the stores`, async () => {
    const started = Date.now();
    const summary = await runCompat({
      drivers: DRIVERS,
      from: FROM,
      to: TO,
      cases: COMPAT_CASES,
      directions: DIRECTIONS,
      reporters: compatFileReporters(REPORTS),
    });
    console.log(`compat ${FROM}→${TO} (${DRIVERS.join(", ")}): ${((Date.now() - started) / 1000).toFixed(1)} s wall`);
    expect(summary.results).toHaveLength(DRIVERS.length * DIRECTIONS.length * COMPAT_CASES.length);
    expect(
      summary.results.filter((r) => r.outcome !== "PASS").map((r) => `${r.driver} ${r.ruleId}: ${r.outcome} ${r.reason ?? ""}`),
    ).toEqual([]);
    for (const r of summary.results) {
      const reader = r.driver.split("→")[1]!;
      expect(r.observed?.join("\n"), `${r.driver} ${r.ruleId}`).toMatch(
        new RegExp(`restored byte-exact by ${reader}[\\s\\S]*deleted by ${reader}: no object left`),
      );
    }
    // each compression case's objects really carry its algorithm (none where compressing did not shrink)
    for (const r of summary.results.filter((x) => x.ruleId.startsWith("compression-")))
      expect(r.observed?.[0], `${r.driver} ${r.ruleId}`).toMatch(new RegExp(`wrote ${r.ruleId.slice(12)}: [1-9]\\d* of \\d+ objects`));
    expect(
      summary.results.filter((r) => r.ruleId === "export-import").every((r) => /2 record\(s\) imported/.test(r.observed!.join())),
    ).toBe(true);
    // the matrix: a column per driver × direction in every report
    const md = readFileSync(`${REPORTS}/compat.md`, "utf8");
    for (const d of DRIVERS) {
      expect(md).toContain(`cinder:${d} upgrade ${FROM}→${TO}`);
      expect(md).toContain(`cinder:${d} downgrade ${TO}→${FROM}`);
    }
    for (const f of ["compat.junit.xml", "compat.html", "compat.jsonl"]) expect(existsSync(`${REPORTS}/${f}`), f).toBe(true);
    expect(readFileSync(`${REPORTS}/compat.jsonl`, "utf8").trim().split("\n")).toHaveLength(summary.results.length);
  });
});
