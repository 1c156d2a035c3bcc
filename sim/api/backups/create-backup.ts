import { backupOverQuota } from "../../db/quota-engine.ts";
import type { BackupRow } from "../../db/rows.ts";
import { invalidSnapshot, invalidVolume } from "../../errors/cinder-errors.ts";
import type { BackupCreateRequest } from "../operations.ts";
import { authorize } from "../policy.ts";
import type { RequestContext } from "../request-context.ts";
import type { ApiDeps } from "./api-deps.ts";
import { getSnapshot, getVolume } from "./lookups.ts";
import { chooseParent } from "./parent-choice.ts";

/**
 * `backup/api.py:API.create` (guide Figure 1.1, steps 1–5): lookups, status checks, quota
 * reserve against the caller's project, incremental parent, statuses → `backing-up`, the
 * `creating` row, quota commit, cast to the scheduler.
 */
export async function createBackup(d: ApiDeps, ctx: RequestContext, req: BackupCreateRequest): Promise<BackupRow> {
  const { state, api } = d;
  if (api.tracing)
    api.trace({
      flow: "backup",
      step: 1,
      kind: "api",
      event: { type: "api", text: `POST /backups volume ${req.volume_id}`, subjects: [req.volume_id] },
      detail: { incremental: !!req.incremental, force: !!req.force, snapshot_id: req.snapshot_id ?? null },
    });
  const volume = getVolume(d, ctx, req.volume_id);
  authorize(ctx, "backup:create");
  const snapshot = req.snapshot_id ? getSnapshot(d, ctx, req.snapshot_id) : undefined;
  if (snapshot) {
    if (snapshot.volume_id !== req.volume_id)
      throw invalidVolume(`Volume ${req.volume_id} does not match with snapshot.volume_id ${snapshot.volume_id}.`);
    if (snapshot.status !== "available")
      throw invalidSnapshot(`Snapshot to be backed up must be available, but the current status is "${snapshot.status}".`);
  } else if (volume.status !== "available" && volume.status !== "in-use") {
    throw invalidVolume(`Volume to be backed up must be available or in-use, but the current status is "${volume.status}".`);
  } else if (volume.status === "in-use" && !req.force) {
    throw invalidVolume("Backing up an in-use volume must use the force flag.");
  }
  const previousStatus = volume.status;
  if (api.tracing)
    api.trace({
      flow: "backup",
      step: 2,
      kind: "api",
      event: {
        type: "api",
        text: `validated; reserving quota backups +1, backup_gigabytes +${volume.size} for project ${ctx.projectId}`,
        subjects: [],
      },
    });
  const reservation = state.quotas.reserve(
    ctx.projectId,
    { backups: 1, backup_gigabytes: volume.size },
    backupOverQuota(volume.size, ctx.projectId),
  );
  let parent: BackupRow | null = null;
  if (req.incremental) {
    try {
      parent = chooseParent(d, ctx, volume.id, snapshot);
    } catch (e) {
      state.quotas.rollback(reservation);
      throw e;
    }
  }
  const now = state.clock.now();
  if (snapshot) state.db.update(snapshot, { status: "backing-up" });
  else state.db.update(volume, { status: "backing-up", previous_status: previousStatus });
  const az = state.release.honoursBackupAz ? (req.availability_zone ?? null) : null;
  const backup: BackupRow = {
    id: state.ids.uuid(),
    user_id: ctx.userId,
    project_id: ctx.projectId,
    volume_id: volume.id,
    snapshot_id: req.snapshot_id ?? null,
    parent_id: parent?.id ?? null,
    num_dependent_backups: 0,
    host: parent && state.release.pinPosixIncrementalHost && parent.service?.includes("posix") ? parent.host : null,
    availability_zone: az,
    container: req.container ?? null,
    service: null,
    service_metadata: null,
    size: volume.size,
    object_count: 0,
    status: "creating",
    fail_reason: null,
    display_name: req.name?.trim() ?? null,
    display_description: req.description?.trim() ?? null,
    data_timestamp: snapshot ? snapshot.created_at : now,
    encryption_key_id: null,
    restore_volume_id: null,
    temp_volume_id: null,
    temp_snapshot_id: null,
    metadata: { ...(req.metadata ?? {}) },
    created_at: now,
    updated_at: null,
    deleted_at: null,
    deleted: false,
  };
  state.db.backups.insert(backup);
  state.quotas.commit(reservation);
  if (api.tracing)
    api.trace({
      flow: "backup",
      step: 3,
      kind: "state",
      event: {
        type: "note",
        text: `backup ${backup.id} creating; ${snapshot ? `snapshot ${snapshot.id}` : `volume ${volume.id}`} → backing-up`,
        subjects: [backup.id, snapshot ? snapshot.id : volume.id],
      },
      detail: { backup_id: backup.id, parent_id: backup.parent_id },
    });
  const sched = state.services.rows().find((s) => s.binary === "cinder-scheduler");
  api.cast(
    sched?.host ?? "scheduler",
    "cinder-scheduler",
    "create_backup",
    { backup_id: backup.id, availability_zone: req.availability_zone ?? null },
    { flow: "backup", step: 4 },
  );
  if (api.tracing)
    api.trace({ flow: "backup", step: 5, kind: "api", event: { type: "api", text: `202 backup ${backup.id}`, subjects: [backup.id] } });
  return backup;
}
