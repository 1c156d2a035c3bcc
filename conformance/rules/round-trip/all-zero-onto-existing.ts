import { defineRule } from "../rule.ts";
import { fillPattern } from "../support/volume-patterns.ts";
import { roundTrip } from "../support/round-trip.ts";

// backup/chunkeddriver.py:_restore_v1: an existing volume gets full writes, zeros included (spec §7.6.6)
export default defineRule({
  id: "round-trip.all-zero-onto-existing",
  title: "An all-zero volume restored onto an existing volume full of data leaves only zeros",
  source: "backup/chunkeddriver.py:_restore_v1 (volume_is_new=False writes every byte)",
  run: (t) =>
    roundTrip(t, 3 * t.dut.geometry.objectSize + 5, () => undefined, {
      prefillTarget: (dev) => fillPattern(dev, "random", 0, dev.sizeBytes, 99),
    }),
});
