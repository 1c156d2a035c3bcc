import { defineRule } from "../rule.ts";
import { fillPattern } from "../support/volume-patterns.ts";
import { roundTrip } from "../support/round-trip.ts";
import type { DriverGeometry } from "../../driver/driver-under-test.ts";

const GiB4 = 2 ** 32;

/**
 * cinder's default object size for Swift, S3 and GCS (`backup_swift_object_size`,
 * `backup_s3_object_size`, `backup_gcs_object_size`: 52428800) with the default 32 KiB sha block.
 * At the suite's 256 KiB objects a 4 GiB volume is 16,000+ objects, each a store write and a
 * `backup.refresh` for a real driver (193 s for Zed's posix driver on 2 loaded cores, against 85 s
 * at 64 MiB objects); offsets past 2^32 are the same question at either size.
 */
const CINDER_OBJECT_STORE_GEOMETRY: DriverGeometry = { objectSize: 52_428_800, blockSize: 32_768 };

/**
 * Volume-size dimension: a sparse volume just over 4 GiB (a 5 GB cinder volume is 5 GiB) with data
 * before, across and past the 2^32 offset. Offsets past 32 bits must survive backup (object
 * `offset` in `_metadata`) and restore (the seek); a driver that truncates them to 32 bits writes
 * the high data over the low. At 50 MiB objects, object 81 straddles 2^32 and objects 82+ start
 * past it (82 × 52428800 mod 2^32 = 4 MiB: a 32-bit offset lands it over zeros).
 */
// backup/chunkeddriver.py:_backup_chunk (obj['offset'] = data_offset), _restore_v1 (volume_file.seek(obj['offset']))
export default defineRule({
  id: "round-trip.sparse-past-4gib",
  title: "A sparse volume larger than 4 GiB restores data at offsets beyond 2^32 byte-exact",
  source: "backup/chunkeddriver.py:_backup_chunk, _restore_v1 (64-bit object offsets)",
  // cinder's chunked backup reads all 4 GiB+ (holes too: no sparse read) and Zed's restore writes
  // them back: the rule's timeout grows by their time at the suite's minimum throughput (runner/rule-budget.ts)
  movesBytes: 2 * GiB4,
  run: (t) => {
    const o = CINDER_OBJECT_STORE_GEOMETRY.objectSize;
    return roundTrip(
      t,
      GiB4 + 3 * o + 4097,
      (dev) => {
        fillPattern(dev, "random", 0, 65536, 1);
        fillPattern(dev, "random", GiB4 - 1000, 2000, 2); // straddles 2^32
        fillPattern(dev, "random", GiB4 + o + 12345, 40000, 3);
        fillPattern(dev, "random", dev.sizeBytes - 100, 100, 4); // the partial last object
      },
      { geometry: CINDER_OBJECT_STORE_GEOMETRY },
    );
  },
});
