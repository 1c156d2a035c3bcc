import { describe, expect, it } from "vitest";
import { MemoryObjectStore } from "../stores/memory/memory-object-store.ts";
import { xorshiftBytes } from "./byte-patterns.ts";
import { dataObjectName } from "./names.ts";
import { ChunkedBackupWriter } from "./writer.ts";
import { readMetadata, restoreBackupObjects } from "./reader.ts";
import type { VolumeFile } from "./volume-file.ts";

const C = "volumebackups";
const BS = 1024;
const CHUNK = 4 * BS;
const prefix = "volume_v/20260101000000/az_nova_backup_b";

function writer(store: MemoryObjectStore, compression: string) {
  return new ChunkedBackupWriter({
    store,
    container: C,
    prefix,
    chunkSize: CHUNK,
    shaBlockSize: BS,
    compression,
    memo: false,
    header: { backup_id: "b", volume_id: "v", backup_name: null, backup_description: null, created_at: "2026-01-01 00:00:00+00:00" },
    parentId: null,
    parentSha256s: null,
  });
}

describe("chunks handed over to a store that keeps bytes without a copy (fewer ArrayBuffers per chaos run)", () => {
  it("a raw-stored chunk not handed over is copied: changing it afterwards leaves the object alone", async () => {
    const store = new MemoryObjectStore();
    const w = writer(store, "none");
    const chunk = xorshiftBytes(CHUNK, 5);
    const want = chunk.slice();
    await w.writeChunk(0, chunk);
    chunk.fill(7);
    expect(Buffer.from(await store.getObject(C, dataObjectName(prefix, 1))).equals(Buffer.from(want))).toBe(true);
  });

  it("handed over, compressed or not, the objects hold the same bytes as a copying store's", async () => {
    for (const compression of ["none", "zlib"]) {
      const kept = new MemoryObjectStore();
      const copied = new MemoryObjectStore();
      const data = new Uint8Array(3 * CHUNK);
      data.set(xorshiftBytes(CHUNK, 9), 0);
      data.fill(0x41, CHUNK, 2 * CHUNK); // compressible
      const a = writer(kept, compression);
      const b = writer(copied, compression);
      for (let off = 0; off < data.length; off += CHUNK) {
        await a.writeChunk(off, data.slice(off, off + CHUNK), { handedOver: true });
        await b.writeChunk(off, data.slice(off, off + CHUNK));
      }
      await a.finish(null);
      await b.finish(null);
      for (const name of await copied.listObjects(C))
        expect(Buffer.from(await kept.getObject(C, name)).equals(Buffer.from(await copied.getObject(C, name)))).toBe(true);
    }
  });

  it("the memory store never changes a kept buffer in place: flipByte replaces the object", async () => {
    const store = new MemoryObjectStore();
    const mine = xorshiftBytes(100, 3);
    const copy = mine.slice();
    await store.putObjectHandedOver(C, "o", mine);
    store.flipByte(C, "o", 10);
    expect(Buffer.from(mine).equals(Buffer.from(copy))).toBe(true);
    const got = await store.getObject(C, "o");
    expect(got[10]).toBe((copy[10] as number) ^ 0xff);
    got[0] = (got[0] as number) ^ 1; // what getObject gives is the caller's
    expect((await store.getObject(C, "o"))[0]).toBe(copy[0]);
  });

  it("a restore hands the store's own bytes of an uncompressed object to a device that keeps them; later faults on the store do not reach them", async () => {
    const store = new MemoryObjectStore();
    const w = writer(store, "none");
    const data = xorshiftBytes(2 * CHUNK, 11);
    await w.writeChunk(0, data.slice(0, CHUNK));
    await w.writeChunk(CHUNK, data.slice(CHUNK));
    await w.finish(null);
    const kept: Array<{ at: number; data: Uint8Array }> = [];
    const file: VolumeFile = {
      sizeBytes: 2 * CHUNK,
      async read() {
        throw new Error("not read");
      },
      async write() {
        throw new Error("the restore hands its objects over");
      },
      async writeHandedOver(at, d) {
        kept.push({ at, data: d });
      },
      async flush() {},
    };
    const loc = { container: C, prefix };
    await restoreBackupObjects(store, loc, await readMetadata(store, loc), file);
    expect(kept.map((k) => k.at)).toEqual([0, CHUNK]);
    store.flipByte(C, dataObjectName(prefix, 1), 0);
    expect(Buffer.concat(kept.map((k) => k.data)).equals(Buffer.from(data))).toBe(true);
  });
});
