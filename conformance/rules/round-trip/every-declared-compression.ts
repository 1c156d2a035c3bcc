import { compressionFamily, readMetadata } from "../../../lib/format/index.ts";
import { defineRule } from "../rule.ts";
import { expectEqual, RuleViolation } from "../rule-violation.ts";
import { expectSameBytes } from "../support/expect-device.ts";
import { fillPattern } from "../support/volume-patterns.ts";

// chunkeddriver.py:_get_compressor / _prepare_output_data (spec §7.7): each configured name works and is recorded
export default defineRule({
  id: "round-trip.every-declared-compression",
  title: "With each declared backup_compression_algorithm, compressible data restores byte-exact (and is recorded per object)",
  source: "backup/chunkeddriver.py:_get_compressor, _prepare_output_data; spec §7.7",
  async run(t) {
    const algorithms = t.dut.capabilities.compression;
    if (algorithms.length === 0) throw new RuleViolation("driver declares no compression algorithm", "at least `none`", "[]");
    for (const alg of algorithms) {
      const h = await t.harness({ compression: alg });
      const vol = h.volume(t.dut.geometry.objectSize + 100);
      fillPattern(vol.device, "text", 0, vol.device.sizeBytes, 151);
      const b = await h.backup(vol);
      const target = h.volume(vol.device.sizeBytes);
      await h.restore(b.id, target, true);
      expectSameBytes(`restore with backup_compression_algorithm=${alg}`, vol.device, target.device);
      if (t.dut.format && b.container && b.service_metadata) {
        const meta = await readMetadata(h.rawStore, { container: b.container, prefix: b.service_metadata });
        const family = compressionFamily(alg);
        const want = family === "none" ? "none" : alg.toLowerCase();
        expectEqual(`compression recorded for compressible objects with ${alg}`, want, meta.objects[0]?.compression ?? "no objects");
      }
    }
  },
});
