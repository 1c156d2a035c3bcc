import type { RbdBackup } from "./rbd-backup.ts";
import type { BackupSnapName } from "./rbd-names.ts";

/** The base image the snapshots are on. */
export interface RbdBaseImage {
  pool: string;
  volumeId: string;
  baseImage: string;
}

/**
 * The backups whose restore points are the backup snapshots of one base image (Ceph backup
 * layout, spec §8). Ordered by their `time.time()` stamp (ceph.py:_get_new_snap_name); each one's
 * parent is the one before, since `_incremental_rbd_backup` diffs from the parent's snapshot on the
 * same base. A second snapshot of an id is recorded in `extraSnapshots` (ceph.py:_get_backup_snap_name
 * raises BackupOperationError on it). `sizes`: bytes of the image at each snapshot, by name.
 */
export function restorePointsOnImage(
  base: RbdBaseImage,
  snapshots: readonly (BackupSnapName & { snapshot: string })[],
  sizes: ReadonlyMap<string, number>,
): RbdBackup[] {
  const ordered = [...snapshots].sort((a, b) => Number(a.timestamp) - Number(b.timestamp));
  const seen = new Map<string, RbdBackup>();
  const backups: RbdBackup[] = [];
  let previous: string | null = null;
  for (const s of ordered) {
    const known = seen.get(s.backupId);
    if (known) {
      known.extraSnapshots.push(s.snapshot);
      continue;
    }
    const b: RbdBackup = {
      ...base,
      extraSnapshots: [],
      restorePointMissing: false,
      backupId: s.backupId,
      kind: "diff",
      snapshot: s.snapshot,
      timestamp: s.timestamp,
      parentId: previous,
      sizeBytes: sizes.get(s.snapshot) ?? 0,
    };
    seen.set(s.backupId, b);
    backups.push(b);
    previous = s.backupId;
  }
  return backups;
}
