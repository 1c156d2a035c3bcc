import type { ChunkedLayout, ZlibEncoder, FormatLimits } from "../../lib/format/index.ts";
import type { ObjectStore } from "../../lib/stores/index.ts";

/**
 * Options of the reference chunked driver, under cinder's option names (`cinder.conf`
 * `[DEFAULT]`). posix: `drivers/posix.py:posixbackup_service_opts`; object (Swift-like):
 * `drivers/swift.py:swiftbackup_service_opts`; common: `chunkeddriver.py:backup_opts`,
 * `backup/manager.py` (`backup_object_number_per_notification`, `backup_timer_interval`).
 */
export interface ChunkedDriverConfig {
  backup_file_size?: number;
  backup_sha_block_size_bytes?: number;
  backup_enable_progress_timer?: boolean;
  backup_swift_object_size?: number;
  backup_swift_block_size?: number;
  backup_swift_container?: string;
  backup_swift_enable_progress_timer?: boolean;
  backup_compression_algorithm?: string;
  backup_object_number_per_notification?: number;
  backup_timer_interval?: number;
}

export interface ResolvedChunkedConfig {
  layout: ChunkedLayout;
  chunkSize: number;
  shaBlockSize: number;
  /** null for posix: the container defaults to `<id[0:2]>/<id[2:4]>/<id>`. */
  defaultContainer: string | null;
  compression: string;
  objectsPerNotification: number;
  enableProgressTimer: boolean;
  timerIntervalSec: number;
}

export const POSIX_DRIVER_NAME = "cinder.backup.drivers.posix.PosixBackupDriver";
export const SWIFT_DRIVER_NAME = "cinder.backup.drivers.swift.SwiftBackupDriver";

export function resolveChunkedConfig(layout: ChunkedLayout, c: ChunkedDriverConfig = {}): ResolvedChunkedConfig {
  const common = {
    layout,
    compression: c.backup_compression_algorithm ?? "zlib",
    objectsPerNotification: c.backup_object_number_per_notification ?? 10,
    timerIntervalSec: c.backup_timer_interval ?? 120,
  };
  if (layout === "posix") {
    return {
      ...common,
      chunkSize: c.backup_file_size ?? 1999994880,
      shaBlockSize: c.backup_sha_block_size_bytes ?? 32768,
      defaultContainer: null,
      enableProgressTimer: c.backup_enable_progress_timer ?? true,
    };
  }
  return {
    ...common,
    chunkSize: c.backup_swift_object_size ?? 52428800,
    shaBlockSize: c.backup_swift_block_size ?? 32768,
    defaultContainer: c.backup_swift_container ?? "volumebackups",
    enableProgressTimer: c.backup_swift_enable_progress_timer ?? true,
  };
}

/** Constructor options of ChunkedBackupDriver. */
export interface ChunkedDriverOptions {
  layout: ChunkedLayout;
  store: ObjectStore;
  config?: ChunkedDriverConfig;
  /** Driver class path reported in `backup.service` (defaults to the posix / swift class). */
  name?: string;
  /** `exact` (default): zlib objects byte-identical to cinder's; `native`: node:zlib, faster. */
  zlibEncoder?: ZlibEncoder;
  limits?: Partial<FormatLimits>;
}
