/**
 * One backup as the Ceph backup driver left it in a pool (spec §8, backup/drivers/ceph.py):
 * - `diff`: a restore-point snapshot `backup.<id>.snap.<ts>` on a base image (`_backup_rbd`:
 *   `volume-<vid>.backup.<full id>`, or the legacy `volume-<vid>.backup.base`); incrementals are
 *   later snapshots on the full's base;
 * - `copy`: a chunked full copy of a non-RBD volume into `volume-<vid>.backup.<id>`, no snapshot
 *   (`_full_backup`); the image head is the restore point.
 */
export interface RbdBackup {
  backupId: string;
  volumeId: string;
  pool: string;
  kind: "diff" | "copy";
  baseImage: string;
  /** The restore point; null for `copy` (and for a full whose snapshot is gone). */
  snapshot: string | null;
  /** `time.time()` of `_get_new_snap_name`, as written. */
  timestamp: string | null;
  /** The previous restore point's backup on the same base (the incremental's parent). */
  parentId: string | null;
  /** Bytes of the volume image at the restore point. */
  sizeBytes: number;
  /** More than one snapshot matches the id (ceph.py:_get_backup_snap_name raises BackupOperationError). */
  extraSnapshots: string[];
  /** The base image is named for this backup but carries no snapshot of it while others exist. */
  restorePointMissing: boolean;
}

/** What a pool holds: the backups, base images no id can be given to, the metadata objects. */
export interface RbdPoolCatalogue {
  pool: string;
  backups: RbdBackup[];
  /** `…backup.base` images without backup snapshots (snapshot-source full copies: ids unknown). */
  unattributedImages: string[];
  /** Backup ids that have a `backup.<id>.meta` object. */
  metadataIds: Set<string>;
}

/** `_get_new_snap_name` timestamps as an ISO date (null when not a number). */
export function snapTimestampIso(timestamp: string | null): string | null {
  const seconds = timestamp === null ? NaN : Number(timestamp);
  return Number.isFinite(seconds) ? new Date(seconds * 1000).toISOString() : null;
}
