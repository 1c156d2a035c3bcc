import type { BackupDriver, DriverCapabilities } from "../../sim/driver/backup-driver.ts";
import type { ObjectStore } from "../../lib/stores/index.ts";
import type { StoreFaults } from "../drivers/backends/store-faults.ts";
import type { DeviceBacking } from "./sparse-device.ts";

/** Object and change-tracking block sizes the driver was configured with (rules size volumes from them). */
export interface DriverGeometry {
  /** Chunk (object) size in bytes: `backup_file_size`, `backup_swift_object_size`, … */
  objectSize: number;
  /** sha block size in bytes: `backup_sha_block_size_bytes`, `backup_swift_block_size`. */
  blockSize: number;
}

/**
 * The real cinder a driver runs (protocol drivers that say: the shim reports its cinder version):
 * its release (`zed`, `epoxy`; null for a version the harness has no image for) and version.
 * Reports put it next to the driver: the release axis of the drivers × rules matrix.
 */
export interface CinderIdentity {
  release: string | null;
  version: string;
}

/** What a driver factory receives: the store to write to, the backup host, and cinder options. */
export interface DriverFactoryOptions {
  store: ObjectStore;
  host: string;
  config: Record<string, string | number | boolean>;
}

/**
 * A driver as the conformance suite sees it: how to make a fresh store and driver instance for
 * each rule, what it declares, and whether its store can be inspected through the chunked
 * format module (`lib/format`).
 */
export interface DriverUnderTest {
  /** Short id used in reports and on the command line (`ref`, `canary:leak-on-delete`, a module path). */
  readonly id: string;
  readonly label: string;
  readonly capabilities: DriverCapabilities;
  readonly geometry: DriverGeometry;
  /** `chunked-posix` / `chunked-object`: objects follow cinder's chunked layout; null: opaque store. */
  readonly format: "chunked-posix" | "chunked-object" | null;
  /** Which real cinder runs the driver (protocol drivers, when the process says). */
  readonly cinder?: CinderIdentity;
  createStore(): Promise<ObjectStore>;
  createDriver(opts: DriverFactoryOptions): BackupDriver;
  /** Removes what `createStore` made (temporary directories). */
  disposeStore?(store: ObjectStore): Promise<void>;
  /** Stops every driver instance made so far (worker-thread drivers); called when each rule ends. */
  terminateDrivers?(reason?: string): Promise<void>;
  /** Faults between the driver and its store (the fault proxy), when the suite can inject them. */
  readonly storeFaults?: StoreFaults;
  /**
   * A file to back a new volume's device with (SparseDevice.backWith): a driver in another process
   * reads a backed volume where it is instead of a copy written before each backup. `close()`
   * removes it (the harness, when it closes).
   */
  volumeBacking?(volumeId: string, sizeBytes: number): DeviceBacking & { close(): void };
  /** Ends what the driver owns for the whole run (a driver process: `conformance/drivers/`). */
  dispose?(): Promise<void>;
}

/** The small geometry the suite runs drivers with: 256 KiB objects of 32 KiB sha blocks. */
export const SUITE_GEOMETRY: DriverGeometry = { objectSize: 256 * 1024, blockSize: 32 * 1024 };

/** cinder option names for a geometry (every chunked driver's spelling). */
export function geometryConfig(g: DriverGeometry, compression = "zlib"): Record<string, string | number> {
  return {
    backup_file_size: g.objectSize,
    backup_sha_block_size_bytes: g.blockSize,
    backup_swift_object_size: g.objectSize,
    backup_swift_block_size: g.blockSize,
    backup_s3_object_size: g.objectSize,
    backup_s3_block_size: g.blockSize,
    backup_gcs_object_size: g.objectSize,
    backup_gcs_block_size: g.blockSize,
    backup_compression_algorithm: compression,
  };
}
