/** The cinder releases the model can play. */
export type Release = "zed" | "epoxy" | "master";

/** Every release the model plays, oldest first (the order CLI help and defaults list them in). */
export const RELEASE_NAMES: readonly Release[] = ["zed", "epoxy", "master"];

export function isRelease(name: string): name is Release {
  return (RELEASE_NAMES as readonly string[]).includes(name);
}

/**
 * Where Zed (21.3.1), Epoxy (26.0.0, both Debian's python3-cinder) and master differ (spec §10).
 * Everything else is shared behaviour.
 */
export interface ReleaseProfile {
  readonly name: Release;
  /** Highest Block Storage microversion (`api/openstack/api_version_request.py`). */
  readonly maxMicroversion: string;
  /** 3.51 `availability_zone` on backup create is stored and used (master) or ignored, AZ stays NULL (Zed). */
  readonly honoursBackupAz: boolean;
  /** Incremental parent: latest *available* by data_timestamp (master) or latest of any status, 400 if not available (Zed). */
  readonly parentChoice: "latest-available" | "latest-any";
  /** Posix incrementals are pinned to the parent's host (master). */
  readonly pinPosixIncrementalHost: boolean;
  /** Backup RPC 2.4 passes `volume_is_new` to restore (master). */
  readonly restorePassesVolumeIsNew: boolean;
  /** `backup_max_operations` bounds data transfer (`continue_backup`, restore) in master; in Zed it wraps `create_backup` and `restore_backup`. */
  readonly maxOpsBoundsTransfer: boolean;
  /** Restart cleanup: master skips `available` backups, resets snapshots and tolerates missing volumes. */
  readonly cleanupSkipsAvailable: boolean;
  readonly cleanupResetsSnapshot: boolean;
  readonly cleanupToleratesMissingVolume: boolean;
  /** The scheduler keeps a host already set on the backup (master) or always re-chooses (Zed). */
  readonly schedulerKeepsBackupHost: boolean;
}

const ZED: ReleaseProfile = {
  name: "zed",
  maxMicroversion: "3.70",
  honoursBackupAz: false,
  parentChoice: "latest-any",
  pinPosixIncrementalHost: false,
  restorePassesVolumeIsNew: false,
  maxOpsBoundsTransfer: false,
  cleanupSkipsAvailable: false,
  cleanupResetsSnapshot: false,
  cleanupToleratesMissingVolume: false,
  schedulerKeepsBackupHost: false,
};

/**
 * 26.0.0 (2025.1), each field read from Debian 13's python3-cinder 2:26.0.0-2 (docs/releases.md,
 * "The simulator's epoxy profile"): everything of 22.0.0–25.0.0 that §10 lists, nothing of 27.0.0+.
 */
const EPOXY: ReleaseProfile = {
  name: "epoxy",
  // api/openstack/api_version_request.py: _MAX_API_VERSION = "3.71" (os-extend_volume_completion)
  maxMicroversion: "3.71",
  // backup/api.py:API.create stores availability_zone; backup/manager.py:create_backup fills an empty one with self.az
  honoursBackupAz: true,
  // backup/api.py:API.create: max() keys only AVAILABLE backups; "No backups available to do an incremental backup."
  parentChoice: "latest-available",
  // backup/api.py:API.create: 'host': latest_host when 'posix' in latest_backup.service
  pinPosixIncrementalHost: true,
  // backup/rpcapi.py: RPC_API_VERSION = '2.4', restore_backup(…, volume_is_new)
  restorePassesVolumeIsNew: true,
  // backup/manager.py: @utils.limit_operations still wraps create_backup and restore_backup
  maxOpsBoundsTransfer: false,
  // backup/manager.py:_cleanup_incomplete_backup_operations: BackupList.get_all_by_host, every status
  cleanupSkipsAvailable: false,
  // backup/manager.py:_cleanup_one_backup calls _cleanup_one_snapshot (backing-up → available)
  cleanupResetsSnapshot: true,
  // backup/manager.py:_cleanup_one_volume: VolumeNotFound → "does not exist anymore. Ignoring."
  cleanupToleratesMissingVolume: true,
  // scheduler/manager.py:create_backup: `if not backup.host:` (bug #1952805)
  schedulerKeepsBackupHost: true,
};

/** Master (ab09bc39): Epoxy plus what landed after 26.0.0 (spec §10: 27.0.0 and 28.0.0). */
const MASTER: ReleaseProfile = {
  ...EPOXY,
  name: "master",
  // 28.0.0: the semaphore moved from create_backup/restore_backup to continue_backup and the restore transfer
  maxOpsBoundsTransfer: true,
  // 27.0.0: the cleanup lists only incomplete (non-available) backups
  cleanupSkipsAvailable: true,
};

export const RELEASES: Readonly<Record<Release, ReleaseProfile>> = { zed: ZED, epoxy: EPOXY, master: MASTER };

export function releaseProfile(name: string): ReleaseProfile {
  const p = (RELEASES as Record<string, ReleaseProfile>)[name];
  if (!p) throw new Error(`unknown release '${name}': expected one of ${Object.keys(RELEASES).join(", ")}`);
  return p;
}
