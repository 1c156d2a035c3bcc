import { describe, expect, it } from "vitest";
import { BlockDevice } from "../block/index.ts";
import { md5Hex, parseMetadata } from "../../lib/format/index.ts";
import { MemoryObjectStore } from "../../lib/stores/memory/memory-object-store.ts";
import { ChunkedBackupDriver } from "./chunked-backup-driver.ts";
import { MemoryDriverContext, backupRow } from "./memory-driver-context.ts";

const GiB = 2 ** 30;
const VOL = "5b1c8f2e-3d4a-4e6b-9c7d-8e9f0a1b2c3d";

/**
 * Real geometry (posix `backup_file_size` 1999994880, 32 KiB sha blocks) on a mostly-empty 10 GB
 * volume: the empty chunks are never read, hashed or compressed from a buffer of their size (the
 * cost claim of `cbh serve`, asserted structurally; wall-clock figures are in `cbh bench sparse`).
 */
describe("backup of an empty 10 GB volume at real geometry", () => {
  it("reads no byte of the device, stores 6 objects whose md5/sha lists are those of zeros", async () => {
    const dev = new BlockDevice(VOL, 10 * GiB);
    let bytesRead = 0;
    const file = dev.asVolumeFile();
    const counted = {
      ...file,
      read: async (o: number, l: number) => {
        const d = await file.read(o, l);
        bytesRead += d.length;
        return d;
      },
    };
    const store = new MemoryObjectStore();
    const ctx = new MemoryDriverContext();
    const driver = new ChunkedBackupDriver({ layout: "posix", store, zlibEncoder: "native" });
    expect(driver.config.chunkSize).toBe(1999994880);
    const row = ctx.put(backupRow({ id: "0a7f3c1e-5b2d-4c8e-9f1a-2b3c4d5e6f70", volume_id: VOL, size: 10 }));
    const res = await driver.backup(row, counted, ctx);
    expect(bytesRead).toBe(0);
    expect(ctx.spent.read).toBe(10 * GiB);
    expect(res?.object_count).toBe(6); // ceil(10 GiB / 1999994880)
    const meta = parseMetadata(await store.getObject(res!.container!, `${res!.service_metadata}_metadata`));
    expect(meta.objects.map((o) => o.offset)).toEqual([0, 1, 2, 3, 4, 5].map((i) => i * 1999994880));
    const tail = 10 * GiB - 5 * 1999994880;
    expect(meta.objects.at(-1)?.length).toBe(tail);
    expect(meta.objects.at(-1)?.md5).toBe(md5Hex(new Uint8Array(tail))); // checked against a real buffer
    let stored = 0;
    for (const o of meta.objects) stored += (await store.getObject(res!.container!, o.name)).length;
    expect(stored).toBeLessThan(16 * 2 ** 20); // zlib of 10 GiB of zeros, not 10 GiB
  });
});
