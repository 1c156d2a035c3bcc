import { defineRule } from "../rule.ts";
import { fillPattern } from "../support/volume-patterns.ts";
import { roundTrip } from "../support/round-trip.ts";

// backup/chunkeddriver.py:ChunkedBackupDriver.backup / _restore_v1 (spec §7.2, §7.6)
export default defineRule({
  id: "round-trip.object-boundary-plus-one",
  title: "A volume one byte past the object size restores byte-exact (1-byte last object)",
  source: "backup/chunkeddriver.py:ChunkedBackupDriver.backup, _restore_v1",
  run: (t) => roundTrip(t, t.dut.geometry.objectSize + 1, (dev) => fillPattern(dev, "random")),
});
