import { defineRule } from "../rule.ts";
import { fillPattern } from "../support/volume-patterns.ts";
import { roundTrip } from "../support/round-trip.ts";

const GiB4 = 2 ** 32;

/**
 * Volume-size dimension: a sparse volume just over 4 GiB (a 5 GB cinder volume is 5 GiB) with data
 * before, across and past the 2^32 offset. Offsets past 32 bits must survive backup (object
 * `offset` in `_metadata`) and restore (the seek); a driver that truncates them to 32 bits writes
 * the high data over the low.
 */
// backup/chunkeddriver.py:_backup_chunk (obj['offset'] = data_offset), _restore_v1 (volume_file.seek(obj['offset']))
export default defineRule({
  id: "round-trip.sparse-past-4gib",
  title: "A sparse volume larger than 4 GiB restores data at offsets beyond 2^32 byte-exact",
  source: "backup/chunkeddriver.py:_backup_chunk, _restore_v1 (64-bit object offsets)",
  run: (t) => {
    const o = t.dut.geometry.objectSize;
    return roundTrip(t, GiB4 + 3 * o + 4097, (dev) => {
      fillPattern(dev, "random", 0, 65536, 1);
      fillPattern(dev, "random", GiB4 - 1000, 2000, 2); // straddles 2^32
      fillPattern(dev, "random", GiB4 + o + 12345, 40000, 3);
      fillPattern(dev, "random", dev.sizeBytes - 100, 100, 4); // the partial last object
    });
  },
});
