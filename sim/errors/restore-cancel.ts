/**
 * Whether a driver's exception is cinder's `exception.BackupRestoreCancel` (`cinder/exception.py`),
 * which `backup/manager.py:restore_backup` catches by class to end a restore as cancelled
 * (volume `error`, backup `available`) instead of failed. A third-party driver cannot share our
 * class (its own copy, another module instance, a worker thread), so it is recognised by what it
 * says it is, never by `instanceof`: `error.name === "BackupRestoreCancel"` (cinder's class name;
 * a subclass that sets `this.name` to it counts), or the documented marker
 * `error.code === "BackupRestoreCancel"`.
 */
export const BACKUP_RESTORE_CANCEL = "BackupRestoreCancel";

export function isBackupRestoreCancel(e: unknown): boolean {
  if (typeof e !== "object" || e === null) return false;
  const { name, code } = e as { name?: unknown; code?: unknown };
  return name === BACKUP_RESTORE_CANCEL || code === BACKUP_RESTORE_CANCEL;
}
