import { defineRule } from "../rule.ts";
import { expectSameBytes } from "../support/expect-device.ts";
import { fillPattern, mutate } from "../support/volume-patterns.ts";

// backup/api.py:API.delete refuses parents with children; deleting a child must not damage its parent
export default defineRule({
  id: "delete.child-leaves-parent-restorable",
  title: "Deleting an incremental leaves its full parent restorable byte-exact",
  source: "backup/api.py:API.delete; backup/chunkeddriver.py:delete_backup (own prefix only)",
  requires: ["incremental"],
  async run(t) {
    const h = await t.harness();
    const vol = h.volume(3 * t.dut.geometry.objectSize + 333);
    fillPattern(vol.device, "random", 0, vol.device.sizeBytes, 41);
    const full = await h.backup(vol);
    const image = vol.device.clone();
    mutate(vol.device, 0, vol.device.sizeBytes, 42);
    const inc = await h.backup(vol, { incremental: true });
    await h.deleteBackup(inc.id);
    const target = h.volume(vol.device.sizeBytes);
    await h.restore(full.id, target, true);
    expectSameBytes("restore of the parent after deleting its incremental", image, target.device);
  },
});
