import { defineRule } from "../rule.ts";
import { expectSameBytes } from "../support/expect-device.ts";
import { fillPattern } from "../support/volume-patterns.ts";

// spec §9 #35: target of 15 GB, backup of 10 GB → the first 10 GB are overwritten, the rest untouched
export default defineRule({
  id: "restore.larger-target-keeps-tail",
  title: "Restoring into a larger existing volume overwrites the backup's length and leaves the rest untouched",
  source: "backup/api.py:API.restore (size check); chunkeddriver.py:_restore_v1 writes at object offsets",
  async run(t) {
    const h = await t.harness();
    const size = 2 * t.dut.geometry.objectSize + 77;
    const src = h.volume(size);
    fillPattern(src.device, "random", 0, size, 171);
    const b = await h.backup(src);
    const target = h.volume(size + t.dut.geometry.objectSize + 1000);
    fillPattern(target.device, "pattern");
    const expected = target.device.clone();
    expected.write(0, src.device.read(0, size));
    await h.restore(b.id, target, false);
    expectSameBytes("larger target after restore (backup bytes, then its own old tail)", expected, target.device);
  },
});
