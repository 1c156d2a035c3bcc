import { decodeBackupRecord } from "../services/backup/backup-record-codec.ts";
import type { Workflow } from "./workflow.ts";
import { completedBackup, readyVolume } from "./helpers.ts";

/** Guide §3.1.3 / §3.5.2: export the records, lose the database, import, restore. */
export const dbLossImport: Workflow = {
  id: "db-loss-import",
  title: "Export records, lose the database, import (ancestors first), restore",
  guide: "§3.1.3, §3.5.2",
  async run(w) {
    const { cloud } = w;
    const ctx = cloud.context("demo");
    const admin = cloud.context("admin");
    const vol = await readyVolume(cloud, ctx);
    const full = await completedBackup(cloud, ctx, vol);
    cloud.devices.write(vol, 500_000, new Uint8Array(40_000).fill(3));
    const incr = await completedBackup(cloud, ctx, vol, { incremental: true });
    const shaIncr = cloud.devices.digest(vol).digest;
    await w.expectError(
      "member cannot export",
      () => cloud.ops.backups.exportRecord(ctx, full),
      403,
      "Policy doesn't allow backup:export-import to be performed.",
    );
    const recFull = await cloud.ops.backups.exportRecord(admin, full);
    const recIncr = await cloud.ops.backups.exportRecord(admin, incr);
    w.expect("backup_service is the driver class", recFull.backup_service, "cinder.backup.drivers.posix.PosixBackupDriver");
    const decoded = decodeBackupRecord(recIncr.backup_url);
    w.expect(
      "record carries every field but parent, plus driver_info",
      Object.keys(decoded).includes("parent") || !("driver_info" in decoded),
      false,
    );
    w.expect("record keeps the parent id", decoded["parent_id"], full);
    await w.expectError(
      "import of an existing id → 400",
      () => cloud.ops.backups.importRecord(admin, recFull.backup_service, recFull.backup_url),
      400,
      "Invalid backup: Backup already exists in database.",
    );
    await w.expectError(
      "malformed backup_url → 400",
      () => cloud.ops.backups.importRecord(admin, recFull.backup_service, "ZmFrZQ=="),
      400,
      "Invalid input received: Can't parse backup record.",
    );
    cloud.faults.dbLoss();
    w.expect("records are gone", cloud.db.backup(full), undefined);
    const imp = await cloud.ops.backups.importRecord(admin, recIncr.backup_service, recIncr.backup_url);
    w.expect("import answers with the original id", imp.id, incr);
    await cloud.settle();
    w.expect("imported incremental is available", cloud.db.backup(incr)?.status, "available");
    const r1 = await cloud.ops.backups.restore(admin, incr, {});
    await cloud.settle();
    w.expect("restore without the parent imported → error_restoring", cloud.db.volume(r1.volume_id)?.status, "error_restoring");
    await cloud.ops.backups.importRecord(admin, recFull.backup_service, recFull.backup_url);
    await cloud.settle();
    const r2 = await cloud.ops.backups.restore(admin, incr, {});
    await cloud.settle();
    w.expect("with every ancestor imported the restore works", cloud.db.volume(r2.volume_id)?.status, "available");
    w.expect("byte-exact after import", cloud.devices.digest(r2.volume_id).digest, shaIncr);
    w.expect("import charged the importer's project", cloud.db.quotaUsage(admin.projectId)["backups"]?.in_use, 2);
  },
};

/** Guide §3.4 quotas: show, update, usage. */
export const quotaProcedures: Workflow = {
  id: "quotas",
  title: "Backup quotas: show, update, usage, over-quota answers",
  guide: "§3.4",
  async run(w) {
    const { cloud } = w;
    const ctx = cloud.context("demo");
    const admin = cloud.context("admin");
    const shown = await cloud.ops.quotas.show(admin, ctx.projectId, false);
    w.expect("default backups quota", shown["backups"], 10);
    w.expect("default backup_gigabytes quota", shown["backup_gigabytes"], 1000);
    const vol = await readyVolume(cloud, ctx, 2);
    await completedBackup(cloud, ctx, vol);
    await cloud.ops.quotas.update(admin, ctx.projectId, { backups: 1 });
    await w.expectError(
      "second backup over the backups quota → 413",
      () => cloud.ops.backups.create(ctx, { volume_id: vol }),
      413,
      "Maximum number of backups allowed (1) exceeded",
    );
    // quotas.py:QuotaSetsController.update compares with usage only the limits the project already
    // has (get_project_quotas(defaults=False)): at its default, backup_gigabytes takes 1 (200).
    const below = await cloud.ops.quotas.update(admin, ctx.projectId, { backup_gigabytes: 1 });
    w.expect("limit below usage, resource at its default → accepted", below["backup_gigabytes"], 1);
    await w.expectError(
      "limit below usage, the project's own limit → 400",
      () => cloud.ops.quotas.update(admin, ctx.projectId, { backup_gigabytes: 1 }),
      400,
      "Quota backup_gigabytes limit must be equal or greater than existing resources. Current usage is 2 and the requested limit is 1.",
    );
    await cloud.ops.quotas.update(admin, ctx.projectId, { backups: 10, backup_gigabytes: 3 });
    await w.expectError(
      "over backup_gigabytes → 413",
      () => cloud.ops.backups.create(ctx, { volume_id: vol }),
      413,
      "Requested backup exceeds allowed Backup gigabytes quota. Requested 2G, quota is 3G and 2G has been consumed.",
    );
    const usage = await cloud.ops.quotas.show(admin, ctx.projectId, true);
    w.expect("usage shows in_use", usage["backups"], { limit: 10, in_use: 1, reserved: 0 });
  },
};

/** Guide §4.1: service list and a backup service that went away. */
export const serviceList: Workflow = {
  id: "service-list",
  title: "Service list, a stopped backup service and the 'Service not found' path",
  guide: "§4.1",
  async run(w) {
    const { cloud } = w;
    const admin = cloud.context("admin");
    const ctx = cloud.context("demo");
    const list = await cloud.ops.services.list(admin, {});
    w.expect(
      "every service is up",
      list.every((s) => s.state === "up"),
      true,
    );
    w.expect("binaries", [...new Set(list.map((s) => s.binary))].sort(), ["cinder-backup", "cinder-scheduler", "cinder-volume"]);
    await w.expectError(
      "member cannot list services",
      () => cloud.ops.services.list(ctx, {}),
      403,
      "Policy doesn't allow volume_extension:services:index to be performed.",
    );
    cloud.faults.stopService("cinder-backup", "site1");
    await cloud.advance(61_000);
    const after = await cloud.ops.services.list(admin, { binary: "cinder-backup" });
    w.expect("stopped backup service is down after service_down_time", after.find((s) => s.host === "site1")?.state, "down");
    await cloud.faults.startService("cinder-backup", "site1");
    const back = await cloud.ops.services.list(admin, { binary: "cinder-backup" });
    w.expect("restarted service is up", back.find((s) => s.host === "site1")?.state, "up");
  },
};
