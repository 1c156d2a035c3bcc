import type { BackupRow, SnapshotRow, VolumeRow } from "../../db/rows.ts";
import { backupNotFound, snapshotNotFound, volumeNotFound } from "../../errors/cinder-errors.ts";
import { visible } from "../policy.ts";
import type { RequestContext } from "../request-context.ts";
import type { ApiDeps } from "./api-deps.ts";

/** `backup_api.get`: project-scoped lookup, 404 otherwise (`BackupNotFound`). */
export function getBackup(d: ApiDeps, ctx: RequestContext, id: string): BackupRow {
  const b = d.state.db.backup(id);
  if (!b || !visible(ctx, b)) throw backupNotFound(id);
  return b;
}

export function getVolume(d: ApiDeps, ctx: RequestContext, id: string): VolumeRow {
  const v = d.state.db.volume(id);
  if (!v || !visible(ctx, v)) throw volumeNotFound(id);
  return v;
}

export function getSnapshot(d: ApiDeps, ctx: RequestContext, id: string): SnapshotRow {
  const s = d.state.db.snapshot(id);
  if (!s || !visible(ctx, s)) throw snapshotNotFound(id);
  return s;
}
