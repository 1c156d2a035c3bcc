import type { CloudState } from "../../kernel/cloud-state.ts";
import type { BackupDeviceInfo } from "./backup-device-info.ts";
import { createTempSnapshot, createTempVolume } from "./temp-devices.ts";
import type { VolumeService } from "./volume-service.ts";

export type { BackupDeviceInfo } from "./backup-device-info.ts";

/**
 * `VolumeManager.get_backup_device` + `driver.get_backup_device` (a cast; it casts
 * `continue_backup` back). Snapshot source: a temporary volume cloned from it, or the snapshot
 * itself in temp-snapshot mode. In-use volume: a temporary clone or temporary snapshot.
 * Available volume: the volume. A failure here has no handler: the backup stays `creating`.
 */
export async function getBackupDevice(
  svc: VolumeService,
  state: CloudState,
  epoch: number,
  backupId: string,
  carriedHost: string | null = null,
): Promise<void> {
  const backup = state.db.backups.getAny(backupId);
  if (!backup) throw new Error(`Backup ${backupId} could not be found.`);
  const volume = state.db.volume(backup.volume_id);
  if (!volume) throw new Error(`Volume ${backup.volume_id} could not be found.`);
  const tempSnapshotMode = state.config.backup_use_temp_snapshot;
  let device: BackupDeviceInfo = { kind: "volume", id: volume.id, secure_enabled: false };
  if (backup.snapshot_id) {
    if (tempSnapshotMode) device = { kind: "snapshot", id: backup.snapshot_id, secure_enabled: false };
    else {
      await svc.sleep(epoch, state.config.sim_volume_create_ms);
      const temp = createTempVolume(state, volume, backup.snapshot_id, "backing-up");
      state.db.update(backup, { temp_volume_id: temp.id });
      device = { kind: "volume", id: temp.id, secure_enabled: false };
    }
  } else if (volume.previous_status === "in-use") {
    await svc.sleep(epoch, state.config.sim_volume_create_ms);
    if (tempSnapshotMode) {
      const snap = createTempSnapshot(state, volume);
      state.db.update(backup, { temp_snapshot_id: snap.id });
      device = { kind: "snapshot", id: snap.id, secure_enabled: false };
    } else {
      const temp = createTempVolume(state, volume, volume.id, "backing-up");
      state.db.update(backup, { temp_volume_id: temp.id });
      device = { kind: "volume", id: temp.id, secure_enabled: false };
    }
  }
  if (svc.tracing)
    svc.trace({
      flow: "backup",
      step: 8,
      kind: "state",
      event: { type: "note", text: `backup device for ${backup.id}: ${device.kind} ${device.id}`, subjects: [backup.id, device.id] },
      detail: { ...device },
    });
  // `backup_rpcapi.continue_backup(ctxt, backup, ...)` casts to the host of the backup object
  // carried by get_backup_device, not to whatever host the row names now.
  const host = carriedHost ?? backup.host;
  if (!host) return;
  svc.cast(host, "cinder-backup", "continue_backup", { backup_id: backup.id, device }, { flow: "backup", step: 8 });
}
