import { describe, expect, it } from "vitest";
import { MemoryObjectStore } from "../stores/memory/memory-object-store.ts";
import { xorshiftBytes } from "./byte-patterns.ts";
import { serializeMetadata } from "./metadata.ts";
import { parseMetadata } from "./parse.ts";
import { verifyBackup, verifyStore } from "./verify.ts";
import { ChunkedBackupWriter } from "./writer.ts";

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
    compression: "none",
    header: { backup_id: id, volume_id: "v", backup_name: null, backup_description: null, created_at: "2026-01-01 00:00:00+00:00" },
    parentId: parent?.id ?? null,
    parentSha256s: parent?.shas ?? null,
  });
  for (let off = 0; off < data.length; off += CHUNK) await w.writeChunk(off, data.subarray(off, Math.min(data.length, off + CHUNK)));
  const res = await w.finish(null);
  return { prefix, shas: res.sha256s };
}

/** A full backup F and an incremental I on top of it. */
async function chain() {
  const store = new MemoryObjectStore();
  const base = xorshiftBytes(3 * CHUNK + 100, 1);
  const f = await write(store, "F", base);
  const next = base.slice();
  next.fill(5, BS, 2 * BS);
  const i = await write(store, "I", next, { id: "F", shas: f.shas });
  return { store, f, i };
}

const codes = (r: { problems: Array<{ code: string; backupId: string | null }> }) =>
  r.problems.map((p) => `${p.code}:${p.backupId}`).sort();

describe("verifyStore / verifyBackup", () => {
  it("an intact chain is valid", async () => {
    const { store } = await chain();
    const r = await verifyStore(store);
    expect(r.problems).toEqual([]);
    expect(r.valid).toBe(true);
    expect(r.backups.map((b) => b.backupId).sort()).toEqual(["F", "I"]);
  });

  it("missing-object", async () => {
    const { store, f } = await chain();
    store.loseObject(C, `${f.prefix}-00002`);
    const r = await verifyBackup(store, "F");
    expect(codes(r)).toEqual(["missing-object:F"]);
    expect(r.problems[0]?.object).toBe(`${f.prefix}-00002`);
  });

  it("md5-mismatch and sha256-mismatch on a flipped byte (also seen by the incremental)", async () => {
    const { store, f } = await chain();
    store.flipByte(C, `${f.prefix}-00003`, 5);
    expect(codes(await verifyStore(store))).toEqual(["md5-mismatch:F", "sha256-mismatch:F", "sha256-mismatch:I"]);
  });

  it("sha256-mismatch alone when the sha256file is wrong", async () => {
    const { store, i } = await chain();
    const name = `${i.prefix}_sha256file`;
    const text = Buffer.from(await store.getObject(C, name)).toString();
    const first = /"([0-9a-f]{64})"/.exec(text)?.[1] as string;
    store.overwrite(C, name, Buffer.from(text.replace(first, "0".repeat(64))));
    expect(codes(await verifyBackup(store, "I"))).toEqual(["sha256-mismatch:I"]);
  });

  it("broken-chain when the parent's metadata is gone (and orphans of its objects)", async () => {
    const { store, f } = await chain();
    store.loseObject(C, `${f.prefix}_metadata`);
    const r = await verifyStore(store);
    expect(codes(r)).toContain("broken-chain:I");
    expect(codes(r).filter((c) => c === "orphan-object:F")).toHaveLength(5); // 4 data objects + _sha256file
  });

  it("orphan-object under a prefix that the metadata does not list", async () => {
    const { store, i } = await chain();
    await store.putObject(C, `${i.prefix}-00009`, new Uint8Array(3));
    const r = await verifyBackup(store, "I");
    expect(codes(r)).toEqual(["orphan-object:I"]);
  });

  it("bad-metadata: unparseable, unsupported version, hostile names and offsets", async () => {
    const { store, f, i } = await chain();
    store.overwrite(C, `${f.prefix}_metadata`, Buffer.from("{not json"));
    const meta = parseMetadata(await store.getObject(C, `${i.prefix}_metadata`));
    const hostile = { ...meta, objects: [{ ...meta.objects[0]!, name: "../../etc/passwd" }] };
    store.overwrite(C, `${i.prefix}_metadata`, serializeMetadata(hostile));
    const r = await verifyStore(store);
    expect(codes(r).filter((c) => c.startsWith("bad-metadata"))).toEqual(["bad-metadata:F", "bad-metadata:I"]);
    expect(r.problems.find((p) => p.backupId === "I" && p.code === "bad-metadata")?.detail).toMatch(/unsafe name/);
  });

  it("bad-metadata: a self-parent cycle is a broken chain, not a hang", async () => {
    const { store, i } = await chain();
    const meta = parseMetadata(await store.getObject(C, `${i.prefix}_metadata`));
    store.overwrite(C, `${i.prefix}_metadata`, serializeMetadata({ ...meta, parent_id: "I" }));
    expect(codes(await verifyBackup(store, "I"))).toEqual(["broken-chain:I"]);
  });
});
