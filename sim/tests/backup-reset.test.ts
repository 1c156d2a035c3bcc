import { describe, expect, it } from "vitest";
import {
  AZ2_WITHOUT_BACKUP,
  attachToInstance,
  objectsOf,
  backupRow,
  expectCinderError,
  newCloud,
  readySnapshot,
  readyVolume,
  runUntil,
  settledBackup,
} from "./helpers/index.ts";

// api/contrib/admin_actions.py:BackupAdminController._reset_status, backup/api.py:API.reset_status,
// backup/manager.py:reset_status (spec §2.7, §3.4, §9.52–9.54).
describe("backup reset status (spec §2.7, §3.4)", () => {
  it("§9.52 'creating' and 'bogus' → 400 with cinder's message; 'ERROR' → accepted and lowercased", async () => {
    const cloud = await newCloud();
    const admin = cloud.context("admin");
    const vol = await readyVolume(cloud, admin);
    const b = await settledBackup(cloud, admin, { volume_id: vol });
    await expectCinderError(
      cloud.ops.backups.resetStatus(admin, b.id, "creating"),
      400,
      "Backup status: creating is invalid, valid statuses are: ['available', 'error'].",
    );
    await expectCinderError(
      cloud.ops.backups.resetStatus(admin, b.id, "bogus"),
      400,
      "Backup status: bogus is invalid, valid statuses are: ['available', 'error'].",
    );
    expect(backupRow(cloud, b.id).status).toBe("available");
    await cloud.ops.backups.resetStatus(admin, b.id, "ERROR");
    await cloud.settle();
    expect(backupRow(cloud, b.id).status).toBe("error");
    expect(
      cloud.trace.entries().filter((e) => e.event.type === "notify" && e.event.event === "reset_status.end" && e.event.backupId === b.id),
    ).toHaveLength(1);
    await cloud.ops.backups.resetStatus(admin, b.id, "Available");
    await cloud.settle();
    expect(backupRow(cloud, b.id).status).toBe("available");
  });

  it("§3.4 reset is admin only (403 for a member)", async () => {
    const cloud = await newCloud();
    const demo = cloud.context("demo");
    const vol = await readyVolume(cloud, demo);
    const b = await settledBackup(cloud, demo, { volume_id: vol });
    await expectCinderError(cloud.ops.backups.resetStatus(demo, b.id, "error"), 403);
    await cloud.settle();
    expect(backupRow(cloud, b.id).status).toBe("available");
  });

  it("§2.7 reset never touches the volume or the snapshot", async () => {
    const cloud = await newCloud();
    const admin = cloud.context("admin");
    const vol = await readyVolume(cloud, admin);
    const snap = await readySnapshot(cloud, admin, vol);
    const b = await cloud.ops.backups.create(admin, { volume_id: vol, snapshot_id: snap });
    await runUntil(cloud, () => cloud.db.backup(b.id)!.service !== null);
    await cloud.ops.backups.resetStatus(admin, b.id, "error");
    await runUntil(cloud, () => cloud.db.backup(b.id)!.status === "error");
    expect(cloud.db.snapshot(snap)!.status).toBe("backing-up");
    expect(cloud.db.volume(vol)!.status).toBe("available");
    await cloud.settle();
  });

  it("§9.53 reset a creating backup to error → temporary clone deleted at once; the job still finishes → available", async () => {
    const cloud = await newCloud();
    const admin = cloud.context("admin");
    const vol = await readyVolume(cloud, admin, 4);
    await attachToInstance(cloud, admin, vol);
    const b = await cloud.ops.backups.create(admin, { volume_id: vol, force: true });
    // Stop the world once the driver is reading the attached clone (a data object is stored).
    await runUntil(cloud, () => objectsOf(cloud, b.id).length > 0);
    const temp = cloud.db.backup(b.id)!.temp_volume_id!;
    expect(temp).not.toBeNull();
    await cloud.ops.backups.resetStatus(admin, b.id, "error");
    await runUntil(cloud, () => cloud.db.backup(b.id)!.status === "error");
    expect(cloud.db.backup(b.id)!.temp_volume_id).toBeNull();
    await cloud.settle();
    expect(cloud.db.volumes().find((v) => v.id === temp)!.deleted).toBe(true);
    expect(backupRow(cloud, b.id).status).toBe("available");
    expect(cloud.db.volume(vol)!.status).toBe("in-use");
  });

  it("§9.54 reset of a backup whose service is NULL → accepted, nothing changes", async () => {
    const cloud = await newCloud({ topology: AZ2_WITHOUT_BACKUP });
    const admin = cloud.context("admin");
    const vol = await readyVolume(cloud, admin, 1, { az: "az2" });
    const b = await settledBackup(cloud, admin, { volume_id: vol });
    expect(b.status).toBe("error");
    expect(b.service).toBeNull();
    await cloud.ops.backups.resetStatus(admin, b.id, "available");
    await cloud.settle();
    expect(backupRow(cloud, b.id).status).toBe("error");
  });

  it("§3.4 no backup service up → 404", async () => {
    const cloud = await newCloud();
    const admin = cloud.context("admin");
    const vol = await readyVolume(cloud, admin);
    const b = await settledBackup(cloud, admin, { volume_id: vol });
    cloud.faults.stopService("cinder-backup", "site1");
    cloud.faults.stopService("cinder-backup", "site2");
    await cloud.advance(cloud.inspect.config.service_down_time * 1000 + 11_000);
    await expectCinderError(cloud.ops.backups.resetStatus(admin, b.id, "error"), 404, undefined, "ServiceNotFound");
    expect(backupRow(cloud, b.id).status).toBe("available");
  });
});
