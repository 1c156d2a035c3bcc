import type { AttachmentRow } from "../../db/rows.ts";
import { notFound } from "../faults.ts";
import { parseList } from "../list-query.ts";
import type { Call, Reply, Route } from "../route.ts";
import * as schema from "./attachment-schemas.ts";
import { attachmentDetail, attachmentSummary } from "./attachment-view.ts";

const ALLOWED = ["volume_id", "status", "instance_id", "attach_status"];

/**
 * Attachments of the caller's project's volumes, or of every project (`allProjects`): an admin's
 * lookup by id (`VolumeAttachment.get_by_id` is not project-scoped for admins) or an admin's
 * list with `all_tenants` present (`AttachmentsController._items`, any value).
 */
async function visibleAttachments(call: Call, allProjects: boolean): Promise<AttachmentRow[]> {
  const { items } = await call.cloud.ops.volumes.list(call.ctx, {
    filters: {},
    allTenants: allProjects,
    sort: [["created_at", "desc"]],
    limit: Number.MAX_SAFE_INTEGER,
    offset: 0,
  });
  return items.flatMap((v) => v.attachments);
}

/** `objects.VolumeAttachment.get_by_id` → VolumeAttachmentNotFound (404). */
async function findAttachment(call: Call, id: string): Promise<AttachmentRow> {
  const a = (await visibleAttachments(call, call.ctx.isAdmin)).find((x) => x.id === id);
  if (!a) throw notFound(`Volume attachment could not be found with filter: attachment_id = ${id}.`);
  return a;
}

async function list(call: Call, detail: boolean): Promise<Reply> {
  // v3/attachments.py:AttachmentsController._items
  const { query } = parseList(call, {
    resource: "attachment",
    legacyAllowed: ALLOWED,
    configured: ALLOWED,
    columns: [
      "created_at",
      "updated_at",
      "id",
      "volume_id",
      "instance_uuid",
      "attach_status",
      "attach_mode",
      "attached_host",
      "mountpoint",
    ],
  });
  let rows = await visibleAttachments(call, call.ctx.isAdmin && call.query.has("all_tenants"));
  const f = query.filters;
  if (f["volume_id"] !== undefined) rows = rows.filter((a) => a.volume_id === f["volume_id"]);
  if (f["instance_id"] !== undefined) rows = rows.filter((a) => a.instance_uuid === f["instance_id"]);
  if (f["attach_status"] !== undefined || f["status"] !== undefined)
    rows = rows.filter((a) => a.attach_status === (f["attach_status"] ?? f["status"]));
  rows = rows.slice(query.offset ?? 0, (query.offset ?? 0) + (query.limit ?? call.maxLimit));
  return { status: 200, body: { attachments: rows.map((a) => (detail ? attachmentDetail(a) : attachmentSummary(a))) } };
}

async function create(call: Call): Promise<Reply> {
  // v3/attachments.py:AttachmentsController.create (200, detail view)
  const a = (call.body as Record<string, Record<string, unknown>>)["attachment"] as Record<string, unknown>;
  const volumeId = a["volume_uuid"] as string;
  await call.cloud.ops.volumes.get(call.ctx, volumeId);
  const req: { volume_id: string; instance_uuid?: string | null; connector?: Record<string, unknown> | null; mode?: "rw" | "ro" } = {
    volume_id: volumeId,
    instance_uuid: (a["instance_uuid"] ?? null) as string | null,
    // volume/api.py:API.attachment_create tests `if connector:`, so cinderclient's `{}` is no connector.
    connector: a["connector"] && Object.keys(a["connector"] as object).length > 0 ? (a["connector"] as Record<string, unknown>) : null,
  };
  if (call.minor >= 54 && a["mode"] !== undefined) req.mode = a["mode"] as "rw" | "ro";
  const out = await call.cloud.ops.volumes.attachmentCreate(call.ctx, req);
  return {
    status: 200,
    body: {
      attachment: {
        id: out.id,
        status: out.status,
        instance: out.instance,
        volume_id: out.volume_id,
        attached_at: "",
        detached_at: "",
        attach_mode: out.attach_mode,
        connection_info: out.connection_info,
      },
    },
  };
}

export const attachmentRoutes: Route[] = [
  { method: "GET", path: "attachments", min: 27, handler: (c) => list(c, false) },
  { method: "GET", path: "attachments/detail", min: 27, handler: (c) => list(c, true) },
  {
    method: "POST",
    path: "attachments",
    min: 27,
    body: true,
    schemas: [
      { schema: schema.create, max: 53 },
      { schema: schema.createV354, min: 54 },
    ],
    handler: create,
  },
  {
    method: "GET",
    path: "attachments/{id}",
    min: 27,
    handler: async (c) => ({ status: 200, body: { attachment: attachmentDetail(await findAttachment(c, c.params["id"] as string)) } }),
  },
  {
    method: "DELETE",
    path: "attachments/{id}",
    min: 27,
    handler: async (c) => {
      // Answers the volume's remaining attachments (`volume/api.py:attachment_delete`).
      const a = await findAttachment(c, c.params["id"] as string);
      await c.cloud.ops.volumes.attachmentDelete(c.ctx, a.id);
      const volume = await c.cloud.ops.volumes.get(c.ctx, a.volume_id);
      return { status: 200, body: { attachments: volume.attachments.map(attachmentSummary) } };
    },
  },
  {
    method: "POST",
    path: "attachments/{id}/action",
    actions: {
      "os-complete": {
        min: 44,
        handler: async (c) => {
          const a = await findAttachment(c, c.params["id"] as string);
          await c.cloud.ops.volumes.attachmentComplete(c.ctx, a.id);
          return { status: 204 };
        },
      },
    },
  },
];
