import { mkdtemp, open, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ObjectStore } from "../../stores/contract/index.ts";
import { PosixObjectStore } from "../../stores/posix/posix-object-store.ts";
import { readStepped } from "../../stores/posix/stepped-read.ts";
import type { SizedObjectStore } from "../bounded-read.ts";
import { xorshiftBytes } from "../byte-patterns.ts";
import { MemoryVolumeFile } from "../memory-volume-file.ts";
import { verifyBackup } from "../verify.ts";
import { ChunkedBackupWriter } from "../writer.ts";
import { STEPPED_MIN_BYTES } from "./read-object-stepped.ts";
import { restoreVerifying } from "./restore-verifying.ts";

const C = "volumebackups";
const SIZE = STEPPED_MIN_BYTES + 8 * 1024 * 1024 + 5000; // one uncompressed object, read in steps; a short last block
const data = xorshiftBytes(SIZE, 12);
let dir = "";
let stepped: PosixObjectStore;
let calls = 0;
let objectFile = "";

/** The same store without stepped reads: every object is read whole (the path before this one). */
function wholeReads(s: PosixObjectStore): SizedObjectStore {
  return {
    kind: s.kind,
    ensureContainer: (c) => s.ensureContainer(c),
    putObject: (c, n, d) => s.putObject(c, n, d),
    getObject: (c, n) => s.getObject(c, n),
    listObjects: (c, p) => s.listObjects(c, p),
    deleteObject: (c, n) => s.deleteObject(c, n),
    listContainers: () => s.listContainers(),
    objectSize: (c, n) => s.objectSize(c, n),
  };
}

async function restored(store: ObjectStore) {
  const vol = new MemoryVolumeFile(SIZE);
  const report = await restoreVerifying(store, "B", vol);
  return { problems: report.problems, bytes: vol.bytes };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "cbh-stepped-"));
  stepped = new PosixObjectStore({ root: dir });
  const read = stepped.readObjectStepped.bind(stepped);
  stepped.readObjectStepped = (c, n) => (calls++, read(c, n));
  const w = new ChunkedBackupWriter({
    store: stepped,
    container: C,
    prefix: "volume_v/20260101000000/az_nova_backup_B",
    chunkSize: 64 * 1024 * 1024,
    shaBlockSize: 32 * 1024,
    compression: "none",
    header: { backup_id: "B", volume_id: "v", backup_name: null, backup_description: null, created_at: "2026-01-01 00:00:00+00:00" },
    parentId: null,
    parentSha256s: null,
  });
  await w.writeChunk(0, data);
  await w.finish(null);
  const name = (await stepped.listObjects(C)).find((n) => n.endsWith("-00001"))!;
  objectFile = join(dir, C, name);
}, 60_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("stepped reads (a large uncompressed posix object is hashed and written as it lands)", () => {
  it("verifies and restores the same bytes as whole reads, through the stepped path", async () => {
    calls = 0;
    expect((await verifyBackup(stepped, "B")).valid).toBe(true);
    expect(calls).toBe(1);
    const a = await restored(stepped);
    expect(calls).toBe(2);
    expect(a.problems).toEqual([]);
    expect(Buffer.from(a.bytes).equals(Buffer.from(data))).toBe(true);
    const b = await restored(wholeReads(stepped));
    expect(calls).toBe(2);
    expect(Buffer.from(b.bytes).equals(Buffer.from(a.bytes))).toBe(true);
  }, 60_000);

  it("reports a damaged object exactly as whole reads do (md5 and sha256 problems, same details)", async () => {
    const fh = await open(objectFile, "r+");
    try {
      await fh.write(Buffer.from([data[20 << 20]! ^ 0xff]), 0, 1, 20 << 20);
      await fh.write(Buffer.from([data[SIZE - 10]! ^ 0xff]), 0, 1, SIZE - 10); // inside the short last block
      const s = await verifyBackup(stepped, "B");
      const w = await verifyBackup(wholeReads(stepped), "B");
      expect(s.valid).toBe(false);
      expect(s.problems).toEqual(w.problems);
      expect(s.problems.map((p) => p.code).sort()).toEqual(["md5-mismatch", "sha256-mismatch"]);
      expect((await restored(stepped)).problems).toEqual((await restored(wholeReads(stepped))).problems);
    } finally {
      await fh.write(Buffer.from([data[20 << 20]!]), 0, 1, 20 << 20);
      await fh.write(Buffer.from([data[SIZE - 10]!]), 0, 1, SIZE - 10);
      await fh.close();
    }
    expect((await verifyBackup(stepped, "B")).valid).toBe(true);
  }, 60_000);

  it("a file shorter than its stat size rejects the waits past its end", async () => {
    const f = join(dir, "short.bin");
    await writeFile(f, Buffer.alloc(1000, 7));
    const r = readStepped(await open(f, "r"), 3000);
    await expect(r.filled(1000)).resolves.toBeUndefined();
    await expect(r.filled(1001)).rejects.toThrow(/ended after 1000 of its 3000 bytes/);
    expect(r.data.subarray(0, 1000).every((b) => b === 7)).toBe(true);
  });
});
