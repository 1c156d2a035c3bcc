/**
 * Why a `--driver path/to/module.ts#Export` could not be used. Every way a module or its export can
 * be wrong has its own sub-reason, so a driver developer (or a CI log grep) sees which step failed.
 */
export type DriverLoadReason =
  | "bad-spec" // `--driver` is not `path#Export` or a built-in driver
  | "module-not-found" // no file at the path
  | "import-failed" // the module threw or did not compile while loading (the cause is attached)
  | "export-missing" // no such export in the module
  | "not-a-driver" // the export is not a class, a factory function or a DriverUnderTest
  | "constructor-threw" // `new Driver({store, host, config})` (or the factory) threw
  | "missing-methods" // the instance lacks BackupDriver methods
  | "no-capabilities" // the instance declares no `capabilities`
  | "worker-failed" // the driver's worker thread exited or failed before the driver was ready
  | "backend-failed" // the backend a protocol driver (cinder:, python:, exec:) needs failed to start
  | "runtime-unavailable" // the driver container cannot run: no Docker engine or client, no such image, a stale drivers image
  | "release-mismatch"; // `cinder:NAME@RELEASE`: the driver process runs another cinder release

/** Bad `--driver` specification or module: stable code `CBH_DRIVER_LOAD` plus a sub-reason. */
export class DriverLoadError extends Error {
  readonly code = "CBH_DRIVER_LOAD";
  constructor(
    readonly reason: DriverLoadReason,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${reason}: ${message}`, options);
    this.name = "DriverLoadError";
  }
}

/** `Name: message` of anything thrown, for load messages. */
export function describeThrown(e: unknown): string {
  if (e instanceof Error) return `${e.name}: ${e.message}`;
  return String(e);
}
