import { describe, expect, it } from "vitest";
import { BlockDevice } from "../block/index.ts";
import type { VolumeFile } from "../../lib/format/index.ts";
import { MemoryObjectStore } from "../../lib/stores/memory/memory-object-store.ts";
import { ChunkedBackupDriver } from "./chunked-backup-driver.ts";
import { MemoryDriverContext, backupRow } from "./memory-driver-context.ts";

const MiB = 2 ** 20;
const OBJECT = 52428800; // backup_swift_object_size: the chaos cloud's real geometry
const VOL = "0d6f1b8e-4a2c-4e3b-8f7a-1c2d3e4f5a6b";

/** Counts the restore's device writes; `zeros: false` hides the device's writeZeros. */
function counted(dev: BlockDevice, zeros: boolean) {
  const file = dev.asVolumeFile();
  const n = { written: 0, zeroed: 0 };
  const f: VolumeFile = {
    sizeBytes: file.sizeBytes,
    read: (o, l) => file.read(o, l),
    write: async (o, d) => {
      n.written += d.length;
      await file.write(o, d);
    },
    flush: () => file.flush(),
    ...(zeros ? { writeZeros: async (o: number, l: number) => void ((n.zeroed += l), await file.writeZeros!(o, l)) } : {}),
  };
  return { f, n };
}

/**
 * Restore of a mostly-empty volume in 50 MiB objects into a device that holds other data: the
 * empty objects (their stored form known to inflate to zeros) reach the device as `writeZeros`,
 * the ones with data (stored by this process: `inflate-memo.ts`) as `writeZeros` plus their 1 MiB
 * pieces holding data; the result is byte-identical to writing every byte, as `_restore_v1` does.
 */
describe("restore of all-zero objects", () => {
  it("zeroes the range without a buffer and gives the bytes of a full write", async () => {
    const src = new BlockDevice(VOL, 256 * MiB);
    src.write(0, new Uint8Array(65536).fill(1));
    src.write(200 * MiB + 4096, new Uint8Array(3 * MiB).fill(2));
    const store = new MemoryObjectStore();
    const ctx = new MemoryDriverContext();
    const driver = new ChunkedBackupDriver({ layout: "posix", store, zlibEncoder: "native", config: { backup_file_size: OBJECT } });
    const row = ctx.put(backupRow({ id: "3f2e1d0c-9b8a-4765-8432-10fedcba9876", volume_id: VOL, size: 1 }));
    Object.assign(row, await driver.backup(row, src.asVolumeFile(), ctx), { status: "restoring" });
    expect(row.object_count).toBe(Math.ceil((256 * MiB) / OBJECT)); // 6: objects 1 and 4 hold data
    const results: string[] = [];
    for (const zeros of [true, false]) {
      const target = new BlockDevice("t", 256 * MiB);
      for (const off of [MiB, 60 * MiB, 150 * MiB, 255 * MiB]) target.write(off, new Uint8Array(70000).fill(9));
      const { f, n } = counted(target, zeros);
      await driver.restore(row, "t", f, false, ctx);
      expect(target.contentDigest()).toBe(src.contentDigest());
      // Without writeZeros every byte is written, as cinder writes it; with it, only the data's 5 pieces.
      expect(n).toEqual(zeros ? { written: 5 * MiB, zeroed: 256 * MiB } : { written: 256 * MiB, zeroed: 0 });
      results.push(target.contentDigest());
    }
    expect(results[0]).toBe(results[1]);
  });
});
