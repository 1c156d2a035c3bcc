import type { AttachmentRow, VolumeRow } from "../../db/rows.ts";
import { CinderError, invalidInput, invalidVolume, notFound } from "../../errors/cinder-errors.ts";
import type { ApiDeps } from "../backups/api-deps.ts";
import { getVolume } from "../backups/lookups.ts";
import { authorize } from "../policy.ts";
import type { RequestContext } from "../request-context.ts";

const DELETABLE = ["available", "error", "error_restoring", "error_extending", "error_managing"];

/** `volume/api.py:API.delete`: conditional update to `deleting`, then cast to the volume host. */
export async function deleteVolume(
  d: ApiDeps,
  ctx: RequestContext,
  id: string,
  opts: { cascade?: boolean; force?: boolean },
): Promise<void> {
  const { state, api } = d;
  const v = getVolume(d, ctx, id);
  authorize(ctx, opts.force ? "volume_extension:volume_admin_actions:force_delete" : "volume:delete");
  const hasSnapshots = state.db.snapshots.filterLive((s) => s.volume_id === v.id).length > 0;
  const ok = (opts.force || DELETABLE.includes(v.status)) && v.attach_status !== "attached" && (opts.cascade || !hasSnapshots);
  if (!ok) {
    const status = opts.force ? "" : `status must be ${DELETABLE.join(" or ")} and `;
    throw invalidVolume(
      `Volume ${status}must not be migrating, attached, belong to a group, have snapshots, awaiting a transfer, or be disassociated from snapshots after volume transfer.`,
    );
  }
  state.db.update(v, { status: "deleting" });
  if (opts.cascade) for (const s of state.db.snapshots.filterLive((x) => x.volume_id === v.id)) state.db.update(s, { status: "deleting" });
  if (!v.host) {
    // Never scheduled: the API deletes the row itself and releases the quota.
    state.devices.delete(v.id);
    state.db.softDelete(v);
    state.quotas.commit(state.quotas.reserve(v.project_id, { volumes: -1, gigabytes: -v.size }, () => new Error("unreachable")));
    return;
  }
  for (const s of state.db.snapshots.filterLive((x) => x.volume_id === v.id)) {
    api.cast(v.host, "cinder-volume", "delete_snapshot", { snapshot_id: s.id }, { flow: "snapshot" });
  }
  api.cast(v.host, "cinder-volume", "delete_volume", { volume_id: v.id }, { flow: "volume" });
}

const RESETTABLE = new Set([
  "available",
  "error",
  "in-use",
  "error_deleting",
  "error_restoring",
  "error_extending",
  "creating",
  "deleting",
  "attaching",
  "detaching",
  "reserved",
  "maintenance",
  "backing-up",
  "restoring-backup",
  "uploading",
  "downloading",
  "retyping",
  "extending",
]);

/** `VolumeAdminController._reset_status` (admin). */
export async function resetVolumeStatus(
  d: ApiDeps,
  ctx: RequestContext,
  id: string,
  req: { status?: string; attach_status?: string },
): Promise<void> {
  authorize(ctx, "volume_extension:volume_admin_actions:reset_status");
  const status = req.status?.toLowerCase();
  if (status !== undefined && !RESETTABLE.has(status)) throw invalidInput(`Must specify a valid status`);
  if (req.attach_status !== undefined && !["attached", "detached"].includes(req.attach_status))
    throw invalidInput("Must specify a valid attach status");
  const v = getVolume(d, ctx, id);
  if (status === "in-use" && v.attachments.length === 0) {
    throw new CinderError("InvalidVolume", 400, "Cannot reset-state to in-use because volume does not have any attachments.");
  }
  const values: Partial<VolumeRow> = {};
  if (status) values.status = status as VolumeRow["status"];
  if (req.attach_status) values.attach_status = req.attach_status as VolumeRow["attach_status"];
  d.state.db.update(v, values);
  d.api.trace({
    flow: "volume",
    kind: "state",
    event: { type: "note", text: `volume ${v.id} reset to ${status ?? v.status}`, subjects: [v.id] },
  });
}

/** `os-attach`: the volume becomes `in-use` with an attachment (what Nova's attach ends in). */
export async function attachVolume(
  d: ApiDeps,
  ctx: RequestContext,
  id: string,
  req: { instance_uuid?: string | null; host_name?: string | null; mountpoint: string; mode?: "rw" | "ro" },
): Promise<void> {
  const v = getVolume(d, ctx, id);
  authorize(ctx, "volume_extension:volume_actions:attach");
  if (!["available", "in-use", "reserved", "attaching"].includes(v.status)) {
    throw invalidVolume(`Volume status must be available or in-use or reserved or attaching to reserve, but the status is ${v.status}.`);
  }
  const a = newAttachment(d, v, req.instance_uuid ?? null, req.host_name ?? null, req.mountpoint, req.mode ?? "rw", "attached");
  v.attachments.push(a);
  d.state.db.update(v, { status: "in-use", attach_status: "attached" });
}

/** `os-detach`. */
export async function detachVolume(d: ApiDeps, ctx: RequestContext, id: string, req: { attachment_id?: string | null }): Promise<void> {
  const v = getVolume(d, ctx, id);
  authorize(ctx, "volume_extension:volume_actions:detach");
  if (v.status !== "in-use" || v.attach_status !== "attached") {
    throw invalidVolume("Unable to detach volume. Volume status must be 'in-use' and attach_status must be 'attached' to detach.");
  }
  v.attachments = req.attachment_id ? v.attachments.filter((a) => a.id !== req.attachment_id) : [];
  if (v.attachments.length === 0) d.state.db.update(v, { status: "available", attach_status: "detached" });
}

export function newAttachment(
  d: ApiDeps,
  v: VolumeRow,
  instance: string | null,
  host: string | null,
  mountpoint: string | null,
  mode: "rw" | "ro",
  status: AttachmentRow["attach_status"],
): AttachmentRow {
  return {
    id: d.state.ids.uuid(),
    volume_id: v.id,
    instance_uuid: instance,
    attached_host: host,
    mountpoint,
    attach_status: status,
    attach_mode: mode,
    connector: null,
    created_at: d.state.clock.now(),
  };
}

export function findAttachment(d: ApiDeps, ctx: RequestContext, attachmentId: string): { v: VolumeRow; a: AttachmentRow } {
  for (const v of d.state.db.volumes.filterLive((x) => ctx.isAdmin || x.project_id === ctx.projectId)) {
    const a = v.attachments.find((x) => x.id === attachmentId);
    if (a) return { v, a };
  }
  throw notFound("VolumeAttachmentNotFound", `Volume attachment could not be found with filter: attachment_id = ${attachmentId}.`);
}
