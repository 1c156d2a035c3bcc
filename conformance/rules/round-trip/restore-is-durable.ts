import { defineRule } from "../rule.ts";
import { RuleViolation } from "../rule-violation.ts";
import { fillPattern } from "../support/volume-patterns.ts";

// backup/chunkeddriver.py:_restore_v1 flushes and fsyncs after each object: success means durable
export default defineRule({
  id: "round-trip.restore-is-durable",
  title: "Restore returns only after every written byte was flushed to the device",
  source: "backup/chunkeddriver.py:_restore_v1 (volume_file.flush(); os.fsync)",
  async run(t) {
    const h = await t.harness();
    const src = h.volume(2 * t.dut.geometry.objectSize + 1);
    fillPattern(src.device, "random");
    const b = await h.backup(src);
    const { file } = await h.restore(b.id, h.volume(src.device.sizeBytes), true);
    if (file.unflushedPages > 0) {
      throw new RuleViolation(
        "restore reported success before its writes were durable",
        "0 unflushed pages when restore returns",
        `${file.unflushedPages} unflushed 64 KiB pages (${file.flushes} flush calls)`,
      );
    }
  },
});
