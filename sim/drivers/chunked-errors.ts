import { BackupDriverError } from "../errors/cinder-errors.ts";
import { isBackupRestoreCancel } from "../errors/restore-cancel.ts";
import { FormatError } from "../../lib/format/index.ts";

/** `exception.InvalidBackup`: "Invalid backup: %(reason)s". */
export const invalidBackupError = (reason: string): BackupDriverError =>
  new BackupDriverError("InvalidBackup", `Invalid backup: ${reason}`);
/** `exception.InvalidVolume`: "Invalid volume: %(reason)s". */
export const invalidVolumeError = (reason: string): BackupDriverError =>
  new BackupDriverError("InvalidVolume", `Invalid volume: ${reason}`);
/** `exception.BackupNotFound`. */
export const backupNotFoundError = (id: string): BackupDriverError =>
  new BackupDriverError("BackupNotFound", `Backup ${id} could not be found.`);

/**
 * What the manager sees of a failure inside the driver: cinder's exception kinds where cinder
 * raises one (InvalidBackup for version and object-list checks), the format layer's message otherwise.
 */
export function toDriverError(e: unknown): Error {
  if (e instanceof BackupDriverError || isBackupRestoreCancel(e)) return e as Error;
  if (e instanceof FormatError) {
    if (e.code === "unsupported-version" || e.code === "object-list-mismatch" || e.code === "bad-options")
      return invalidBackupError(e.message);
    return new BackupDriverError("BackupDriverException", `Backup driver reported an error: [${e.code}] ${e.message}`);
  }
  const err = e instanceof Error ? e : new Error(String(e));
  const kind = (err as Error & { code?: string }).code ?? err.name;
  return new BackupDriverError(kind === "Error" ? "BackupDriverException" : kind, err.message);
}
