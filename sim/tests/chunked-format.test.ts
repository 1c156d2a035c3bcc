import { describe, expect, it } from "vitest";
import type { MemoryObjectStore } from "../../lib/stores/memory/memory-object-store.ts";
import { CloudBuilder } from "../cloud/index.ts";
import { ONE_SITE, ReconfigurableDriver, backupMetadata, backupRow, newCloud, readyVolume, settledBackup } from "./helpers/index.ts";
import { internalsOf } from "../cloud/testing.ts";

// What the simulated cloud's reference chunked driver does with the data (backup/chunkeddriver.py;
// spec §7, §9.24, §9.27, §9.28, §9.31). Scaled: 1 GB = 1 MiB, object size 256 KiB, sha block 32 KiB.
describe("chunked driver in the cloud (spec §7, §9 chunked format)", () => {
  it("§9.24 two adjacent changed blocks in chunk 3 and one in chunk 5 → incremental of 2 objects with absolute offsets, lengths 65536 and 32768", async () => {
    const cloud = await newCloud();
    const ctx = cloud.context("demo");
    const vol = await readyVolume(cloud, ctx, 2); // 8 chunks of 256 KiB
    await settledBackup(cloud, ctx, { volume_id: vol });
    const chunk = 262144,
      block = 32768;
    cloud.devices.fill(vol, "random", { offset: 2 * chunk + 3 * block, length: 2 * block, stream: "c3" });
    cloud.devices.fill(vol, "random", { offset: 4 * chunk + 5 * block, length: block, stream: "c5" });
    const want = cloud.devices.sha256(vol).sha256;
    const inc = await settledBackup(cloud, ctx, { volume_id: vol, incremental: true });
    expect(inc.object_count).toBe(2);
    const meta = await backupMetadata(cloud, inc.id);
    const entries = meta.objects.map((o) => Object.values(o)[0]!);
    expect(entries.map((e) => [e.offset, e.length])).toEqual([
      [2 * chunk + 3 * block, 65536],
      [4 * chunk + 5 * block, 32768],
    ]);
    const r = await cloud.ops.backups.restore(ctx, inc.id, {});
    await cloud.settle();
    expect(cloud.devices.sha256(r.volume_id).sha256).toBe(want);
  });

  it("§9.27 object size not a multiple of the sha block size → backup error 'Chunk size is not multiple of block size for creating hash.'", async () => {
    const cloud = await newCloud({ config: { backup_file_size: 1000, backup_sha_block_size_bytes: 300 } });
    const ctx = cloud.context("demo");
    const vol = await readyVolume(cloud, ctx);
    const b = await settledBackup(cloud, ctx, { volume_id: vol });
    expect(b.status).toBe("error");
    expect(b.fail_reason).toContain("Chunk size is not multiple of block size for creating hash.");
    expect(cloud.db.volume(vol)!.status).toBe("available");
  });

  it("§9.28 incompressible data is stored with compression 'none', compressible data with 'zlib'", async () => {
    const cloud = await newCloud();
    const ctx = cloud.context("demo");
    const rnd = await readyVolume(cloud, ctx, 1, { fill: "random" });
    const txt = await readyVolume(cloud, ctx, 1, { fill: "text" });
    const br = await settledBackup(cloud, ctx, { volume_id: rnd });
    const bt = await settledBackup(cloud, ctx, { volume_id: txt });
    const comp = async (id: string) => (await backupMetadata(cloud, id)).objects.map((o) => Object.values(o)[0]!.compression);
    expect(await comp(br.id)).toEqual(["none", "none", "none", "none"]);
    expect(await comp(bt.id)).toEqual(["zlib", "zlib", "zlib", "zlib"]);
  });

  it("§9.31 metadata version 2.0.0 → restore fails: volume error_restoring, backup available", async () => {
    const cloud = await newCloud();
    const ctx = cloud.context("demo");
    const vol = await readyVolume(cloud, ctx);
    const b = await settledBackup(cloud, ctx, { volume_id: vol });
    const raw = await cloud.objectStore.getObject(b.container!, `${b.service_metadata}_metadata`);
    const text = Buffer.from(raw).toString("utf8").replace('"version": "1.0.0"', '"version": "2.0.0"');
    expect(text).toContain('"version": "2.0.0"');
    (cloud.objectStore as MemoryObjectStore).overwrite(b.container!, `${b.service_metadata}_metadata`, Buffer.from(text, "utf8"));
    const r = await cloud.ops.backups.restore(ctx, b.id, {});
    await cloud.settle();
    expect(cloud.db.volume(r.volume_id)!.status).toBe("error_restoring");
    expect(backupRow(cloud, b.id).status).toBe("available");
    expect(cloud.trace.entries().some((e) => e.what.includes("No support to restore backup version 2.0.0"))).toBe(true);
  });

  it("§9.29 full backup with zlib, incremental after switching to bz2 → each object keeps its own compression and the restore is exact", async () => {
    let driver: ReconfigurableDriver | undefined;
    const cloud = await new CloudBuilder()
      .withSeed(1)
      .withTopology(ONE_SITE)
      .withBackupDriver((_h, s) => (driver = new ReconfigurableDriver(s)))
      .build();
    const ctx = cloud.context("demo");
    const vol = await readyVolume(cloud, ctx, 1, { fill: "text" });
    const f = await settledBackup(cloud, ctx, { volume_id: vol });
    driver!.reconfigure({ backup_compression_algorithm: "bz2" });
    cloud.devices.fill(vol, "text", { offset: 300_000, length: 40_000, stream: "edit" });
    const want = cloud.devices.sha256(vol).sha256;
    const i = await settledBackup(cloud, ctx, { volume_id: vol, incremental: true });
    expect(i.status, i.fail_reason ?? "").toBe("available");
    const comp = async (id: string) => (await backupMetadata(cloud, id)).objects.map((o) => Object.values(o)[0]!.compression);
    expect(new Set(await comp(f.id))).toEqual(new Set(["zlib"]));
    expect(new Set(await comp(i.id))).toEqual(new Set(["bz2"]));
    const r = await cloud.ops.backups.restore(ctx, i.id, {});
    await cloud.settle();
    expect(cloud.db.volume(r.volume_id)!.status).toBe("available");
    expect(cloud.devices.sha256(r.volume_id).sha256).toBe(want);
  });

  it("§9.25 sha block size changed between the full and the incremental → incremental error 'Hash block size has changed…'", async () => {
    let driver: ReconfigurableDriver | undefined;
    const cloud = await new CloudBuilder()
      .withSeed(1)
      .withTopology(ONE_SITE)
      .withBackupDriver((_h, s) => (driver = new ReconfigurableDriver(s)))
      .build();
    const ctx = cloud.context("demo");
    const vol = await readyVolume(cloud, ctx);
    await settledBackup(cloud, ctx, { volume_id: vol });
    driver!.reconfigure({ backup_sha_block_size_bytes: 65536 });
    const i = await settledBackup(cloud, ctx, { volume_id: vol, incremental: true });
    expect(i.status).toBe("error");
    expect(i.fail_reason).toContain(
      "Hash block size has changed since the last backup. New hash block size: 65536. Old hash block size: 32768. Do a full backup.",
    );
    expect(cloud.db.volume(vol)!.status).toBe("available");
  });

  it("§9.26 volume extended after the full backup → incremental error 'Volume size increased since the last backup. Do a full backup.'", async () => {
    const cloud = await newCloud();
    const ctx = cloud.context("demo");
    const vol = await readyVolume(cloud, ctx, 1);
    await settledBackup(cloud, ctx, { volume_id: vol });
    // os-extend is not part of the model's API: grow the row and the device as the volume driver would.
    const dev = internalsOf(cloud).state.devices.get(vol)!;
    internalsOf(cloud).state.devices.set(vol, dev.cloneAs(vol, 2 * cloud.inspect.config.sim_bytes_per_gb));
    internalsOf(cloud).state.db.update(cloud.db.volume(vol)!, { size: 2 });
    const i = await settledBackup(cloud, ctx, { volume_id: vol, incremental: true });
    expect(i.status).toBe("error");
    expect(i.fail_reason).toContain("Volume size increased since the last backup. Do a full backup.");
    expect(cloud.db.volume(vol)!.status).toBe("available");
  });
});
