import type { BackupRow } from "../../db/rows.ts";
import type { BackupDriver, DriverCapabilities, DriverContext } from "../../driver/backup-driver.ts";
import type { VolumeFile } from "../../../lib/format/index.ts";
import { ChunkedBackupDriver } from "../../drivers/index.ts";
import { BackupDriverError } from "../../errors/cinder-errors.ts";
import type { ObjectStore } from "../../../lib/stores/index.ts";

/** The reference posix driver with the default scaled-down object size. */
export function posixDriver(store: ObjectStore): ChunkedBackupDriver {
  return new ChunkedBackupDriver({ layout: "posix", store, zlibEncoder: "native", config: { backup_file_size: 262144 } });
}

/** A posix driver whose operations can be made to fail on demand. */
export class FailingDriver extends ChunkedBackupDriver {
  failBackup: string | null = null;
  failDelete: string | null = null;

  constructor(store: ObjectStore) {
    super({ layout: "posix", store, zlibEncoder: "native", config: { backup_file_size: 262144 } });
  }

  override async backup(backup: BackupRow, volumeFile: VolumeFile, ctx: DriverContext): Promise<Partial<BackupRow> | null> {
    if (this.failBackup) throw new BackupDriverError("BackupDriverException", this.failBackup);
    return super.backup(backup, volumeFile, ctx);
  }

  override async deleteBackup(backup: BackupRow, ctx: DriverContext): Promise<void> {
    if (this.failDelete) throw new BackupDriverError("BackupDriverException", this.failDelete);
    return super.deleteBackup(backup, ctx);
  }
}

/** A driver that is otherwise the posix driver but reports another name (spec §9.42: "driver B"). */
export class OtherNamedDriver extends ChunkedBackupDriver {
  constructor(store: ObjectStore, name: string) {
    super({ layout: "posix", store, zlibEncoder: "native", config: { backup_file_size: 262144 }, name });
  }
}

/** A posix driver that, like Ceph and the base class, does not support force delete. */
export class NoForceDeleteDriver extends ChunkedBackupDriver {
  constructor(store: ObjectStore) {
    super({ layout: "posix", store, zlibEncoder: "native", config: { backup_file_size: 262144 } });
    Object.defineProperty(this, "capabilities", { value: { ...this.capabilities, forceDelete: false } });
  }
}

/** A posix driver that records concurrency of backup() and the `volume_is_new` it is given on restore. */
export class SpyDriver extends ChunkedBackupDriver {
  active = 0;
  maxActive = 0;
  readonly volumeIsNew: boolean[] = [];

  constructor(store: ObjectStore) {
    super({ layout: "posix", store, zlibEncoder: "native", config: { backup_file_size: 262144 } });
  }

  override async backup(backup: BackupRow, volumeFile: VolumeFile, ctx: DriverContext): Promise<Partial<BackupRow> | null> {
    this.active++;
    this.maxActive = Math.max(this.maxActive, this.active);
    try {
      return await super.backup(backup, volumeFile, ctx);
    } finally {
      this.active--;
    }
  }

  override async restore(
    backup: BackupRow,
    volumeId: string,
    volumeFile: VolumeFile,
    volumeIsNew: boolean,
    ctx: DriverContext,
  ): Promise<void> {
    this.volumeIsNew.push(volumeIsNew);
    return super.restore(backup, volumeId, volumeFile, volumeIsNew, ctx);
  }
}

/** A posix driver whose `check_for_setup_error` fails (the service publishes backend_state=False). */
export class UnconfiguredDriver extends ChunkedBackupDriver {
  constructor(store: ObjectStore) {
    super({ layout: "posix", store, zlibEncoder: "native", config: { backup_file_size: 262144 } });
  }

  override async checkForSetupError(): Promise<void> {
    throw new BackupDriverError("InvalidConfigurationValue", "backup_posix_path is not writable");
  }
}

/**
 * One backup host whose cinder.conf changes between operations (an operator edits
 * `backup_compression_algorithm` or `backup_sha_block_size_bytes` and restarts): every call goes
 * to the driver built from the current options. Same driver name, so `_is_our_backup` holds.
 */
export class ReconfigurableDriver implements BackupDriver {
  #current: ChunkedBackupDriver;

  constructor(
    private readonly store: ObjectStore,
    options: { backup_compression_algorithm?: string; backup_sha_block_size_bytes?: number } = {},
  ) {
    this.#current = this.#build(options);
  }

  reconfigure(options: { backup_compression_algorithm?: string; backup_sha_block_size_bytes?: number }): void {
    this.#current = this.#build(options);
  }

  #build(options: { backup_compression_algorithm?: string; backup_sha_block_size_bytes?: number }): ChunkedBackupDriver {
    return new ChunkedBackupDriver({
      layout: "posix",
      store: this.store,
      zlibEncoder: "native",
      config: { backup_file_size: 262144, ...options },
    });
  }

  get name(): string {
    return this.#current.name;
  }

  get capabilities(): DriverCapabilities {
    return this.#current.capabilities;
  }

  checkForSetupError(): Promise<void> {
    return this.#current.checkForSetupError();
  }

  backup(backup: BackupRow, volumeFile: VolumeFile, ctx: DriverContext): Promise<Partial<BackupRow> | null> {
    return this.#current.backup(backup, volumeFile, ctx);
  }

  restore(backup: BackupRow, volumeId: string, volumeFile: VolumeFile, volumeIsNew: boolean, ctx: DriverContext): Promise<void> {
    return this.#current.restore(backup, volumeId, volumeFile, volumeIsNew, ctx);
  }

  deleteBackup(backup: BackupRow, ctx: DriverContext): Promise<void> {
    return this.#current.deleteBackup(backup, ctx);
  }

  exportRecord(backup: BackupRow): Promise<Record<string, unknown>> {
    return this.#current.exportRecord(backup);
  }

  importRecord(backup: BackupRow, driverInfo: Record<string, unknown>): Promise<void> {
    return this.#current.importRecord(backup, driverInfo);
  }
}
