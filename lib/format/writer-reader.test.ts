import { describe, expect, it } from "vitest";
import { MemoryObjectStore } from "../stores/memory/memory-object-store.ts";
import { xorshiftBytes, fixturePattern } from "./byte-patterns.ts";
import { MemoryVolumeFile } from "./memory-volume-file.ts";
import { parseMetadata, parseSha256File } from "./parse.ts";
import { readMetadata, restoreChain } from "./reader.ts";
import { ChunkedBackupWriter } from "./writer.ts";
import { shaBlocks } from "./hashing.ts";
import { FormatError } from "./format-error.ts";
import type { OutputMemo } from "./output-memo.ts";

const C = "volumebackups";
const BS = 1024;
const CHUNK = 4 * BS;

async function write(
  store: MemoryObjectStore,
  id: string,
  data: Uint8Array,
  opts: { parent?: { id: string; shas: string[] }; compression?: string; chunk?: number } = {},
) {
  const prefix = `volume_v/20260101000000/az_nova_backup_${id}`;
  const chunk = opts.chunk ?? CHUNK;
  const w = new ChunkedBackupWriter({
    store,
    container: C,
    prefix,
    chunkSize: chunk,
    shaBlockSize: BS,
    compression: opts.compression ?? "zlib",
    header: { backup_id: id, volume_id: "v", backup_name: null, backup_description: null, created_at: "2026-01-01 00:00:00+00:00" },
    parentId: opts.parent?.id ?? null,
    parentSha256s: opts.parent?.shas ?? null,
  });
  for (let off = 0; off < data.length; off += chunk) await w.writeChunk(off, data.subarray(off, Math.min(data.length, off + chunk)));
  const res = await w.finish(null);
  return { prefix, res, location: { container: C, prefix } };
}

async function restore(
  store: MemoryObjectStore,
  chain: Array<{ location: { container: string; prefix: string } }>,
  size: number,
): Promise<Uint8Array> {
  const vol = new MemoryVolumeFile(size);
  await restoreChain(
    store,
    chain.map((c) => ({ location: c.location })),
    vol,
  );
  return vol.bytes;
}

/** A writer's options for a full backup at prefix `p`, uncompressed, the file's geometry. */
function plainWriter(store: MemoryObjectStore): ConstructorParameters<typeof ChunkedBackupWriter>[0] {
  return {
    store,
    container: C,
    prefix: "p",
    chunkSize: CHUNK,
    shaBlockSize: BS,
    compression: "none",
    header: { backup_id: "x", volume_id: "v", backup_name: null, backup_description: null, created_at: "x" },
    parentId: null,
  };
}

/**
 * `data` written chunk by chunk with `memo`: every stored object's bytes and each object's
 * compression and md5. Each chunk is a fresh copy: a memo hit must store the bytes it is given,
 * not the memo's or an earlier caller's.
 */
async function writeWithMemo(
  data: Uint8Array,
  memo: OutputMemo | false,
  compression: string,
): Promise<{ objects: Uint8Array[]; md5s: [string, string][] }> {
  const store = new MemoryObjectStore();
  const w = new ChunkedBackupWriter({ ...plainWriter(store), compression, memo });
  for (let off = 0; off < data.length; off += CHUNK) await w.writeChunk(off, data.slice(off, off + CHUNK));
  const res = await w.finish(null);
  const objects = await Promise.all(store.listAll().map((o) => store.getObject(o.container, o.name)));
  return { objects, md5s: res.objects.map((o) => [o.compression, o.md5]) };
}

describe("ChunkedBackupWriter + restoreChain", () => {
  for (const size of [1, BS - 1, BS, BS + 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK, 3 * CHUNK + BS + 7]) {
    it(`round-trips ${size} bytes: one object per chunk, sha per block`, async () => {
      const store = new MemoryObjectStore();
      const data = xorshiftBytes(size, size);
      const { res, location } = await write(store, `full-${size}`, data);
      expect(res.objectCount).toBe(Math.ceil(size / CHUNK));
      expect(res.objects.map((o) => o.offset)).toEqual(Array.from({ length: res.objectCount }, (_, i) => i * CHUNK));
      const sha = parseSha256File(await store.getObject(C, `${location.prefix}_sha256file`));
      expect(sha.sha256s).toEqual(shaBlocks(data, BS));
      expect(Buffer.from(await restore(store, [{ location }], size)).equals(Buffer.from(data))).toBe(true);
    });
  }

  it("incremental stores only changed runs of blocks, split at chunk boundaries, with absolute offsets", async () => {
    const store = new MemoryObjectStore();
    const base = xorshiftBytes(3 * CHUNK + 500, 9);
    const full = await write(store, "f", base);
    const next = base.slice();
    next.fill(7, CHUNK - BS, CHUNK + 2 * BS); // blocks 3 | 4,5 : crosses the chunk 1/2 boundary
    next[3 * CHUNK + 10] = 99; // last short block
    const incr = await write(store, "i", next, { parent: { id: "f", shas: full.res.sha256s } });
    expect(incr.res.objects.map((o) => [o.name.slice(-6), o.offset, o.length])).toEqual([
      ["-00001", CHUNK - BS, BS],
      ["-00002", CHUNK, 2 * BS],
      ["-00003", 3 * CHUNK, 500],
    ]);
    const meta = parseMetadata(await store.getObject(C, `${incr.prefix}_metadata`));
    expect(meta.parent_id).toBe("f");
    expect(Buffer.from(await restore(store, [incr, full], next.length)).equals(Buffer.from(next))).toBe(true);
  });

  it("mixed-compression chain restores each object by its own field", async () => {
    const store = new MemoryObjectStore();
    const base = fixturePattern(2 * CHUNK);
    const full = await write(store, "zf", base, { compression: "gzip" });
    const next = base.slice();
    next.fill(1, 0, BS);
    const incr1 = await write(store, "zi1", next, { compression: "bzip2", parent: { id: "zf", shas: full.res.sha256s } });
    const next2 = next.slice();
    next2.set(xorshiftBytes(BS, 5), CHUNK);
    const incr2 = await write(store, "zi2", next2, { compression: "none", parent: { id: "zi1", shas: incr1.res.sha256s } });
    expect(full.res.objects.map((o) => o.compression)).toEqual(["gzip", "gzip"]);
    expect(incr1.res.objects.map((o) => o.compression)).toEqual(["bzip2"]);
    expect(incr2.res.objects.map((o) => o.compression)).toEqual(["none"]);
    expect(Buffer.from(await restore(store, [incr2, incr1, full], next2.length)).equals(Buffer.from(next2))).toBe(true);
  });

  it("sparse chunks produce the same bytes as computing them", async () => {
    const a = new MemoryObjectStore();
    const data = new Uint8Array(3 * CHUNK);
    data[CHUNK + 3] = 1;
    const r = await write(a, "s", data);
    expect(r.res.objects.map((o) => o.compression)).toEqual(["zlib", "zlib", "zlib"]);
    expect(await a.getObject(C, `${r.prefix}-00001`)).toEqual(await a.getObject(C, `${r.prefix}-00003`));
    expect(Buffer.from(await restore(a, [r], data.length)).equals(Buffer.from(data))).toBe(true);
  });

  it("the content memo reuses compressed output and md5 for repeated data, with identical results", async () => {
    const { OutputMemo } = await import("./output-memo.ts");
    const data = fixturePattern(3 * CHUNK);
    const run = async (memo: InstanceType<typeof OutputMemo> | false) => (await writeWithMemo(data, memo, "zlib")).objects;
    const memo = new OutputMemo(1 << 20);
    const plain = await run(false);
    expect(await run(memo)).toEqual(plain);
    expect([memo.hits, memo.misses]).toEqual([0, 3]);
    expect(await run(memo)).toEqual(plain);
    expect([memo.hits, memo.misses]).toEqual([3, 3]);
    const tiny = new OutputMemo(10);
    await run(tiny);
    expect(tiny.sizeBytes).toBeLessThanOrEqual(10);
  });

  it("the content memo keeps no bytes of a chunk stored raw and hands the chunk itself back", async () => {
    const { OutputMemo, RAW_ENTRY_CHARGE } = await import("./output-memo.ts");
    const data = xorshiftBytes(3 * CHUNK, 11); // incompressible: stored raw ("none") although zlib is configured
    const run = (memo: InstanceType<typeof OutputMemo> | false, compression: string) => writeWithMemo(data, memo, compression);
    for (const compression of ["zlib", "none"]) {
      const memo = new OutputMemo(1 << 20);
      const plain = await run(false, compression);
      expect(plain.md5s.every(([c]) => c === "none")).toBe(true);
      expect(await run(memo, compression)).toEqual(plain);
      expect([memo.hits, memo.misses, memo.sizeBytes]).toEqual([0, 3, 3 * RAW_ENTRY_CHARGE]);
      expect(await run(memo, compression)).toEqual(plain);
      expect([memo.hits, memo.misses, memo.sizeBytes]).toEqual([3, 3, 3 * RAW_ENTRY_CHARGE]);
    }
    const chunk = data.slice(0, CHUNK);
    const memo = new OutputMemo(1 << 20);
    memo.set("k", { algorithm: "none", data: chunk }, "md5");
    const other = chunk.slice();
    expect(memo.get("k", other)).toEqual({ out: { algorithm: "none", data: other }, md5: "md5" });
    expect(memo.get("k", other)!.out.data).toBe(other);
    // Raw entries one memo found, handed to another (a sweep's workers): hits there, without the bytes.
    const finder = new OutputMemo(1 << 20);
    finder.recordRawEntries();
    finder.set("k1", { algorithm: "none", data: chunk }, "m1");
    finder.set("k2", { algorithm: "zlib", data: Uint8Array.of(1) }, "m2");
    const found = finder.takeRawEntries();
    expect([found, finder.takeRawEntries()]).toEqual([[["k1", "m1"]], []]);
    const taker = new OutputMemo(1 << 20);
    taker.addRawEntries(found);
    expect([taker.hits, taker.misses, taker.sizeBytes]).toEqual([0, 0, RAW_ENTRY_CHARGE]);
    expect(taker.get("k1", other)).toEqual({ out: { algorithm: "none", data: other }, md5: "m1" });
    expect(new OutputMemo().takeRawEntries()).toEqual([]); // not recording: nothing kept
    const small = new OutputMemo(2 * RAW_ENTRY_CHARGE);
    for (const k of ["a", "b", "c"]) small.set(k, { algorithm: "none", data: chunk }, k);
    expect([small.get("a", chunk), small.sizeBytes]).toEqual([undefined, 2 * RAW_ENTRY_CHARGE]);
  });

  it("refuses out-of-order chunks and a chunk size that is not a multiple of the block", async () => {
    const store = new MemoryObjectStore();
    expect(() => new ChunkedBackupWriter({ ...plainWriter(store), chunkSize: 1000, shaBlockSize: 300 })).toThrow(
      "Chunk size is not multiple of block size for creating hash.",
    );
    const w = new ChunkedBackupWriter(plainWriter(store));
    await expect(w.writeChunk(CHUNK, new Uint8Array(10))).rejects.toBeInstanceOf(FormatError);
  });

  it("restore checks the object list and refuses objects past the volume end", async () => {
    const store = new MemoryObjectStore();
    const data = xorshiftBytes(2 * CHUNK, 4);
    const full = await write(store, "o", data);
    await store.putObject(C, `${full.prefix}-00003`, new Uint8Array(1));
    await expect(restore(store, [full], data.length)).rejects.toThrow(
      "restore_backup aborted, actual object list does not match object list stored in metadata.",
    );
    await store.deleteObject(C, `${full.prefix}-00003`);
    await expect(restore(store, [full], CHUNK)).rejects.toMatchObject({ code: "bad-object" });
    expect((await readMetadata(store, full.location)).objects).toHaveLength(2);
  });
});
