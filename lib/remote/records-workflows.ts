import type { RemoteWorkflow } from "./remote-workflow.ts";
import { createVolume, seededBytes } from "./volume-data.ts";
import { servicesUp } from "./workflow-steps.ts";
import { waitForSchedulerPools } from "./scheduler-ready.ts";

const MIB = 1024 * 1024;
type Record_ = { backup_service: string; backup_url: string };

/** sim/workflows dbLossImport over REST (guide §3.1.3, §3.5.2): export, lose the database, import, restore. */
export const dbLossImport: RemoteWorkflow = {
  id: "db-loss-import",
  title: "Export records, lose the database, import (ancestors first), restore",
  needs: ["admin", "operator", "data"],
  async run(w) {
    const admin = w.admin;
    const op = w.operator;
    const vol = await w.data.volumeWith("vol", 1, seededBytes(w.seed, MIB));
    const full = await w.backup("full", vol);
    await op.writeVolume(vol, new Uint8Array(40_000).fill(3), 500_000);
    const incr = await w.backup("incr", vol, { incremental: true });
    const shaIncr = await w.data.sha256(vol);
    await w.expectError(
      "member cannot export",
      "GET",
      `/backups/${full}/export_record`,
      undefined,
      403,
      "Policy doesn't allow backup:export-import to be performed.",
    );
    const exportRecord = async (id: string) =>
      ((await w.res.ok(`export ${id}`, "GET", `/backups/${id}/export_record`, undefined, admin)).body as { "backup-record": Record_ })[
        "backup-record"
      ];
    const recFull = await exportRecord(full);
    const recIncr = await exportRecord(incr);
    w.expect("backup_service is a cinder backup driver class", /^cinder\.backup\.drivers\.[\w.]+$/.test(recFull.backup_service), true);
    const decoded = JSON.parse(Buffer.from(recIncr.backup_url, "base64").toString("utf8")) as Record<string, unknown>;
    w.expect(
      "record carries every field but parent, plus driver_info",
      Object.keys(decoded).includes("parent") || !("driver_info" in decoded),
      false,
    );
    w.expect("record keeps the parent id", decoded["parent_id"], full);
    const importRecord = (r: Record_) => ({ "backup-record": r });
    await w.expectError(
      "import of an existing id → 400",
      "POST",
      "/backups/import_record",
      importRecord(recFull),
      400,
      "Invalid backup: Backup already exists in database.",
      admin,
    );
    await w.expectError(
      "malformed backup_url → 400",
      "POST",
      "/backups/import_record",
      importRecord({ backup_service: recFull.backup_service, backup_url: "ZmFrZQ==" }),
      400,
      "Invalid input received: Can't parse backup record.",
      admin,
    );
    await op.loseDatabase();
    w.expect("records are gone", await w.res.get("backups", full, admin), undefined);
    // The operator restarts cinder-backup after restoring the database: Zed's report_state
    // (service.py) re-creates a missing service row, but a service whose old row id was taken by
    // another one's re-created row reports on that row and never re-registers (seen on the
    // bundled cloud: cinder-backup, id 1, heartbeating onto cinder-volume's new row 1). The
    // bundled cloud's loseDatabase already restarts every cinder service (cinder-operator.ts).
    await op.stopService("cinder-backup");
    await op.startService("cinder-backup");
    w.expect("services report again", await servicesUp(w, admin), true);
    // a restarted cinder-scheduler knows no pool until cinder-volume reports (later workflows
    // in the same cloud create volumes)
    await waitForSchedulerPools(admin);
    const adminBefore = (await w.quotaInUse("backups", admin)) ?? 0;
    const imp = await w.res.ok("import incremental", "POST", "/backups/import_record", importRecord(recIncr), admin);
    w.expect("import answers with the original id", (imp.body as { backup: { id: string } }).backup.id, incr);
    w.expect(
      "imported incremental is available",
      (await w.res.waitFor("backups", incr, ["available", "error"], admin))?.status,
      "available",
    );
    const r1 = await w.restore(incr, {}, admin);
    w.expect("restore without the parent imported → error_restoring", r1.status, "error_restoring");
    await w.discard(r1.volume_id, admin);
    await w.res.ok("import full", "POST", "/backups/import_record", importRecord(recFull), admin);
    await w.res.waitFor("backups", full, ["available", "error"], admin);
    const r2 = await w.restore(incr, {}, admin);
    w.expect("with every ancestor imported the restore works", r2.status, "available");
    w.expect("byte-exact after import", await w.data.sha256(r2.volume_id, admin), shaIncr);
    w.expect("import charged the importer's project", await w.quotaInUse("backups", admin), adminBefore + 2);
  },
};

/**
 * sim/workflows quotaProcedures over REST (guide §3.4). The member project may hold other
 * backups on a shared cloud, so limits are set relative to its usage (on a fresh project they
 * are the simulator's: backups 1, backup_gigabytes 3); the original limits are put back.
 */
export const quotaProcedures: RemoteWorkflow = {
  id: "quotas",
  title: "Backup quotas: show, update, usage, over-quota answers",
  needs: ["admin"],
  async run(w) {
    const admin = w.admin;
    const project = w.res.target.member.projectId;
    const quotaSet = async (path: string) =>
      (
        (await w.res.ok("show quotas", "GET", `/os-quota-sets/${project}${path}`, undefined, admin)).body as {
          quota_set: Record<string, unknown>;
        }
      ).quota_set;
    const defaults = await quotaSet("/defaults");
    w.expect("default backups quota", defaults["backups"], 10);
    w.expect("default backup_gigabytes quota", defaults["backup_gigabytes"], 1000);
    const original = await quotaSet("");
    const update = (q: Record<string, unknown>) => w.res.ok("update quotas", "PUT", `/os-quota-sets/${project}`, { quota_set: q }, admin);
    const vol = await createVolume(w.res, "vol", 2);
    await w.backup("bkp", vol);
    try {
      const used = (await w.quotaInUse("backups")) ?? 0;
      const usedGb = (await w.quotaInUse("backup_gigabytes")) ?? 0;
      await update({ backups: used });
      await w.expectError(
        "second backup over the backups quota → 413",
        "POST",
        "/backups",
        { backup: { volume_id: vol, name: w.res.name("over") } },
        413,
        `BackupLimitExceeded: Maximum number of backups allowed (${used}) exceeded`,
      );
      // quotas.py:QuotaSetsController.update compares with usage only the limits the project
      // already has (get_project_quotas(defaults=False)); at its default a limit below usage is
      // taken (200, sim/workflows checks it on a fresh project). Here the project is not known to
      // be fresh, so backup_gigabytes first gets its own limit (the current one).
      await update({ backup_gigabytes: original["backup_gigabytes"] });
      await w.expectError(
        "limit below usage, the project's own limit → 400",
        "PUT",
        `/os-quota-sets/${project}`,
        { quota_set: { backup_gigabytes: 1 } },
        400,
        `Quota backup_gigabytes limit must be equal or greater than existing resources. Current usage is ${usedGb} and the requested limit is 1.`,
        admin,
      );
      await update({ backups: original["backups"], backup_gigabytes: usedGb + 1 });
      await w.expectError(
        "over backup_gigabytes → 413",
        "POST",
        "/backups",
        { backup: { volume_id: vol, name: w.res.name("over-gb") } },
        413,
        `VolumeBackupSizeExceedsAvailableQuota: Requested backup exceeds allowed Backup gigabytes quota. Requested 2G, quota is ${usedGb + 1}G and ${usedGb}G has been consumed.`,
      );
      const usage = (await quotaSet("?usage=true"))["backups"];
      w.expect("usage shows in_use", usage, { limit: original["backups"], in_use: used, reserved: 0 });
    } finally {
      await update({ backups: original["backups"], backup_gigabytes: original["backup_gigabytes"] });
    }
  },
};
