import { defineRule } from "../rule.ts";
import { expectSameBytes } from "../support/expect-device.ts";
import { fillPattern } from "../support/volume-patterns.ts";

// backup/manager.py: restore may run on another host or after a restart; all state is in the store and the row
export default defineRule({
  id: "setup.fresh-instance-restores",
  title: "A backup made by one driver instance restores through a new instance (no in-memory state)",
  source: "backup/api.py:API.restore (host re-chosen); manager.py:init_host",
  async run(t) {
    const h = await t.harness();
    const vol = h.volume(2 * t.dut.geometry.objectSize + 9);
    fillPattern(vol.device, "random", 0, vol.device.sizeBytes, 111);
    const b = await h.backup(vol);
    h.driver = h.newDriverInstance();
    await h.driver.checkForSetupError();
    const target = h.volume(vol.device.sizeBytes);
    await h.restore(b.id, target, true);
    expectSameBytes("restore through a new driver instance", vol.device, target.device);
  },
});
