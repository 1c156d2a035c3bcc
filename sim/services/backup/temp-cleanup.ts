import type { CloudState } from "../../kernel/cloud-state.ts";
import type { BackupRow } from "../../db/rows.ts";
import type { BackupService } from "./backup-service.ts";

/**
 * `_cleanup_temp_volumes_snapshots_when_backup_created` (guide steps 16–17): cast
 * `delete_volume` / `delete_snapshot` for the temporary devices and clear their ids.
 */
export async function deleteTempDevices(
  svc: BackupService,
  state: CloudState,
  backup: BackupRow,
  flow: "backup" | "cleanup" | "reset",
): Promise<void> {
  if (backup.temp_volume_id) {
    const temp = state.db.volume(backup.temp_volume_id);
    if (temp?.host)
      svc.cast(temp.host, "cinder-volume", "delete_volume", { volume_id: temp.id }, { flow, ...(flow === "backup" ? { step: 16 } : {}) });
    state.db.update(backup, { temp_volume_id: null });
  }
  if (backup.temp_snapshot_id) {
    const snap = state.db.snapshot(backup.temp_snapshot_id);
    const host = snap ? state.db.volumes.getAny(snap.volume_id)?.host : null;
    if (snap && host) {
      state.db.update(snap, { status: "deleting" });
      svc.cast(host, "cinder-volume", "delete_snapshot", { snapshot_id: snap.id }, { flow, ...(flow === "backup" ? { step: 16 } : {}) });
    }
    state.db.update(backup, { temp_snapshot_id: null });
  }
}

/** `_cleanup_temp_volumes_snapshots_for_one_backup`: only for backups now in `error`. */
export async function cleanupTempForErroredBackup(
  svc: BackupService,
  state: CloudState,
  backup: BackupRow,
  flow: "cleanup" | "reset",
): Promise<void> {
  if (backup.status === "error") await deleteTempDevices(svc, state, backup, flow);
}
