import type { BackupRow } from "../../db/rows.ts";
import { backupNotFound, invalidInput } from "../../errors/cinder-errors.ts";
import { applyListQuery } from "../list-query.ts";
import type { ListQuery } from "../operations.ts";
import { authorize, visible } from "../policy.ts";
import type { RequestContext } from "../request-context.ts";
import type { ApiDeps } from "./api-deps.ts";
import { getBackup } from "./lookups.ts";

/** `API.get`. */
export async function showBackup(d: ApiDeps, ctx: RequestContext, id: string): Promise<BackupRow> {
  const b = getBackup(d, ctx, id);
  authorize(ctx, "backup:get");
  return b;
}

/** `API.get_all`: the caller's project, or every project for an admin with `all_tenants`. */
export async function listBackups(d: ApiDeps, ctx: RequestContext, q: ListQuery): Promise<{ items: BackupRow[]; count: number }> {
  authorize(ctx, "backup:get_all");
  const all = ctx.isAdmin && q.allTenants;
  const rows = d.state.db.backups.filterLive((b) => (all ? true : b.project_id === ctx.projectId && visible(ctx, b)));
  return applyListQuery(rows, q, backupField, d.state.config.osapi_max_limit, backupNotFound);
}

/** Column of a backup for filters and sorting (`name` and `description` are the display columns). */
export function backupField(b: BackupRow, key: string): unknown {
  if (key === "name") return b.display_name;
  if (key === "description") return b.display_description;
  return (b as unknown as Record<string, unknown>)[key];
}

const META_KEY = /^[a-zA-Z0-9-_:. /]{1,255}$/;

/** `API.update` (3.9+): name, description, metadata (replaced wholesale). No status restriction. */
export async function updateBackup(
  d: ApiDeps,
  ctx: RequestContext,
  id: string,
  req: { name?: string | null; description?: string | null; metadata?: Record<string, string> },
): Promise<BackupRow> {
  const b = getBackup(d, ctx, id);
  authorize(ctx, "backup:update");
  const values: Partial<BackupRow> = {};
  if (req.name !== undefined) values.display_name = req.name === null ? null : req.name.trim();
  if (req.description !== undefined) values.display_description = req.description === null ? null : req.description.trim();
  if (req.metadata !== undefined) {
    for (const [k, v] of Object.entries(req.metadata)) {
      if (!META_KEY.test(k)) throw invalidInput(`Invalid metadata key: ${k}`);
      if (typeof v !== "string" || v.length > 255) throw invalidInput(`Invalid metadata value for key ${k}`);
    }
    values.metadata = { ...req.metadata };
  }
  return d.state.db.update(b, values);
}
