import { mkdtempSync, rmSync, truncateSync, openSync, writeSync, closeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { PosixObjectStore } from "../../stores/posix/posix-object-store.ts";
import { xorshiftBytes } from "../byte-patterns.ts";
import { MemoryVolumeFile } from "../memory-volume-file.ts";
import { verifyBackup } from "../verify.ts";
import { ChunkedBackupWriter } from "../writer.ts";
import { STREAM_MIN_BYTES } from "./open-streamed.ts";
import { restoreVerifying } from "./restore-verifying.ts";

const C = "volumebackups";
const BS = 32 * 1024;
const MiB = 1024 * 1024;

/** A posix store that counts the objects it opened for streaming. */
class CountingStore extends PosixObjectStore {
  opened = 0;
  override async openObject(container: string, name: string) {
    this.opened++;
    return super.openObject(container, name);
  }
}

async function write(store: PosixObjectStore, id: string, data: Uint8Array, parent?: { id: string; shas: string[] }) {
  const prefix = `volume_v/20260101000000/az_nova_backup_${id}`;
  const w = new ChunkedBackupWriter({
    store,
    container: C,
    prefix,
    chunkSize: 40 * MiB,
    shaBlockSize: BS,
    compression: "none",
    header: { backup_id: id, volume_id: "v", backup_name: null, backup_description: null, created_at: "2026-01-01 00:00:00+00:00" },
    parentId: parent?.id ?? null,
    parentSha256s: parent?.shas ?? null,
  });
  await w.writeChunk(0, data);
  return { prefix, shas: (await w.finish(null)).sha256s };
}

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Full F (one 33 MiB + 40,000 B uncompressed object: streamed), incremental I with one changed block (read whole). */
async function chain() {
  const root = mkdtempSync(join(tmpdir(), "cbh-stream-verify-"));
  dirs.push(root);
  const store = new CountingStore({ root });
  const base = xorshiftBytes(33 * MiB + 40_000, 11);
  base.fill(0, 2 * MiB, 10 * MiB);
  const f = await write(store, "F", base);
  const next = base.slice();
  next.fill(9, 5 * BS, 6 * BS);
  await write(store, "I", next, { id: "F", shas: f.shas });
  const fObject = join(root, C, f.prefix + "-00001");
  return { store, next, fObject };
}

const problems = async (store: PosixObjectStore, hashWorker: boolean) => (await verifyBackup(store, "I", { hashWorker })).problems;

describe("verify and restore stream a large uncompressed posix object (same verdicts and bytes as reading it whole)", () => {
  it("valid chain: verify streams the full backup's object, restore writes the same image", async () => {
    const { store, next } = await chain();
    expect(next.length).toBeGreaterThan(STREAM_MIN_BYTES);
    const r = await verifyBackup(store, "I", { hashWorker: true });
    expect(r.problems).toEqual([]);
    expect(store.opened).toBe(1);
    const vol = new MemoryVolumeFile(next.length);
    expect((await restoreVerifying(store, "I", vol)).valid).toBe(true);
    expect(Buffer.from(vol.bytes).equals(Buffer.from(next))).toBe(true);
    expect(store.opened).toBe(2);
  });

  it("a flipped byte: the same md5 and sha256 problems streamed or read whole", async () => {
    const { store, fObject } = await chain();
    const fd = openSync(fObject, "r+");
    writeSync(fd, Buffer.from([0x5a]), 0, 1, 20 * MiB + 3);
    closeSync(fd);
    const streamed = await problems(store, true);
    expect(store.opened).toBe(1);
    expect(streamed.map((p) => p.code).sort()).toEqual(["md5-mismatch", "sha256-mismatch"]);
    expect(streamed).toEqual(await problems(store, false));
  });

  it("a truncated object is not streamed (its size differs from _metadata): the same problems as before", async () => {
    const { store, fObject } = await chain();
    truncateSync(fObject, 33 * MiB);
    const streamed = await problems(store, true);
    expect(streamed.map((p) => p.code)).toContain("md5-mismatch");
    expect(streamed).toEqual(await problems(store, false));
  });
});
