import { describe, expect, it } from "vitest";
import { backupRow, backupUsage, expectCinderError, newCloud, readyVolume, settledBackup } from "./helpers/index.ts";

// quota.py, db/api.py quota sync, backup/api.py:API.create / manager.delete_backup (spec §4, §9.13–9.15).
describe("backup quotas (spec §4)", () => {
  it("§4 defaults: backups 10, backup_gigabytes 1000; no per-volume-type backup quotas; usage shown with limit/in_use/reserved", async () => {
    const cloud = await newCloud();
    const admin = cloud.context("admin");
    const q = await cloud.ops.quotas.show(admin, cloud.users.demo.projectId, true);
    expect(q["backups"]).toMatchObject({ limit: 10, in_use: 0, reserved: 0 });
    expect(q["backup_gigabytes"]).toMatchObject({ limit: 1000, in_use: 0, reserved: 0 });
    expect(Object.keys(q).filter((k) => k.startsWith("backups_") || k.startsWith("backup_gigabytes_"))).toEqual([]);
  });

  it("§9.13 quota backups=1 with one errored backup → 413 BackupLimitExceeded (Retry-After: 0)", async () => {
    const cloud = await newCloud();
    const ctx = cloud.context("demo");
    await cloud.ops.quotas.update(cloud.context("admin"), cloud.users.demo.projectId, { backups: 1 });
    const vol = await readyVolume(cloud, ctx);
    const b = await settledBackup(cloud, ctx, { volume_id: vol });
    await cloud.ops.backups.resetStatus(cloud.context("admin"), b.id, "error");
    await cloud.settle();
    expect(backupRow(cloud, b.id).status).toBe("error");
    const err = await expectCinderError(
      cloud.ops.backups.create(ctx, { volume_id: vol }),
      413,
      "Maximum number of backups allowed (1) exceeded",
      "BackupLimitExceeded",
    );
    expect(err.headers).toEqual({ "Retry-After": "0" });
    expect(cloud.db.volume(vol)!.status).toBe("available");
  });

  it("§9.14 backup_gigabytes=10 and a 20 GB volume → 413 'Requested backup exceeds allowed Backup gigabytes quota. Requested 20G, quota is 10G and 0G has been consumed.'", async () => {
    const cloud = await newCloud();
    const ctx = cloud.context("demo");
    await cloud.ops.quotas.update(cloud.context("admin"), cloud.users.demo.projectId, { backup_gigabytes: 10 });
    const vol = await readyVolume(cloud, ctx, 20, { fill: "zeros" });
    await expectCinderError(
      cloud.ops.backups.create(ctx, { volume_id: vol }),
      413,
      "Requested backup exceeds allowed Backup gigabytes quota. Requested 20G, quota is 10G and 0G has been consumed.",
      "VolumeBackupSizeExceedsAvailableQuota",
    );
    expect(backupUsage(cloud, cloud.users.demo.projectId)).toEqual({ backups: 0, gigabytes: 0 });
  });

  it("§4 backups is checked first: both over → BackupLimitExceeded", async () => {
    const cloud = await newCloud();
    const ctx = cloud.context("demo");
    await cloud.ops.quotas.update(cloud.context("admin"), cloud.users.demo.projectId, { backups: 0, backup_gigabytes: 0 });
    const vol = await readyVolume(cloud, ctx);
    await expectCinderError(cloud.ops.backups.create(ctx, { volume_id: vol }), 413, undefined, "BackupLimitExceeded");
  });

  it("§9.15 an incremental is charged the full volume size", async () => {
    const cloud = await newCloud();
    const ctx = cloud.context("demo");
    const vol = await readyVolume(cloud, ctx, 3);
    await settledBackup(cloud, ctx, { volume_id: vol });
    const inc = await settledBackup(cloud, ctx, { volume_id: vol, incremental: true });
    expect(inc.object_count).toBe(0);
    expect(backupUsage(cloud, cloud.users.demo.projectId)).toEqual({ backups: 2, gigabytes: 6 });
  });

  it("§4 the quota is committed at create, before any data moves", async () => {
    const cloud = await newCloud();
    const ctx = cloud.context("demo");
    const vol = await readyVolume(cloud, ctx, 2);
    await cloud.ops.backups.create(ctx, { volume_id: vol });
    const u = cloud.db.quotaUsage(cloud.users.demo.projectId);
    expect(u["backups"]).toMatchObject({ in_use: 1, reserved: 0 });
    expect(u["backup_gigabytes"]).toMatchObject({ in_use: 2, reserved: 0 });
    await cloud.settle();
  });

  it("§4 delete releases the quota of the backup's project, not the caller's", async () => {
    const cloud = await newCloud();
    const demo = cloud.context("demo");
    const vol = await readyVolume(cloud, demo, 2);
    const b = await settledBackup(cloud, demo, { volume_id: vol });
    await cloud.ops.backups.delete(cloud.context("admin"), b.id, false);
    await cloud.settle();
    expect(backupUsage(cloud, cloud.users.demo.projectId)).toEqual({ backups: 0, gigabytes: 0 });
    expect(backupUsage(cloud, cloud.users.admin.projectId)).toEqual({ backups: 0, gigabytes: 0 });
  });

  it("§4 restore charges no backup quota; a new target volume consumes volume quota (413 when over)", async () => {
    const cloud = await newCloud();
    const ctx = cloud.context("demo");
    const vol = await readyVolume(cloud, ctx, 2);
    const b = await settledBackup(cloud, ctx, { volume_id: vol });
    const r = await cloud.ops.backups.restore(ctx, b.id, {});
    await cloud.settle();
    expect(cloud.db.volume(r.volume_id)!.status).toBe("available");
    const u = cloud.db.quotaUsage(cloud.users.demo.projectId);
    expect(u["volumes"]!.in_use).toBe(2);
    expect(u["gigabytes"]!.in_use).toBe(4);
    expect(backupUsage(cloud, cloud.users.demo.projectId)).toEqual({ backups: 1, gigabytes: 2 });
    await cloud.ops.quotas.update(cloud.context("admin"), cloud.users.demo.projectId, { volumes: 2 });
    await expectCinderError(cloud.ops.backups.restore(ctx, b.id, {}), 413, undefined, "VolumeLimitExceeded");
    expect(backupRow(cloud, b.id).status).toBe("available");
  });

  it("§4 quota update below in_use+reserved → 400 once the project has its own limit (200 at the default); -1 means unlimited", async () => {
    const cloud = await newCloud();
    const admin = cloud.context("admin");
    const ctx = cloud.context("demo");
    const vol = await readyVolume(cloud, ctx);
    await settledBackup(cloud, ctx, { volume_id: vol });
    await settledBackup(cloud, ctx, { volume_id: vol });
    // quotas.py:update validates against get_project_quotas(defaults=False): at the default, no check
    expect((await cloud.ops.quotas.update(admin, cloud.users.demo.projectId, { backups: 1 }))["backups"]).toBe(1);
    await expectCinderError(cloud.ops.quotas.update(admin, cloud.users.demo.projectId, { backups: 1 }), 400);
    await cloud.ops.quotas.update(admin, cloud.users.demo.projectId, { backups: 2 });
    await expectCinderError(cloud.ops.backups.create(ctx, { volume_id: vol }), 413, undefined, "BackupLimitExceeded");
    await cloud.ops.quotas.update(admin, cloud.users.demo.projectId, { backups: -1 });
    const b = await settledBackup(cloud, ctx, { volume_id: vol });
    expect(b.status).toBe("available");
    expect(backupUsage(cloud, cloud.users.demo.projectId).backups).toBe(3);
  });

  it("§4 an admin acting with its own token charges its own project", async () => {
    const cloud = await newCloud();
    const vol = await readyVolume(cloud, cloud.context("demo"), 2);
    await settledBackup(cloud, cloud.context("admin"), { volume_id: vol });
    expect(backupUsage(cloud, cloud.users.admin.projectId)).toEqual({ backups: 1, gigabytes: 2 });
    expect(backupUsage(cloud, cloud.users.demo.projectId)).toEqual({ backups: 0, gigabytes: 0 });
  });

  it("§4 an admin token scoped to the tenant's project creates a backup the tenant sees and pays for", async () => {
    const cloud = await newCloud();
    const demo = cloud.context("demo");
    const vol = await readyVolume(cloud, demo, 2);
    const adminInDemo = cloud.context({
      userId: cloud.users.admin.userId,
      projectId: cloud.users.demo.projectId,
      roles: ["admin", "member", "reader"],
    });
    const b = await settledBackup(cloud, adminInDemo, { volume_id: vol });
    expect(b.project_id).toBe(cloud.users.demo.projectId);
    expect(b.user_id).toBe(cloud.users.admin.userId);
    expect((await cloud.ops.backups.get(demo, b.id)).id).toBe(b.id);
    expect(backupUsage(cloud, cloud.users.demo.projectId)).toEqual({ backups: 1, gigabytes: 2 });
    expect(backupUsage(cloud, cloud.users.admin.projectId)).toEqual({ backups: 0, gigabytes: 0 });
  });
});
