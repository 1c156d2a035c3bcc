import { describe, expect, it } from "vitest";
import { BackupDriverError, BackupRestoreCancel } from "../errors/cinder-errors.ts";
import { MemoryVolumeFile, parseMetadata, parseSha256File } from "../../lib/format/index.ts";
import { MemoryObjectStore } from "../../lib/stores/memory/memory-object-store.ts";
import { ChunkedBackupDriver } from "./chunked-backup-driver.ts";
import { MemoryDriverContext, backupRow } from "./memory-driver-context.ts";
import type { BackupRow } from "../db/rows.ts";
import type { VolumeFile } from "../../lib/format/volume-file.ts";

const KiB = 1024;
const VOL = "c7c85555-e1b1-424d-90ff-7b0afc39422c";

function pattern(size: number, seed: number): Uint8Array {
  const b = new Uint8Array(size);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < size; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    b[i] = x & 0xff;
  }
  return b;
}

function setup(layout: "posix" | "object" = "object", config = {}) {
  const store = new MemoryObjectStore();
  const ctx = new MemoryDriverContext();
  const driver = new ChunkedBackupDriver({
    layout,
    store,
    config: {
      backup_swift_object_size: 64 * KiB,
      backup_swift_block_size: 4 * KiB,
      backup_file_size: 64 * KiB,
      backup_sha_block_size_bytes: 4 * KiB,
      ...config,
    },
  });
  return { store, ctx, driver };
}

async function runBackup(
  driver: ChunkedBackupDriver,
  ctx: MemoryDriverContext,
  fields: Partial<BackupRow> & { id: string },
  vol: VolumeFile,
): Promise<BackupRow> {
  const row = ctx.put(backupRow({ volume_id: VOL, ...fields }));
  const upd = await driver.backup(row, vol, ctx);
  if (upd) Object.assign(row, upd, { status: "available" });
  return row;
}

async function runRestore(driver: ChunkedBackupDriver, ctx: MemoryDriverContext, row: BackupRow, size: number): Promise<Uint8Array> {
  row.status = "restoring";
  const target = new MemoryVolumeFile(size);
  await driver.restore(row, "target-vol", target, true, ctx);
  row.status = "available";
  return target.bytes;
}

describe("ChunkedBackupDriver", () => {
  it("full + incremental round trip with cinder names, offsets and results", async () => {
    const { store, ctx, driver } = setup("object");
    const data = pattern(200 * KiB + 123, 7);
    ctx.volumeMeta.set(VOL, '{"version": 2}');
    const full = await runBackup(driver, ctx, { id: "b4547d86-5f59-463c-bc3d-2238028d49bd" }, new MemoryVolumeFile(data.slice()));
    expect(full.container).toBe("volumebackups");
    expect(full.service_metadata).toBe(`volume_${VOL}/20260101000000/az_nova_backup_${full.id}`);
    expect(full.object_count).toBe(4);
    // change two adjacent 4 KiB blocks inside chunk 2 and one block in chunk 4
    const changed = data.slice();
    changed.fill(1, 64 * KiB + 8 * KiB, 64 * KiB + 16 * KiB);
    changed[192 * KiB + 5] = (changed[192 * KiB + 5] as number) ^ 0xff;
    const incr = await runBackup(
      driver,
      ctx,
      { id: "c1e70764-a499-4bc5-a222-9319f693ad75", parent_id: full.id },
      new MemoryVolumeFile(changed.slice()),
    );
    expect(incr.object_count).toBe(2);
    const meta = parseMetadata(await store.getObject("volumebackups", `${incr.service_metadata}_metadata`));
    expect(meta.objects.map((o) => [o.name.slice(-6), o.offset, o.length])).toEqual([
      ["-00001", 72 * KiB, 8 * KiB],
      ["-00002", 192 * KiB, 4 * KiB],
    ]);
    expect(meta.parent_id).toBe(full.id);
    expect(meta.volume_meta).toBe('{"version": 2}');
    const sha = parseSha256File(await store.getObject("volumebackups", `${incr.service_metadata}_sha256file`));
    expect(sha.sha256s).toHaveLength(Math.ceil(data.length / (4 * KiB)));
    expect(Buffer.from(await runRestore(driver, ctx, full, data.length)).equals(Buffer.from(data))).toBe(true);
    ctx.volumeMeta.clear();
    expect(Buffer.from(await runRestore(driver, ctx, incr, data.length)).equals(Buffer.from(changed))).toBe(true);
    expect(ctx.volumeMeta.get("target-vol")).toBe('{"version": 2}');
    expect(ctx.progressCalls.at(-1)).toEqual({ backupId: incr.id, percent: 100 });
  });

  it("posix layout: container <id[0:2]>/<id[2:4]>/<id>, flat prefix, service name", async () => {
    const { store, ctx, driver } = setup("posix");
    expect(driver.name).toBe("cinder.backup.drivers.posix.PosixBackupDriver");
    const b = await runBackup(driver, ctx, { id: "abcdef01-0000-0000-0000-000000000000" }, new MemoryVolumeFile(pattern(10 * KiB, 3)));
    expect(b.container).toBe("ab/cd/abcdef01-0000-0000-0000-000000000000");
    expect(b.service_metadata).toBe(`volume_${VOL}_20260101000000_backup_${b.id}`);
    expect((await store.listObjects(b.container as string)).map((n) => n.slice(b.service_metadata!.length))).toEqual([
      "-00001",
      "_metadata",
      "_sha256file",
    ]);
  });

  it("incremental with no change stores zero objects but the full sha list", async () => {
    const { store, ctx, driver } = setup();
    const data = pattern(100 * KiB, 11);
    const full = await runBackup(driver, ctx, { id: "f0000000-0000-0000-0000-000000000001" }, new MemoryVolumeFile(data.slice()));
    const incr = await runBackup(
      driver,
      ctx,
      { id: "f0000000-0000-0000-0000-000000000002", parent_id: full.id },
      new MemoryVolumeFile(data.slice()),
    );
    expect(incr.object_count).toBe(0);
    const sha = parseSha256File(await store.getObject("volumebackups", `${incr.service_metadata}_sha256file`));
    expect(sha.sha256s).toHaveLength(25);
  });

  it("rejects chunk size not multiple of block size, changed block size, grown volume, size 0", async () => {
    const bad = setup("object", { backup_swift_object_size: 1000, backup_swift_block_size: 300 });
    await expect(runBackup(bad.driver, bad.ctx, { id: "x1" }, new MemoryVolumeFile(10))).rejects.toThrow(
      "Invalid backup: Chunk size is not multiple of block size for creating hash.",
    );
    const { store, ctx, driver } = setup();
    const full = await runBackup(driver, ctx, { id: "p1" }, new MemoryVolumeFile(pattern(32 * KiB, 1)));
    const other = new ChunkedBackupDriver({
      layout: "object",
      store,
      config: { backup_swift_object_size: 64 * KiB, backup_swift_block_size: 8 * KiB },
    });
    await expect(runBackup(other, ctx, { id: "i1", parent_id: full.id }, new MemoryVolumeFile(32 * KiB))).rejects.toThrow(
      "Invalid backup: Hash block size has changed since the last backup. New hash block size: 8192. Old hash block size: 4096. Do a full backup.",
    );
    await expect(runBackup(driver, ctx, { id: "i2", parent_id: full.id, size: 2 }, new MemoryVolumeFile(32 * KiB))).rejects.toThrow(
      "Invalid backup: Volume size increased since the last backup. Do a full backup.",
    );
    const e = await runBackup(driver, ctx, { id: "z0", size: 0 }, new MemoryVolumeFile(32 * KiB)).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(BackupDriverError);
    expect((e as BackupDriverError).kind).toBe("InvalidVolume");
    expect((e as Error).message).toBe("Invalid volume: volume size 0 is invalid.");
  });

  it("force delete during backup: stops at the next chunk, deletes what it wrote, returns null, no metadata", async () => {
    const { store, ctx, driver } = setup();
    ctx.onRefresh = (row, n) => {
      if (n === 3) row.status = "deleting";
    };
    const row = ctx.put(backupRow({ id: "cancel-1", volume_id: VOL }));
    const res = await driver.backup(row, new MemoryVolumeFile(pattern(300 * KiB, 5)), ctx);
    expect(res).toBeNull();
    expect(store.isEmpty()).toBe(true);
  });

  it("restore cancel: BackupRestoreCancel as soon as the requested backup leaves restoring", async () => {
    const { ctx, driver } = setup();
    const data = pattern(300 * KiB, 9);
    const full = await runBackup(driver, ctx, { id: "r-full" }, new MemoryVolumeFile(data.slice()));
    full.status = "restoring";
    const target = new MemoryVolumeFile(data.length);
    ctx.refreshCount = 0;
    ctx.onRefresh = (row, n) => {
      if (n === 2) row.status = "error";
    };
    await expect(driver.restore(full, "t", target, true, ctx)).rejects.toBeInstanceOf(BackupRestoreCancel);
    // exactly one object (64 KiB) was written before the check failed
    expect(target.bytes.subarray(0, 64 * KiB)).toEqual(data.subarray(0, 64 * KiB));
    expect(target.bytes.subarray(64 * KiB).every((b) => b === 0)).toBe(true);
  });

  it("restore fails on a missing ancestor, an object-list mismatch and an unknown version", async () => {
    const { store, ctx, driver } = setup();
    const full = await runBackup(driver, ctx, { id: "m-full" }, new MemoryVolumeFile(pattern(100 * KiB, 2)));
    const incr = await runBackup(driver, ctx, { id: "m-incr", parent_id: full.id }, new MemoryVolumeFile(pattern(100 * KiB, 3)));
    ctx.backups.delete(full.id);
    await expect(runRestore(driver, ctx, incr, 100 * KiB)).rejects.toThrow(`Backup ${full.id} could not be found.`);
    store.loseObject("volumebackups", `${full.service_metadata}-00002`);
    await expect(runRestore(driver, ctx, full, 100 * KiB)).rejects.toThrow(
      "Invalid backup: restore_backup aborted, actual object list does not match object list stored in metadata.",
    );
    const name = `${incr.service_metadata}_metadata`;
    const text = Buffer.from(await store.getObject("volumebackups", name))
      .toString()
      .replace('"version": "1.0.0"', '"version": "2.0.0"');
    store.overwrite("volumebackups", name, Buffer.from(text));
    await expect(runRestore(driver, ctx, incr, 100 * KiB)).rejects.toThrow("Invalid backup: No support to restore backup version 2.0.0");
  });

  it("zero chunks reported by isZeroRange are not read and store the same objects", async () => {
    const data = new Uint8Array(200 * KiB);
    data.set(pattern(10 * KiB, 6), 70 * KiB);
    const a = setup();
    const b = setup();
    const plain = new MemoryVolumeFile(data.slice());
    const sparse = new MemoryVolumeFile(data.slice());
    let reads = 0;
    const countingRead = sparse.read.bind(sparse);
    sparse.read = async (o, l) => {
      reads++;
      return countingRead(o, l);
    };
    const noHint = {
      sizeBytes: plain.sizeBytes,
      read: plain.read.bind(plain),
      write: plain.write.bind(plain),
      flush: plain.flush.bind(plain),
    };
    const ra = await runBackup(a.driver, a.ctx, { id: "zz" }, sparse);
    const rb = await runBackup(b.driver, b.ctx, { id: "zz" }, noHint);
    expect(reads).toBe(1); // only the chunk holding data
    expect(a.store.listAll()).toEqual(b.store.listAll());
    for (const o of a.store.listAll())
      expect(await a.store.getObject(o.container, o.name)).toEqual(await b.store.getObject(o.container, o.name));
    expect(Buffer.from(await runRestore(a.driver, a.ctx, ra, data.length)).equals(Buffer.from(data))).toBe(true);
    expect(rb.object_count).toBe(4);
  });

  it("progress: cinder's formula every backup_object_number_per_notification chunks, the timer on virtual time, 100 at the end", async () => {
    const { ctx, driver } = setup("object", { backup_object_number_per_notification: 2, backup_swift_enable_progress_timer: false });
    await runBackup(driver, ctx, { id: "pg" }, new MemoryVolumeFile(pattern(5 * 64 * KiB, 1)));
    // 5 chunks: after chunk 2 (sent=4) and chunk 4 (sent=8): total_block_sent_num * 100 / (size GB * 2^30)
    expect(ctx.progressCalls.map((p) => p.percent)).toEqual([(4 * 100) / 2 ** 30, (8 * 100) / 2 ** 30, 100]);
    const t = setup("object", { backup_timer_interval: 1 });
    t.ctx.onRefresh = () => t.ctx.advance(600);
    await runBackup(t.driver, t.ctx, { id: "pt" }, new MemoryVolumeFile(pattern(3 * 64 * KiB, 1)));
    expect(t.ctx.progressCalls).toHaveLength(2); // the timer fires once (after chunk 2: 1.2 s of virtual time), then 100
  });

  it("a volume-metadata failure deletes what was written and fails the backup", async () => {
    const { store, ctx, driver } = setup();
    ctx.getVolumeMeta = async () => {
      throw new Error("db gone");
    };
    await expect(runBackup(driver, ctx, { id: "vm" }, new MemoryVolumeFile(pattern(100 * KiB, 1)))).rejects.toThrow("db gone");
    expect(store.isEmpty()).toBe(true);
  });

  it("restore applies each backup's volume_meta in chain order (the newest wins)", async () => {
    const { ctx, driver } = setup();
    const puts: string[] = [];
    ctx.volumeMeta.set(VOL, '{"v": "full"}');
    const full = await runBackup(driver, ctx, { id: "vm-full" }, new MemoryVolumeFile(pattern(64 * KiB, 1)));
    ctx.volumeMeta.set(VOL, '{"v": "incr"}');
    const incr = await runBackup(driver, ctx, { id: "vm-incr", parent_id: full.id }, new MemoryVolumeFile(pattern(64 * KiB, 2)));
    ctx.putVolumeMeta = async (_id, json) => {
      puts.push(json);
    };
    await runRestore(driver, ctx, incr, 64 * KiB);
    expect(puts).toEqual(['{"v": "full"}', '{"v": "incr"}']);
  });

  it("refuses unknown and write-unsupported algorithms at construction, declares what it writes", () => {
    const store = new MemoryObjectStore();
    expect(() => new ChunkedBackupDriver({ layout: "posix", store, config: { backup_compression_algorithm: "lz4" } })).toThrow(
      "unsupported compression algorithm: lz4",
    );
    expect(() => new ChunkedBackupDriver({ layout: "posix", store, config: { backup_compression_algorithm: "zstd" } })).toThrow(/zstd/);
    const d = new ChunkedBackupDriver({ layout: "posix", store, config: { backup_compression_algorithm: "BZIP2" } });
    expect(d.capabilities.compression).toEqual(["none", "off", "no", "zlib", "gzip", "bz2", "bzip2"]);
    expect(d.capabilities).toMatchObject({ incremental: true, forceDelete: true, restoreCancel: true, sparseAware: false });
  });

  it("deleteBackup removes every object under the prefix and tolerates missing ones", async () => {
    const { store, ctx, driver } = setup();
    const b = await runBackup(driver, ctx, { id: "d-1" }, new MemoryVolumeFile(pattern(130 * KiB, 4)));
    store.loseObject("volumebackups", `${b.service_metadata}-00001`);
    await driver.deleteBackup(b, ctx);
    expect(store.isEmpty()).toBe(true);
    await driver.deleteBackup(b, ctx);
    await driver.deleteBackup({ ...b, service_metadata: null }, ctx);
    expect(await driver.exportRecord(b)).toEqual({});
  });
});
