import { describe, expect, it } from "vitest";
import { backupRow, expectCinderError, newCloud, readyVolume, settledBackup } from "./helpers/index.ts";

// Volume created from a backup (3.47): api/v3/volumes.py:VolumeController.create looks the backup up,
// volume/flows/api/create_volume.py:ExtractVolumeRequestTask._extract_backup / _extract_size validate it
// (spec §2.3 "Volume created from a backup").
describe("volume create from a backup (3.47, spec §2.3)", () => {
  it("§2.3 unknown backup → 404 BackupNotFound, no volume created", async () => {
    const cloud = await newCloud();
    const ctx = cloud.context("demo", "3.47");
    const before = cloud.db.volumes().length;
    await expectCinderError(
      cloud.ops.volumes.create(ctx, { size: 1, backup_id: "6f1c8a42-1d3b-4c5e-9f7a-0b2c4d6e8f10" }),
      404,
      "Backup 6f1c8a42-1d3b-4c5e-9f7a-0b2c4d6e8f10 could not be found.",
      "BackupNotFound",
    );
    expect(cloud.db.volumes().length).toBe(before);
  });

  it("§2.3 backup not available → 400 'Originating backup status must be one of 'available' values'", async () => {
    const cloud = await newCloud();
    const ctx = cloud.context("demo", "3.47");
    const src = await readyVolume(cloud, ctx);
    const b = await cloud.ops.backups.create(ctx, { volume_id: src });
    const before = cloud.db.volumes().length;
    await expectCinderError(
      cloud.ops.volumes.create(ctx, { size: 1, backup_id: b.id }),
      400,
      "Invalid backup: Originating backup status must be one of 'available' values",
      "InvalidBackup",
    );
    expect(cloud.db.volumes().length).toBe(before);
    await cloud.settle();
    expect(backupRow(cloud, b.id).status).toBe("available");
  });

  it("§2.3 volume smaller than the backup → 400 'Volume size 1GB cannot be smaller than the backup size 2GB. It must be >= backup size.'", async () => {
    const cloud = await newCloud();
    const ctx = cloud.context("demo", "3.47");
    const src = await readyVolume(cloud, ctx, 2);
    const b = await settledBackup(cloud, ctx, { volume_id: src });
    const before = cloud.db.volumes().length;
    await expectCinderError(
      cloud.ops.volumes.create(ctx, { size: 1, backup_id: b.id }),
      400,
      "Invalid input received: Volume size 1GB cannot be smaller than the backup size 2GB. It must be >= backup size.",
      "InvalidInput",
    );
    expect(cloud.db.volumes().length).toBe(before);
    expect(backupRow(cloud, b.id).status).toBe("available");
  });

  it("§2.3 a larger volume from a backup → available with the backup's bytes first", async () => {
    const cloud = await newCloud({ release: "master" });
    const ctx = cloud.context("demo", "3.47");
    const src = await readyVolume(cloud, ctx, 1);
    const b = await settledBackup(cloud, ctx, { volume_id: src });
    const v = await cloud.ops.volumes.create(ctx, { size: 2, backup_id: b.id });
    await cloud.settle();
    expect(cloud.db.volume(v.id)!.status).toBe("available");
    const mib = cloud.inspect.config.sim_bytes_per_gb;
    expect(Buffer.from(cloud.devices.read(v.id, 0, mib)).equals(Buffer.from(cloud.devices.read(src, 0, mib)))).toBe(true);
  });
});
