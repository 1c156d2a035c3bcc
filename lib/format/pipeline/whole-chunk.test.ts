import { describe, expect, it } from "vitest";
import { MemoryObjectStore } from "../../stores/memory/memory-object-store.ts";
import { bzip2Available } from "../bzip2-cli.ts";
import { xorshiftBytes } from "../byte-patterns.ts";
import type { ZlibEncoder } from "../compression.ts";
import type { HashWorkerChoice } from "./open-block-hasher.ts";
import { ChunkedBackupWriter } from "../writer.ts";

const KiB = 1024;
const MiB = 1024 * KiB;

function text(n: number): Uint8Array {
  const line = Buffer.from("cinder-backup-harness compressible line 0123456789\n");
  const out = new Uint8Array(n);
  for (let off = 0; off < n; off += line.length) out.set(line.subarray(0, Math.min(line.length, n - off)), off);
  return out;
}

/** Every stored object (name → bytes) and the writer's result, for one full backup of `data`. */
async function backup(data: Uint8Array, chunk: number, compression: string, encoder: ZlibEncoder, hashWorker: HashWorkerChoice) {
  const store = new MemoryObjectStore();
  const w = new ChunkedBackupWriter({
    store,
    container: "c",
    prefix: "p",
    chunkSize: chunk,
    shaBlockSize: 4 * KiB,
    compression,
    zlibEncoder: encoder,
    hashWorker,
    memo: false,
    header: { backup_id: "b", volume_id: "v", backup_name: null, backup_description: null, created_at: "2026-01-01 00:00:00+00:00" },
    parentId: null,
  });
  for (let off = 0; off < data.length; off += chunk) await w.writeChunk(off, data.subarray(off, Math.min(data.length, off + chunk)));
  const result = await w.finish(null);
  const objects = new Map<string, string>();
  for (const name of await store.listObjects("c")) objects.set(name, Buffer.from(await store.getObject("c", name)).toString("base64"));
  return { result, objects };
}

describe("storeWholeChunk: hashing side by side with compression or the write stores the same bytes", () => {
  const mixed = new Uint8Array(200 * KiB + 123);
  mixed.set(text(64 * KiB), 0);
  mixed.set(xorshiftBytes(64 * KiB, 5), 64 * KiB); // then a chunk of zeros, then a short tail
  mixed.set(xorshiftBytes(8 * KiB + 123, 6), 192 * KiB);
  const cases: Array<[string, ZlibEncoder]> = [
    ["none", "exact"],
    ["zlib", "exact"],
    ["zlib", "native"],
    ["gzip", "native"],
    ...(bzip2Available() ? ([["bz2", "exact"]] as Array<[string, ZlibEncoder]>) : []),
  ];
  for (const [compression, encoder] of cases) {
    it(`${compression} (${encoder}): random, compressible, zero and short chunks`, async () => {
      for (const data of [xorshiftBytes(150 * KiB + 7, 1), text(130 * KiB), mixed]) {
        const inline = await backup(data, 64 * KiB, compression, encoder, false);
        const side = await backup(data, 64 * KiB, compression, encoder, true);
        expect(side.result).toEqual(inline.result);
        expect(side.objects).toEqual(inline.objects);
      }
    });
  }

  it("native zlib of a 17 MiB chunk with all-zero MiBs (the sparse stream; zero pieces not sent to the worker)", async () => {
    const data = xorshiftBytes(17 * MiB, 9);
    data.fill(0, 3 * MiB, 9 * MiB); // whole all-zero 1 MiB pieces: hashed from the zero-block digest
    const inline = await backup(data, 32 * MiB, "zlib", "native", false);
    const side = await backup(data, 32 * MiB, "zlib", "native", true);
    expect(side.result).toEqual(inline.result);
    expect(side.objects).toEqual(inline.objects);
  }, 60_000);
});
