import type { CloudState } from "../../kernel/cloud-state.ts";
import { DETAIL } from "../../kernel/user-messages.ts";
import type { BackupRow, VolumeRow } from "../../db/rows.ts";
import { isBackupRestoreCancel } from "../../errors/restore-cancel.ts";
import { rethrowCrash } from "../cinder-service.ts";
import { attachDevice, detachDevice } from "./attach.ts";
import type { BackupService } from "./backup-service.ts";
import { ManagerInvalid, updateBackupError } from "./backup-errors.ts";
import { driverContext } from "./driver-context.ts";
import { userMessage } from "./user-message.ts";
import { carriedOr } from "./carried-backup.ts";

/**
 * `BackupManager.restore_backup` (guide Figure 1.2, steps 9–17), inside `backup_max_operations`
 * in both releases. Cancel (`BackupRestoreCancel`) → volume `error`; any other failure →
 * volume `error_restoring`; the backup always returns to `available`.
 */
export async function restoreBackup(
  svc: BackupService,
  state: CloudState,
  epoch: number,
  backupId: string,
  volumeId: string,
  volumeIsNew: boolean,
  carriedArg?: unknown,
): Promise<void> {
  if (!svc.operations.tryAcquire()) await svc.operations.acquire();
  try {
    await restoreInner(svc, state, epoch, backupId, volumeId, volumeIsNew, carriedArg);
  } finally {
    svc.operations.release();
  }
}

async function restoreInner(
  svc: BackupService,
  state: CloudState,
  epoch: number,
  backupId: string,
  volumeId: string,
  volumeIsNew: boolean,
  carriedArg?: unknown,
): Promise<void> {
  const backup = state.db.backups.getAny(backupId);
  if (!backup) return;
  const carried = carriedOr(carriedArg, backup);
  const volume = state.db.volume(volumeId);
  if (!volume) throw new Error(`Volume ${volumeId} could not be found.`);
  svc.notify(backup, "restore.start", "restore", 9);
  const volPrev = volume.status;
  if (volPrev !== "restoring-backup" && volPrev !== "creating") {
    const err = `Restore backup aborted, expected volume status restoring-backup,creating but got ${volPrev}.`;
    state.db.update(backup, { status: "available" });
    state.db.update(volume, { status: "error_restoring" });
    // `message_api.create(..., resource_uuid=volume.id, detail=VOLUME_INVALID_STATE)`
    userMessage(state, backup, "BACKUP_RESTORE", DETAIL.VOLUME_INVALID_STATE, volume.id);
    throw new ManagerInvalid("InvalidVolume", err);
  }
  if (carried.status !== "restoring") {
    const err = `Restore backup aborted: expected backup status restoring but got ${carried.status}.`;
    updateBackupError(state, backup, err);
    state.db.update(volume, { status: "error" });
    userMessage(state, backup, "BACKUP_RESTORE", DETAIL.BACKUP_INVALID_STATE);
    throw new ManagerInvalid("InvalidBackup", err);
  }
  if (!svc.isOurBackup(carried.service)) {
    const err = `Restore backup aborted, the backup service currently configured [${svc.driverName}] is not the backup service that was used to create this backup [${backup.service}].`;
    state.db.update(backup, { status: "available" });
    state.db.update(volume, { status: "error" });
    throw new ManagerInvalid("InvalidBackup", err);
  }
  let canceled = false;
  try {
    await runRestore(svc, state, epoch, backup, volume, volumeIsNew);
  } catch (e) {
    rethrowCrash(e);
    if (isBackupRestoreCancel(e)) canceled = true;
    else {
      // The code compares the *backup* status with `creating`, so this is always error_restoring.
      state.db.update(volume, { status: "error_restoring" });
      state.db.update(backup, { status: "available" });
      if (svc.tracing)
        svc.trace({
          flow: "restore",
          step: 17,
          kind: "error",
          event: { type: "note", text: `restore of ${backup.id} failed: ${(e as Error).message}`, subjects: [backup.id] },
          detail: { volume_status: "error_restoring" },
        });
      throw e;
    }
  }
  const values: Partial<VolumeRow> = { status: canceled ? "error" : "available" };
  if (!canceled && volPrev === "creating") values.launched_at = state.clock.now();
  const oldSrc = volume.metadata["src_backup_id"];
  if (backup.volume_id !== volume.id || (oldSrc && oldSrc !== backup.id))
    values.metadata = { ...volume.metadata, src_backup_id: backup.id };
  state.db.update(volume, values);
  state.db.update(backup, { status: "available" });
  if (svc.tracing)
    svc.trace({
      flow: "restore",
      step: 17,
      kind: "state",
      event: {
        type: "note",
        text: `${canceled ? "canceled" : "finished"} restoring backup ${backup.id} to volume ${volume.id}`,
        subjects: [backup.id, volume.id],
      },
      detail: { volume_status: volume.status },
    });
  svc.notify(backup, "restore.end", "restore", 17);
}

/** `_run_restore`: attach the target, run the driver, detach (force), then fix the encryption key. */
async function runRestore(
  svc: BackupService,
  state: CloudState,
  epoch: number,
  backup: BackupRow,
  volume: VolumeRow,
  volumeIsNew: boolean,
): Promise<void> {
  const origKey = volume.encryption_key_id;
  const device = { kind: "volume" as const, id: volume.id, secure_enabled: false };
  await svc.call(
    epoch,
    volume.host ?? "",
    "cinder-volume",
    "secure_file_operations_enabled",
    { volume_id: volume.id },
    { flow: "restore", step: 10 },
  );
  let attached;
  try {
    attached = await attachDevice(svc, state, epoch, device, "restore");
  } catch (e) {
    rethrowCrash(e);
    userMessage(state, backup, "BACKUP_RESTORE", DETAIL.ATTACH_ERROR);
    throw e;
  }
  try {
    if (svc.tracing)
      svc.trace({
        flow: "restore",
        step: 13,
        kind: "driver",
        event: { type: "driver", call: "restore", backupId: backup.id, volumeId: volume.id },
        detail: { volume_is_new: volumeIsNew },
      });
    const isNew = state.release.restorePassesVolumeIsNew ? volumeIsNew : false;
    await svc.driver.restore(
      { ...backup, metadata: { ...backup.metadata } },
      volume.id,
      attached.file,
      isNew,
      driverContext(svc, state, epoch, "restore"),
    );
    svc.guard(epoch);
  } catch (e) {
    rethrowCrash(e);
    if (!isBackupRestoreCancel(e)) userMessage(state, backup, "BACKUP_RESTORE", DETAIL.BACKUP_RESTORE_ERROR);
    throw e;
  } finally {
    await detachDevice(svc, epoch, device, attached, "restore", false);
  }
  const restored = state.db.volume(volume.id);
  if (restored && restored.encryption_key_id !== origKey) {
    if (origKey) state.keys.delete(origKey);
    if (!backup.encryption_key_id) state.db.update(backup, { encryption_key_id: restored.encryption_key_id });
    const fresh = state.ids.uuid();
    state.keys.add(fresh);
    state.db.update(restored, { encryption_key_id: fresh });
  }
}
