import type { SparseDevice } from "../../driver/sparse-device.ts";
import { defineRule } from "../rule.ts";
import { expectSameBytes } from "../support/expect-device.ts";
import { fillPattern, mutate } from "../support/volume-patterns.ts";

// backup/chunkeddriver.py:_restore_v1 walks parent_id and applies full, then each incremental (spec §7.6)
export default defineRule({
  id: "incremental.chain-restores-every-point",
  title: "Every point of a full + 3 incrementals chain restores byte-exact (changes past 1 MiB included)",
  source: "backup/chunkeddriver.py:ChunkedBackupDriver.restore, _restore_v1",
  requires: ["incremental"],
  async run(t) {
    const h = await t.harness();
    const { objectSize, blockSize } = t.dut.geometry;
    const size = Math.max(6 * objectSize, 2 * 1024 * 1024) + 4321;
    const vol = h.volume(size);
    fillPattern(vol.device, "random", 0, size, 1);
    const points: Array<{ id: string; image: SparseDevice }> = [];
    points.push({ id: (await h.backup(vol)).id, image: vol.device.clone() });
    const changes = [
      [blockSize, 3],
      [1024 * 1024 + 17, blockSize + 5],
      [size - 100, 100],
    ] as const;
    for (const [i, [off, len]] of changes.entries()) {
      mutate(vol.device, off, len, 10 + i);
      mutate(vol.device, (i + 1) * objectSize + 1, 2, 20 + i);
      points.push({ id: (await h.backup(vol, { incremental: true })).id, image: vol.device.clone() });
    }
    for (const [i, p] of points.entries()) {
      const target = h.volume(size);
      await h.restore(p.id, target, true);
      expectSameBytes(`restore of chain point ${i} (${i === 0 ? "full" : `incremental ${i}`})`, p.image, target.device);
    }
  },
});
