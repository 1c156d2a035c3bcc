import { defineRule } from "../rule.ts";
import { RuleViolation } from "../rule-violation.ts";
import { expectSameBytes } from "../support/expect-device.ts";
import { fillPattern } from "../support/volume-patterns.ts";

// bug 1918119: chunked drivers hash, compress and upload every zero block; a driver that declares
// itself sparse-aware must not store unallocated ranges (even uncompressed) and still restore them
export default defineRule({
  id: "round-trip.sparse-aware-skips-zero-blocks",
  title: "A sparse-aware driver stores well under the volume size of a mostly-zero volume (compression off) and restores it byte-exact",
  source: "bug 1918119 (every zero block hashed, compressed and uploaded); volume-file isZeroRange",
  requires: ["sparseAware"],
  async run(t) {
    const h = await t.harness({ compression: "none" });
    const vol = h.volume(16 * t.dut.geometry.objectSize);
    fillPattern(vol.device, "random", 5 * t.dut.geometry.objectSize, t.dut.geometry.blockSize, 161);
    const b = await h.backup(vol);
    const stored = h.store.bytesPut;
    if (stored > vol.device.sizeBytes / 4) {
      throw new RuleViolation(
        "a sparse-aware driver stored the zero ranges",
        `≤ ${vol.device.sizeBytes / 4} bytes stored (1 block of data in 16 objects)`,
        `${stored} bytes stored, ${h.lastBackupFile?.bytesRead ?? 0} read`,
      );
    }
    const target = h.volume(vol.device.sizeBytes);
    fillPattern(target.device, "pattern");
    await h.restore(b.id, target, false);
    expectSameBytes("restore of the mostly-zero volume onto an existing one", vol.device, target.device);
  },
});
