import type { BackupRow } from "../db/rows.ts";
import type { BackupDriver, DriverCapabilities, DriverContext } from "../driver/backup-driver.ts";
import {
  type VolumeFile,
  WRITABLE_COMPRESSION,
  compressionFamily,
  bzip2Available,
  withLimits,
  type FormatLimits,
  backupPrefix,
  posixContainer,
  readMetadata,
  readSha256File,
  restoreBackupObjects,
  type BackupLocation,
  ChunkedBackupWriter,
  type ZeroChunk,
} from "../../lib/format/index.ts";
import { BackupDriverError, BackupRestoreCancel } from "../errors/cinder-errors.ts";
import { pythonDatetimeStr } from "../core/virtual-clock.ts";
import { ChunkedProgress } from "./chunked-progress.ts";
import {
  POSIX_DRIVER_NAME,
  SWIFT_DRIVER_NAME,
  resolveChunkedConfig,
  type ChunkedDriverOptions,
  type ResolvedChunkedConfig,
} from "./chunked-config.ts";
import { backupNotFoundError, invalidBackupError, invalidVolumeError, toDriverError } from "./chunked-errors.ts";

/**
 * The reference chunked backup driver (`cinder/backup/chunkeddriver.py:ChunkedBackupDriver`) over
 * any ObjectStore, with the posix (`drivers/posix.py`) or object/Swift-like (`drivers/swift.py`)
 * naming and defaults. Behaviour, messages and on-storage bytes follow cinder 21.3.1.
 */
export class ChunkedBackupDriver implements BackupDriver {
  readonly name: string;
  readonly capabilities: DriverCapabilities;
  readonly config: ResolvedChunkedConfig;
  readonly #o: ChunkedDriverOptions;
  readonly #limits: FormatLimits;

  constructor(options: ChunkedDriverOptions) {
    this.#o = options;
    this.config = resolveChunkedConfig(options.layout, options.config);
    // ChunkedBackupDriver.__init__ -> _get_compressor: ValueError for an unknown or unavailable algorithm.
    const family = compressionFamily(this.config.compression);
    if (family === "zstd")
      throw new Error("unsupported compression algorithm: zstd (this driver reads zstd objects but cannot write them)");
    if (family === "bz2" && !bzip2Available())
      throw new Error(`unsupported compression algorithm: ${this.config.compression} (the bzip2 program is not installed)`);
    this.name = options.name ?? (options.layout === "posix" ? POSIX_DRIVER_NAME : SWIFT_DRIVER_NAME);
    this.#limits = withLimits(options.limits);
    this.capabilities = {
      incremental: true,
      forceDelete: true, // self.support_force_delete = True
      restoreCancel: true, // _restore_v1 refreshes the requested backup before every object
      compression: WRITABLE_COMPRESSION.filter((c) => compressionFamily(c) !== "bz2" || bzip2Available()),
      exportImport: true, // base-class export_record {} / import_record no-op
      sparseAware: false, // Zed stores zeros (compressed) and restores them with full writes
      encryption: false,
    };
  }

  /** posix: base class no-op; object layout: reach the store (swift's check connects). */
  async checkForSetupError(): Promise<void> {
    if (this.#o.layout === "object") await this.#o.store.listContainers();
  }

  /** `ChunkedBackupDriver.backup` + `_prepare_backup` + `_backup_metadata` + `_finalize_backup`. */
  async backup(backup: BackupRow, volumeFile: VolumeFile, ctx: DriverContext): Promise<Partial<BackupRow> | null> {
    try {
      return await this.#backup(backup, volumeFile, ctx);
    } catch (e) {
      throw toDriverError(e);
    }
  }

  async #backup(backup: BackupRow, volumeFile: VolumeFile, ctx: DriverContext): Promise<Partial<BackupRow> | null> {
    const cfg = this.config;
    const store = this.#o.store;
    if (cfg.chunkSize % cfg.shaBlockSize) throw invalidBackupError("Chunk size is not multiple of block size for creating hash.");
    let parentSha256s: string[] | null = null;
    if (backup.parent_id) {
      const parent = await ctx.getBackup(backup.parent_id);
      if (!parent) throw backupNotFoundError(backup.parent_id);
      const sha = await readSha256File(store, this.#location(parent), this.#limits);
      parentSha256s = sha.sha256s;
      if (sha.chunk_size !== cfg.shaBlockSize) {
        throw invalidBackupError(
          `Hash block size has changed since the last backup. New hash block size: ${cfg.shaBlockSize}. Old hash block size: ${sha.chunk_size}. Do a full backup.`,
        );
      }
      if (backup.size > parent.size) throw invalidBackupError("Volume size increased since the last backup. Do a full backup.");
    }
    // _prepare_backup: volume['size'] (GB, the same DB value the API copied into backup.size).
    if (backup.size <= 0) throw invalidVolumeError(`volume size ${backup.size} is invalid.`);
    const container = this.#containerFor(backup);
    await store.ensureContainer(container);
    const prefix = backupPrefix({
      layout: cfg.layout,
      volumeId: backup.volume_id,
      backupId: backup.id,
      timestampMs: ctx.now(),
      availabilityZone: ctx.availabilityZone,
    });
    const loc = { container, prefix };
    // `_prepare_backup`: container and object prefix are saved before any data moves.
    await ctx.saveBackup?.(backup.id, { container, service_metadata: prefix });
    const writer = new ChunkedBackupWriter({
      store,
      container,
      prefix,
      chunkSize: cfg.chunkSize,
      shaBlockSize: cfg.shaBlockSize,
      compression: cfg.compression,
      zlibEncoder: this.#o.zlibEncoder ?? "exact",
      header: {
        backup_id: backup.id,
        volume_id: backup.volume_id,
        backup_name: backup.display_name,
        backup_description: backup.display_description,
        created_at: pythonDatetimeStr(backup.created_at),
      },
      parentId: backup.parent_id,
      parentSha256s,
      onObject: async ({ length, storedBytes }) => {
        if (compressionFamily(cfg.compression) !== "none") await ctx.spend(length, "compress");
        await ctx.spend(storedBytes, "store");
      },
    });
    const progress = new ChunkedProgress(ctx, backup.id, cfg, backup.size * 2 ** 30);
    for (let offset = 0; ;) {
      const row = await ctx.refreshBackup(backup.id);
      if (row.status === "deleting" || row.status === "deleted") {
        // Cancelled by force delete: remove what was written, no metadata, return None.
        await this.#deleteObjects(loc);
        return null;
      }
      const data = offset < volumeFile.sizeBytes ? await this.#readChunk(volumeFile, offset) : new Uint8Array(0);
      const length = data instanceof Uint8Array ? data.length : data.zeros;
      if (length === 0) break;
      await ctx.spend(length, "read");
      // A chunk from readView is never changed by anyone: the store may keep it without a copy.
      await writer.writeChunk(offset, data, { handedOver: volumeFile.readView !== undefined });
      offset += length;
      progress.chunkDone();
    }
    progress.end();
    let volumeMeta: string | null = null;
    try {
      volumeMeta = (await ctx.getVolumeMeta(backup.volume_id)) || null;
    } catch (e) {
      // _backup_metadata failure: delete what was written, re-raise.
      await this.#deleteObjects(loc);
      throw e;
    }
    const result = await writer.finish(volumeMeta);
    return { service_metadata: prefix, object_count: result.objectCount, container };
  }

  /**
   * `volume_file.read(chunk_size)`. A sparse-aware volume file that knows the range is all zeros is
   * not read: the writer gets `{ zeros: n }` and stores exactly what n zero bytes would give.
   */
  async #readChunk(volumeFile: VolumeFile, offset: number): Promise<Uint8Array | ZeroChunk> {
    const len = Math.min(this.config.chunkSize, volumeFile.sizeBytes - offset);
    if (volumeFile.isZeroRange?.(offset, len)) return { zeros: len };
    // The writer only hashes, compresses and stores the chunk (stores copy): a view will do where the device has one.
    return volumeFile.readView ? volumeFile.readView(offset, this.config.chunkSize) : volumeFile.read(offset, this.config.chunkSize);
  }

  /** `restore`: version check, chain via `parent_id`, full first, `put_metadata` after each backup. */
  async restore(backup: BackupRow, volumeId: string, volumeFile: VolumeFile, _volumeIsNew: boolean, ctx: DriverContext): Promise<void> {
    try {
      await this.#restore(backup, volumeId, volumeFile, ctx);
    } catch (e) {
      throw toDriverError(e);
    }
  }

  async #restore(backup: BackupRow, volumeId: string, volumeFile: VolumeFile, ctx: DriverContext): Promise<void> {
    const store = this.#o.store;
    await readMetadata(store, this.#location(backup), this.#limits); // version check on the requested backup
    const chain: BackupRow[] = [backup];
    const seen = new Set([backup.id]);
    for (let cur = backup; cur.parent_id;) {
      if (seen.has(cur.parent_id) || chain.length >= this.#limits.maxChainDepth)
        throw invalidBackupError(`backup chain of ${backup.id} is cyclic or deeper than ${this.#limits.maxChainDepth}`);
      const prev = await ctx.getBackup(cur.parent_id);
      if (!prev) throw backupNotFoundError(cur.parent_id);
      seen.add(prev.id);
      chain.push(prev);
      cur = prev;
    }
    for (let i = chain.length - 1; i >= 0; i--) {
      const b = chain[i] as BackupRow;
      const loc = this.#location(b);
      const meta = await readMetadata(store, loc, this.#limits);
      await restoreBackupObjects(store, loc, meta, volumeFile, {
        limits: this.#limits,
        beforeObject: async () => {
          const requested = await ctx.refreshBackup(backup.id);
          if (requested.status !== "restoring") throw new BackupRestoreCancel(`Canceled backup ${b.id} restore on volume ${volumeId}`);
        },
        onObject: async (stored, length) => {
          await ctx.spend(stored, "store");
          await ctx.spend(length, "write");
        },
      });
      if (meta.volume_meta) await this.#putVolumeMeta(ctx, volumeId, meta.volume_meta);
    }
  }

  async #putVolumeMeta(ctx: DriverContext, volumeId: string, json: string): Promise<void> {
    try {
      await ctx.putVolumeMeta(volumeId, json);
    } catch (e) {
      if ((e as Error).name === "BackupMetadataUnsupportedVersion") {
        throw new BackupDriverError("BackupOperationError", "Metadata restore failed due to incompatible version.");
      }
      throw e;
    }
  }

  /** `delete_backup`: every object under the prefix; listing errors are ignored; missing objects tolerated. */
  async deleteBackup(backup: BackupRow, _ctx: DriverContext): Promise<void> {
    if (backup.container === null || backup.service_metadata === null) return;
    await this.#deleteObjects({ container: backup.container, prefix: backup.service_metadata });
  }

  async #deleteObjects(loc: BackupLocation): Promise<void> {
    let names: string[] = [];
    try {
      names = await this.#o.store.listObjects(loc.container, loc.prefix);
    } catch {
      // "Error while listing objects, continuing with delete."
    }
    for (const n of names) await this.#o.store.deleteObject(loc.container, n);
  }

  async exportRecord(_backup: BackupRow): Promise<Record<string, unknown>> {
    return {};
  }

  async importRecord(_backup: BackupRow, _driverInfo: Record<string, unknown>): Promise<void> {}

  /** `_create_container` + `update_container_name`. */
  #containerFor(backup: BackupRow): string {
    if (backup.container) return backup.container;
    return this.config.defaultContainer ?? posixContainer(backup.id);
  }

  #location(b: BackupRow): BackupLocation {
    if (!b.container || !b.service_metadata) throw invalidBackupError(`backup ${b.id} has no container or service_metadata`);
    return { container: b.container, prefix: b.service_metadata };
  }
}
