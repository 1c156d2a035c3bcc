import type { InvariantViolation, SimulatedCloud } from "../../cloud/index.ts";
import type { BackupRow } from "../../db/rows.ts";

const latest = (rows: BackupRow[]): BackupRow | undefined => [...rows].sort((a, b) => b.created_at - a.created_at)[0];

/**
 * Transitional statuses that real cinder leaves behind too, so they are not model faults:
 * - a backup cancelled (force-deleted) while its manager then died: the row is soft-deleted, and
 *   `_cleanup_incomplete_backup_operations` only walks `BackupList.get_all_by_host` (deleted rows
 *   excluded), so the source volume / snapshot / temporary volume stay `backing-up`;
 * - Zed's cleanup never resets a source snapshot (spec §2.6 "(Z): snapshot not reset").
 */
export function leftBehindByCinder(cloud: SimulatedCloud, v: InvariantViolation): boolean {
  if (v.code !== "stuck-transitional") return false;
  const id = v.subject;
  const snapshot = cloud.db.snapshot(id);
  const volume = snapshot ? undefined : cloud.db.volume(id);
  if ((snapshot ?? volume)?.status !== "backing-up") return false;
  const all = cloud.db.backups();
  if (snapshot) {
    const b = latest(all.filter((x) => x.snapshot_id === id || x.temp_snapshot_id === id));
    if (!b) return false;
    if (b.deleted) return true;
    return cloud.release === "zed" && b.fail_reason === "incomplete backup reset on manager restart";
  }
  const temp = all.find((x) => x.temp_volume_id === id);
  if (temp) return temp.deleted;
  const b = latest(all.filter((x) => x.volume_id === id && !x.snapshot_id));
  return !!b && b.deleted;
}
