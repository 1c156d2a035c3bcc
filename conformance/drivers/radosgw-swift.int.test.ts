import { recordedFileReporters } from "../../reports/conformance/index.ts";
import { describe, expect, it } from "vitest";
import { resolveDriver } from "../driver/driver-registry.ts";
import { runConformance } from "../run-conformance.ts";
import { allRules } from "../rules/index.ts";

// Issue 9: radosgw's Swift API (the Ceph container, /auth/v1.0) as a second target of Zed's
// SwiftBackupDriver: backup_swift_auth=single_user, backup_swift_auth_version=1, the radosgw
// swift subuser's key. Known failure as for the Swift AIO: round-trip.sparse-past-4gib (the
// chunked driver reads every byte of a 4 GiB+ volume, over the rule timeout on 2 cores): left out
// here with the model run (both minutes of CI each; the Swift AIO run in real-drivers has them),
// so this file checks the second Swift API, not the driver's cost.
const LEFT_OUT = new Set(["round-trip.sparse-past-4gib", "model.random-operation-sequences"]);
const RULES = allRules
  .map((r) => r.id)
  .filter((id) => !LEFT_OUT.has(id))
  .join(",");

describe("cinder:swift@radosgw (SwiftBackupDriver against radosgw's Swift API)", () => {
  it("an unknown target is refused, naming the known ones", async () => {
    await expect(resolveDriver("cinder:swift@minio")).rejects.toThrow(/unknown driver 'cinder:swift@minio'.*cinder:swift@radosgw/s);
  });

  it("passes every rule that applies (but the 4 GiB sparse round trip and the model run); force delete, restore cancel and store faults run", async () => {
    const started = Date.now();
    const summary = await runConformance({
      drivers: ["cinder:swift@radosgw"],
      rules: RULES,
      timeoutMs: 120_000, // the model run took 40-60 s at load average 10 on 2 cores
      reporters: recordedFileReporters("reports/out/drivers/radosgw-swift", "integration: radosgw-swift"),
    });
    console.log(`cinder:swift@radosgw suite: ${((Date.now() - started) / 1000).toFixed(1)} s wall`);
    const failed = summary.results.filter((r) => r.outcome === "FAIL").map((r) => `${r.ruleId}: ${r.reason ?? ""}`.slice(0, 300));
    expect(failed).toEqual([]);
    const outcome = (id: string) => summary.results.find((r) => r.ruleId === id)!.outcome;
    for (const id of [
      "cancel.backup-force-delete-leaves-no-partial-backup",
      "cloud.force-delete-during-backup",
      "format.sha256file-matches-volume",
      "faults.transient-backup-completes-or-fails-cleanly", // radosgw's storage URL names the proxy (Host kept)
    ])
      expect(outcome(id), id).toBe("PASS");
    expect(summary.counts["cinder:swift@radosgw"]!.PASS).toBeGreaterThan(40);
    expect(summary.results.some((r) => LEFT_OUT.has(r.ruleId))).toBe(false);
  }, 1_800_000);
});
