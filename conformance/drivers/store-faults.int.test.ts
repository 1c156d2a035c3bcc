import { describe, expect, it } from "vitest";
import { fileReporters } from "../../reports/conformance/index.ts";
import { runConformance } from "../run-conformance.ts";
import { PYTHON_CANARY_DIR } from "./python-canaries.ts";

// Issue 9 §7: the fault proxy between real drivers and their stores (radosgw's S3 API, the Swift
// AIO), the faults.* rules, and each driver's retry behaviour as observed at the proxy. (cinder:swift
// and cinder:s3 also run these rules with every other one in real-drivers.int.test.ts.)
describe("store faults between real drivers and their stores", () => {
  it("cinder:s3 passes the faults.* rules and the report lists its retries; a driver that swallows failed writes is caught", async () => {
    const summary = await runConformance({
      drivers: ["cinder:s3", "python:cbh_canaries.s3.SwallowsFailedWrites"],
      backend: "s3",
      rules: "faults.*",
      protocol: { driverPaths: [PYTHON_CANARY_DIR] },
      reporters: fileReporters("reports/out/drivers/store-faults"),
    });
    const of = (driver: string, rule: string) => summary.results.find((r) => r.driver === driver && r.ruleId === rule)!;
    for (const d of ["cinder:s3"]) {
      for (const rule of [
        "faults.transient-backup-completes-or-fails-cleanly",
        "faults.restore-never-wrong-bytes",
        "faults.delete-after-failed-backup-leaves-nothing",
      ]) {
        expect(of(d, rule).outcome, `${d} ${rule}: ${of(d, rule).reason ?? ""}`).toBe("PASS");
        expect(of(d, rule).observed?.[0]).toMatch(/object requests, \d+ faults: \d+ retried/);
      }
      // It retries a refused write with cinder's default options (boto3's retries).
      expect(of(d, "faults.delete-after-failed-backup-leaves-nothing").observed![0]).toMatch(/http-500 [1-9]\d*\/\d+/);
    }
    const canary = of("python:cbh_canaries.s3.SwallowsFailedWrites", "faults.delete-after-failed-backup-leaves-nothing");
    expect(canary.outcome).toBe("FAIL");
    expect(canary.reason).toMatch(/did not fail/);
  }, 900_000);
});
