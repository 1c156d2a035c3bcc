import { badRequest } from "../faults.ts";
import { parseList } from "../list-query.ts";
import { stripNameAndDescription } from "../name-description.ts";
import { boolFromString } from "../parameter-types.ts";
import { authorize } from "../../api/policy.ts";
import type { Call, Reply, Route } from "../route.ts";
import * as schema from "./snapshot-schemas.ts";
import { snapshotDetail, snapshotSummary } from "./snapshot-view.ts";

const SNAPSHOT_FILTERS = ["name", "status", "volume_id", "metadata", "availability_zone", "consumes_quota"];
const SNAPSHOT_COLUMNS = [
  "created_at",
  "updated_at",
  "deleted_at",
  "deleted",
  "id",
  "user_id",
  "project_id",
  "volume_id",
  "cgsnapshot_id",
  "group_snapshot_id",
  "status",
  "progress",
  "volume_size",
  "display_name",
  "display_description",
  "encryption_key_id",
  "volume_type_id",
  "provider_location",
  "provider_id",
  "provider_auth",
  "use_quota",
];

async function list(call: Call, detail: boolean): Promise<Reply> {
  // v3/snapshots.py:SnapshotsController._items
  const { query, showCount } = parseList(call, {
    resource: "snapshot",
    legacyAllowed: ["status", "volume_id", "name"],
    configured: SNAPSHOT_FILTERS,
    columns: SNAPSHOT_COLUMNS,
    // v3/snapshots.py:_items maps sort=name to display_name only from mv.SNAPSHOT_SORT (3.30);
    // below it paginate_query finds no `name` column: 400 "Invalid sort key" (cbh diff seeds 145, 242)
    sortNameFrom: 30,
  });
  const { items, count } = await call.cloud.ops.snapshots.list(call.ctx, query);
  const body: Record<string, unknown> = { snapshots: items.map((s) => (detail ? snapshotDetail(call, s, true) : snapshotSummary(s))) };
  const links = call.links.collection(
    detail ? "snapshots/detail" : "snapshots",
    items.map((s) => s.id),
    showCount ? count : undefined,
  );
  if (links.length > 0) body["snapshots_links"] = links;
  if (showCount) body["count"] = count;
  return { status: 200, body };
}

/** `v3/snapshots.py:SNAPSHOT_IN_USE_FLAG_MSG`. */
const IN_USE_FLAG_MSG =
  "Since microversion 3.66 the 'force' flag is invalid for this request.  For backward compatability, however, when the 'force' flag is passed with a value evaluating to True, it is silently ignored.";

async function create(call: Call): Promise<Reply> {
  // v3/snapshots.py:SnapshotsController.create
  const s = (call.body as Record<string, Record<string, unknown>>)["snapshot"] as Record<string, unknown>;
  const volumeId = s["volume_id"] as string | null;
  // A null volume_id passes the schema and is looked up as Python's None.
  await call.cloud.ops.volumes.get(call.ctx, volumeId ?? "None");
  let force = false;
  if (s["force"] !== undefined && s["force"] !== null) {
    force = boolFromString(s["force"]);
    if (call.minor >= 66 && !force) throw badRequest(IN_USE_FLAG_MSG);
  }
  stripNameAndDescription(s);
  const req: { volume_id: string; name?: string | null; description?: string | null; force?: boolean; metadata?: Record<string, string> } =
    {
      volume_id: volumeId ?? "None",
      name: (s["name"] ?? s["display_name"] ?? null) as string | null,
      description: (s["description"] ?? null) as string | null,
      force: force || call.minor >= 66,
    };
  if (s["metadata"] !== undefined && s["metadata"] !== null) req.metadata = s["metadata"] as Record<string, string>;
  const snap = await call.cloud.ops.snapshots.create(call.ctx, req);
  return { status: 202, body: { snapshot: snapshotDetail(call, snap, false) } };
}

export const snapshotRoutes: Route[] = [
  { method: "GET", path: "snapshots", handler: (c) => list(c, false) },
  { method: "GET", path: "snapshots/detail", handler: (c) => list(c, true) },
  { method: "POST", path: "snapshots", body: true, schemas: [{ schema: schema.create }], handler: create },
  {
    method: "GET",
    path: "snapshots/{id}",
    handler: async (c) => ({
      status: 200,
      body: { snapshot: snapshotDetail(c, await c.cloud.ops.snapshots.get(c.ctx, c.params["id"] as string), true) },
    }),
  },
  {
    method: "DELETE",
    path: "snapshots/{id}",
    handler: async (c) => {
      const id = c.params["id"] as string;
      await c.cloud.ops.snapshots.get(c.ctx, id);
      await c.cloud.ops.snapshots.delete(c.ctx, id);
      return { status: 202 };
    },
  },
  {
    method: "POST",
    path: "snapshots/{id}/action",
    actions: {
      "os-reset_status": {
        schemas: [{ schema: schema.resetStatus }],
        handler: async (call) => {
          // contrib/admin_actions.py:SnapshotAdminController: lookup (404), then policy (403).
          const id = call.params["id"] as string;
          const status = ((call.body as Record<string, Record<string, string>>)["os-reset_status"] as Record<string, string>)[
            "status"
          ] as string;
          await call.cloud.ops.snapshots.get(call.ctx, id);
          authorize(call.ctx, "volume_extension:snapshot_admin_actions:reset_status");
          await call.cloud.ops.snapshots.resetStatus(call.ctx, id, status.toLowerCase());
          return { status: 202 };
        },
      },
    },
  },
];
