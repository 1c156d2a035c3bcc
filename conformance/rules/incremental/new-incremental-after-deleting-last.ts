import { defineRule } from "../rule.ts";
import { expectSameBytes } from "../support/expect-device.ts";
import { fillPattern, mutate } from "../support/volume-patterns.ts";

// bug 1703011 / tempest test_volume_backup_incremental: delete the chain tail, then incremental again
export default defineRule({
  id: "incremental.new-incremental-after-deleting-last",
  title: "After the last incremental is deleted, a new incremental chains to the remaining tail and restores",
  source: "tempest test_volume_backup_incremental; bug 1703011",
  requires: ["incremental"],
  async run(t) {
    const h = await t.harness();
    const size = 3 * t.dut.geometry.objectSize + 10;
    const vol = h.volume(size);
    fillPattern(vol.device, "random", 0, size, 11);
    await h.backup(vol);
    mutate(vol.device, 100, 50, 12);
    const i1 = await h.backup(vol, { incremental: true });
    await h.deleteBackup(i1.id);
    mutate(vol.device, t.dut.geometry.objectSize + 7, 9, 13);
    const i2 = await h.backup(vol, { incremental: true });
    const target = h.volume(size);
    await h.restore(i2.id, target, true);
    expectSameBytes("restore of the incremental taken after deleting the tail", vol.device, target.device);
  },
});
