import { describe, expect, it } from "vitest";
import { CloudBuilder } from "../cloud/index.ts";
import type { BackupService } from "../services/backup/backup-service.ts";
import { internalsOf } from "../cloud/testing.ts";
import {
  AZ2_WITHOUT_BACKUP,
  FailingDriver,
  NoForceDeleteDriver,
  ONE_SITE,
  backupRow,
  backupUsage,
  expectCinderError,
  messageCodes,
  newCloud,
  objectsOf,
  readyVolume,
  settledBackup,
  storedObjects,
} from "./helpers/index.ts";

// backup/api.py:API.delete and backup/manager.py:delete_backup (spec §2.4, §3.3, §9.44–9.50).
describe("backup delete (spec §2.4, §3.3)", () => {
  it("§2.4 available → deleting → deleted (soft delete), objects removed, quota released", async () => {
    const cloud = await newCloud();
    const ctx = cloud.context("demo");
    const vol = await readyVolume(cloud, ctx, 2);
    const b = await settledBackup(cloud, ctx, { volume_id: vol });
    expect(objectsOf(cloud, b.id).length).toBe(8 + 2); // 8 data objects + _metadata + _sha256file
    expect(backupUsage(cloud, cloud.users.demo.projectId)).toEqual({ backups: 1, gigabytes: 2 });
    await cloud.ops.backups.delete(ctx, b.id, false);
    expect(backupRow(cloud, b.id).status).toBe("deleting");
    await cloud.settle();
    const row = backupRow(cloud, b.id);
    expect(row.status).toBe("deleted");
    expect(row.deleted).toBe(true);
    expect(row.deleted_at).not.toBeNull();
    expect(storedObjects(cloud)).toEqual([]);
    expect(backupUsage(cloud, cloud.users.demo.projectId)).toEqual({ backups: 0, gigabytes: 0 });
    await expectCinderError(cloud.ops.backups.get(ctx, b.id), 404, `Backup ${b.id} could not be found.`);
  });

  it("§3.3 an error backup may be deleted without force", async () => {
    const cloud = await newCloud();
    const ctx = cloud.context("demo");
    const vol = await readyVolume(cloud, ctx);
    const b = await settledBackup(cloud, ctx, { volume_id: vol });
    await cloud.ops.backups.resetStatus(cloud.context("admin"), b.id, "error");
    await cloud.settle();
    await cloud.ops.backups.delete(ctx, b.id, false);
    await cloud.settle();
    expect(backupRow(cloud, b.id).status).toBe("deleted");
    expect(storedObjects(cloud)).toEqual([]);
  });

  it("§9.44 delete a creating backup without force → 400 'Backup status must be available or error'", async () => {
    const cloud = await newCloud();
    const ctx = cloud.context("demo");
    const vol = await readyVolume(cloud, ctx);
    const b = await cloud.ops.backups.create(ctx, { volume_id: vol });
    await expectCinderError(
      cloud.ops.backups.delete(ctx, b.id, false),
      400,
      "Invalid backup: Backup status must be available or error",
      "InvalidBackup",
    );
    expect(backupRow(cloud, b.id).status).toBe("creating");
    await cloud.settle();
    expect(backupRow(cloud, b.id).status).toBe("available");
  });

  it("§3.3 another project's backup → 404; force delete by a member → 403", async () => {
    const cloud = await newCloud();
    const admin = cloud.context("admin");
    const vol = await readyVolume(cloud, admin);
    const b = await settledBackup(cloud, admin, { volume_id: vol });
    await expectCinderError(cloud.ops.backups.delete(cloud.context("demo"), b.id, false), 404, `Backup ${b.id} could not be found.`);
    const dvol = await readyVolume(cloud, cloud.context("demo"));
    const db = await settledBackup(cloud, cloud.context("demo"), { volume_id: dvol });
    await expectCinderError(cloud.ops.backups.delete(cloud.context("demo"), db.id, true), 403);
    expect(backupRow(cloud, db.id).status).toBe("available");
  });

  it("§9.45 a full backup with a child (even an error child) → 400 'Incremental backups exist for this backup.', with or without force", async () => {
    const cloud = await newCloud();
    const ctx = cloud.context("demo");
    const vol = await readyVolume(cloud, ctx);
    const f = await settledBackup(cloud, ctx, { volume_id: vol });
    const i = await settledBackup(cloud, ctx, { volume_id: vol, incremental: true });
    await cloud.ops.backups.resetStatus(cloud.context("admin"), i.id, "error");
    await cloud.settle();
    await expectCinderError(cloud.ops.backups.delete(ctx, f.id, false), 400, "Invalid backup: Incremental backups exist for this backup.");
    // The admin acts in the demo project here so that the dependants search sees the child.
    const adminInDemo = cloud.context({
      userId: cloud.users.admin.userId,
      projectId: cloud.users.demo.projectId,
      roles: ["admin", "member"],
    });
    await expectCinderError(
      cloud.ops.backups.delete(adminInDemo, f.id, true),
      400,
      "Invalid backup: Incremental backups exist for this backup.",
    );
    expect(backupRow(cloud, f.id).status).toBe("available");
  });

  it("§3.3 a child still creating also blocks the parent's delete (parent_id query, not the counter)", async () => {
    const cloud = await newCloud();
    const ctx = cloud.context("demo");
    const vol = await readyVolume(cloud, ctx);
    const f = await settledBackup(cloud, ctx, { volume_id: vol });
    await cloud.ops.backups.create(ctx, { volume_id: vol, incremental: true });
    expect(backupRow(cloud, f.id).num_dependent_backups).toBe(0);
    await expectCinderError(cloud.ops.backups.delete(ctx, f.id, false), 400, "Invalid backup: Incremental backups exist for this backup.");
    await cloud.settle();
  });

  it("§3.3 quirk: an admin deleting another project's parent searches the admin's project, so the check passes", async () => {
    const cloud = await newCloud();
    const ctx = cloud.context("demo");
    const vol = await readyVolume(cloud, ctx);
    const f = await settledBackup(cloud, ctx, { volume_id: vol });
    await settledBackup(cloud, ctx, { volume_id: vol, incremental: true });
    await cloud.ops.backups.delete(cloud.context("admin"), f.id, false);
    await cloud.settle();
    expect(backupRow(cloud, f.id).status).toBe("deleted");
  });

  it("§9.46 delete I then F → both accepted; F's dependants 1 → 0; quota drops by 2 backups and 2×size", async () => {
    const cloud = await newCloud();
    const ctx = cloud.context("demo");
    const vol = await readyVolume(cloud, ctx, 2);
    const f = await settledBackup(cloud, ctx, { volume_id: vol });
    const i = await settledBackup(cloud, ctx, { volume_id: vol, incremental: true });
    expect(backupRow(cloud, f.id).num_dependent_backups).toBe(1);
    expect(backupUsage(cloud, cloud.users.demo.projectId)).toEqual({ backups: 2, gigabytes: 4 });
    await cloud.ops.backups.delete(ctx, i.id, false);
    await cloud.settle();
    expect(backupRow(cloud, f.id).num_dependent_backups).toBe(0);
    await cloud.ops.backups.delete(ctx, f.id, false);
    await cloud.settle();
    expect(backupRow(cloud, f.id).status).toBe("deleted");
    expect(backupUsage(cloud, cloud.users.demo.projectId)).toEqual({ backups: 0, gigabytes: 0 });
    expect(storedObjects(cloud)).toEqual([]);
  });

  it("§9.48 force delete on a driver without support → 405 'Operation not supported: force delete.' even when available", async () => {
    const cloud = await new CloudBuilder()
      .withSeed(1)
      .withTopology(ONE_SITE)
      .withBackupDriver((_h, s) => new NoForceDeleteDriver(s))
      .build();
    const ctx = cloud.context("demo");
    const vol = await readyVolume(cloud, ctx);
    const b = await settledBackup(cloud, ctx, { volume_id: vol });
    await expectCinderError(
      cloud.ops.backups.delete(cloud.context("admin"), b.id, true),
      405,
      "Operation not supported: force delete.",
      "NotSupportedOperation",
    );
    expect(backupRow(cloud, b.id).status).toBe("available");
    await cloud.ops.backups.delete(ctx, b.id, false);
    await cloud.settle();
    expect(backupRow(cloud, b.id).status).toBe("deleted");
  });

  it("§9.49 driver raises during delete → backup error (not error_deleting), quota not released, message 025", async () => {
    let driver: FailingDriver | undefined;
    const cloud = await new CloudBuilder()
      .withSeed(1)
      .withTopology(ONE_SITE)
      .withBackupDriver((_h, s) => (driver = new FailingDriver(s)))
      .build();
    const ctx = cloud.context("demo");
    const vol = await readyVolume(cloud, ctx);
    const b = await settledBackup(cloud, ctx, { volume_id: vol });
    driver!.failDelete = "store unreachable";
    await cloud.ops.backups.delete(ctx, b.id, false);
    await cloud.settle();
    const row = backupRow(cloud, b.id);
    expect(row.status).toBe("error");
    expect(row.fail_reason).toBe("store unreachable");
    expect(backupUsage(cloud, cloud.users.demo.projectId)).toEqual({ backups: 1, gigabytes: 1 });
    expect(messageCodes(cloud, b.id)).toContain("025");
  });

  it("§9.50 driver not initialised while deleting a backup with service set → error_deleting", async () => {
    const cloud = await newCloud({ topology: ONE_SITE });
    const ctx = cloud.context("demo");
    const vol = await readyVolume(cloud, ctx);
    const b = await settledBackup(cloud, ctx, { volume_id: vol });
    (internalsOf(cloud).services.find((s) => s.binary === "cinder-backup") as BackupService).isInitialized = false;
    await cloud.ops.backups.delete(ctx, b.id, false);
    await cloud.settle();
    expect(backupRow(cloud, b.id).status).toBe("error_deleting");
    expect(backupUsage(cloud, cloud.users.demo.projectId)).toEqual({ backups: 1, gigabytes: 1 });
  });

  it("§9.50 a backup with service NULL (never reached a manager) is deleted without the driver, even when the driver is down", async () => {
    const cloud = await newCloud({ topology: AZ2_WITHOUT_BACKUP });
    const ctx = cloud.context("demo");
    const vol = await readyVolume(cloud, ctx, 1, { az: "az2" });
    const b = await settledBackup(cloud, ctx, { volume_id: vol });
    expect(b.status).toBe("error");
    expect(b.service).toBeNull();
    (internalsOf(cloud).services.find((s) => s.binary === "cinder-backup") as BackupService).isInitialized = false;
    await cloud.ops.backups.delete(ctx, b.id, false);
    await cloud.settle();
    expect(backupRow(cloud, b.id).status).toBe("deleted");
    expect(backupUsage(cloud, cloud.users.demo.projectId)).toEqual({ backups: 0, gigabytes: 0 });
  });

  it("§3.3 no backup service up → 404 and the status is not saved", async () => {
    const cloud = await newCloud();
    const ctx = cloud.context("demo");
    const vol = await readyVolume(cloud, ctx);
    const b = await settledBackup(cloud, ctx, { volume_id: vol });
    cloud.faults.stopService("cinder-backup", "site1");
    cloud.faults.stopService("cinder-backup", "site2");
    await cloud.advance(cloud.inspect.config.service_down_time * 1000 + 11_000);
    await expectCinderError(cloud.ops.backups.delete(ctx, b.id, false), 404, undefined, "ServiceNotFound");
    expect(backupRow(cloud, b.id).status).toBe("available");
  });

  it("§2.4.6 deleting an encrypted backup deletes its cloned key", async () => {
    const cloud = await newCloud();
    const ctx = cloud.context("demo");
    const vol = await readyVolume(cloud, ctx, 1, { type: "LUKS" });
    const b = await settledBackup(cloud, ctx, { volume_id: vol });
    const key = b.encryption_key_id!;
    expect(internalsOf(cloud).state.keys.has(key)).toBe(true);
    await cloud.ops.backups.delete(ctx, b.id, false);
    await cloud.settle();
    expect(backupRow(cloud, b.id).status).toBe("deleted");
    expect(internalsOf(cloud).state.keys.has(key)).toBe(false);
    expect(internalsOf(cloud).state.keys.has(cloud.db.volume(vol)!.encryption_key_id!)).toBe(true);
  });
});
