import { invalidBackup, invalidVolume, serviceNotFound } from "../../errors/cinder-errors.ts";
import { apiBackupHost } from "../../services/scheduler/backup-host-choice.ts";
import type { VolumeRow } from "../../db/rows.ts";
import { authorize } from "../policy.ts";
import type { RequestContext } from "../request-context.ts";
import type { ApiDeps } from "./api-deps.ts";
import { getBackup, getVolume } from "./lookups.ts";
import { carry } from "../../services/backup/carried-backup.ts";
import { createVolumeRow } from "../volumes/create-volume.ts";

/**
 * `backup/api.py:API.restore` (guide Figure 1.2, steps 1–8): a new volume (polled once a
 * second, without a timeout) or an existing one, status and size checks, host re-chosen,
 * backup `restoring`, volume `restoring-backup`, cast `restore_backup`.
 */
export async function restoreBackup(
  d: ApiDeps,
  ctx: RequestContext,
  backupId: string,
  req: { volume_id?: string | null; name?: string | null },
): Promise<{ backup_id: string; volume_id: string; volume_name: string | null }> {
  const { state, api } = d;
  if (api.tracing)
    api.trace({
      flow: "restore",
      step: 1,
      kind: "api",
      event: { type: "api", text: `POST /backups/${backupId}/restore`, subjects: [backupId] },
      detail: { volume_id: req.volume_id ?? null },
    });
  const backup = getBackup(d, ctx, backupId);
  authorize(ctx, "backup:restore");
  if (backup.status !== "available") throw invalidBackup("Backup status must be available");
  if (api.tracing)
    api.trace({
      flow: "restore",
      step: 2,
      kind: "api",
      event: { type: "api", text: `validated backup ${backup.id}`, subjects: [backup.id] },
    });
  let volume: VolumeRow;
  let volumeIsNew = false;
  if (!req.volume_id) {
    const name = req.name ?? `restore_backup_${backupId}`;
    const created = await createVolumeRow(
      d,
      ctx,
      { size: backup.size, name, description: "auto-created_from_restore_from_backup" },
      { flow: "restore", step: 3 },
    );
    for (;;) {
      const v = state.db.volume(created.id);
      if (!v || v.status !== "creating") break;
      await state.sched.sleep(1000);
    }
    volume = state.db.volume(created.id) ?? created;
    if (volume.status === "error") throw invalidVolume(`Error while creating volume ${volume.id} for restoring backup ${backupId}.`);
    volumeIsNew = true;
  } else {
    volume = getVolume(d, ctx, req.volume_id);
  }
  if (volume.status !== "available") throw invalidVolume("Volume to be restored to must be available");
  if (backup.size > volume.size) throw invalidVolume(`volume size ${volume.size} is too small to restore backup of size ${backup.size}.`);
  const host = apiBackupHost(state, backup.host, backup.availability_zone);
  if (!host) throw serviceNotFound("Service cinder-backup could not be found.");
  state.db.update(backup, { host, status: "restoring", restore_volume_id: volume.id });
  state.db.update(volume, { status: "restoring-backup" });
  if (api.tracing)
    api.trace({
      flow: "restore",
      step: 6,
      kind: "state",
      event: {
        type: "note",
        text: `backup ${backup.id} available → restoring; volume ${volume.id} → restoring-backup`,
        subjects: [backup.id, volume.id],
      },
    });
  api.cast(
    host,
    "cinder-backup",
    "restore_backup",
    { backup_id: backup.id, carried: carry(backup), volume_id: volume.id, volume_is_new: volumeIsNew },
    { flow: "restore", step: 7 },
  );
  if (api.tracing)
    api.trace({
      flow: "restore",
      step: 8,
      kind: "api",
      event: { type: "api", text: `202 restore ${backup.id} → ${volume.id}`, subjects: [backup.id, volume.id] },
    });
  return { backup_id: backupId, volume_id: volume.id, volume_name: volume.display_name };
}
