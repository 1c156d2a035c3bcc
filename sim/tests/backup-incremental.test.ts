import { describe, expect, it } from "vitest";
import type { Release } from "../cloud/index.ts";
import { backupRow, backupUsage, expectCinderError, newCloud, readySnapshot, readyVolume, settledBackup } from "./helpers/index.ts";

// Incremental parent choice of backup/api.py:API.create (spec §3.1 step 5, §9.5–9.9, §9.23).
describe.each<Release>(["zed", "epoxy", "master"])("incremental backups (%s)", (release) => {
  it("§9.5 incremental with no backups → 400 'No backups available to do an incremental backup.', quota rolled back", async () => {
    const cloud = await newCloud({ release });
    const ctx = cloud.context("demo");
    const vol = await readyVolume(cloud, ctx);
    await expectCinderError(
      cloud.ops.backups.create(ctx, { volume_id: vol, incremental: true }),
      400,
      "Invalid backup: No backups available to do an incremental backup.",
      "InvalidBackup",
    );
    const u = cloud.db.quotaUsage(cloud.users.demo.projectId);
    expect(u["backups"]).toMatchObject({ in_use: 0, reserved: 0 });
    expect(u["backup_gigabytes"]).toMatchObject({ in_use: 0, reserved: 0 });
    expect(cloud.db.volume(vol)!.status).toBe("available");
  });

  it("§9.6 the only backup is in error → incremental 400 (Zed: parent must be available; master: no backups)", async () => {
    const cloud = await newCloud({ release });
    const ctx = cloud.context("demo");
    const vol = await readyVolume(cloud, ctx);
    const f = await settledBackup(cloud, ctx, { volume_id: vol });
    await cloud.ops.backups.resetStatus(cloud.context("admin"), f.id, "error");
    await cloud.settle();
    expect(backupRow(cloud, f.id).status).toBe("error");
    const msg =
      release === "zed"
        ? "Invalid backup: The parent backup must be available for incremental backup."
        : "Invalid backup: No backups available to do an incremental backup.";
    await expectCinderError(cloud.ops.backups.create(ctx, { volume_id: vol, incremental: true }), 400, msg);
    expect(backupUsage(cloud, cloud.users.demo.projectId)).toEqual({ backups: 1, gigabytes: 1 });
    expect(cloud.db.quotaUsage(cloud.users.demo.projectId)["backups"]!.reserved).toBe(0);
  });

  it("§9.7 F available (t1) and I error (t2) → master picks F, Zed 400 (bug 1974092)", async () => {
    const cloud = await newCloud({ release });
    const ctx = cloud.context("demo");
    const vol = await readyVolume(cloud, ctx);
    const f = await settledBackup(cloud, ctx, { volume_id: vol });
    await cloud.advance(1000);
    const i = await settledBackup(cloud, ctx, { volume_id: vol });
    await cloud.ops.backups.resetStatus(cloud.context("admin"), i.id, "error");
    await cloud.settle();
    if (release === "zed") {
      await expectCinderError(
        cloud.ops.backups.create(ctx, { volume_id: vol, incremental: true }),
        400,
        "Invalid backup: The parent backup must be available for incremental backup.",
      );
    } else {
      const n = await settledBackup(cloud, ctx, { volume_id: vol, incremental: true });
      expect(n.status, n.fail_reason ?? "").toBe("available");
      expect(n.parent_id).toBe(f.id);
    }
  });

  it("§9.8 chain F ← I1 → incremental picks I1 (latest data_timestamp); I1.num_dependent_backups = 1 once it finishes", async () => {
    const cloud = await newCloud({ release });
    const ctx = cloud.context("demo");
    const vol = await readyVolume(cloud, ctx);
    const f = await settledBackup(cloud, ctx, { volume_id: vol });
    cloud.devices.fill(vol, "random", { offset: 0, length: 4096, stream: "change-1" });
    const i1 = await settledBackup(cloud, ctx, { volume_id: vol, incremental: true });
    expect(i1.parent_id).toBe(f.id);
    expect(backupRow(cloud, f.id).num_dependent_backups).toBe(1);
    const i2 = await cloud.ops.backups.create(ctx, { volume_id: vol, incremental: true });
    expect(i2.parent_id).toBe(i1.id);
    // +1 only when the child finishes (backup/manager.py:_finish_backup).
    expect(backupRow(cloud, i1.id).num_dependent_backups).toBe(0);
    await cloud.settle();
    expect(backupRow(cloud, i2.id).status).toBe("available");
    expect(backupRow(cloud, i1.id).num_dependent_backups).toBe(1);
    expect(backupRow(cloud, f.id).num_dependent_backups).toBe(1);
  });

  it("§9.9 backup 8:00, snapshot 8:10, backup 8:20 → incremental of the snapshot has parent 8:00 and data_timestamp 8:10", async () => {
    const cloud = await newCloud({ release });
    const ctx = cloud.context("demo");
    const vol = await readyVolume(cloud, ctx);
    const b800 = await settledBackup(cloud, ctx, { volume_id: vol });
    await cloud.advance(600_000);
    const snap = await readySnapshot(cloud, ctx, vol);
    await cloud.advance(600_000);
    const b820 = await settledBackup(cloud, ctx, { volume_id: vol });
    expect(b820.data_timestamp).toBeGreaterThan(cloud.db.snapshot(snap)!.created_at);
    const inc = await settledBackup(cloud, ctx, { volume_id: vol, snapshot_id: snap, incremental: true });
    expect(inc.status, inc.fail_reason ?? "").toBe("available");
    expect(inc.parent_id).toBe(b800.id);
    expect(inc.data_timestamp).toBe(cloud.db.snapshot(snap)!.created_at);
  });

  it("§3.1 quirk: every candidate newer than the snapshot → max() keeps the first listed, which is chosen", async () => {
    const cloud = await newCloud({ release });
    const ctx = cloud.context("demo");
    const vol = await readyVolume(cloud, ctx);
    const snap = await readySnapshot(cloud, ctx, vol);
    await cloud.advance(1000);
    const f = await settledBackup(cloud, ctx, { volume_id: vol });
    const inc = await settledBackup(cloud, ctx, { volume_id: vol, snapshot_id: snap, incremental: true });
    expect(inc.parent_id).toBe(f.id);
  });

  it("§3.1 quirk: all candidates newer than the snapshot and the first listed is in error → 400, though an available one exists", async () => {
    const cloud = await newCloud({ release });
    const ctx = cloud.context("demo");
    const vol = await readyVolume(cloud, ctx);
    const snap = await readySnapshot(cloud, ctx, vol);
    await cloud.advance(1000);
    const first = await settledBackup(cloud, ctx, { volume_id: vol });
    await settledBackup(cloud, ctx, { volume_id: vol });
    await cloud.ops.backups.resetStatus(cloud.context("admin"), first.id, "error");
    await cloud.settle();
    const msg =
      release === "zed"
        ? "Invalid backup: The parent backup must be available for incremental backup."
        : "Invalid backup: No backups available to do an incremental backup.";
    await expectCinderError(cloud.ops.backups.create(ctx, { volume_id: vol, snapshot_id: snap, incremental: true }), 400, msg);
    expect(cloud.db.snapshot(snap)!.status).toBe("available");
  });

  it("§3.1 candidates are the caller's project only: a backup made by the admin does not count for the tenant", async () => {
    const cloud = await newCloud({ release });
    const demo = cloud.context("demo");
    const vol = await readyVolume(cloud, demo);
    await settledBackup(cloud, cloud.context("admin"), { volume_id: vol });
    await expectCinderError(
      cloud.ops.backups.create(demo, { volume_id: vol, incremental: true }),
      400,
      "Invalid backup: No backups available to do an incremental backup.",
    );
  });

  it("§3.1 incremental=false is always a full backup, even when backups exist", async () => {
    const cloud = await newCloud({ release });
    const ctx = cloud.context("demo");
    const vol = await readyVolume(cloud, ctx);
    await settledBackup(cloud, ctx, { volume_id: vol });
    const b = await settledBackup(cloud, ctx, { volume_id: vol });
    expect(b.parent_id).toBeNull();
    expect(b.object_count).toBe(4);
  });

  it("§9.23 incremental with nothing changed → object_count 0", async () => {
    const cloud = await newCloud({ release });
    const ctx = cloud.context("demo");
    const vol = await readyVolume(cloud, ctx);
    await settledBackup(cloud, ctx, { volume_id: vol });
    const inc = await settledBackup(cloud, ctx, { volume_id: vol, incremental: true });
    expect(inc.status).toBe("available");
    expect(inc.object_count).toBe(0);
  });
});
