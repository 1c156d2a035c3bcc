import { ChunkedBackupDriver } from "../../sim/drivers/index.ts";
import type { CloudConfig } from "../../sim/cloud/index.ts";
import type { BackupDriver } from "../../sim/driver/backup-driver.ts";
import { observeDriver, type DriverObserver } from "../../sim/driver/observed-driver.ts";
import type { ObjectStore } from "../../lib/stores/index.ts";

/** Peak data-moving operations in flight per backup host (driver backup() + restore()). */
export class TransferProbe {
  readonly #active = new Map<string, number>();
  readonly peak = new Map<string, number>();

  enter(host: string): void {
    const n = (this.#active.get(host) ?? 0) + 1;
    this.#active.set(host, n);
    this.peak.set(host, Math.max(n, this.peak.get(host) ?? 0));
  }

  leave(host: string): void {
    this.#active.set(host, (this.#active.get(host) ?? 1) - 1);
  }

  /** Highest peak over all hosts. */
  get maxPeak(): number {
    return Math.max(0, ...this.peak.values());
  }

  /** The observer of one backup host's driver. */
  observerFor(host: string): DriverObserver {
    return { started: () => this.enter(host), ended: () => this.leave(host) };
  }
}

/**
 * The cloud's default reference driver (posix layout over the run's store, same options as
 * `sim/cloud/build-cloud.ts`), counting concurrent transfers for `backup_max_operations` checks.
 */
export function probedChunkedDriver(host: string, store: ObjectStore, config: CloudConfig, probe: TransferProbe): BackupDriver {
  const driver = new ChunkedBackupDriver({
    layout: "posix",
    store,
    zlibEncoder: "native",
    config: {
      backup_file_size: config.backup_file_size,
      backup_sha_block_size_bytes: config.backup_sha_block_size_bytes,
      backup_compression_algorithm: config.backup_compression_algorithm,
      backup_object_number_per_notification: config.backup_object_number_per_notification,
    },
  });
  return observeDriver(driver, probe.observerFor(host));
}
