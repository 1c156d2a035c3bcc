import { defineRule } from "../rule.ts";
import { RuleViolation } from "../rule-violation.ts";
import { expectSameBytes } from "../support/expect-device.ts";
import { fillPattern } from "../support/volume-patterns.ts";

// sources §4 row 2 (full backup every time, rhbz 1761778); spec §9 #23 (object_count=0)
export default defineRule({
  id: "incremental.unchanged-volume-stores-no-data",
  title: "Incrementals of an unchanged volume store no data objects and still restore",
  source: "backup/chunkeddriver.py:ChunkedBackupDriver.backup; spec §9 #23",
  requires: ["incremental"],
  async run(t) {
    const h = await t.harness();
    const size = 4 * t.dut.geometry.objectSize;
    const vol = h.volume(size);
    fillPattern(vol.device, "random", 0, size, 8);
    await h.backup(vol);
    const before = h.store.bytesPut;
    await h.backup(vol, { incremental: true });
    const last = await h.backup(vol, { incremental: true });
    const stored = h.store.bytesPut - before;
    const bound = 2 * (8192 + 100 * Math.ceil(size / t.dut.geometry.blockSize));
    if (stored > bound) {
      throw new RuleViolation("incrementals of an unchanged volume stored data", `≤ ${bound} bytes (metadata only)`, `${stored} bytes`);
    }
    const target = h.volume(size);
    await h.restore(last.id, target, true);
    expectSameBytes("restore of the last unchanged incremental", vol.device, target.device);
  },
});
