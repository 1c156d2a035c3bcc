import { defineRule } from "../rule.ts";
import { fillPattern } from "../support/volume-patterns.ts";
import { roundTrip } from "../support/round-trip.ts";

/**
 * Volume-size dimension: 72 objects (18 MiB at the suite's 256 KiB objects, past the 4 MiB every
 * small rule stays under), each with its own random content, so a driver that misplaces or wraps
 * object offsets restores some object over another.
 */
// backup/chunkeddriver.py:ChunkedBackupDriver.backup (one object per chunk_size at its offset), _restore_v1 (seek to obj offset)
export default defineRule({
  id: "round-trip.many-objects",
  title: "A volume spanning many objects (past 4 MiB) restores every object at its own offset",
  source: "backup/chunkeddriver.py:ChunkedBackupDriver.backup, _restore_v1 (volume_file.seek(offset))",
  run: (t) => {
    const o = t.dut.geometry.objectSize;
    return roundTrip(t, 72 * o + 4097, (dev) => {
      for (let i = 0; i * o < dev.sizeBytes; i++) fillPattern(dev, "random", i * o, Math.min(o, dev.sizeBytes - i * o) >> 1, 1000 + i);
    });
  },
});
