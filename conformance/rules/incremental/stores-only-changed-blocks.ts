import { defineRule } from "../rule.ts";
import { RuleViolation } from "../rule-violation.ts";
import { fillPattern, mutate } from "../support/volume-patterns.ts";

// backup/chunkeddriver.py:ChunkedBackupDriver.backup: only runs of changed sha blocks are written (spec §7.5)
export default defineRule({
  id: "incremental.stores-only-changed-blocks",
  title: "An incremental stores no more than the changed sha blocks plus its metadata",
  source: "backup/chunkeddriver.py:ChunkedBackupDriver.backup (sha256 delta per block)",
  requires: ["incremental"],
  async run(t) {
    const h = await t.harness();
    const { objectSize, blockSize } = t.dut.geometry;
    const size = 8 * objectSize;
    const vol = h.volume(size);
    fillPattern(vol.device, "random", 0, size, 5);
    await h.backup(vol);
    mutate(vol.device, 3 * objectSize + blockSize + 10, 20, 6); // one block
    mutate(vol.device, 5 * objectSize - 1, 2, 7); // two blocks across an object boundary
    const before = h.store.bytesPut;
    await h.backup(vol, { incremental: true });
    const stored = h.store.bytesPut - before;
    const changed = 3 * blockSize;
    const overhead = 8192 + 100 * Math.ceil(size / blockSize); // _metadata + _sha256file
    if (stored > changed + overhead) {
      throw new RuleViolation(
        "incremental stored far more than the changed blocks",
        `≤ ${changed + overhead} bytes (3 changed ${blockSize}-byte blocks + ${overhead} metadata)`,
        `${stored} bytes for a ${size}-byte volume`,
      );
    }
  },
});
