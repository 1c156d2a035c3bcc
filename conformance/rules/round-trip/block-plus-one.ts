import { defineRule } from "../rule.ts";
import { fillPattern } from "../support/volume-patterns.ts";
import { roundTrip } from "../support/round-trip.ts";

// backup/chunkeddriver.py:ChunkedBackupDriver.backup / _restore_v1 (spec §7.2, §7.6)
export default defineRule({
  id: "round-trip.block-plus-one",
  title: "A volume one byte past a sha block restores byte-exact (short last block)",
  source: "backup/chunkeddriver.py:ChunkedBackupDriver.backup, _restore_v1",
  run: (t) => roundTrip(t, t.dut.geometry.blockSize + 1, (dev) => fillPattern(dev, "random")),
});
