import type { BackupCreateRequest } from "../../api/operations.ts";
import { CinderError } from "../../errors/cinder-errors.ts";
import { HttpFault, internalError } from "../faults.ts";
import { parseList } from "../list-query.ts";
import { stripNameAndDescription } from "../name-description.ts";
import { boolFromString } from "../parameter-types.ts";
import { authorize } from "../../api/policy.ts";
import type { Call, Reply, Route } from "../route.ts";
import * as schema from "./backup-schemas.ts";
import { backupActionRoute } from "./backup-actions.ts";
import { backupDetail, backupSummary } from "./backup-view.ts";

/** `db/models.py:Backup` columns (sort keys). */
const BACKUP_COLUMNS = [
  "created_at",
  "updated_at",
  "deleted_at",
  "deleted",
  "id",
  "user_id",
  "project_id",
  "volume_id",
  "host",
  "availability_zone",
  "display_name",
  "display_description",
  "container",
  "parent_id",
  "status",
  "fail_reason",
  "service_metadata",
  "service",
  "size",
  "object_count",
  "temp_volume_id",
  "temp_snapshot_id",
  "num_dependent_backups",
  "snapshot_id",
  "data_timestamp",
  "restore_volume_id",
  "encryption_key_id",
];

/** `create` and `import_record` answer ServiceNotFound with 503 (`contrib/backups.py`). */
function serviceUnavailable(e: unknown): unknown {
  return e instanceof CinderError && e.kind === "ServiceNotFound" ? new HttpFault(503, e.message) : e;
}

async function list(call: Call, detail: boolean): Promise<Reply> {
  // contrib/backups.py:BackupsController._get_backups
  const { query, showCount } = parseList(call, {
    resource: "backup",
    legacyAllowed: ["name", "status", "volume_id"],
    configured: ["name", "status", "volume_id"],
    columns: BACKUP_COLUMNS,
    sortNameFrom: 37,
  });
  const { items, count } = await call.cloud.ops.backups.list(call.ctx, query);
  const body: Record<string, unknown> = { backups: items.map((b) => (detail ? backupDetail(call, b) : backupSummary(call, b))) };
  const links = call.links.collection(
    detail ? "backups/detail" : "backups",
    items.map((b) => b.id),
    showCount ? count : undefined,
  );
  if (links.length > 0) body["backups_links"] = links;
  if (showCount) body["count"] = count;
  return { status: 200, body };
}

async function create(call: Call): Promise<Reply> {
  // contrib/backups.py:BackupsController.create
  const b = stripNameAndDescription((call.body as Record<string, unknown>)["backup"]);
  const req: BackupCreateRequest = {
    volume_id: b["volume_id"] as string,
    container: (b["container"] ?? null) as string | null,
    name: (b["name"] ?? null) as string | null,
    description: (b["description"] ?? null) as string | null,
    incremental: boolFromString(b["incremental"] ?? false),
    force: boolFromString(b["force"] ?? false),
    snapshot_id: (b["snapshot_id"] ?? null) as string | null,
  };
  if (call.minor >= 43 && b["metadata"] !== undefined && b["metadata"] !== null) req.metadata = b["metadata"] as Record<string, string>;
  if (call.minor >= 51) req.availability_zone = (b["availability_zone"] ?? null) as string | null;
  try {
    const backup = await call.cloud.ops.backups.create(call.ctx, req);
    return { status: 202, body: { backup: backupSummary(call, backup) } };
  } catch (e) {
    throw serviceUnavailable(e);
  }
}

async function update(call: Call): Promise<Reply> {
  // v3/backups.py:BackupsController.update (3.9+)
  const b = stripNameAndDescription((call.body as Record<string, unknown>)["backup"]);
  const upd: { name?: string | null; description?: string | null; metadata?: Record<string, string> } = {};
  if ("name" in b) upd.name = b["name"] as string | null;
  if ("description" in b) upd.description = b["description"] as string | null;
  if (call.minor >= 43 && "metadata" in b) upd.metadata = b["metadata"] as Record<string, string>;
  const backup = await call.cloud.ops.backups.update(call.ctx, call.params["id"] as string, upd);
  return { status: 200, body: { backup: backupSummary(call, backup) } };
}

async function restore(call: Call): Promise<Reply> {
  // contrib/backups.py:BackupsController.restore
  const r = (call.body as Record<string, unknown>)["restore"];
  if (r === null) throw internalError("AttributeError: 'NoneType' object has no attribute 'get' (restore: null)");
  const o = r as Record<string, unknown>;
  let out: { backup_id: string; volume_id: string; volume_name: string | null };
  try {
    out = await call.cloud.ops.backups.restore(call.ctx, call.params["id"] as string, {
      volume_id: (o["volume_id"] ?? null) as string | null,
      name: (o["name"] ?? null) as string | null,
    });
  } catch (e) {
    // The controller turns the new volume's quota errors into HTTPRequestEntityTooLarge(error.msg).
    if (e instanceof CinderError && (e.kind === "VolumeSizeExceedsAvailableQuota" || e.kind === "VolumeLimitExceeded"))
      throw new HttpFault(413, e.message, { "Retry-After": "0" });
    throw e;
  }
  return { status: 202, body: { restore: { backup_id: out.backup_id, volume_id: out.volume_id, volume_name: out.volume_name } } };
}

async function exportRecord(call: Call): Promise<Reply> {
  // backup/api.py:API.export_record: the lookup (404) comes before the policy check (403).
  const id = call.params["id"] as string;
  await call.cloud.ops.backups.get(call.ctx, id);
  authorize(call.ctx, "backup:export-import");
  const rec = await call.cloud.ops.backups.exportRecord(call.ctx, id);
  return { status: 200, body: { "backup-record": { backup_service: rec.backup_service, backup_url: rec.backup_url } } };
}

async function importRecord(call: Call): Promise<Reply> {
  // contrib/backups.py:BackupsController.import_record → backup/api.py:API.import_record
  authorize(call.ctx, "backup:backup-import");
  const rec = (call.body as Record<string, Record<string, string>>)["backup-record"] as Record<string, string>;
  try {
    const backup = await call.cloud.ops.backups.importRecord(call.ctx, rec["backup_service"] as string, rec["backup_url"] as string);
    return { status: 201, body: { backup: backupSummary(call, backup) } };
  } catch (e) {
    throw serviceUnavailable(e);
  }
}

export const backupRoutes: Route[] = [
  { method: "GET", path: "backups", handler: (c) => list(c, false) },
  { method: "GET", path: "backups/detail", handler: (c) => list(c, true) },
  { method: "POST", path: "backups/import_record", body: true, schemas: [{ schema: schema.importRecord }], handler: importRecord },
  {
    method: "POST",
    path: "backups",
    body: true,
    schemas: [
      { schema: schema.create, max: 42 },
      { schema: schema.createV343, min: 43, max: 50 },
      { schema: schema.createV351, min: 51 },
    ],
    handler: create,
  },
  {
    method: "GET",
    path: "backups/{id}",
    handler: async (c) => ({
      status: 200,
      body: { backup: backupDetail(c, await c.cloud.ops.backups.get(c.ctx, c.params["id"] as string)) },
    }),
  },
  {
    method: "PUT",
    path: "backups/{id}",
    min: 9,
    body: true,
    schemas: [
      { schema: schema.update, max: 42 },
      { schema: schema.updateV343, min: 43 },
    ],
    handler: update,
  },
  {
    method: "DELETE",
    path: "backups/{id}",
    handler: async (c) => {
      const id = c.params["id"] as string;
      await c.cloud.ops.backups.get(c.ctx, id);
      await c.cloud.ops.backups.delete(c.ctx, id, false);
      return { status: 202 };
    },
  },
  { method: "POST", path: "backups/{id}/restore", body: true, schemas: [{ schema: schema.restore }], handler: restore },
  { method: "GET", path: "backups/{id}/export_record", handler: exportRecord },
  backupActionRoute,
];
