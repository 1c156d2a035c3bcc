import type { BackupRow } from "../../db/rows.ts";
import { backupOverQuota } from "../../db/quota-engine.ts";
import { CinderError, invalidBackup, invalidInput, serviceNotFound } from "../../errors/cinder-errors.ts";
import { decodeBackupRecord } from "../../services/backup/backup-record-codec.ts";
import { apiBackupHost, apiBackupHosts } from "../../services/scheduler/backup-host-choice.ts";
import { authorize } from "../policy.ts";
import type { RequestContext } from "../request-context.ts";
import type { ApiDeps } from "./api-deps.ts";
import { getBackup } from "./lookups.ts";
import { carry } from "../../services/backup/carried-backup.ts";

/** Placeholder volume id of an importing backup (`backup/api.py:IMPORT_VOLUME_ID`). */
export const IMPORT_VOLUME_ID = "00000000-0000-0000-0000-000000000000";

/** `API.export_record`: lookup (404 first), policy, status, host re-chosen, RPC call. */
export async function exportRecord(
  d: ApiDeps,
  ctx: RequestContext,
  backupId: string,
): Promise<{ backup_service: string; backup_url: string }> {
  const { state, api } = d;
  api.trace({ flow: "export", kind: "api", event: { type: "api", text: `GET /backups/${backupId}/export_record`, subjects: [backupId] } });
  const backup = getBackup(d, ctx, backupId);
  authorize(ctx, "backup:export-import");
  if (backup.status !== "available") throw invalidBackup(`Backup status must be available and not ${backup.status}.`);
  const host = apiBackupHost(state, backup.host, backup.availability_zone);
  if (!host) throw serviceNotFound("Service cinder-backup could not be found.");
  state.db.update(backup, { host });
  const record = await api.call(api.epoch, host, "cinder-backup", "export_record", { backup_id: backup.id }, { flow: "export" });
  // The manager stamps `service` at create/import, so an available backup always has one.
  if (record.backup_service === null) throw invalidBackup(`Backup ${backup.id} has no backup service to export.`);
  return { backup_service: record.backup_service, backup_url: record.backup_url };
}

/**
 * `API.import_record` + `_get_import_backup`: 503 without backup hosts, decode (400), id and
 * size required, existing non-deleted id → 400, soft-deleted → revived, quota charged to the
 * importer, row `creating` with the placeholder volume, cast to the last host with the rest.
 */
export async function importRecord(d: ApiDeps, ctx: RequestContext, backupService: string, backupUrl: string): Promise<BackupRow> {
  const { state, api } = d;
  api.trace({
    flow: "import",
    kind: "api",
    event: { type: "api", text: "POST /backups/import_record", subjects: [] },
    detail: { backup_service: backupService },
  });
  authorize(ctx, "backup:backup-import");
  const hosts = apiBackupHosts(state);
  if (!hosts.length) throw new CinderError("ServiceNotFound", 503, `Service ${backupService} could not be found.`);
  const record = decodeBackupRecord(backupUrl);
  if (!("id" in record)) throw invalidInput("Provided backup record is missing an id");
  if (!("size" in record)) throw invalidInput("Provided backup record is missing size attribute");
  const id = record["id"],
    size = record["size"];
  if (typeof id !== "string" || !/^[0-9a-fA-F-]{1,64}$/.test(id)) throw invalidInput("Can't parse backup record.");
  if (typeof size !== "number" || !Number.isInteger(size) || size < 0) throw invalidInput("Can't parse backup record.");
  const existing = state.db.backups.getAny(id);
  if (existing && existing.status !== "deleted") throw invalidBackup("Backup already exists in database.");
  const reservation = state.quotas.reserve(ctx.projectId, { backups: 1, backup_gigabytes: size }, backupOverQuota(size, ctx.projectId));
  const now = state.clock.now();
  const values = {
    user_id: ctx.userId,
    project_id: ctx.projectId,
    volume_id: IMPORT_VOLUME_ID,
    status: "creating" as const,
    deleted_at: null,
    deleted: false,
    metadata: {},
  };
  let backup: BackupRow;
  if (existing) backup = state.db.update(existing, values);
  else {
    backup = state.db.backups.insert({
      id,
      snapshot_id: null,
      parent_id: null,
      num_dependent_backups: 0,
      host: null,
      availability_zone: null,
      container: null,
      service: null,
      service_metadata: null,
      size,
      object_count: 0,
      fail_reason: null,
      display_name: null,
      display_description: null,
      data_timestamp: now,
      encryption_key_id: null,
      restore_volume_id: null,
      temp_volume_id: null,
      temp_snapshot_id: null,
      created_at: now,
      updated_at: null,
      ...values,
    });
  }
  state.quotas.commit(reservation);
  const rest = [...hosts];
  const first = rest.pop()!;
  api.trace({
    flow: "import",
    kind: "state",
    event: { type: "note", text: `backup ${id} ${existing ? "revived" : "created"} as creating`, subjects: [id] },
  });
  api.cast(
    first,
    "cinder-backup",
    "import_record",
    { backup_id: id, backup_service: backupService, backup_url: backupUrl, backup_hosts: rest },
    { flow: "import" },
  );
  return backup;
}

/** `API.reset_status` (admin): host re-chosen (404 if none), cast. Status validated by the caller layer. */
export async function resetBackupStatus(d: ApiDeps, ctx: RequestContext, backupId: string, status: string): Promise<void> {
  const { state, api } = d;
  const wanted = status.toLowerCase();
  if (wanted !== "available" && wanted !== "error")
    throw new CinderError("InvalidParameterValue", 400, `Backup status: ${status} is invalid, valid statuses are: ['available', 'error'].`);
  api.trace({
    flow: "reset",
    kind: "api",
    event: { type: "api", text: `os-reset_status backup ${backupId} → ${wanted}`, subjects: [backupId] },
  });
  const backup = getBackup(d, ctx, backupId);
  authorize(ctx, "volume_extension:backup_admin_actions:reset_status");
  const host = apiBackupHost(state, backup.host, backup.availability_zone);
  if (!host) throw serviceNotFound("Service cinder-backup could not be found.");
  state.db.update(backup, { host });
  api.cast(host, "cinder-backup", "reset_status", { backup_id: backup.id, carried: carry(backup), status: wanted }, { flow: "reset" });
}
