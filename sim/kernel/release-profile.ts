/** The cinder releases the model can play. */
export type Release = "zed" | "master";

/**
 * Where Zed (21.3.1, Debian's python3-cinder) and master differ (spec §10). Everything else is
 * shared behaviour.
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

export const RELEASES: Readonly<Record<Release, ReleaseProfile>> = {
  zed: {
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
  },
  master: {
    name: "master",
    maxMicroversion: "3.71",
    honoursBackupAz: true,
    parentChoice: "latest-available",
    pinPosixIncrementalHost: true,
    restorePassesVolumeIsNew: true,
    maxOpsBoundsTransfer: true,
    cleanupSkipsAvailable: true,
    cleanupResetsSnapshot: true,
    cleanupToleratesMissingVolume: true,
    schedulerKeepsBackupHost: true,
  },
};

export function releaseProfile(name: string): ReleaseProfile {
  const p = (RELEASES as Record<string, ReleaseProfile>)[name];
  if (!p) throw new Error(`unknown release '${name}': expected one of ${Object.keys(RELEASES).join(", ")}`);
  return p;
}
