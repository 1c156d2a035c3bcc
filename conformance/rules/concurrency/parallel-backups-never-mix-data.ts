import { defineRule } from "../rule.ts";
import { expectSameBytes } from "../support/expect-device.ts";
import { fillPattern } from "../support/volume-patterns.ts";

// backup_workers > 1 / thread pool: one driver instance serves concurrent backups (spec §5.3; bug 1628768)
export default defineRule({
  id: "concurrency.parallel-backups-never-mix-data",
  title: "Concurrent backups of different volumes through one driver instance never mix their data",
  source: "backup/manager.py (backup_workers, thread pool); bugs 1628768, 1813851",
  async run(t) {
    const h = await t.harness();
    // The store's container exists before the concurrent backups, as in a cloud already in use. The
    // first backups into a new Swift container race on creating it, which is not this rule's subject:
    // Zed's SwiftBackupDriver.put_container HEADs first, and a concurrent HEAD's 404 can enter the
    // proxy's container cache just after another backup's PUT cleared it (then "Object PUT failed: 404").
    await h.backup(h.volume(t.dut.geometry.blockSize));
    const size = 4 * t.dut.geometry.objectSize + 100;
    const vols = [1, 2, 3].map((i) => {
      const v = h.volume(size);
      fillPattern(v.device, i === 2 ? "text" : "random", 0, size, 100 + i);
      return v;
    });
    const rows = await Promise.all(vols.map((v) => h.backup(v)));
    for (const [i, v] of vols.entries()) {
      const target = h.volume(size);
      await h.restore(rows[i]!.id, target, true);
      expectSameBytes(`restore of backup ${i + 1} of 3 taken concurrently`, v.device, target.device);
    }
  },
});
