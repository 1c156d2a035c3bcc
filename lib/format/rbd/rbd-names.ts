import { InvalidStoreNameError } from "../../stores/contract/index.ts";

/**
 * Names the Ceph backup driver gives things (cinder backup/drivers/ceph.py, spec §8).
 * Only characters RADOS/RBD names and our argv accept: no leading '-', no '/', '@' or spaces.
 */
const SAFE = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,249}$/;

export function checkRbdName(kind: "pool" | "image" | "snapshot", value: string): string {
  if (!SAFE.test(value)) throw new InvalidStoreNameError(kind, value, "expected [A-Za-z0-9_][A-Za-z0-9_.-]*, at most 250 characters");
  return value;
}

/** ceph.py:CephBackupDriver._get_backup_base_name: the per-backup diff base image. */
export function backupBaseName(volumeId: string, backupId?: string): string {
  return backupId === undefined ? `volume-${volumeId}.backup.base` : `volume-${volumeId}.backup.${backupId}`;
}

/** ceph.py:CephBackupDriver._get_new_snap_name: `backup.<id>.snap.<time.time()>`. */
export function newBackupSnapName(backupId: string, epochSeconds: number): string {
  return `backup.${backupId}.snap.${epochSeconds}`;
}

/** ceph.py:VolumeMetadataBackup.name: the RADOS object holding the volume metadata. */
export function backupMetadataObject(backupId: string): string {
  return `backup.${backupId}.meta`;
}

/** The match pattern of ceph.py:CephBackupDriver._get_backup_snap_name. */
export const BACKUP_SNAP_PATTERN = /^backup\.([a-z0-9-]+?)\.snap\.(.+)$/;

export interface BackupSnapName {
  backupId: string;
  timestamp: string;
}

export function parseBackupSnapName(snap: string): BackupSnapName | undefined {
  const m = BACKUP_SNAP_PATTERN.exec(snap);
  return m ? { backupId: m[1]!, timestamp: m[2]! } : undefined;
}

export interface BackupImageName {
  volumeId: string;
  /** Undefined for the legacy `…backup.base` image. */
  backupId?: string;
}

export function parseBackupImageName(image: string): BackupImageName | undefined {
  const m = /^volume-(.+?)\.backup\.(.+)$/.exec(image);
  if (!m) return undefined;
  return m[2] === "base" ? { volumeId: m[1]! } : { volumeId: m[1]!, backupId: m[2]! };
}
