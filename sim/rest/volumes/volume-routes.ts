import type { VolumeCreateRequest } from "../../api/operations.ts";
import { badRequest } from "../faults.ts";
import { getBoolParam, parseList } from "../list-query.ts";
import { stripNameAndDescription } from "../name-description.ts";
import { authorize } from "../../api/policy.ts";
import type { Call, Reply, Route } from "../route.ts";
import { checkImageMetadata, copyImageOnCreate, resolveImageRef } from "./image-ref.ts";
import * as schema from "./volume-schemas.ts";
import { volumeActionRoute } from "./volume-actions.ts";
import { typeNames, volumeDetail, volumeSummary } from "./volume-view.ts";

const VOLUME_FILTERS = [
  "name",
  "status",
  "metadata",
  "bootable",
  "migration_status",
  "availability_zone",
  "group_id",
  "size",
  "created_at",
  "updated_at",
  "consumes_quota",
];
const VOLUME_COLUMNS = [
  "created_at",
  "updated_at",
  "deleted_at",
  "deleted",
  "id",
  "user_id",
  "project_id",
  "host",
  "size",
  "availability_zone",
  "status",
  "attach_status",
  "migration_status",
  "display_name",
  "display_description",
  "provider_location",
  "snapshot_id",
  "source_volid",
  "volume_type_id",
  "bootable",
  "multiattach",
  "launched_at",
  "terminated_at",
  "replication_status",
  "consistencygroup_id",
  "group_id",
  "previous_status",
  "cluster_name",
  "use_quota",
  "encryption_key_id",
  "service_uuid",
  "shared_targets",
];

async function list(call: Call, detail: boolean): Promise<Reply> {
  // v3/volumes.py:VolumeController._get_volumes
  const { query, showCount } = parseList(call, {
    resource: "volume",
    legacyAllowed: VOLUME_FILTERS,
    configured: VOLUME_FILTERS,
    columns: VOLUME_COLUMNS,
  });
  const { items, count } = await call.cloud.ops.volumes.list(call.ctx, query);
  const types = detail ? await typeNames(call) : new Map<string, string>();
  const body: Record<string, unknown> = { volumes: items.map((v) => (detail ? volumeDetail(call, v, types) : volumeSummary(call, v))) };
  const links = call.links.collection(
    detail ? "volumes/detail" : "volumes",
    items.map((v) => v.id),
    showCount ? count : undefined,
  );
  if (links.length > 0) body["volumes_links"] = links;
  if (showCount) body["count"] = count;
  return { status: 200, body };
}

/** Python `int()` of a schema-checked size (`^[0-9]+$` string or integer). */
const toSize = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

async function create(call: Call): Promise<Reply> {
  // v3/volumes.py:VolumeController.create → volume/api.py:API.create
  const v = stripNameAndDescription((call.body as Record<string, unknown>)["volume"]);
  if ("multiattach" in v && v["multiattach"] !== null && getBoolParam("multiattach", String(v["multiattach"]))) {
    throw badRequest(
      "multiattach parameter has been removed. The default behavior is to use multiattach enabled volume types. Contact your administrator to create a multiattach enabled volume type and use it to create multiattach volumes.",
    );
  }
  const ctx = call.ctx;
  const ops = call.cloud.ops;
  const snapshotId = (v["snapshot_id"] ?? null) as string | null;
  const sourceVolid = (v["source_volid"] ?? null) as string | null;
  const backupId = call.minor >= 47 ? ((v["backup_id"] ?? null) as string | null) : null;
  let size = toSize(v["size"]);
  if (snapshotId !== null) {
    const s = await ops.snapshots.get(ctx, snapshotId);
    size ??= s.volume_size;
  }
  if (sourceVolid !== null) {
    const s = await ops.volumes.get(ctx, sourceVolid);
    size ??= s.size;
  }
  const image = resolveImageRef(call.cloud, ctx, v);
  if (backupId) {
    const b = await ops.backups.get(ctx, backupId);
    size ??= b.size;
  }
  // No size from the body or a source: volume/api.py:create reaches
  // volume_types.provision_filter_on_size, whose int(None) is a TypeError →
  // ResourceExceptionHandler → a bare 400 (as the bundled Zed cloud answers: found by cbh diff).
  if (size === null) throw badRequest();
  if (image) checkImageMetadata(image, size);
  const req: VolumeCreateRequest = {
    size,
    name: (v["name"] ?? v["display_name"] ?? null) as string | null,
    description: (v["description"] ?? v["display_description"] ?? null) as string | null,
    volume_type: (v["volume_type"] || null) as string | null,
    availability_zone: (v["availability_zone"] ?? null) as string | null,
    snapshot_id: snapshotId,
    source_volid: sourceVolid,
    backup_id: backupId,
  };
  if (v["metadata"] !== undefined && v["metadata"] !== null) req.metadata = v["metadata"] as Record<string, string>;
  const volume = await ops.volumes.create(ctx, req);
  if (image) copyImageOnCreate(call.cloud, volume.id, image);
  return { status: 202, body: { volume: volumeDetail(call, volume, await typeNames(call), false) } };
}

async function update(call: Call): Promise<Reply> {
  // v2/volumes.py:VolumeController.update
  const v = stripNameAndDescription((call.body as Record<string, unknown>)["volume"]);
  const upd: { name?: string | null; description?: string | null; metadata?: Record<string, string> } = {};
  if ("name" in v || "display_name" in v) upd.name = (v["name"] ?? v["display_name"] ?? null) as string | null;
  if ("description" in v || "display_description" in v)
    upd.description = (v["description"] ?? v["display_description"] ?? null) as string | null;
  if ("metadata" in v) upd.metadata = v["metadata"] as Record<string, string>;
  const volume = await call.cloud.ops.volumes.update(call.ctx, call.params["id"] as string, upd);
  return { status: 200, body: { volume: volumeDetail(call, volume, await typeNames(call), false) } };
}

async function remove(call: Call): Promise<Reply> {
  // v3/volumes.py:VolumeController.delete: cascade always, force from 3.23 (admin).
  const cascade = getBoolParam("cascade", call.query.get("cascade"));
  const force = call.minor >= 23 ? getBoolParam("force", call.query.get("force")) : false;
  const id = call.params["id"] as string;
  await call.cloud.ops.volumes.get(call.ctx, id);
  if (force) authorize(call.ctx, "volume:force_delete");
  await call.cloud.ops.volumes.delete(call.ctx, id, { cascade, force });
  return { status: 202 };
}

/**
 * `GET /volumes/summary` (3.12, `VolumeController.summary` → `volume/api.py:get_volume_summary`):
 * count and total size of the caller's volumes (all projects for an admin with `all_tenants`),
 * with every metadata key's distinct values from 3.36.
 */
async function summary(call: Call): Promise<Reply> {
  const allTenants = call.ctx.isAdmin && getBoolParam("all_tenants", call.query.get("all_tenants"));
  const { items } = await call.cloud.ops.volumes.list(call.ctx, {
    filters: {},
    allTenants,
    sort: [["created_at", "desc"]],
    limit: Number.MAX_SAFE_INTEGER,
    offset: 0,
  });
  const out: Record<string, unknown> = { total_count: items.length, total_size: items.reduce((n, v) => n + v.size, 0) };
  if (call.minor >= 36) {
    const meta: Record<string, string[]> = {};
    for (const v of items) for (const [k, x] of Object.entries(v.metadata)) if (!(meta[k] ??= []).includes(x)) meta[k].push(x);
    out["metadata"] = meta;
  }
  return { status: 200, body: { "volume-summary": out } };
}

export const volumeRoutes: Route[] = [
  { method: "GET", path: "volumes", handler: (c) => list(c, false) },
  { method: "GET", path: "volumes/summary", min: 12, handler: summary },
  { method: "GET", path: "volumes/detail", handler: (c) => list(c, true) },
  {
    method: "POST",
    path: "volumes",
    body: true,
    schemas: [
      { schema: schema.create, max: 12 },
      { schema: schema.createV313, min: 13, max: 46 },
      { schema: schema.createV347, min: 47, max: 52 },
      { schema: schema.createV353, min: 53 },
    ],
    handler: create,
  },
  {
    method: "GET",
    path: "volumes/{id}",
    handler: async (c) => ({
      status: 200,
      body: { volume: volumeDetail(c, await c.cloud.ops.volumes.get(c.ctx, c.params["id"] as string), await typeNames(c)) },
    }),
  },
  {
    method: "PUT",
    path: "volumes/{id}",
    body: true,
    schemas: [
      { schema: schema.update, max: 52 },
      { schema: schema.updateV353, min: 53 },
    ],
    handler: update,
  },
  { method: "DELETE", path: "volumes/{id}", handler: remove },
  volumeActionRoute,
];
