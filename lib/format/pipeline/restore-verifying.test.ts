import { describe, expect, it } from "vitest";
import { MemoryObjectStore } from "../../stores/memory/memory-object-store.ts";
import { xorshiftBytes } from "../byte-patterns.ts";
import { MemoryVolumeFile } from "../memory-volume-file.ts";
import { restoreChain, type ChainLink } from "../reader.ts";
import { discoverBackups, indexBackups, resolveChain } from "../discover.ts";
import { verifyBackup } from "../verify.ts";
import { ChunkedBackupWriter } from "../writer.ts";
import { restoreVerifying } from "./restore-verifying.ts";

const C = "volumebackups";
const BS = 1024;
const CHUNK = 4 * BS;

async function write(store: MemoryObjectStore, id: string, data: Uint8Array, parent?: { id: string; shas: string[] }) {
  const prefix = `volume_v/20260101000000/az_nova_backup_${id}`;
  const w = new ChunkedBackupWriter({
    store,
    container: C,
    prefix,
    chunkSize: CHUNK,
    shaBlockSize: BS,
    compression: "zlib",
    header: { backup_id: id, volume_id: "v", backup_name: null, backup_description: null, created_at: "2026-01-01 00:00:00+00:00" },
    parentId: parent?.id ?? null,
    parentSha256s: parent?.shas ?? null,
  });
  for (let off = 0; off < data.length; off += CHUNK) await w.writeChunk(off, data.subarray(off, Math.min(data.length, off + CHUNK)));
  return { prefix, shas: (await w.finish(null)).sha256s };
}

/** Full F (some compressible chunks), incremental I over it: the image restore must produce is `next`. */
async function chain() {
  const store = new MemoryObjectStore();
  const base = xorshiftBytes(5 * CHUNK + 100, 3);
  base.fill(0, CHUNK, 2 * CHUNK);
  const f = await write(store, "F", base);
  const next = base.slice();
  next.fill(9, 3 * CHUNK + BS, 3 * CHUNK + 2 * BS);
  const i = await write(store, "I", next, { id: "F", shas: f.shas });
  return { store, f, i, next };
}

async function oldRestore(store: MemoryObjectStore, id: string, size: number): Promise<Uint8Array> {
  const index = indexBackups(await discoverBackups(store));
  const links: ChainLink[] = resolveChain(index, index.get(id)!).links.map((l) => ({
    location: l.location,
    metadata: l.metadata ?? undefined,
  }));
  const vol = new MemoryVolumeFile(size);
  await restoreChain(store, links, vol);
  return vol.bytes;
}

const codes = (r: { problems: Array<{ code: string; backupId: string | null }> }) =>
  r.problems.map((p) => `${p.code}:${p.backupId}`).sort();

describe("restoreVerifying (restore that verifies as it writes)", () => {
  for (const hashWorker of [false, true]) {
    it(`writes the same image as restoreChain and reports valid (hash worker ${hashWorker})`, async () => {
      const { store, next } = await chain();
      const vol = new MemoryVolumeFile(next.length);
      const r = await verifyBackup(store, "I", { sink: async (_id, e, d, at) => vol.write(e.offset + at, d), hashWorker });
      expect(r.problems).toEqual([]);
      expect(Buffer.from(vol.bytes).equals(Buffer.from(next))).toBe(true);
      expect(Buffer.from(await oldRestore(store, "I", next.length)).equals(Buffer.from(next))).toBe(true);
    });
  }

  it("writes every object of the chain in restore order (full first, _metadata order), flushing after each", async () => {
    const { store, next } = await chain();
    const order: string[] = [];
    const vol = new MemoryVolumeFile(next.length);
    const spy = {
      sizeBytes: vol.sizeBytes,
      read: vol.read.bind(vol),
      write: async (o: number, d: Uint8Array) => {
        order.push(`w${o}`);
        await vol.write(o, d);
      },
      flush: async () => {
        order.push("f");
      },
    };
    expect((await restoreVerifying(store, "I", spy)).valid).toBe(true);
    const full = [0, 1, 2, 3, 4, 5].map((n) => `w${n * CHUNK}`);
    expect(order.filter((x) => x !== "f").slice(0, 6)).toEqual(full);
    expect(order.filter((x) => x === "f").length).toBe(order.length / 2);
  });

  it("a damaged object gives verify's codes, the same as verifyBackup (worker on or off)", async () => {
    const { store, f, next } = await chain();
    store.flipByte(C, `${f.prefix}-00004`, 5);
    const plain = codes(await verifyBackup(store, "I", { hashWorker: false }));
    expect(plain).toEqual(["md5-mismatch:F", "sha256-mismatch:I"]);
    expect(codes(await verifyBackup(store, "I", { hashWorker: true }))).toEqual(plain);
    expect(codes(await restoreVerifying(store, "I", new MemoryVolumeFile(next.length)))).toEqual(plain);
  });

  it("an unreadable object mid-stream is reported (bad-object / missing-object) and the rest still written", async () => {
    const { store, f, next } = await chain();
    await store.putObject(C, `${f.prefix}-00002`, new Uint8Array([1, 2, 3])); // zlib entry, garbage body
    await store.deleteObject(C, `${f.prefix}-00005`);
    const vol = new MemoryVolumeFile(next.length);
    const r = await restoreVerifying(store, "I", vol);
    expect(codes(r)).toEqual(expect.arrayContaining(["bad-object:F", "missing-object:F"]));
    expect(r.valid).toBe(false);
    expect(Buffer.from(vol.bytes.subarray(0, CHUNK)).equals(Buffer.from(next.subarray(0, CHUNK)))).toBe(true);
  });
});
