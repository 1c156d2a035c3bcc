import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { DriverHarness } from "../driver/driver-harness.ts";
import { resolveDriver } from "../driver/driver-registry.ts";
import { runConformance } from "../run-conformance.ts";
import { runPassed } from "../runner/run-suite.ts";

// Issue 9 §8: Zed's GoogleBackupDriver against the GCS emulator, through the driver protocol.
const HERE = dirname(fileURLToPath(import.meta.url));
const KNOWN = join(HERE, "known-failures", "cinder-gcs-zed.yaml");

describe("findings: cinder 21.3.1 GoogleBackupDriver", () => {
  it("every write fails (md5 .encode): the matrix shows the rules failing with the driver's own exception, as listed", async () => {
    const summary = await runConformance({ drivers: ["cinder:gcs"], knownFailuresFile: KNOWN, reportDir: "reports/out/drivers/gcs" });
    const round = summary.results.find((r) => r.ruleId === "round-trip.one-byte")!;
    expect(round.outcome).toBe("FAIL");
    expect(round.reason).toMatch(/GCSConnectionFailure: .*'bytes' object has no attribute 'encode'/);
    expect(summary.results.find((r) => r.ruleId === "setup.check-for-setup-error")!.outcome).toBe("PASS");
    // Every failure is a listed known failure, and no listed rule passes.
    expect(runPassed(summary)).toBe(true);
  }, 600_000);

  it("with the write fixed (a documented subclass), a backup of more than 1,000 objects cannot be restored and its delete leaves objects", async () => {
    const dut = await resolveDriver("python:cbh_fixed_gcs.Md5FixedGoogleBackupDriver", "gcs", {
      driverPaths: [join(HERE, "python", "fixed")],
      driverOpts: ["backup_gcs_object_size=4096", "backup_gcs_block_size=4096"],
      timeoutMs: 480_000,
    });
    try {
      expect(dut.geometry.objectSize).toBe(4096);
      const h = await DriverHarness.open(dut);
      const vol = h.volume(1005 * 4096);
      for (let i = 0; i < 1005; i++) vol.device.write(i * 4096, new Uint8Array([i & 0xff, (i >> 8) & 0xff, 1]));
      const b = await h.backup(vol);
      expect(b.status).toBe("available"); // the fix works: the backup completes
      expect((await h.objects()).length).toBe(1005 + 2); // data objects + _metadata + _sha256file
      // chunkeddriver._restore_v1 checks each object against _generate_object_names (first page only)
      const err = await h.restore(b.id, h.volume(vol.device.sizeBytes), true).catch((e: Error) => e);
      expect(String((err as Error).message)).toMatch(/restore_backup aborted, actual object list does not match object list stored in metadata|does not match/);
      await h.deleteBackup(b.id);
      const left = await h.objects();
      expect(left.length).toBeGreaterThan(0); // delete_backup lists one page of 1,000 names: the rest stay
      console.log(`objects left after delete_backup: ${left.length}`);
      await h.close();
    } finally {
      await dut.dispose?.();
    }
  }, 1_200_000);
});
