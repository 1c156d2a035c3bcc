import { defineRule } from "../rule.ts";
import { roundTrip } from "../support/round-trip.ts";
import { zeroRegions } from "./zero-regions-onto-existing.ts";

// HEAD sparse restore: volume_is_new → all-zero pieces may be skipped, the bytes must still match
export default defineRule({
  id: "round-trip.sparse-to-new-volume",
  title: "A sparse volume (zero gaps, zero tail) restores byte-exact into a new volume",
  source: "backup/chunkeddriver.py:_restore_v1 (volume_is_new sparse restore)",
  run: (t) => roundTrip(t, 4 * t.dut.geometry.objectSize + 3, (dev) => zeroRegions(dev, t.dut.geometry.objectSize)),
});
