import type { CloudState } from "../../kernel/cloud-state.ts";
import type { BackupRow, VolumeRow } from "../../db/rows.ts";
import { rethrowCrash } from "../cinder-service.ts";
import type { BackupService } from "./backup-service.ts";
import { updateBackupError } from "./backup-errors.ts";
import { deleteBackup } from "./backup-delete.ts";
import { cleanupTempForErroredBackup } from "./temp-cleanup.ts";

/**
 * `init_host → _cleanup_incomplete_backup_operations` (spec §2.6): `creating` → `error`
 * "incomplete backup reset on manager restart" with the source volume reset, `restoring` →
 * `available` with the target `error_restoring`, `deleting` resumed (or `error_deleting` when
 * encrypted); then temporary devices of errored backups are deleted.
 */
export async function cleanupIncompleteBackupOperations(svc: BackupService, state: CloudState, epoch: number): Promise<void> {
  const backups = state.db.backups.filterLive(
    (b) => b.host === svc.host && (!state.release.cleanupSkipsAvailable || b.status !== "available"),
  );
  for (const backup of backups) {
    try {
      await cleanupOne(svc, state, epoch, backup);
    } catch (e) {
      rethrowCrash(e);
      svc.trace({
        flow: "cleanup",
        kind: "error",
        event: { type: "note", text: `Problem cleaning up backup ${backup.id}: ${(e as Error).message}`, subjects: [backup.id] },
      });
    }
    try {
      await cleanupTempForErroredBackup(svc, state, backup, "cleanup");
    } catch (e) {
      rethrowCrash(e);
    }
  }
}

async function cleanupOne(svc: BackupService, state: CloudState, epoch: number, backup: BackupRow): Promise<void> {
  if (backup.status === "creating") {
    const volume = lookupVolume(state, backup.volume_id);
    if (volume) await cleanupVolume(svc, state, epoch, volume);
    if (state.release.cleanupResetsSnapshot && backup.snapshot_id) {
      const snap = state.db.snapshot(backup.snapshot_id);
      if (snap?.status === "backing-up") state.db.update(snap, { status: "available" });
    }
    updateBackupError(state, backup, "incomplete backup reset on manager restart");
    svc.trace({
      flow: "cleanup",
      kind: "state",
      event: { type: "status", resource: "backup", id: backup.id, from: "creating", to: "error", note: "restart cleanup" },
    });
  } else if (backup.status === "restoring") {
    const volume = lookupVolume(state, backup.restore_volume_id ?? "");
    if (volume) await cleanupVolume(svc, state, epoch, volume);
    state.db.update(backup, { status: "available" });
    svc.trace({
      flow: "cleanup",
      kind: "state",
      event: { type: "status", resource: "backup", id: backup.id, from: "restoring", to: "available", note: "restart cleanup" },
    });
  } else if (backup.status === "deleting") {
    if (backup.encryption_key_id === null) {
      svc.trace({
        flow: "cleanup",
        kind: "state",
        event: { type: "note", text: `resuming delete of backup ${backup.id}`, subjects: [backup.id] },
      });
      if (state.config.backup_service_inithost_offload) {
        state.sched.spawn(`resume-delete ${backup.id}`, () =>
          deleteBackup(svc, state, epoch, backup.id).catch((e) => {
            rethrowCrash(e);
          }),
        );
      } else await deleteBackup(svc, state, epoch, backup.id);
    } else {
      state.db.update(backup, { status: "error_deleting" });
      svc.trace({
        flow: "cleanup",
        kind: "state",
        event: { type: "status", resource: "backup", id: backup.id, from: "deleting", to: "error_deleting", note: "encrypted" },
      });
    }
  }

  /** Zed: a missing volume raises and aborts this backup's cleanup; HEAD tolerates it. */
  function lookupVolume(st: CloudState, id: string): VolumeRow | undefined {
    const v = st.db.volume(id);
    if (!v && !st.release.cleanupToleratesMissingVolume) throw new Error(`Volume ${id} could not be found.`);
    return v;
  }
}

/** `_cleanup_one_volume`: `backing-up` → previous_status (detaching this host's instance-less attachments), `restoring-backup` → `error_restoring`. */
async function cleanupVolume(svc: BackupService, state: CloudState, epoch: number, volume: VolumeRow): Promise<void> {
  if (volume.status !== "backing-up" && volume.status !== "restoring-backup") return;
  for (const a of volume.attachments.filter((x) => x.attached_host === svc.host && x.instance_uuid === null)) {
    if (volume.host)
      await svc
        .call(epoch, volume.host, "cinder-volume", "detach_volume", { volume_id: volume.id, attachment_id: a.id }, { flow: "cleanup" })
        .catch((e) => {
          rethrowCrash(e);
        });
  }
  if (volume.status === "backing-up") state.db.update(volume, { status: (volume.previous_status ?? "available") as VolumeRow["status"] });
  else state.db.update(volume, { status: "error_restoring" });
}
