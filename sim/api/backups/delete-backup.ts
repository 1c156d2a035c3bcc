import { invalidBackup, notSupported, serviceNotFound } from "../../errors/cinder-errors.ts";
import { apiBackupHost } from "../../services/scheduler/backup-host-choice.ts";
import { authorize } from "../policy.ts";
import type { RequestContext } from "../request-context.ts";
import type { ApiDeps } from "./api-deps.ts";
import { getBackup } from "./lookups.ts";
import { carry } from "../../services/backup/carried-backup.ts";

/**
 * `backup/api.py:API.delete`: status check (unless force), `check_support_to_force_delete`
 * (an RPC call to the backup's host; 405 when unsupported), dependants in the caller's project
 * (any status: force does not bypass), then `deleting`, host re-chosen, cast. Force delete of a
 * `creating` backup is how a backup is cancelled (spec §6).
 */
export async function deleteBackup(d: ApiDeps, ctx: RequestContext, backupId: string, force: boolean): Promise<void> {
  const { state, api } = d;
  api.trace({
    flow: "delete",
    kind: "api",
    event: { type: "api", text: `${force ? "os-force_delete" : "DELETE"} backup ${backupId}`, subjects: [backupId] },
  });
  const backup = getBackup(d, ctx, backupId);
  authorize(ctx, force ? "volume_extension:backup_admin_actions:force_delete" : "backup:delete");
  if (!force && backup.status !== "available" && backup.status !== "error") throw invalidBackup("Backup status must be available or error");
  if (force) {
    const target = backup.host ?? apiBackupHost(state, null, null) ?? "";
    const supported = await api.call(
      api.epoch,
      target,
      "cinder-backup",
      "check_support_to_force_delete",
      { backup_id: backup.id },
      { flow: "delete" },
    );
    if (!supported) throw notSupported("force delete");
  }
  const deltas = state.db.backups.filterLive((b) => b.parent_id === backup.id && b.project_id === ctx.projectId);
  if (deltas.length) throw invalidBackup("Incremental backups exist for this backup.");
  const host = apiBackupHost(state, backup.host, backup.availability_zone);
  if (!host) throw serviceNotFound("Service cinder-backup could not be found."); // status not saved
  const from = backup.status;
  state.db.update(backup, { status: "deleting", host });
  api.trace({ flow: "delete", kind: "state", event: { type: "status", resource: "backup", id: backup.id, from, to: "deleting" } });
  api.cast(host, "cinder-backup", "delete_backup", { backup_id: backup.id, carried: carry(backup) }, { flow: "delete" });
}
