import type { TraceTag } from "../../bus/rpc-message.ts";
import { volumeOverQuota } from "../../db/quota-engine.ts";
import type { VolumeRow } from "../../db/rows.ts";
import { CinderError, invalidBackup, invalidInput, notFound } from "../../errors/cinder-errors.ts";
import type { ApiDeps } from "../backups/api-deps.ts";
import { getBackup, getSnapshot, getVolume } from "../backups/lookups.ts";
import type { VolumeCreateRequest } from "../operations.ts";
import { authorize } from "../policy.ts";
import type { RequestContext } from "../request-context.ts";

/**
 * `volume/api.py:API.create` + the API create flow: size, AZ and type checks, quota
 * (`volumes`, `gigabytes` and the per-type keys), the `creating` row, cast to the scheduler.
 */
export async function createVolumeRow(
  d: ApiDeps,
  ctx: RequestContext,
  req: VolumeCreateRequest,
  tag: TraceTag = { flow: "volume" },
): Promise<VolumeRow> {
  const { state, api } = d;
  authorize(ctx, "volume:create");
  // 3.47 (`api/v3/volumes.py:create` → `backup_api.get`, then the create flow's
  // `_extract_backup` and `_extract_size.validate_backup_size`).
  if (req.backup_id) {
    const backup = getBackup(d, ctx, req.backup_id);
    if (backup.status !== "available") throw invalidBackup("Originating backup status must be one of 'available' values");
    if (req.size === undefined || req.size === null) req = { ...req, size: backup.size };
    if (Number.isInteger(req.size) && req.size < backup.size) {
      throw invalidInput(`Volume size ${req.size}GB cannot be smaller than the backup size ${backup.size}GB. It must be >= backup size.`);
    }
  }
  if (!Number.isInteger(req.size) || req.size <= 0)
    throw invalidInput(`Volume size '${String(req.size)}' must be an integer and greater than 0`);
  const zones = new Set(
    state.services
      .rows()
      .filter((s) => s.binary === "cinder-volume")
      .map((s) => s.availability_zone),
  );
  const defaultAz =
    state.config.default_availability_zone ?? state.services.rows().find((s) => s.binary === "cinder-volume")?.availability_zone ?? "nova";
  const az = req.availability_zone ?? defaultAz;
  if (!zones.has(az)) throw new CinderError("InvalidAvailabilityZone", 400, `Availability zone '${az}' is invalid.`);
  let type = null;
  if (req.volume_type) {
    type = state.db.volumeTypes.filter((t) => t.name === req.volume_type || t.id === req.volume_type)[0];
    if (!type) throw notFound("VolumeTypeNotFoundByName", `Volume type with name ${req.volume_type} could not be found.`);
  } else {
    type = state.db.volumeTypes.filter((t) => t.name === "__DEFAULT__")[0] ?? null;
  }
  const snapshot = req.snapshot_id ? getSnapshot(d, ctx, req.snapshot_id) : undefined;
  const source = req.source_volid ? getVolume(d, ctx, req.source_volid) : undefined;
  const deltas: Record<string, number> = { volumes: 1, gigabytes: req.size };
  if (type) Object.assign(deltas, { [`volumes_${type.name}`]: 1, [`gigabytes_${type.name}`]: req.size });
  const reservation = state.quotas.reserve(ctx.projectId, deltas, volumeOverQuota(req.size, ctx.projectId, "volume"));
  const now = state.clock.now();
  const v: VolumeRow = {
    id: state.ids.uuid(),
    user_id: ctx.userId,
    project_id: ctx.projectId,
    size: req.size,
    status: "creating",
    previous_status: null,
    attach_status: "detached",
    display_name: req.name ?? null,
    display_description: req.description ?? null,
    availability_zone: az,
    host: null,
    volume_type_id: type?.id ?? null,
    encryption_key_id: null,
    bootable: false,
    multiattach: false,
    launched_at: null,
    snapshot_id: snapshot?.id ?? null,
    source_volid: source?.id ?? null,
    use_quota: true,
    metadata: { ...(req.metadata ?? {}) },
    glance_metadata: {},
    attachments: [],
    created_at: now,
    updated_at: null,
    deleted_at: null,
    deleted: false,
  };
  if (type?.encrypted) {
    v.encryption_key_id = state.ids.uuid();
    state.keys.add(v.encryption_key_id);
  }
  state.db.volumes.insert(v);
  state.quotas.commit(reservation);
  if (api.tracing)
    api.trace({ ...tag, kind: "state", event: { type: "note", text: `volume ${v.id} creating (${v.size} GB, ${az})`, subjects: [v.id] } });
  const sched = state.services.rows().find((s) => s.binary === "cinder-scheduler");
  api.cast(
    sched?.host ?? "scheduler",
    "cinder-scheduler",
    "create_volume",
    { volume_id: v.id, ...(req.backup_id ? { backup_id: req.backup_id } : {}) },
    tag,
  );
  return v;
}
