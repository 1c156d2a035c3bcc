import type { SparseDevice } from "../../driver/sparse-device.ts";
import { defineRule } from "../rule.ts";
import { fillPattern } from "../support/volume-patterns.ts";
import { roundTrip } from "../support/round-trip.ts";

/** Data, a zero gap spanning a whole object and parts of its neighbours, data, a zero tail. */
export function zeroRegions(dev: SparseDevice, objectSize: number): void {
  fillPattern(dev, "random", 0, objectSize / 2, 3);
  fillPattern(dev, "random", 2 * objectSize + objectSize / 2, objectSize, 4);
}

// bug 2155612: zero chunks skipped without advancing/overwriting; the restore "reported success"
export default defineRule({
  id: "round-trip.zero-regions-onto-existing",
  title: "Zero regions overwrite an existing volume's old bytes on restore",
  source: "backup/chunkeddriver.py:_restore_v1; bug 2155612 (sparse restore corruption)",
  run: (t) =>
    roundTrip(t, 4 * t.dut.geometry.objectSize + 3, (dev) => zeroRegions(dev, t.dut.geometry.objectSize), {
      prefillTarget: (dev) => fillPattern(dev, "pattern", 0, dev.sizeBytes),
    }),
});
