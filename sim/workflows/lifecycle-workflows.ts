import type { Workflow } from "./workflow.ts";
import { completedBackup, readyVolume, runUntil, storedObjects } from "./helpers.ts";

/** Guide §3.5.1 step 3 / spec §3.3: delete rules of a chain. */
export const deleteChain: Workflow = {
  id: "delete-chain",
  title: "Delete rules of an incremental chain",
  guide: "§3.5.1",
  async run(w) {
    const { cloud } = w;
    const ctx = cloud.context("demo");
    const vol = await readyVolume(cloud, ctx);
    const full = await completedBackup(cloud, ctx, vol);
    cloud.devices.write(vol, 0, new Uint8Array(100).fill(1));
    const incr = await completedBackup(cloud, ctx, vol, { incremental: true });
    await w.expectError(
      "delete of a parent with a child → 400",
      () => cloud.ops.backups.delete(ctx, full, false),
      400,
      "Invalid backup: Incremental backups exist for this backup.",
    );
    // An admin acting in the tenant's project (the dependants check searches the caller's project).
    const onBehalf = cloud.context({ userId: cloud.users.admin.userId, projectId: ctx.projectId, roles: ["admin"] });
    await w.expectError(
      "force does not bypass the dependants check",
      () => cloud.ops.backups.delete(onBehalf, full, true),
      400,
      "Invalid backup: Incremental backups exist for this backup.",
    );
    await cloud.ops.backups.delete(ctx, incr, false);
    w.expect("incremental is deleting", cloud.db.backup(incr)?.status, "deleting");
    await cloud.settle();
    w.expect("incremental is deleted", cloud.db.backup(incr)?.status, "deleted");
    w.expect("parent's dependants back to 0", cloud.db.backup(full)?.num_dependent_backups, 0);
    await cloud.ops.backups.delete(ctx, full, false);
    await cloud.settle();
    w.expect("full is deleted", cloud.db.backup(full)?.status, "deleted");
    w.expect("quota backups back to 0", cloud.db.quotaUsage(ctx.projectId)["backups"]?.in_use, 0);
    w.expect("quota backup_gigabytes back to 0", cloud.db.quotaUsage(ctx.projectId)["backup_gigabytes"]?.in_use, 0);
    w.expect("no object left in the store", await storedObjects(cloud), []);
  },
};

/** Guide §3.3 "Canceling a backup" / spec §6: force delete of a creating backup. */
export const cancelBackup: Workflow = {
  id: "cancel-backup",
  title: "Cancel a running backup with a force delete",
  guide: "§3.3 (cancel), spec §6",
  async run(w) {
    const { cloud } = w;
    const ctx = cloud.context("demo");
    const admin = cloud.context("admin");
    const vol = await readyVolume(cloud, ctx, 4);
    const b = await cloud.ops.backups.create(ctx, { volume_id: vol });
    await runUntil(cloud, () => cloud.devices.attachedTo(vol) !== null);
    w.expect("backup is creating when cancelled", cloud.db.backup(b.id)?.status, "creating");
    await w.expectError(
      "delete without force → 400",
      () => cloud.ops.backups.delete(ctx, b.id, false),
      400,
      "Invalid backup: Backup status must be available or error",
    );
    await cloud.ops.backups.delete(admin, b.id, true);
    await cloud.settle();
    w.expect("backup row is deleted", cloud.db.backup(b.id)?.status, "deleted");
    w.expect("volume back to its previous status", cloud.db.volume(vol)?.status, "available");
    w.expect("no partial backup left in the store", await storedObjects(cloud), []);
    w.expect("quota released", cloud.db.quotaUsage(ctx.projectId)["backups"]?.in_use, 0);
  },
};

/** Guide §3.5.3 "Canceling a backup restore" / spec §6: reset the backup to error during a restore. */
export const cancelRestore: Workflow = {
  id: "cancel-restore",
  title: "Cancel a running restore with reset-status",
  guide: "§3.5.3 (cancel), spec §6",
  async run(w) {
    const { cloud } = w;
    const ctx = cloud.context("demo");
    const admin = cloud.context("admin");
    const vol = await readyVolume(cloud, ctx, 4);
    const b = await completedBackup(cloud, ctx, vol);
    const target = await readyVolume(cloud, ctx, 4, { fill: "zeros" });
    await cloud.ops.backups.restore(ctx, b, { volume_id: target });
    await runUntil(cloud, () => cloud.devices.attachedTo(target) !== null);
    await cloud.advance(1);
    await cloud.ops.backups.resetStatus(admin, b, "error");
    await cloud.settle();
    w.expect("target volume → error", cloud.db.volume(target)?.status, "error");
    w.expect("backup → available (the manager overwrites the reset)", cloud.db.backup(b)?.status, "available");
    await w.expectError(
      "reset to an invalid status → 400",
      () => cloud.ops.backups.resetStatus(admin, b, "bogus"),
      400,
      "Backup status: bogus is invalid, valid statuses are: ['available', 'error'].",
    );
  },
};

/** Spec §2.6: restart of the backup service during a backup. */
export const restartCleanup: Workflow = {
  id: "restart-cleanup",
  title: "Backup service restart during a backup resets the stuck states",
  guide: "§4, spec §2.6",
  async run(w) {
    const { cloud } = w;
    const ctx = cloud.context("demo");
    const vol = await readyVolume(cloud, ctx, 4);
    await cloud.ops.volumes.attach(ctx, vol, { instance_uuid: "6f1c7a1e-0000-4000-8000-000000000003", mountpoint: "/dev/vdd" });
    const b = await cloud.ops.backups.create(ctx, { volume_id: vol, force: true });
    await runUntil(
      cloud,
      () =>
        cloud.db.backup(b.id)?.temp_volume_id !== null &&
        cloud.db.backup(b.id)?.service !== null &&
        cloud.devices.attachedToHost("site1").length > 0,
    );
    const host = cloud.db.backup(b.id)!.host!;
    const temp = cloud.db.backup(b.id)!.temp_volume_id;
    await cloud.faults.restartService("cinder-backup", host);
    await cloud.settle();
    const row = cloud.db.backup(b.id)!;
    w.expect("backup → error", row.status, "error");
    w.expect("fail_reason", row.fail_reason, "incomplete backup reset on manager restart");
    w.expect("volume back to in-use", cloud.db.volume(vol)?.status, "in-use");
    w.expect("temporary volume deleted", temp ? cloud.db.volume(temp)?.status : "none", "deleted");
    w.expect("temp_volume_id cleared", row.temp_volume_id, null);
  },
};
