import type { CloudState } from "../../kernel/cloud-state.ts";
import type { BackupService } from "./backup-service.ts";
import { ManagerInvalid } from "./backup-errors.ts";
import { cleanupTempForErroredBackup } from "./temp-cleanup.ts";
import { carriedOr } from "./carried-backup.ts";

/**
 * `BackupManager.reset_status`: only when `service` is set; `error` deletes temporary devices
 * at once. Volume and snapshot statuses are never touched.
 */
export async function resetStatus(
  svc: BackupService,
  state: CloudState,
  _epoch: number,
  backupId: string,
  status: "available" | "error",
  carriedArg?: unknown,
): Promise<void> {
  const backup = state.db.backups.getAny(backupId);
  if (!backup) return;
  const carried = carriedOr(carriedArg, backup);
  if (!svc.isOurBackup(carried.service)) {
    throw new ManagerInvalid(
      "InvalidBackup",
      `Reset backup status aborted, the backup service currently configured [${svc.driverName}] is not the backup service that was used to create this backup [${backup.service}].`,
    );
  }
  if (carried.service === null) {
    svc.trace({
      flow: "reset",
      kind: "state",
      event: { type: "note", text: `reset of ${backup.id} ignored: service is NULL`, subjects: [backup.id] },
    });
    return;
  }
  const from = backup.status;
  state.db.update(backup, { status });
  svc.trace({
    flow: "reset",
    kind: "state",
    event: { type: "status", resource: "backup", id: backup.id, from, to: status, note: "reset" },
  });
  await cleanupTempForErroredBackup(svc, state, backup, "reset");
  svc.notify(backup, "reset_status.end", "reset");
}
