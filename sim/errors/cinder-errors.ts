/**
 * cinder's exceptions (`cinder/exception.py`) with their HTTP codes and message templates, and
 * the stable codes of this project's own errors. The API layer maps them to cinder's error bodies.
 */
export class CinderError extends Error {
  constructor(
    readonly kind: string,
    readonly httpCode: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = kind;
  }
}

/** 400 `Invalid*` family. */
export const invalid = (kind: string, message: string): CinderError => new CinderError(kind, 400, message);
export const invalidBackup = (reason: string): CinderError => invalid("InvalidBackup", `Invalid backup: ${reason}`);
export const invalidVolume = (reason: string): CinderError => invalid("InvalidVolume", `Invalid volume: ${reason}`);
export const invalidSnapshot = (reason: string): CinderError => invalid("InvalidSnapshot", `Invalid snapshot: ${reason}`);
export const invalidInput = (reason: string): CinderError => invalid("InvalidInput", `Invalid input received: ${reason}`);
export const notFound = (kind: string, message: string): CinderError => new CinderError(kind, 404, message);
export const backupNotFound = (id: string): CinderError => notFound("BackupNotFound", `Backup ${id} could not be found.`);
export const volumeNotFound = (id: string): CinderError => notFound("VolumeNotFound", `Volume ${id} could not be found.`);
export const snapshotNotFound = (id: string): CinderError => notFound("SnapshotNotFound", `Snapshot ${id} could not be found.`);
export const serviceNotFound = (msg = "Service could not be found."): CinderError => notFound("ServiceNotFound", msg);
export const notSupported = (operation: string): CinderError =>
  new CinderError("NotSupportedOperation", 405, `Operation not supported: ${operation}.`);
export const policyNotAuthorized = (action: string): CinderError =>
  new CinderError("PolicyNotAuthorized", 403, `Policy doesn't allow ${action} to be performed.`);
export const quotaError = (kind: string, message: string): CinderError => new CinderError(kind, 413, message, { "Retry-After": "0" });

/** Raised by a driver's restore when the backup left `restoring` (`exception.BackupRestoreCancel`). */
export class BackupRestoreCancel extends Error {
  constructor(message = "Backup restore cancelled") {
    super(message);
    this.name = "BackupRestoreCancel";
  }
}

/** Driver-side failure that ends a backup in `error` with this text as `fail_reason`. */
export class BackupDriverError extends Error {
  constructor(
    readonly kind: string,
    message: string,
  ) {
    super(message);
    this.name = kind;
  }
}
