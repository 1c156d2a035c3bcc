import { readdir } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { DriverHarness } from "../driver/driver-harness.ts";
import { resolveDriver } from "../driver/driver-registry.ts";
import { runConformance } from "../run-conformance.ts";
import { runPassed } from "../runner/run-suite.ts";

// Issue 9: Zed's NFSBackupDriver (Debian's python3-cinder 21.3.1), unchanged, in the drivers
// container: it mounts its share itself through os-brick (`mount -t nfs`), which in the drivers
// image is the FUSE + libnfs NFSv3 client cbh_nfs_fuse, against NFS-Ganesha. The mount point
// (`backup_mount_point_base`) is inside the driver's container only; what the rules read is the
// server's side of the export, so every object they see went over NFS.
describe("cinder:nfs (NFSBackupDriver over NFSv3 to Ganesha, mounted through FUSE)", () => {
  // cinder:nfs@epoxy: Debian 13's NFSBackupDriver (nfs.py is 21.3.1's), whose drivers image builds
  // cbh_nfs_fuse against trixie's libnfs14 (bookworm's image: libnfs13), docs/releases.md
  it.each(["cinder:nfs", "cinder:nfs@epoxy"])(
    "%s: backup, incremental, restore and delete through the driver's own mount; the objects land in the export",
    async (spec) => {
      const dut = await resolveDriver(spec);
      try {
        expect(dut.label).toMatch(/NFSBackupDriver.*NFS-Ganesha share/);
        expect(dut.capabilities).toMatchObject({ incremental: true, forceDelete: true });
        const h = await DriverHarness.open(dut);
        const vol = h.volume(3 * dut.geometry.objectSize);
        vol.device.write(1000, new Uint8Array(300_000).fill(7));
        const full = await h.backup(vol);
        expect(full.status).toBe("available");
        const objects = await h.objects();
        expect(objects.some((o) => o.endsWith("_metadata"))).toBe(true);
        expect(objects.some((o) => o.endsWith("_sha256file"))).toBe(true);
        // the share is a directory of the server's export: the posix layout, written by Ganesha
        const root = (h.store.inner as unknown as { root: string }).root;
        expect(await readdir(root, { recursive: true })).toEqual(expect.arrayContaining([expect.stringMatching(/_metadata$/)]));
        vol.device.write(2 * dut.geometry.objectSize, new Uint8Array(10).fill(9));
        const inc = await h.backup(vol, { incremental: true });
        const target = h.volume(vol.device.sizeBytes);
        await h.restore(inc.id, target, true);
        const size = vol.device.sizeBytes;
        expect(Buffer.from(target.device.read(0, size)).equals(Buffer.from(vol.device.read(0, size)))).toBe(true);
        await h.deleteBackup(inc.id);
        await h.deleteBackup(full.id);
        expect(await h.objects()).toEqual([]);
        await h.close();
      } finally {
        await dut.dispose?.();
      }
    },
    300_000,
  );

  it("a share the server does not export fails the driver's own mount (os-brick's error, after backup_mount_attempts), a load error", async () => {
    await expect(resolveDriver("cinder:nfs", "memory", { driverOpts: ["backup_share=127.0.0.1:/no-such-export"] })).rejects.toThrow(
      /cannot load driver cinder:nfs: NFS mount failed for share 127\.0\.0\.1:\/no-such-export.*MNT3ERR_ACCES/s,
    );
  }, 300_000);

  it("a python: driver against --backend nfs gets the share options (here NFSBackupDriver by class path)", async () => {
    const summary = await runConformance({
      drivers: ["python:cinder.backup.drivers.nfs.NFSBackupDriver"],
      backend: "nfs",
      rules: "round-trip.one-byte,delete.every-backup-leaves-no-object",
    });
    expect(runPassed(summary)).toBe(true);
    expect(summary.counts["python:cinder.backup.drivers.nfs.NFSBackupDriver"]!.PASS).toBe(2);
  }, 300_000);
});
