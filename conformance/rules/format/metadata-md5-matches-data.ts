import { md5Hex, readMetadata, readObjectData } from "../../../lib/format/index.ts";
import { defineRule } from "../rule.ts";
import { RuleViolation } from "../rule-violation.ts";
import { fillPattern } from "../support/volume-patterns.ts";

// chunkeddriver.py:_backup_chunk records md5 of the UNCOMPRESSED data (spec §7.3); swift/S3 check it on PUT
export default defineRule({
  id: "format.metadata-md5-matches-data",
  title: "Every object's md5 in _metadata is the md5 of its uncompressed data",
  source: "backup/chunkeddriver.py:_backup_chunk (md5 of data); swift.py put_object etag check",
  setup: ["chunked-format"],
  async run(t) {
    const h = await t.harness();
    const vol = h.volume(3 * t.dut.geometry.objectSize + 11);
    fillPattern(vol.device, "text", 0, vol.device.sizeBytes, 131);
    const b = await h.backup(vol);
    if (!b.container || !b.service_metadata)
      throw new RuleViolation(
        "backup row lacks container/service_metadata",
        "both set",
        JSON.stringify({ container: b.container, service_metadata: b.service_metadata }),
      );
    const meta = await readMetadata(h.rawStore, { container: b.container, prefix: b.service_metadata });
    for (const entry of meta.objects) {
      const actual = md5Hex(await readObjectData(h.rawStore, b.container, entry));
      if (actual !== entry.md5) {
        throw new RuleViolation(
          `md5 of object ${entry.name} does not match its data`,
          `md5 ${actual} (of ${entry.length} uncompressed bytes)`,
          `md5 ${entry.md5} recorded in _metadata`,
        );
      }
    }
  },
});
