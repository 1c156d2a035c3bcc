import { defineRule } from "../rule.ts";
import { fillPattern } from "../support/volume-patterns.ts";
import { roundTrip } from "../support/round-trip.ts";

// backup/chunkeddriver.py:ChunkedBackupDriver.backup / _restore_v1 (spec §7.2, §7.6)
export default defineRule({
  id: "round-trip.multi-object",
  title: "A volume spanning several objects with a partial last object restores byte-exact",
  source: "backup/chunkeddriver.py:ChunkedBackupDriver.backup, _restore_v1",
  run: (t) => roundTrip(t, 4 * t.dut.geometry.objectSize + 12345, (dev) => fillPattern(dev, "pattern")),
});
