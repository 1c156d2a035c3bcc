/**
 * A third-party driver that stands alone: no import from this repository (copy it anywhere, with or
 * without a package.json) — `docs/third-party-driver.md` walks through it. One object per piece of
 * the volume plus a JSON record, no compression, no incrementals. It defines its own
 * BackupRestoreCancel: the harness recognises cinder's exception by its name
 * (`cinder/exception.py` BackupRestoreCancel), not by class identity.
 *
 *   npx cbh conformance --driver /anywhere/standalone-driver.ts#StandaloneDriver
 */

/** The shapes this driver uses, written out locally (the harness's are in sim/driver/backup-driver.ts). */
interface Row {
  id: string;
  volume_id: string;
  status: string;
  parent_id: string | null;
  service_metadata: string | null;
}
interface Store {
  ensureContainer(c: string): Promise<void>;
  putObject(c: string, n: string, d: Uint8Array): Promise<void>;
  getObject(c: string, n: string): Promise<Uint8Array>;
  listObjects(c: string, prefix?: string): Promise<string[]>;
  deleteObject(c: string, n: string): Promise<void>;
}
interface File {
  sizeBytes: number;
  read(o: number, l: number): Promise<Uint8Array>;
  write(o: number, d: Uint8Array): Promise<void>;
  flush(): Promise<void>;
}
interface Ctx {
  refreshBackup(id: string): Promise<Row>;
  getVolumeMeta(v: string): Promise<string | null>;
  putVolumeMeta(v: string, j: string): Promise<void>;
  progress(id: string, pct: number): void;
}

const CONTAINER = "standalone";

/** cinder's `exception.BackupRestoreCancel`, by name. */
export class BackupRestoreCancel extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BackupRestoreCancel";
  }
}

export class StandaloneDriver {
  readonly name = "example.StandaloneDriver";
  readonly capabilities = {
    incremental: false,
    forceDelete: true,
    restoreCancel: true,
    compression: ["none"],
    exportImport: true,
    sparseAware: false,
    encryption: false,
  };
  readonly #store: Store;
  readonly #piece: number;

  constructor(opts: { store: Store; config: Record<string, string | number | boolean> }) {
    this.#store = opts.store;
    this.#piece = Number(opts.config["backup_file_size"] ?? 262144);
  }

  async checkForSetupError(): Promise<void> {
    await this.#store.ensureContainer(CONTAINER);
  }

  async backup(b: Row, file: File, ctx: Ctx): Promise<Record<string, unknown> | null> {
    if (b.parent_id) throw new Error("incremental backups are not supported");
    await this.#store.ensureContainer(CONTAINER);
    let count = 0;
    for (let offset = 0; offset < file.sizeBytes; offset += this.#piece) {
      const row = await ctx.refreshBackup(b.id); // force delete (cancel) shows up here, as in chunkeddriver.py
      if (row.status === "deleting" || row.status === "deleted") {
        await this.deleteBackup(b);
        return null;
      }
      await this.#store.putObject(CONTAINER, `${b.id}/${offset}`, await file.read(offset, Math.min(this.#piece, file.sizeBytes - offset)));
      count++;
    }
    const record = { size: file.sizeBytes, meta: await ctx.getVolumeMeta(b.volume_id) };
    await this.#store.putObject(CONTAINER, `${b.id}/record.json`, new TextEncoder().encode(JSON.stringify(record)));
    ctx.progress(b.id, 100);
    return { container: CONTAINER, service_metadata: b.id, object_count: count };
  }

  async restore(b: Row, volumeId: string, file: File, _volumeIsNew: boolean, ctx: Ctx): Promise<void> {
    const record = JSON.parse(new TextDecoder().decode(await this.#store.getObject(CONTAINER, `${b.id}/record.json`))) as {
      size: number;
      meta: string | null;
    };
    for (let offset = 0; offset < record.size; offset += this.#piece) {
      if ((await ctx.refreshBackup(b.id)).status !== "restoring")
        throw new BackupRestoreCancel(`Canceled backup ${b.id} restore on volume ${volumeId}`);
      await file.write(offset, await this.#store.getObject(CONTAINER, `${b.id}/${offset}`));
    }
    await file.flush();
    if (record.meta) await ctx.putVolumeMeta(volumeId, record.meta);
  }

  async deleteBackup(b: Row): Promise<void> {
    for (const n of await this.#store.listObjects(CONTAINER, `${b.id}/`)) await this.#store.deleteObject(CONTAINER, n);
  }

  async exportRecord(): Promise<Record<string, unknown>> {
    return {};
  }

  async importRecord(): Promise<void> {}
}
