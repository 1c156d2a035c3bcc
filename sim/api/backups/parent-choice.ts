import type { BackupRow, SnapshotRow } from "../../db/rows.ts";
import { invalidBackup } from "../../errors/cinder-errors.ts";
import type { RequestContext } from "../request-context.ts";
import type { ApiDeps } from "./api-deps.ts";

/**
 * Incremental parent (`API.create`). Candidates: non-deleted backups of the volume in the
 * caller's project, any status, in DB order. A backup newer than the snapshot gets the sentinel
 * key (year 1), and `max()` keeps the first of equal keys.
 * Zed: latest of any status, then 400 "The parent backup must be available…" (bug 1974092).
 * Master: only `available` backups get their timestamp; the chosen one must be available.
 */
export function chooseParent(d: ApiDeps, ctx: RequestContext, volumeId: string, snapshot: SnapshotRow | undefined): BackupRow {
  const candidates = d.state.db.backups.filterLive((b) => b.volume_id === volumeId && b.project_id === ctx.projectId);
  if (!candidates.length) throw invalidBackup("No backups available to do an incremental backup.");
  const master = d.state.release.parentChoice === "latest-available";
  const key = (b: BackupRow): number => {
    const eligible = (!snapshot || b.data_timestamp < snapshot.created_at) && (!master || b.status === "available");
    return eligible ? b.data_timestamp : Number.NEGATIVE_INFINITY;
  };
  let best = candidates[0]!;
  for (const b of candidates) if (key(b) > key(best)) best = b;
  if (best.status !== "available") {
    throw invalidBackup(
      master ? "No backups available to do an incremental backup." : "The parent backup must be available for incremental backup.",
    );
  }
  return best;
}
