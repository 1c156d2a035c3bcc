import type { BackupRow, BackupStatus } from "../../sim/db/rows.ts";
import { IdFactory } from "../../sim/core/id-factory.ts";
import { Prng } from "../../sim/core/prng.ts";

/**
 * The harness's stand-in for the `backups` table (read deleted rows too, like
 * `backup.refresh()` under `as_read_deleted()`), plus the volume metadata blobs
 * `BackupMetadataAPI` would read and write.
 */
export class BackupRegistry {
  readonly #rows = new Map<string, BackupRow>();
  readonly #volumeMeta = new Map<string, string>();
  readonly #ids: IdFactory;
  #clock = Date.UTC(2026, 0, 1);

  constructor(seed: number) {
    this.#ids = new IdFactory(new Prng(seed), "conformance-ids");
  }

  newId(): string {
    return this.#ids.uuid();
  }

  /** Harness time: one virtual second per call, so `data_timestamp`s are ordered. */
  tick(): number {
    this.#clock += 1000;
    return this.#clock;
  }

  now(): number {
    return this.#clock;
  }

  create(fields: Partial<BackupRow> & { volume_id: string }): BackupRow {
    const t = this.tick();
    const row: BackupRow = {
      id: this.newId(),
      user_id: "conformance-user",
      project_id: "conformance-project",
      snapshot_id: null,
      parent_id: null,
      num_dependent_backups: 0,
      host: "conformance@backup",
      availability_zone: "nova",
      container: null,
      service: null,
      service_metadata: null,
      size: 1,
      object_count: 0,
      status: "creating",
      fail_reason: null,
      display_name: null,
      display_description: null,
      data_timestamp: t,
      encryption_key_id: null,
      restore_volume_id: null,
      temp_volume_id: null,
      temp_snapshot_id: null,
      metadata: {},
      created_at: t,
      updated_at: null,
      deleted_at: null,
      deleted: false,
      ...fields,
    };
    this.#rows.set(row.id, row);
    return { ...row };
  }

  /** Inserts a row as it is (import of an exported record). */
  insert(row: BackupRow): void {
    this.#rows.set(row.id, { ...row });
  }

  get(id: string): BackupRow | null {
    const r = this.#rows.get(id);
    return r ? { ...r, metadata: { ...r.metadata } } : null;
  }

  update(id: string, patch: Partial<BackupRow>): BackupRow {
    const r = this.#rows.get(id);
    if (!r) throw new Error(`no backup ${id} in the harness registry`);
    Object.assign(r, patch, { updated_at: this.tick() });
    return { ...r };
  }

  setStatus(id: string, status: BackupStatus): void {
    this.update(id, status === "deleted" ? { status, deleted: true, deleted_at: this.now() } : { status });
  }

  all(): BackupRow[] {
    return [...this.#rows.values()].map((r) => ({ ...r }));
  }

  getVolumeMeta(volumeId: string): string | null {
    return this.#volumeMeta.get(volumeId) ?? null;
  }

  putVolumeMeta(volumeId: string, json: string): void {
    this.#volumeMeta.set(volumeId, json);
  }
}
