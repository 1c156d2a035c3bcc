import { invalidVolume } from "../../errors/cinder-errors.ts";
import type { ApiDeps } from "../backups/api-deps.ts";
import { getVolume } from "../backups/lookups.ts";
import type { RequestContext } from "../request-context.ts";
import { findAttachment, newAttachment } from "./volume-actions.ts";

/**
 * Attachments API (3.27+, `volume/api.py:attachment_create/_update/_delete`): without a
 * connector the attachment and the volume are `reserved`; with one, `attaching`; complete
 * (3.44) makes the volume `in-use`; deleting the last attachment makes it `available`.
 */
export async function attachmentCreate(
  d: ApiDeps,
  ctx: RequestContext,
  req: { volume_id: string; instance_uuid?: string | null; connector?: Record<string, unknown> | null; mode?: "rw" | "ro" },
) {
  const v = getVolume(d, ctx, req.volume_id);
  // `if connector:` — an empty connector (cinderclient sends `{}`) is no connector.
  const connector = req.connector && Object.keys(req.connector).length > 0 ? req.connector : null;
  const allowed = v.multiattach ? ["available", "reserved", "in-use"] : ["available", "reserved"];
  if (!allowed.includes(v.status) && !(v.status === "in-use" && v.attachments.length === 0)) {
    throw invalidVolume(`Volume status must be ${allowed.join(" or ")} to reserve, but the status is ${v.status}.`);
  }
  const a = newAttachment(
    d,
    v,
    req.instance_uuid ?? null,
    typeof connector?.["host"] === "string" ? (connector["host"] as string) : null,
    null,
    req.mode ?? "rw",
    connector ? "attaching" : "reserved",
  );
  a.connector = connector;
  v.attachments.push(a);
  d.state.db.update(v, { status: connector ? "attaching" : "reserved", attach_status: connector ? "attaching" : "reserved" });
  return {
    id: a.id,
    volume_id: v.id,
    instance: a.instance_uuid,
    status: a.attach_status,
    attach_mode: a.attach_mode,
    connection_info: connector ? { driver_volume_type: "fake", data: { device_id: v.id }, attachment_id: a.id } : {},
  };
}

export async function attachmentComplete(d: ApiDeps, ctx: RequestContext, attachmentId: string): Promise<void> {
  const { v, a } = findAttachment(d, ctx, attachmentId);
  a.attach_status = "attached";
  d.state.db.update(v, { status: "in-use", attach_status: "attached" });
}

export async function attachmentDelete(d: ApiDeps, ctx: RequestContext, attachmentId: string): Promise<void> {
  const { v } = findAttachment(d, ctx, attachmentId);
  v.attachments = v.attachments.filter((x) => x.id !== attachmentId);
  if (v.attachments.length === 0) d.state.db.update(v, { status: "available", attach_status: "detached" });
}
