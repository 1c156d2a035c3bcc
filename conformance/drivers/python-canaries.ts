import { join } from "node:path";
import { SHIM_DIR } from "./python-runtime.ts";

/** Directory holding `cbh_canaries` (`--driver-path` for the Python canaries). */
export const PYTHON_CANARY_DIR = join(SHIM_DIR, "canaries");

export interface PythonCanary {
  /** `python:<classPath>` loads it. */
  classPath: string;
  /** The rule that must catch it. */
  breaks: string;
}

/**
 * Broken subclasses of cinder's real PosixBackupDriver (`python/canaries/cbh_canaries/posix.py`,
 * each with its `BUG` and `BREAKS`): loaded through `python:` like a user's class, each must be
 * caught by its rule.
 */
export const PYTHON_CANARIES: readonly PythonCanary[] = [
  ["LosesLastPartialShaBlock", "incremental.chain-restores-every-point"],
  ["ClobbersTailOfLargerTarget", "restore.larger-target-keeps-tail"],
  ["NeverHonoursCancellation", "cancel.backup-force-delete-leaves-no-partial-backup"],
  ["IgnoresRestoreCancel", "cancel.restore-reset-status-cancels"],
  ["LeavesObjectOnDelete", "delete.every-backup-leaves-no-object"],
  ["MixesConcurrentBackups", "concurrency.parallel-backups-never-mix-data"],
  ["RecordsWrongCompression", "round-trip.compressible"],
  ["WrongMd5", "format.metadata-md5-matches-data"],
  ["IgnoresParent", "incremental.stores-only-changed-blocks"],
  ["SwallowsRestoreErrors", "restore.missing-object-fails"],
  ["DropsVolumeMetadata", "metadata.volume-metadata-round-trips"],
  ["SkipsFsync", "round-trip.restore-is-durable"],
].map(([cls, breaks]) => ({ classPath: `cbh_canaries.posix.${cls}`, breaks: breaks! }));
