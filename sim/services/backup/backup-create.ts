import type { CloudState } from "../../kernel/cloud-state.ts";
import { DETAIL } from "../../kernel/user-messages.ts";
import type { BackupRow, VolumeRow } from "../../db/rows.ts";
import { rethrowCrash } from "../cinder-service.ts";
import type { BackupDeviceInfo } from "../volume/backup-device-info.ts";
import { attachDevice, detachDevice } from "./attach.ts";
import type { BackupService } from "./backup-service.ts";
import { ManagerInvalid, updateBackupError } from "./backup-errors.ts";
import { deleteTempDevices } from "./temp-cleanup.ts";
import { driverContext } from "./driver-context.ts";
import { userMessage } from "./user-message.ts";
import { carriedOr } from "./carried-backup.ts";

/**
 * `BackupManager.create_backup` (guide Figure 1.1, steps 6–7): check statuses, check the
 * driver, set `service`, clone the key, then cast `get_backup_device` to the volume service.
 * Zed wraps this in `backup_max_operations` (which is why it bounded nothing).
 */
export async function createBackup(
  svc: BackupService,
  state: CloudState,
  epoch: number,
  backupId: string,
  carriedArg?: unknown,
): Promise<void> {
  const bounded = !state.release.maxOpsBoundsTransfer;
  if (bounded && !svc.operations.tryAcquire()) await svc.operations.acquire();
  try {
    await createBackupInner(svc, state, epoch, backupId, carriedArg);
  } finally {
    if (bounded) svc.operations.release();
  }
}

async function createBackupInner(
  svc: BackupService,
  state: CloudState,
  epoch: number,
  backupId: string,
  carriedArg?: unknown,
): Promise<void> {
  const backup = state.db.backups.getAny(backupId);
  if (!backup) return;
  const carried = carriedOr(carriedArg, backup);
  const volume = state.db.volume(backup.volume_id);
  if (!volume) throw new Error(`Volume ${backup.volume_id} could not be found.`);
  const snapshot = backup.snapshot_id ? state.db.snapshot(backup.snapshot_id) : undefined;
  const previousStatus = volume.previous_status;
  svc.notify(backup, "create.start", "backup", 6);

  const actual = backup.snapshot_id ? snapshot?.status : volume.status;
  if (actual !== "backing-up") {
    const what = backup.snapshot_id ? "snapshot" : "volume";
    const err = `Create backup aborted, expected ${what} status backing-up but got ${actual}.`;
    updateBackupError(state, backup, err);
    throw new ManagerInvalid(backup.snapshot_id ? "InvalidSnapshot" : "InvalidVolume", err);
  }
  if (carried.status !== "creating") {
    const err = `Create backup aborted, expected backup status creating but got ${carried.status}.`;
    updateBackupError(state, backup, err);
    userMessage(state, backup, "BACKUP_CREATE", DETAIL.BACKUP_INVALID_STATE);
    throw new ManagerInvalid("InvalidBackup", err);
  }
  try {
    if (!svc.isInitialized) {
      const err = "Create backup aborted due to backup service is down.";
      updateBackupError(state, backup, err);
      userMessage(state, backup, "BACKUP_CREATE", DETAIL.BACKUP_SERVICE_DOWN);
      throw new ManagerInvalid("InvalidBackup", err);
    }
    const updates: Partial<BackupRow> = { service: svc.driverName };
    // HEAD: the manager fills in its own AZ if the API left it empty.
    if (state.release.honoursBackupAz && !backup.availability_zone) updates.availability_zone = svc.az;
    state.db.update(backup, updates);
    // `_start_backup`: keep a clone of the volume's key in case the volume is deleted.
    if (volume.encryption_key_id && !backup.encryption_key_id) {
      const key = state.ids.uuid();
      state.keys.add(key);
      state.db.update(backup, { encryption_key_id: key });
    }
    if (svc.tracing)
      svc.trace({
        flow: "backup",
        step: 7,
        kind: "state",
        event: { type: "note", text: `backup ${backup.id} service=${svc.driverName}`, subjects: [backup.id] },
      });
    if (!volume.host) throw new Error(`Volume ${volume.id} has no host`);
    // The backup object travels with the cast: continue_backup goes back to *this* host.
    svc.cast(
      volume.host,
      "cinder-volume",
      "get_backup_device",
      { backup_id: backup.id, backup_host: svc.host },
      { flow: "backup", step: 7 },
    );
  } catch (e) {
    rethrowCrash(e);
    if (snapshot) state.db.update(snapshot, { status: "available" });
    else if (state.db.volume(volume.id))
      state.db.update(volume, { status: (previousStatus ?? "available") as VolumeRow["status"], previous_status: "error_backing-up" });
    updateBackupError(state, backup, (e as Error).message);
    throw e;
  }
}

/**
 * `BackupManager.continue_backup` (steps 9–18): attach, run the driver, detach, delete the
 * temporary devices, then `_finish_backup`. HEAD runs it inside `backup_max_operations`.
 */
export async function continueBackup(
  svc: BackupService,
  state: CloudState,
  epoch: number,
  backupId: string,
  device: BackupDeviceInfo,
): Promise<void> {
  const bounded = state.release.maxOpsBoundsTransfer;
  if (bounded && !svc.operations.tryAcquire()) await svc.operations.acquire();
  try {
    await continueBackupInner(svc, state, epoch, backupId, device);
  } finally {
    if (bounded) svc.operations.release();
  }
}

async function continueBackupInner(
  svc: BackupService,
  state: CloudState,
  epoch: number,
  backupId: string,
  device: BackupDeviceInfo,
): Promise<void> {
  const backup = state.db.backups.getAny(backupId);
  if (!backup) return;
  const volume = state.db.volume(backup.volume_id);
  if (!volume) throw new Error(`Volume ${backup.volume_id} could not be found.`);
  const snapshot = backup.snapshot_id ? state.db.snapshot(backup.snapshot_id) : undefined;
  // What `_finish_backup` and the error path read of the volume as it was at the start (not a row copy).
  const volumeAtStart: VolumeAtStart = { previous_status: volume.previous_status, size: volume.size };
  let updates: Partial<BackupRow> | null = null;
  // Only the first failure posts a user message (`message_created`).
  let messageCreated = false;
  try {
    let attached;
    try {
      attached = await attachDevice(svc, state, epoch, device, "backup");
    } catch (e) {
      rethrowCrash(e);
      messageCreated = messageOnce(state, backup, messageCreated, DETAIL.ATTACH_ERROR);
      throw e;
    }
    try {
      if (svc.tracing)
        svc.trace({ flow: "backup", step: 12, kind: "driver", event: { type: "driver", call: "backup", backupId: backup.id } });
      updates = await svc.driver.backup(
        { ...backup, metadata: { ...backup.metadata } },
        attached.file,
        driverContext(svc, state, epoch, "backup"),
      );
      svc.guard(epoch);
    } catch (e) {
      rethrowCrash(e);
      messageCreated = messageOnce(state, backup, messageCreated, DETAIL.BACKUP_CREATE_DRIVER_ERROR);
      throw e;
    } finally {
      try {
        await detachDevice(svc, epoch, device, attached, "backup", true);
      } catch (e) {
        rethrowCrash(e);
        messageOnce(state, backup, messageCreated, DETAIL.DETACH_ERROR);
        throw e;
      }
    }
  } catch (e) {
    rethrowCrash(e);
    if (snapshot) state.db.update(snapshot, { status: "available" });
    else
      state.db.update(volume, {
        status: (volumeAtStart.previous_status ?? "available") as VolumeRow["status"],
        previous_status: "error_backing-up",
      });
    updateBackupError(state, backup, (e as Error).message);
    if (svc.tracing)
      svc.trace({
        flow: "backup",
        step: 18,
        kind: "error",
        event: { type: "status", resource: "backup", id: backup.id, to: "error", reason: `${backup.fail_reason}` },
      });
    await deleteTempDevices(svc, state, backup, "backup");
    throw e;
  }
  // `backup.refresh()` under `as_read_deleted()`, then delete the temporary devices.
  await deleteTempDevices(svc, state, backup, "backup");
  finishBackup(svc, state, backup, volumeAtStart, updates);
}

type VolumeAtStart = Pick<VolumeRow, "previous_status" | "size">;

/** `BackupManager._finish_backup` (step 18). A cancelled backup (deleting/deleted) is left alone: "aborted". */
function finishBackup(
  svc: BackupService,
  state: CloudState,
  backup: BackupRow,
  volumeAtStart: VolumeAtStart,
  updates: Partial<BackupRow> | null,
): void {
  const snapshot = backup.snapshot_id ? state.db.snapshot(backup.snapshot_id) : undefined;
  if (backup.snapshot_id) {
    if (snapshot) state.db.update(snapshot, { status: "available" });
  } else {
    const v = state.db.volume(backup.volume_id);
    if (v)
      state.db.update(v, { status: (volumeAtStart.previous_status ?? "available") as VolumeRow["status"], previous_status: "backing-up" });
  }
  if (backup.status === "deleting" || backup.status === "deleted") {
    if (svc.tracing)
      svc.trace({
        flow: "backup",
        step: 18,
        kind: "state",
        event: { type: "note", text: `backup ${backup.id} aborted (cancelled, status ${backup.status})`, subjects: [backup.id] },
      });
  } else {
    state.db.update(backup, { ...(updates ?? {}), status: "available", size: volumeAtStart.size });
    if (backup.parent_id) {
      const parent = state.db.backups.getAny(backup.parent_id);
      if (parent) state.db.update(parent, { num_dependent_backups: parent.num_dependent_backups + 1 });
    }
    if (svc.tracing)
      svc.trace({
        flow: "backup",
        step: 18,
        kind: "state",
        event: { type: "status", resource: "backup", id: backup.id, from: "creating", to: "available" },
        detail: { object_count: backup.object_count, size: backup.size },
      });
  }
  svc.notify(backup, "create.end", "backup", 18);
}

/** `message_created`: only the first failure of a backup posts a user message. Returns true. */
function messageOnce(state: CloudState, backup: BackupRow, created: boolean, detail: string): boolean {
  if (!created) userMessage(state, backup, "BACKUP_CREATE", detail);
  return true;
}
