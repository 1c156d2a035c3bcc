import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { ObjectStore } from "../../stores/contract/index.ts";
import { MemoryObjectStore } from "../../stores/memory/memory-object-store.ts";
import { PosixObjectStore } from "../../stores/posix/posix-object-store.ts";
import { bzip2Available } from "../bzip2-cli.ts";
import { xorshiftBytes } from "../byte-patterns.ts";
import type { ZlibEncoder } from "../compression.ts";
import type { HashWorkerChoice } from "./open-block-hasher.ts";
import { ChunkedBackupWriter } from "../writer.ts";
import { InlineBlockHasher } from "./block-hasher.ts";
import { storeWholeChunk } from "./whole-chunk.ts";

const KiB = 1024;
const MiB = 1024 * KiB;

function text(n: number): Uint8Array {
  const line = Buffer.from("cinder-backup-harness compressible line 0123456789\n");
  const out = new Uint8Array(n);
  for (let off = 0; off < n; off += line.length) out.set(line.subarray(0, Math.min(line.length, n - off)), off);
  return out;
}

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
/** A fresh directory for a posix store (a store that writes early, `earlyWrites`), removed after the file's tests. */
function tempRoot(): string {
  const root = mkdtempSync(join(tmpdir(), "cbh-whole-chunk-"));
  dirs.push(root);
  return root;
}

/** 256 KiB of random bytes (the sample the stored form is guessed from), then text: it compresses after all. */
function randomHeadThenText(n: number): Uint8Array {
  const out = xorshiftBytes(n, 11);
  out.set(text(n - 256 * KiB), 256 * KiB);
  return out;
}

/** Random bytes with all of its second and third MiB zero. */
function randomThenZeroMiBs(n: number): Uint8Array {
  const out = xorshiftBytes(n, 12);
  out.fill(0, MiB, 3 * MiB);
  return out;
}

function writerOn(store: ObjectStore, chunk: number, compression: string, encoder: ZlibEncoder, hashWorker: HashWorkerChoice) {
  return new ChunkedBackupWriter({
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
}

/** Every stored object (name → bytes) and the writer's result, for one full backup of `data`. */
async function backup(
  data: Uint8Array,
  chunk: number,
  compression: string,
  encoder: ZlibEncoder,
  hashWorker: HashWorkerChoice,
  store: ObjectStore = new MemoryObjectStore(),
) {
  const w = writerOn(store, chunk, compression, encoder, hashWorker);
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

    // bz2 never writes early (its output is computed before the write either way)
    if (compression === "bz2") continue;
    it(`${compression} (${encoder}) on a store that writes early (posix): random, compressible, misjudged, zero and short chunks`, async () => {
      for (const [data, chunk] of [
        [xorshiftBytes(2 * MiB + 7, 1), MiB],
        [text(MiB + 5), 512 * KiB],
        [randomHeadThenText(2 * MiB), 2 * MiB], // raw at first, then replaced by the compressed form
        [randomThenZeroMiBs(4 * MiB), 4 * MiB], // the same, with all-zero 1 MiB pieces hashed from the zero-block digest
        [mixed, 64 * KiB],
      ] as const) {
        const inline = await backup(data, chunk, compression, encoder, false);
        const early = await backup(data, chunk, compression, encoder, true, new PosixObjectStore({ root: tempRoot() }));
        expect(early.result).toEqual(inline.result);
        expect(early.objects).toEqual(inline.objects);
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

/** Fails the first `failures` writes of data object 1 after writing half of it (a disk that fills up). */
class FillingPosixStore extends PosixObjectStore {
  failures = 1;
  puts = 0;
  override async putObject(container: string, name: string, data: Uint8Array): Promise<void> {
    if (name.endsWith("-00001")) {
      this.puts++;
      if (this.failures > 0) {
        this.failures--;
        await super.putObject(container, name, data.subarray(0, data.length >> 1));
        throw Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
      }
    }
    await super.putObject(container, name, data);
  }
}

describe("storeWholeChunk on a store that writes early: nothing is left behind on failure", () => {
  for (const encoder of ["exact", "native"] as const) {
    it(`a failed write of an incompressible chunk leaves no object (${encoder})`, async () => {
      const store = new FillingPosixStore({ root: tempRoot() });
      const w = writerOn(store, 2 * MiB, "zlib", encoder, true);
      await expect(w.writeChunk(0, xorshiftBytes(2 * MiB, 3))).rejects.toThrow(/ENOSPC/);
      expect(await store.listObjects("c")).toEqual([]);
    });

    it(`a failed raw write of a chunk that compresses after all is replaced by the compressed form (${encoder})`, async () => {
      const data = randomHeadThenText(2 * MiB);
      const store = new FillingPosixStore({ root: tempRoot() });
      const w = writerOn(store, 2 * MiB, "zlib", encoder, true);
      await w.writeChunk(0, data);
      const result = await w.finish(null);
      expect(store.puts).toBe(2); // the raw write (failed half-way), then the compressed bytes
      const inline = await backup(data, 2 * MiB, "zlib", encoder, false);
      expect(result).toEqual(inline.result);
      expect(Buffer.from(await store.getObject("c", "p-00001")).toString("base64")).toBe(inline.objects.get("p-00001"));
    });
  }

  it("a store write that fails after the early one leaves nothing", async () => {
    const stored = new Map<string, number>();
    let calls = 0;
    // Written raw early, then the compressed form (smaller after all) cannot be written: no object stays.
    const put = async (bytes: Uint8Array) => {
      stored.set("o", bytes.length);
      if (++calls === 2) throw new Error("second write failed");
    };
    const remove = async () => void stored.delete("o");
    const opts = {
      shaBlockSize: 4 * KiB,
      compression: "zlib",
      zlibEncoder: "exact" as const,
      hasher: new InlineBlockHasher(),
      put,
      remove,
    };
    await expect(storeWholeChunk(randomHeadThenText(MiB), opts)).rejects.toThrow(/second write failed/);
    expect(calls).toBe(2);
    expect(stored.size).toBe(0);
  });
});
