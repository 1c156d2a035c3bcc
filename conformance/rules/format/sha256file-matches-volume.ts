import { readSha256File, shaBlocks } from "../../../lib/format/index.ts";
import { defineRule } from "../rule.ts";
import { expectEqual, RuleViolation } from "../rule-violation.ts";
import { fillPattern } from "../support/volume-patterns.ts";

// chunkeddriver.py:_write_sha256file: sha256 of every sha block of the whole volume, chunk_size = block size (§7.4)
export default defineRule({
  id: "format.sha256file-matches-volume",
  title: "_sha256file lists the sha256 of every block of the volume (short last block included)",
  source: "backup/chunkeddriver.py:_write_sha256file",
  setup: ["chunked-format"],
  async run(t) {
    const h = await t.harness();
    const vol = h.volume(2 * t.dut.geometry.objectSize + t.dut.geometry.blockSize / 2 + 3);
    fillPattern(vol.device, "random", 0, vol.device.sizeBytes, 141);
    const b = await h.backup(vol);
    if (!b.container || !b.service_metadata) throw new RuleViolation("backup row lacks container/service_metadata", "both set", "missing");
    const sha = await readSha256File(h.rawStore, { container: b.container, prefix: b.service_metadata });
    expectEqual("_sha256file chunk_size", t.dut.geometry.blockSize, sha.chunk_size);
    const want = shaBlocks(vol.device.read(0, vol.device.sizeBytes), t.dut.geometry.blockSize);
    expectEqual("number of sha256 entries", want.length, sha.sha256s.length);
    const bad = want.findIndex((s, i) => s !== sha.sha256s[i]);
    if (bad >= 0) throw new RuleViolation(`sha256 of block ${bad} is wrong`, want[bad]!, sha.sha256s[bad]!);
  },
});
