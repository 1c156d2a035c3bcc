import type { BackupRow } from "../db/rows.ts";
import type { VolumeFile } from "../../lib/format/index.ts";

/**
 * The backup-driver contract (`cinder/backup/driver.py:BackupDriver`,
 * `cinder/interface/backup_driver.py`), as the simulated backup manager calls it. In-process
 * TypeScript drivers implement it directly; out-of-process drivers sit behind an adapter.
 */
export interface BackupDriver {
  /** Driver class path, stored in `backup.service` (e.g. `cinder.backup.drivers.posix.PosixBackupDriver`). */
  readonly name: string;
  readonly capabilities: DriverCapabilities;
  /** `check_for_setup_error`: throws when the driver cannot work (the manager keeps it uninitialised). */
  checkForSetupError(): Promise<void>;
  /** `backup(backup, volume_file, backup_metadata=True)`: returns backup-field updates or null. */
  backup(backup: BackupRow, volumeFile: VolumeFile, ctx: DriverContext): Promise<Partial<BackupRow> | null>;
  /** `restore(backup, volume_id, volume_file[, volume_is_new])`: writes the whole chain. May throw BackupRestoreCancel. */
  restore(backup: BackupRow, volumeId: string, volumeFile: VolumeFile, volumeIsNew: boolean, ctx: DriverContext): Promise<void>;
  /** `delete_backup`: must tolerate objects already missing. */
  deleteBackup(backup: BackupRow, ctx: DriverContext): Promise<void>;
  /** `export_record`: driver info merged into the exported record (`{}` for in-tree drivers). */
  exportRecord(backup: BackupRow): Promise<Record<string, unknown>>;
  /** `import_record`: no-op for in-tree drivers. */
  importRecord(backup: BackupRow, driverInfo: Record<string, unknown>): Promise<void>;
}

/** What a driver declares it supports; rules that need a capability are skipped, with the reason, without it. */
export interface DriverCapabilities {
  incremental: boolean;
  /** `support_force_delete` (cancel by force delete). False for the base class and Ceph. */
  forceDelete: boolean;
  /** Restore checks the backup status between objects (cancel by reset-status). */
  restoreCancel: boolean;
  compression: readonly string[];
  exportImport: boolean;
  sparseAware: boolean;
  encryption: boolean;
}

/** The manager-side services a driver may use while it runs. */
export interface DriverContext {
  /** `backup.refresh()` under `as_read_deleted()`: how a chunked driver sees cancellation. */
  refreshBackup(id: string): Promise<BackupRow>;
  /**
   * `backup.save()` of fields the driver sets while it runs (`chunkeddriver._prepare_backup`
   * saves `container` and `service_metadata` before the first chunk, so an interrupted backup
   * can still be deleted). Optional: contexts outside a cloud may not persist anything.
   */
  saveBackup?(id: string, values: Partial<Pick<BackupRow, "container" | "service_metadata" | "object_count">>): Promise<void>;
  /** `objects.Backup.get_by_id` with the default `read_deleted="no"`: null when absent or soft-deleted (BackupNotFound). */
  getBackup(id: string): Promise<BackupRow | null>;
  /** `BackupMetadataAPI.get(volume_id)`: the volume metadata blob as a JSON string, or null. */
  getVolumeMeta(volumeId: string): Promise<string | null>;
  /** `BackupMetadataAPI.put(volume_id, json)`. */
  putVolumeMeta(volumeId: string, json: string): Promise<void>;
  /** Virtual time (ms since epoch): the driver's `utcnow()`. */
  now(): number;
  /** Lets virtual time pass for I/O cost (no-op outside the simulator). */
  spend(bytes: number, kind: "read" | "write" | "compress" | "store"): Promise<void>;
  /** `backup.createprogress` notification. */
  progress(backupId: string, percent: number): void;
  /** `storage_availability_zone` of the backup host (object prefix `az_<az>`). */
  readonly availabilityZone: string;
}
