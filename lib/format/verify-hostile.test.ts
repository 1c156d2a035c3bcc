import { describe, expect, it } from "vitest";
import { MemoryObjectStore } from "../stores/memory/memory-object-store.ts";
import { splitLocation } from "./discover.ts";
import { withLimits } from "./limits.ts";
import { serializeMetadata, serializeSha256File, type BackupMetadata } from "./metadata.ts";
import { verifyStore } from "./verify.ts";

const C = "volumebackups";
const header = { volume_id: "v", backup_name: null, backup_description: null, created_at: "2026-01-01 00:00:00+00:00", version: "1.0.0" };
const md5 = "0".repeat(32);

function put(store: MemoryObjectStore, id: string, m: Partial<BackupMetadata>): void {
  const prefix = `volume_v/20260101000000/az_nova_backup_${id}`;
  store.overwrite(
    C,
    `${prefix}_metadata`,
    serializeMetadata({ ...header, backup_id: id, objects: [], parent_id: null, volume_meta: null, ...m }),
  );
  store.overwrite(C, `${prefix}_sha256file`, serializeSha256File({ ...header, backup_id: id, chunk_size: 1024, sha256s: [] }));
}

const detail = async (store: MemoryObjectStore, id: string) =>
  (await verifyStore(store, { limits: withLimits({ maxChainDepth: 5 }) })).problems.filter((p) => p.backupId === id);

describe("hostile metadata is reported, never followed", () => {
  const obj = (name: string, offset: number, length: number) => ({
    name: `volume_v/20260101000000/az_nova_backup_${name}`,
    offset,
    length,
    compression: "none",
    md5,
  });

  it("absurd lengths, overlapping offsets, absolute names", async () => {
    const store = new MemoryObjectStore();
    put(store, "huge", { objects: [obj("huge-00001", 0, 2 ** 40)] });
    put(store, "overlap", { objects: [obj("overlap-00001", 0, 2048), obj("overlap-00002", 1024, 2048)] });
    store.overwrite(
      C,
      "volume_v/20260101000000/az_nova_backup_abs_metadata",
      Buffer.from(
        JSON.stringify({
          ...header,
          backup_id: "abs",
          parent_id: null,
          volume_meta: null,
          objects: [{ "/etc/passwd": { offset: 0, length: 1, compression: "none", md5 } }],
        }),
      ),
    );
    expect((await detail(store, "huge"))[0]).toMatchObject({ code: "bad-metadata", detail: expect.stringMatching(/exceeds/) });
    expect((await detail(store, "overlap"))[0]).toMatchObject({ code: "bad-metadata", detail: expect.stringMatching(/overlaps/) });
    expect((await detail(store, "abs"))[0]).toMatchObject({ code: "bad-metadata", detail: expect.stringMatching(/unsafe name/) });
  });

  it("a parent chain deeper than the limit is a broken chain", async () => {
    const store = new MemoryObjectStore();
    for (let i = 0; i < 8; i++) put(store, `d${i}`, { parent_id: i === 0 ? null : `d${i - 1}` });
    const problems = await detail(store, "d7");
    expect(problems).toEqual([expect.objectContaining({ code: "broken-chain", detail: expect.stringMatching(/deeper than 5/) })]);
    expect(await detail(store, "d3")).toEqual([]);
  });

  it("a two-backup cycle is a broken chain for both", async () => {
    const store = new MemoryObjectStore();
    put(store, "a", { parent_id: "b" });
    put(store, "b", { parent_id: "a" });
    expect((await detail(store, "a")).map((p) => p.code)).toEqual(["broken-chain"]);
    expect((await detail(store, "b")).map((p) => p.code)).toEqual(["broken-chain"]);
  });
});

describe("splitLocation", () => {
  it("maps nested posix paths back to cinder's container and prefix", () => {
    expect(splitLocation("ab", "cd/abcd-1/volume_v_20260101000000_backup_abcd-1")).toEqual({
      container: "ab/cd/abcd-1",
      prefix: "volume_v_20260101000000_backup_abcd-1",
    });
    expect(splitLocation("volumebackups", "volume_v/20260101000000/az_nova_backup_b1")).toEqual({
      container: "volumebackups",
      prefix: "volume_v/20260101000000/az_nova_backup_b1",
    });
    expect(splitLocation("root", "sub/volume_v/20260101000000/az_nova_backup_b1")).toEqual({
      container: "root/sub",
      prefix: "volume_v/20260101000000/az_nova_backup_b1",
    });
    expect(splitLocation("c", "something-else")).toEqual({ container: "c", prefix: "something-else" });
  });
});
