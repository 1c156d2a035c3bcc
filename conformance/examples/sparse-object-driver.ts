import type { BackupRow } from "../../sim/db/rows.ts";
import type { BackupDriver, DriverCapabilities, DriverContext } from "../../sim/driver/backup-driver.ts";
import type { VolumeFile } from "../../lib/format/index.ts";
import { BackupDriverError, BackupRestoreCancel } from "../../sim/errors/cinder-errors.ts";
import type { ObjectStore } from "../../lib/stores/index.ts";
import type { DriverFactoryOptions } from "../driver/driver-under-test.ts";

interface Manifest {
  backup_id: string;
  volume_id: string;
  size: number;
  pieces: Array<{ offset: number; length: number; name: string }>;
  volume_meta: string | null;
}

const CONTAINER = "sparse-backups";

/**
 * An example third-party driver for `cbh conformance --driver conformance/examples/sparse-object-driver.ts#SparseObjectDriver`:
 * its own store layout (one object per non-zero piece plus a JSON manifest, no compression, no
 * incrementals) and sparse-aware. It passes every rule that applies; incremental rules are
 * SKIP and chunked-format rules NA — the suite is not tied to the reference driver.
 */
export class SparseObjectDriver implements BackupDriver {
  readonly name = "example.backup.SparseObjectDriver";
  readonly capabilities: DriverCapabilities = {
    incremental: false,
    forceDelete: true,
    restoreCancel: true,
    compression: ["none"],
    exportImport: true,
    sparseAware: true,
    encryption: false,
  };
  readonly #store: ObjectStore;
  readonly #piece: number;

  constructor(opts: DriverFactoryOptions) {
    this.#store = opts.store;
    this.#piece = Number(opts.config["backup_file_size"] ?? 262144);
  }

  async checkForSetupError(): Promise<void> {
    if (!Number.isSafeInteger(this.#piece) || this.#piece <= 0)
      throw new BackupDriverError("InvalidConfigurationValue", `bad piece size ${this.#piece}`);
    await this.#store.ensureContainer(CONTAINER);
  }

  async backup(backup: BackupRow, file: VolumeFile, ctx: DriverContext): Promise<Partial<BackupRow> | null> {
    if (backup.parent_id) throw new BackupDriverError("BackupDriverException", "incremental backups are not supported by this driver");
    await this.#store.ensureContainer(CONTAINER);
    const pieces: Manifest["pieces"] = [];
    for (let offset = 0; offset < file.sizeBytes; offset += this.#piece) {
      const row = await ctx.refreshBackup(backup.id);
      if (row.status === "deleting" || row.status === "deleted") {
        await this.#deletePrefix(backup.id);
        return null;
      }
      const length = Math.min(this.#piece, file.sizeBytes - offset);
      if (file.isZeroRange?.(offset, length)) continue;
      const data = await file.read(offset, length);
      await ctx.spend(data.length, "read");
      if (data.every((b) => b === 0)) continue;
      const name = `${backup.id}/piece-${offset.toString(16).padStart(12, "0")}`;
      await this.#store.putObject(CONTAINER, name, data);
      pieces.push({ offset, length: data.length, name });
    }
    const manifest: Manifest = {
      backup_id: backup.id,
      volume_id: backup.volume_id,
      size: file.sizeBytes,
      pieces,
      volume_meta: await ctx.getVolumeMeta(backup.volume_id),
    };
    await this.#store.putObject(CONTAINER, `${backup.id}/manifest.json`, new TextEncoder().encode(JSON.stringify(manifest)));
    ctx.progress(backup.id, 100);
    return { container: CONTAINER, service_metadata: backup.id, object_count: pieces.length };
  }

  async restore(backup: BackupRow, volumeId: string, file: VolumeFile, volumeIsNew: boolean, ctx: DriverContext): Promise<void> {
    const m = JSON.parse(
      new TextDecoder().decode(await this.#store.getObject(CONTAINER, `${backup.service_metadata ?? backup.id}/manifest.json`)),
    ) as Manifest;
    const byOffset = new Map(m.pieces.map((p) => [p.offset, p]));
    for (let offset = 0; offset < m.size; offset += this.#piece) {
      if ((await ctx.refreshBackup(backup.id)).status !== "restoring")
        throw new BackupRestoreCancel(`Canceled backup ${backup.id} restore on volume ${volumeId}`);
      const p = byOffset.get(offset);
      if (p) await file.write(offset, await this.#store.getObject(CONTAINER, p.name));
      else if (!volumeIsNew) await file.write(offset, new Uint8Array(Math.min(this.#piece, m.size - offset)));
    }
    await file.flush();
    if (m.volume_meta) await ctx.putVolumeMeta(volumeId, m.volume_meta);
  }

  async deleteBackup(backup: BackupRow): Promise<void> {
    await this.#deletePrefix(backup.service_metadata ?? backup.id);
  }

  async exportRecord(): Promise<Record<string, unknown>> {
    return {};
  }

  async importRecord(): Promise<void> {}

  async #deletePrefix(id: string): Promise<void> {
    for (const n of await this.#store.listObjects(CONTAINER, `${id}/`)) await this.#store.deleteObject(CONTAINER, n);
  }
}
