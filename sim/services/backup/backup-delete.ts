import type { CloudState } from "../../kernel/cloud-state.ts";
import { DETAIL } from "../../kernel/user-messages.ts";
import { rethrowCrash } from "../cinder-service.ts";
import type { BackupService } from "./backup-service.ts";
import { ManagerInvalid, updateBackupError } from "./backup-errors.ts";
import { driverContext } from "./driver-context.ts";
import { userMessage } from "./user-message.ts";
import { carriedOr } from "./carried-backup.ts";

/**
 * `BackupManager.delete_backup`: driver delete (only if the backup ever reached a manager),
 * quota −1 / −size for the backup's project, key deleted, soft delete, parent's dependants −1.
 * A driver failure → `error` and no quota released; a down driver → `error_deleting`.
 */
export async function deleteBackup(
  svc: BackupService,
  state: CloudState,
  epoch: number,
  backupId: string,
  carriedArg?: unknown,
): Promise<void> {
  const backup = state.db.backups.getAny(backupId);
  if (!backup) return;
  const carried = carriedOr(carriedArg, backup);
  svc.notify(backup, "delete.start", "delete");
  if (carried.status !== "deleting") {
    const err = `Delete_backup aborted, expected backup status deleting but got ${carried.status}.`;
    updateBackupError(state, backup, err);
    userMessage(state, backup, "BACKUP_DELETE", DETAIL.BACKUP_INVALID_STATE);
    throw new ManagerInvalid("InvalidBackup", err);
  }
  if (carried.service && !svc.isInitialized) {
    const err = "Delete backup is aborted due to backup service is down.";
    updateBackupError(state, backup, err, "error_deleting");
    userMessage(state, backup, "BACKUP_DELETE", DETAIL.BACKUP_SERVICE_DOWN);
    throw new ManagerInvalid("InvalidBackup", err);
  }
  if (!svc.isOurBackup(carried.service)) {
    const err = `Delete backup aborted, the backup service currently configured [${svc.driverName}] is not the backup service that was used to create this backup [${backup.service}].`;
    updateBackupError(state, backup, err);
    throw new ManagerInvalid("InvalidBackup", err);
  }
  if (carried.service) {
    try {
      svc.trace({ flow: "delete", kind: "driver", event: { type: "driver", call: "delete_backup", backupId: backup.id } });
      await svc.driver.deleteBackup({ ...backup, metadata: { ...backup.metadata } }, driverContext(svc, state, epoch, "delete"));
      svc.guard(epoch);
    } catch (e) {
      rethrowCrash(e);
      updateBackupError(state, backup, (e as Error).message);
      userMessage(state, backup, "BACKUP_DELETE", DETAIL.BACKUP_DELETE_DRIVER_ERROR);
      svc.trace({
        flow: "delete",
        kind: "error",
        event: { type: "status", resource: "backup", id: backup.id, to: "error", reason: `${backup.fail_reason}` },
      });
      throw e;
    }
  }
  const reservation = state.quotas.reserve(
    backup.project_id,
    { backups: -1, backup_gigabytes: -backup.size },
    () => new Error("unreachable"),
  );
  if (backup.encryption_key_id) {
    state.keys.delete(backup.encryption_key_id);
    state.db.update(backup, { encryption_key_id: null });
  }
  state.db.softDelete(backup);
  if (backup.parent_id) {
    const parent = state.db.backups.getAny(backup.parent_id);
    // Zed: object read-modify-write, only while the counter is positive.
    if (parent && parent.num_dependent_backups > 0) state.db.update(parent, { num_dependent_backups: parent.num_dependent_backups - 1 });
  }
  state.quotas.commit(reservation);
  svc.trace({ flow: "delete", kind: "state", event: { type: "deleted", resource: "backup", id: backup.id } });
  svc.notify(backup, "delete.end", "delete");
}
