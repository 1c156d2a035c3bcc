import { BlockDevice } from "../../block/block-device.ts";
import type { CloudState } from "../../kernel/cloud-state.ts";
import type { VolumeService } from "./volume-service.ts";
import { apiBackupHost } from "../scheduler/backup-host-choice.ts";
import { carry } from "../backup/carried-backup.ts";

/** Device bytes of a volume of `sizeGb` (the simulator's scale). */
export function deviceBytes(state: CloudState, sizeGb: number): number {
  return sizeGb * state.config.sim_bytes_per_gb;
}

/**
 * `VolumeManager.create_volume` (flows `volume/flows/manager/create_volume.py`): a blank
 * volume, a clone of a snapshot or a volume, or (3.47) a raw volume to restore a backup into.
 */
export async function createVolume(
  svc: VolumeService,
  state: CloudState,
  epoch: number,
  volumeId: string,
  backupId?: string,
): Promise<void> {
  const v = state.db.volume(volumeId);
  if (!v) return;
  await svc.sleep(epoch, state.config.sim_volume_create_ms);
  const bytes = deviceBytes(state, v.size);
  let dev: BlockDevice;
  if (v.snapshot_id && state.devices.get(v.snapshot_id)) dev = state.devices.get(v.snapshot_id)!.cloneAs(v.id, bytes);
  else if (v.source_volid && state.devices.get(v.source_volid)) dev = state.devices.get(v.source_volid)!.cloneAs(v.id, bytes);
  else dev = new BlockDevice(v.id, bytes, undefined, state.bytes);
  state.devices.set(v.id, dev);
  if (backupId) {
    // `_create_from_backup`: no create_volume_from_backup in the driver → raw volume, then
    // the backup service restores into it while the volume stays `creating`.
    state.db.update(v, { host: svc.host });
    if (svc.tracing)
      svc.trace({
        flow: "restore",
        step: 5,
        kind: "state",
        event: {
          type: "note",
          text: `volume ${v.id} raw device created for backup ${backupId}; stays creating`,
          subjects: [v.id, backupId],
        },
      });
    const backup = state.db.backup(backupId);
    const host = backup ? apiBackupHost(state, backup.host, backup.availability_zone) : null;
    if (!backup || !host) {
      // ServiceNotFound / BackupNotFound in the create flow: the volume goes to error.
      state.db.update(v, { status: "error" });
      if (svc.tracing)
        svc.trace({
          flow: "restore",
          kind: "error",
          event: {
            type: "status",
            resource: "volume",
            id: v.id,
            to: "error",
            reason: `no backup service to restore backup ${backupId}`,
            related: [backupId],
          },
        });
      return;
    }
    state.db.update(backup, { status: "restoring", restore_volume_id: v.id, host });
    svc.cast(
      host,
      "cinder-backup",
      "restore_backup",
      { backup_id: backup.id, carried: carry(backup), volume_id: v.id, volume_is_new: true },
      { flow: "restore", step: 7 },
    );
    return;
  }
  state.db.update(v, { status: "available", host: svc.host, launched_at: state.clock.now() });
  if (svc.tracing)
    svc.trace({
      flow: "volume",
      kind: "state",
      event: { type: "status", resource: "volume", id: v.id, from: "creating", to: "available" },
      detail: { volume_id: v.id },
    });
}

/** `VolumeManager.delete_volume`: device gone, row soft-deleted, quota released. */
export async function deleteVolume(svc: VolumeService, state: CloudState, epoch: number, volumeId: string): Promise<void> {
  const v = state.db.volume(volumeId);
  if (!v) return;
  await svc.sleep(epoch, 1);
  state.devices.delete(v.id);
  state.db.softDelete(v);
  if (v.use_quota) {
    const r = state.quotas.reserve(v.project_id, { volumes: -1, gigabytes: -v.size }, () => new Error("unreachable"));
    state.quotas.commit(r);
  }
  if (svc.tracing)
    svc.trace({
      flow: "volume",
      kind: "state",
      event: { type: "deleted", resource: "volume", id: v.id },
      detail: { volume_id: v.id, temporary: !v.use_quota },
    });
}
