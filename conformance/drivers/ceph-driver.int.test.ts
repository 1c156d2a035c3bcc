import { recordedFileReporters } from "../../reports/conformance/index.ts";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { DriverHarness } from "../driver/driver-harness.ts";
import { resolveDriver } from "../driver/driver-registry.ts";
import { runConformance } from "../run-conformance.ts";
import { runPassed } from "../runner/run-suite.ts";

// Issue 9: Zed's CephBackupDriver (Debian's python3-cinder 21.3.1) through the driver protocol,
// against the Ceph container: a pool per rule, volumes as RBD images in it, so backups take the
// RBD-to-RBD path (ceph.py:_backup_rbd, export-diff | import-diff) as behind cinder's RBD driver.
const KNOWN = join(dirname(fileURLToPath(import.meta.url)), "known-failures", "cinder-ceph-zed.yaml");

describe("cinder:ceph (CephBackupDriver, volumes as RBD images)", () => {
  it("a full backup is a base image with one restore point, an incremental one more snapshot on it; delete leaves nothing", async () => {
    const dut = await resolveDriver("cinder:ceph");
    try {
      expect(dut.capabilities).toMatchObject({ incremental: true, forceDelete: false, restoreCancel: false, compression: ["none"] });
      expect(dut.format).toBeNull();
      const h = await DriverHarness.open(dut);
      const vol = h.volume(3 * dut.geometry.objectSize);
      vol.device.write(1000, new Uint8Array(5000).fill(7));
      const full = await h.backup(vol);
      const base = `volume-${vol.id}.backup.${full.id}`;
      expect(JSON.parse(full.service_metadata ?? "{}")).toEqual({ base }); // _backup_rbd's return value
      const snap = (id: string) => new RegExp(`/${base.replace(/\./g, "\\.")}@backup\\.${id}\\.snap\\.[0-9.]+$`);
      let objects = await h.objects();
      expect(objects.filter((o) => o.endsWith(`/${base}`))).toHaveLength(1);
      expect(objects.filter((o) => snap(full.id).test(o))).toHaveLength(1);
      vol.device.write(200_000, new Uint8Array(10).fill(9));
      const inc = await h.backup(vol, { incremental: true });
      expect(JSON.parse(inc.service_metadata ?? "{}")).toEqual({ base }); // the parent's base image
      objects = await h.objects();
      expect(objects.filter((o) => o.includes("/volume-"))).toHaveLength(3); // base, 2 restore points
      expect(objects.filter((o) => snap(inc.id).test(o))).toHaveLength(1);
      const target = h.volume(vol.device.sizeBytes);
      await h.restore(inc.id, target, true);
      expect(Buffer.from(target.device.read(0, vol.device.sizeBytes)).equals(Buffer.from(vol.device.read(0, vol.device.sizeBytes)))).toBe(
        true,
      );
      await h.deleteBackup(inc.id);
      await h.deleteBackup(full.id);
      expect(await h.objects()).toEqual([]);
      await h.close();
    } finally {
      await dut.dispose?.();
    }
  }, 300_000);

  it("--backend ceph for a python: driver (CephBackupDriver by class path): the same pool per rule, RBD volumes", async () => {
    const driver = "python:cinder.backup.drivers.ceph.CephBackupDriver";
    const summary = await runConformance({
      drivers: [driver],
      backend: "ceph",
      rules: "round-trip.one-byte,incremental.chain-restores-every-point",
      timeoutMs: 240_000,
      protocol: { timeoutMs: 240_000 },
    });
    expect(summary.results.map((r) => `${r.ruleId} ${r.outcome}`)).toEqual([
      "round-trip.one-byte PASS",
      "incremental.chain-restores-every-point PASS",
    ]);
    expect(runPassed(summary)).toBe(true);
  }, 900_000);

  it("the whole suite: every rule that applies passes but the listed known failures; capability-gated rules skip with the reason", async () => {
    const started = Date.now();
    const summary = await runConformance({
      drivers: ["cinder:ceph"],
      knownFailuresFile: KNOWN,
      // round-trip.sparse-past-4gib took 59 s alone (a 5 GiB RBD image synced with the 4 GiB shared
      // file), the model run 36-60 s at load average 10, and a full-copy restore (it writes the
      // volume's whole GiB: zero-regions-onto-existing) 27-36 s, over 60 s at load 16: 60 s per
      // rule and per call is too close on 2 cores.
      timeoutMs: 240_000,
      protocol: { timeoutMs: 240_000 },
      reporters: recordedFileReporters("reports/out/drivers/ceph", "integration: ceph"),
    });
    console.log(`cinder:ceph suite: ${((Date.now() - started) / 1000).toFixed(1)} s wall`);
    const outcome = (id: string) => summary.results.find((r) => r.ruleId === id)!;
    expect(runPassed(summary)).toBe(true); // failures are exactly the listed ones
    expect(outcome("cancel.backup-force-delete-leaves-no-partial-backup")).toMatchObject({ outcome: "SKIP" });
    expect(outcome("cancel.backup-force-delete-leaves-no-partial-backup").reason).toMatch(/forceDelete/);
    expect(outcome("cancel.restore-reset-status-cancels").reason).toMatch(/restoreCancel/);
    expect(outcome("format.metadata-md5-matches-data").outcome).toBe("NA");
    for (const id of ["round-trip.one-byte", "incremental.chain-restores-every-point", "incremental.stores-only-changed-blocks"])
      expect(outcome(id).outcome, id).toBe("PASS");
    expect(summary.counts["cinder:ceph"]!.PASS).toBeGreaterThan(25);
  }, 2_400_000);
});
