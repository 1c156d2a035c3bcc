import { availableParallelism } from "node:os";
import { recordedFileReporters } from "../../reports/conformance/index.ts";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runConformance } from "../run-conformance.ts";
import { PYTHON_CANARIES } from "./python-canaries.ts";
import { allRules } from "../rules/index.ts";

// Issue 9, the CI gate: the whole suite against cinder's five chunked Zed drivers (Debian's
// python3-cinder 21.3.1 in the drivers container, through the driver protocol and cbh_shim) and,
// issue 13, two of them from Debian 13's 26.0.0 (Epoxy, in the epoxy drivers container) in one
// run: their drivers × rules matrix (JUnit, HTML, Markdown, JSON lines) in reports/out/drivers/real/.
// Each driver's known failures are listed with their evidence in known-failures/*.yaml and show as
// known in the matrix. Then the Python canaries, in reports/out/drivers/canaries/. Each run also
// writes its run record: `npm run test:integration` then combines these runs and the other drivers'
// (scripts/ci/driver-matrix.sh) into one matrix in reports/out/drivers/.
const REPORTS = "reports/out/drivers/real";
const CANARY_REPORTS = "reports/out/drivers/canaries";
// relative, so the matrix's replay commands read `--known-failures conformance/drivers/known-failures/…`
const KNOWN = relative(process.cwd(), join(dirname(fileURLToPath(import.meta.url)), "known-failures"));
const KNOWN_FAILURES: Readonly<Record<string, string>> = {
  "cinder:posix": join(KNOWN, "cinder-chunked-zed.yaml"),
  "cinder:nfs": join(KNOWN, "cinder-chunked-zed.yaml"),
  "cinder:swift": join(KNOWN, "cinder-chunked-zed.yaml"),
  "cinder:s3": join(KNOWN, "cinder-chunked-zed.yaml"),
  "cinder:gcs": join(KNOWN, "cinder-gcs-zed.yaml"),
  // the release axis (issue 13): the same classes from Debian 13's cinder 26.0.0 (2025.1 Epoxy), in
  // local/cbh-drivers-epoxy:ci; what differs between the releases is in docs/releases.md
  "cinder:posix@epoxy": join(KNOWN, "cinder-chunked-epoxy.yaml"),
  "cinder:s3@epoxy": join(KNOWN, "cinder-chunked-epoxy.yaml"),
  "cinder:gcs@epoxy": join(KNOWN, "cinder-gcs-epoxy.yaml"),
};
const REAL = Object.keys(KNOWN_FAILURES);

/**
 * Rules no Python canary is meant to trip that cost a minute or more each on a posix subclass
 * (a 4 GiB+ volume read and written back: 1.5-3 min on 2 loaded cores; a 30 s many-object round
 * trip): the canaries' run leaves them out, which keeps its twelve drivers at minutes, not an hour.
 */
const SLOW_FOR_CANARIES = ["round-trip.sparse-past-4gib", "round-trip.many-objects"];

/**
 * swift@epoxy and nfs@epoxy run on the rules that reach what 26.0.0 changed in a chunked driver
 * (docs/releases.md, "Drivers"): the backup loop (`_backup_chunk`'s reused buffer), the restore
 * loop (`volume_is_new`, `_write_nonzero`; cancel checks inside it), Swift's delete (404 ignored),
 * the on-storage format and records. Left out, as for the canaries, the two slow rules
 * (`sparse-past-4gib` runs on posix@epoxy and s3@epoxy, over the same chunked code) and the rules
 * whose release-dependent part is the simulator's manager, not the driver (`cloud.*`,
 * `concurrency.*`, `faults.*`, `model.*`: they run for swift and nfs at Zed, whose swift.py/nfs.py
 * transport code Epoxy keeps). 34 of 49 rules; ≈ 3 min for both instead of ≈ 6–7.
 */
const EPOXY_CHUNKED_FAMILIES = ["setup", "round-trip", "restore", "incremental", "delete", "cancel", "export-import", "metadata", "format"];
const EPOXY_REDUCED_RULES = allRules
  .map((r) => r.id)
  .filter((id) => EPOXY_CHUNKED_FAMILIES.includes(id.split(".")[0]!) && !SLOW_FOR_CANARIES.includes(id));
const EPOXY_REDUCED: Readonly<Record<string, string>> = {
  "cinder:swift@epoxy": join(KNOWN, "cinder-chunked-epoxy.yaml"),
  "cinder:nfs@epoxy": join(KNOWN, "cinder-chunked-epoxy.yaml"),
};
const EPOXY_REDUCED_REPORTS = "reports/out/drivers/epoxy-reduced";

describe("real cinder drivers under the conformance suite: the drivers × rules matrix", () => {
  it("posix, nfs, swift and s3 (and posix, s3 at epoxy) pass every rule that applies; every gcs failure is its listed finding", async () => {
    const started = Date.now();
    const summary = await runConformance({
      drivers: REAL,
      knownFailuresByDriver: KNOWN_FAILURES,
      // as `cbh conformance` does by default: a lane per CPU, each driver's rules in order in its lane
      driverLanes: availableParallelism(),
      reporters: recordedFileReporters(REPORTS, "integration: real-drivers"),
    });
    console.log(`real drivers: ${((Date.now() - started) / 1000).toFixed(1)} s wall`);
    const of = (d: string) => summary.results.filter((r) => r.driver === d);

    // No failure that is not listed (with its evidence) for that driver.
    for (const d of REAL)
      expect(
        of(d)
          .filter((r) => r.outcome === "FAIL" && !r.knownFailure)
          .map((r) => `${r.ruleId}: ${r.reason ?? ""}`.slice(0, 300)),
        `${d}: unlisted failures`,
      ).toEqual([]);
    for (const d of ["cinder:posix", "cinder:nfs", "cinder:swift", "cinder:s3", "cinder:posix@epoxy", "cinder:s3@epoxy"]) {
      expect(summary.counts[d]!.PASS, `${d} passes`).toBeGreaterThan(35);
      // the 4 GiB+ volume within the rule's byte budget (runner/rule-budget.ts): no longer a timeout
      expect(of(d).find((r) => r.ruleId === "round-trip.sparse-past-4gib")?.outcome, d).toBe("PASS");
      // the faults.* rules: the fault proxy (swift, s3), the FUSE layer under the NFS and posix paths
      expect(
        of(d)
          .filter((r) => r.ruleId.startsWith("faults."))
          .map((r) => r.outcome),
        d,
      ).toEqual(["PASS", "PASS", "PASS"]);
    }

    // The GCS finding: Zed's GoogleBackupDriver cannot write (md5 .encode on bytes), and every rule
    // listed for it fails (a listed rule that passes would be an unexpected pass). Epoxy's 26.0.0
    // gcs.py still has the line (docs/releases.md): the same failure, rule for rule.
    for (const d of ["cinder:gcs", "cinder:gcs@epoxy"]) {
      const gcs = of(d);
      expect(gcs.find((r) => r.ruleId === "round-trip.one-byte")?.reason, d).toMatch(
        /GCSConnectionFailure\b.*'bytes' object has no attribute 'encode'/s,
      );
      expect(gcs.find((r) => r.ruleId === "setup.check-for-setup-error")?.outcome, d).toBe("PASS");
      expect(
        gcs.filter((r) => r.unexpectedPass).map((r) => r.ruleId),
        d,
      ).toEqual([]);
    }
    const failing = (d: string) =>
      of(d)
        .filter((r) => r.outcome === "FAIL")
        .map((r) => r.ruleId);
    expect(failing("cinder:gcs@epoxy")).toEqual(failing("cinder:gcs"));

    // The release axis: each real driver says which cinder ran it, in every report.
    const ran = Object.fromEntries(summary.info.drivers.map((d) => [d.id, d.cinder]));
    for (const d of REAL)
      expect(ran[d], d).toEqual(d.endsWith("@epoxy") ? { release: "epoxy", version: "26.0.0" } : { release: "zed", version: "21.3.1" });
    const line = (d: string) =>
      readFileSync(`${REPORTS}/conformance.jsonl`, "utf8")
        .split("\n")
        .filter(Boolean)
        .map((l) => JSON.parse(l) as { driver: string; cinder_release: string })
        .find((l) => l.driver === d);
    expect(line("cinder:posix@epoxy")?.cinder_release).toBe("epoxy");
    expect(line("cinder:posix")?.cinder_release).toBe("zed");
    expect(readFileSync(`${REPORTS}/conformance.md`, "utf8")).toContain("| cinder:s3@epoxy | epoxy (cinder 26.0.0) |");

    // The matrix: a testsuite per driver in JUnit, every driver in the HTML and Markdown.
    for (const f of ["conformance.junit.xml", "conformance.html", "conformance.md", "conformance.jsonl"])
      expect(existsSync(`${REPORTS}/${f}`), f).toBe(true);
    const junit = readFileSync(`${REPORTS}/conformance.junit.xml`, "utf8");
    for (const d of REAL) expect(junit, d).toContain(`<testsuite name="${d}"`);
    for (const f of ["conformance.md", "conformance.html"])
      for (const d of REAL) expect(readFileSync(`${REPORTS}/${f}`, "utf8"), `${f} ${d}`).toContain(d);
  }, 3_600_000);

  it("swift and nfs at epoxy pass every rule of the reduced set that reaches what Epoxy changed", async () => {
    expect(EPOXY_REDUCED_RULES).toEqual(
      expect.arrayContaining([
        "round-trip.sparse-to-new-volume",
        "round-trip.zero-regions-onto-existing",
        "restore.larger-target-keeps-tail",
        "cancel.restore-reset-status-cancels",
        "delete.tolerates-missing-objects",
        "format.sha256file-matches-volume",
      ]),
    );
    const started = Date.now();
    const summary = await runConformance({
      drivers: Object.keys(EPOXY_REDUCED),
      knownFailuresByDriver: EPOXY_REDUCED,
      rules: EPOXY_REDUCED_RULES.join(","),
      driverLanes: availableParallelism(),
      reporters: recordedFileReporters(EPOXY_REDUCED_REPORTS, "integration: swift, nfs at epoxy (reduced rules)"),
    });
    console.log(`swift, nfs at epoxy (${EPOXY_REDUCED_RULES.length} rules): ${((Date.now() - started) / 1000).toFixed(1)} s wall`);
    for (const d of Object.keys(EPOXY_REDUCED)) {
      const of = summary.results.filter((r) => r.driver === d);
      expect(
        of.filter((r) => r.outcome === "FAIL").map((r) => `${r.ruleId}: ${r.reason ?? ""}`.slice(0, 300)),
        d,
      ).toEqual([]);
      expect(of.map((r) => r.ruleId).sort(), d).toEqual([...EPOXY_REDUCED_RULES].sort());
      // all but round-trip.sparse-aware-skips-zero-blocks (no sparseAware capability: SKIP)
      expect(summary.counts[d]!.PASS, d).toBe(EPOXY_REDUCED_RULES.length - 1);
    }
    const ran = Object.fromEntries(summary.info.drivers.map((d) => [d.id, d.cinder]));
    for (const d of Object.keys(EPOXY_REDUCED)) expect(ran[d], d).toEqual({ release: "epoxy", version: "26.0.0" });
  }, 3_600_000);

  it("every Python canary (a broken subclass of PosixBackupDriver, loaded through python:) is caught by its rule", async () => {
    expect(PYTHON_CANARIES.filter((c) => SLOW_FOR_CANARIES.includes(c.breaks))).toEqual([]);
    expect(allRules.map((r) => r.id)).toEqual(expect.arrayContaining(SLOW_FOR_CANARIES));
    const rules = allRules
      .map((r) => r.id)
      .filter((id) => !SLOW_FOR_CANARIES.includes(id))
      .join(",");
    const started = Date.now();
    const summary = await runConformance({
      drivers: [],
      pythonCanaries: true,
      rules,
      driverLanes: availableParallelism(),
      reporters: recordedFileReporters(CANARY_REPORTS, "integration: python canaries"),
    });
    console.log(`python canaries: ${((Date.now() - started) / 1000).toFixed(1)} s wall`);
    expect(summary.canaries).toHaveLength(PYTHON_CANARIES.length);
    expect(
      summary.canaries
        .filter((c) => !c.caughtByExpected)
        .map((c) => `${c.canary} (expected ${c.expectedToBreak}, caught by ${c.caughtBy.join(", ") || "nothing"})`),
    ).toEqual([]);
    const junit = readFileSync(`${CANARY_REPORTS}/conformance.junit.xml`, "utf8");
    for (const c of PYTHON_CANARIES) expect(junit).toContain(`<testsuite name="python:${c.classPath}"`);
  }, 3_600_000);
});
