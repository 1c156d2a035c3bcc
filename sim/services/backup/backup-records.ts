import type { CloudState } from "../../kernel/cloud-state.ts";
import type { BackupRow } from "../../db/rows.ts";
import { CinderError, invalidBackup } from "../../errors/cinder-errors.ts";
import { rethrowCrash } from "../cinder-service.ts";
import type { BackupService } from "./backup-service.ts";
import { ManagerInvalid, updateBackupError } from "./backup-errors.ts";
import { decodeBackupRecord, encodeBackupRecord, parseRecordTime } from "./backup-record-codec.ts";

/** `BackupManager.export_record` (an RPC call): `{backup_service, backup_url}`. */
export async function exportRecord(
  svc: BackupService,
  state: CloudState,
  backupId: string,
): Promise<{ backup_service: string | null; backup_url: string }> {
  const backup = state.db.backups.getAny(backupId);
  if (!backup) throw new CinderError("BackupNotFound", 404, `Backup ${backupId} could not be found.`);
  if (backup.status !== "available")
    throw invalidBackup(`Export backup aborted, expected backup status available but got ${backup.status}.`);
  if (!svc.isOurBackup(backup.service)) {
    throw invalidBackup(
      `Export record aborted, the backup service currently configured [${svc.driverName}] is not the backup service that was used to create this backup [${backup.service}].`,
    );
  }
  try {
    const driverInfo = await svc.driver.exportRecord({ ...backup });
    svc.trace({
      flow: "export",
      kind: "state",
      event: { type: "note", text: `exported record of backup ${backup.id}`, subjects: [backup.id] },
    });
    return { backup_service: backup.service, backup_url: encodeBackupRecord(backup, driverInfo) };
  } catch (e) {
    rethrowCrash(e);
    throw invalidBackup((e as Error).message);
  }
}

const REQUIRED = ["display_name", "display_description", "container", "size", "service_metadata", "object_count", "id"];
const DROPPED = new Set(["name", "user_id", "project_id", "deleted_at", "deleted", "fail_reason", "status", "driver_info"]);
const TIMES = new Set(["created_at", "updated_at", "data_timestamp"]);

/**
 * `BackupManager.import_record`: forward along the host chain until a host runs the record's
 * driver; decode, `driver.import_record`, required keys, same id; overwrite service/AZ/host;
 * copy the rest (parent_id included: no parent check) and set `available`.
 */
export async function importRecord(
  svc: BackupService,
  state: CloudState,
  _epoch: number,
  backupId: string,
  backupService: string,
  backupUrl: string,
  hosts: string[],
): Promise<void> {
  const backup = state.db.backups.getAny(backupId);
  if (!backup) return;
  if (!svc.isOurBackup(backupService)) {
    const rest = [...hosts];
    const next = rest.pop();
    if (next !== undefined) {
      svc.cast(
        next,
        "cinder-backup",
        "import_record",
        { backup_id: backupId, backup_service: backupService, backup_url: backupUrl, backup_hosts: rest },
        { flow: "import" },
      );
      return;
    }
    updateBackupError(
      state,
      backup,
      `Import record failed, cannot find backup service to perform the import. Request service ${backupService}.`,
    );
    throw new CinderError("ServiceNotFound", 404, `Service ${backupService} could not be found.`);
  }
  let options: Record<string, unknown>;
  try {
    options = decodeBackupRecord(backupUrl);
    const driverInfo = (options["driver_info"] ?? {}) as Record<string, unknown>;
    await svc.driver.importRecord({ ...backup }, driverInfo);
  } catch (e) {
    rethrowCrash(e);
    updateBackupError(state, backup, (e as Error).message);
    throw new ManagerInvalid("InvalidBackup", (e as Error).message);
  }
  const missing = REQUIRED.filter((k) => !(k in options));
  if (missing.length) {
    const msg = `Driver successfully decoded imported backup data, but there are missing fields (${missing.join(", ")}).`;
    updateBackupError(state, backup, msg);
    throw new ManagerInvalid("InvalidBackup", msg);
  }
  if (options["id"] !== backup.id) {
    const msg = `Trying to import backup metadata from id ${String(options["id"])} into backup ${backup.id}.`;
    updateBackupError(state, backup, msg);
    throw new ManagerInvalid("InvalidBackup", msg);
  }
  const values: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(options)) {
    if (DROPPED.has(k) || !(k in backup)) continue;
    values[k] = TIMES.has(k) ? (parseRecordTime(v) ?? (backup as unknown as Record<string, unknown>)[k]) : v;
  }
  values["service"] = svc.driverName;
  values["availability_zone"] = svc.az;
  values["host"] = svc.host;
  if (values["metadata"] === null || typeof values["metadata"] !== "object") values["metadata"] = {};
  state.db.update(backup, values as Partial<BackupRow>);
  state.db.update(backup, { status: "available" });
  svc.trace({
    flow: "import",
    kind: "state",
    event: { type: "note", text: `imported backup ${backup.id} → available`, subjects: [backup.id] },
    detail: { parent_id: backup.parent_id },
  });
}
