import { describe, expect, it } from "vitest";
import type { BackupRow } from "../../sim/db/rows.ts";
import type { DriverContext } from "../../sim/driver/backup-driver.ts";
import type { VolumeFile } from "../../lib/format/volume-file.ts";
import { DelegatingDriver, patchContext } from "../canaries/delegating-driver.ts";
import { DriverHarness } from "../driver/driver-harness.ts";
import { resolveDriver } from "../driver/driver-registry.ts";
import { openCloud } from "../runner/cloud-factory.ts";
import type { SimulatedCloud } from "../../sim/cloud/simulated-cloud.ts";
import { backupStatus, storeObjects, volumeStatus, volumeWithData } from "../rules/support/cloud-steps.ts";
import type { DriverUnderTest } from "../driver/driver-under-test.ts";

// Finding (issue 9 §8): Zed's chunked backup loop (chunkeddriver.py:backup) refreshes the backup
// before each read; the last refresh precedes the final, empty read. A force delete landing after
// it is not seen: the driver goes on to write _metadata and _sha256file. Meanwhile the manager's
// delete_backup (driver.delete_backup) has already listed and removed the data objects, and
// _finish_backup only logs "aborted" (manager.py:_finish_backup, 21.3.1) — nothing removes the
// two late objects: they are orphans of a backup row that no longer exists.

/**
 * The real driver, with `afterFinalCheck` run inside its last status check: the refresh has read
 * the row (still creating) and answers the driver only when `afterFinalCheck` returns.
 */
function atFinalRefresh(dut: DriverUnderTest, afterFinalCheck: (ctx: DriverContext, backupId: string) => Promise<void>): DriverUnderTest {
  return {
    ...dut,
    createDriver: (opts) =>
      new (class extends DelegatingDriver {
        override backup(row: BackupRow, file: VolumeFile, ctx: DriverContext) {
          const finalRefresh = Math.ceil(file.sizeBytes / dut.geometry.objectSize) + 1;
          let n = 0;
          const refreshBackup = async (id: string) => {
            const seen = await ctx.refreshBackup(id); // the driver's last status check: still creating
            if (++n === finalRefresh) await afterFinalCheck(ctx, id);
            return seen;
          };
          return super.backup(row, file, patchContext(ctx, { refreshBackup }));
        }
      })(dut.createDriver(opts)),
  };
}

describe("finding: a force delete after the real posix driver's last status check", () => {
  it("outside the cloud (DriverHarness): the driver's delete runs, then the backup writes _metadata and _sha256file", async () => {
    const dut = await resolveDriver("cinder:posix");
    try {
      let release!: () => void;
      const gate = { reached: false, release: new Promise<void>((r) => (release = r)) };
      const h = await DriverHarness.open(
        atFinalRefresh(dut, async () => {
          gate.reached = true;
          await gate.release; // the force delete lands here, after the check
        }),
      );
      const vol = h.volume(2 * dut.geometry.objectSize);
      vol.device.write(0, new Uint8Array(1000).fill(7));
      const running = h.backup(vol);
      while (!gate.reached) await new Promise((r) => setTimeout(r, 20));
      const row = h.registry.all()[0]!;
      await h.deleteBackup(row.id); // manager.delete_backup: status deleting, driver.delete_backup, destroy
      release();
      const after = await running;
      expect(after.status).toBe("deleted"); // the manager sees it aborted
      const left = await h.objects();
      expect(left.some((o) => o.endsWith("_metadata"))).toBe(true);
      expect(left.some((o) => o.endsWith("_sha256file"))).toBe(true);
      expect(left.some((o) => /-\d{5}$/.test(o))).toBe(false); // the data objects were deleted
      await h.close();
    } finally {
      await dut.dispose?.();
    }
  }, 120_000);

  it("inside the simulated cloud: the API's force delete and the manager's delete_backup run, _finish_backup says aborted, the two objects stay", async () => {
    const dut = await resolveDriver("cinder:posix");
    try {
      const live = {} as { cloud: SimulatedCloud };
      let reached = false;
      // The driver's last status check answers "creating"; there its green thread waits, in
      // simulated time, while the admin force-deletes the backup through the API and the backup
      // manager's delete_backup runs; then it goes on to its final, empty read.
      const late = atFinalRefresh(dut, async (ctx, id) => {
        reached = true;
        while (live.cloud.db.backup(id)?.status !== "deleted") await ctx.spend(dut.geometry.objectSize, "read");
      });
      const cloud = (live.cloud = await openCloud(late, 1));
      const { ctx, volumeId } = await volumeWithData(cloud, 1);
      const b = await cloud.ops.backups.create(ctx, { volume_id: volumeId, name: "late-force-delete" });
      await cloud.runUntil(() => reached);
      await cloud.ops.backups.delete(ctx, b.id, true); // backup/api.py:API.delete(force=True): deleting, cast delete_backup
      await cloud.settle();
      expect(backupStatus(cloud, b.id)).toBe("deleted"); // _finish_backup: "Create backup aborted"
      expect(volumeStatus(cloud, volumeId)).toBe("available"); // _finish_backup restores previous_status
      const left = await storeObjects(cloud);
      // Nothing in cinder's manager removes what the driver wrote after the delete: two orphans.
      expect(left.filter((o) => o.endsWith("_metadata") || o.endsWith("_sha256file"))).toHaveLength(2);
      expect(left.some((o) => /-\d{5}$/.test(o))).toBe(false);
    } finally {
      await dut.dispose?.();
    }
  }, 180_000);
});
