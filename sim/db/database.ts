import type { BackupRow, ServiceRow, SnapshotRow, VolumeRow, VolumeTypeRow } from "./rows.ts";
import { Table } from "./table.ts";

/**
 * The simulated cinder database. Rows are plain objects updated in place through `update`,
 * which stamps `updated_at` like the persistent-object mixin does.
 */
export class Database {
  readonly backups = new Table<BackupRow>("backups");
  readonly volumes = new Table<VolumeRow>("volumes");
  readonly snapshots = new Table<SnapshotRow>("snapshots");
  readonly services = new Table<ServiceRow>("services");
  readonly volumeTypes = new Table<VolumeTypeRow>("volume_types");

  constructor(private readonly now: () => number) {}

  /** `obj.update(values); obj.save()`. */
  update<R extends { updated_at: number | null }>(row: R, values: Partial<R>): R {
    Object.assign(row, values);
    row.updated_at = this.now();
    if ("deleted" in values) this.#sync(row as unknown as { id: string; deleted: boolean });
    return row;
  }

  #sync(row: { id: string; deleted: boolean }): void {
    for (const t of [this.backups, this.volumes, this.snapshots] as Array<Table<{ id: string; deleted: boolean }>>) t.sync(row);
  }

  /** Soft delete (`db/api.py:backup_destroy`, `volume_destroy`, ...): status `deleted`, deleted=True. */
  softDelete<R extends { deleted: boolean; deleted_at: number | null; updated_at: number | null; status: string }>(row: R): void {
    row.status = "deleted";
    row.deleted = true;
    row.deleted_at = this.now();
    row.updated_at = this.now();
    this.#sync(row as unknown as { id: string; deleted: boolean });
  }

  /** Live backup (`read_deleted='no'`). */
  backup(id: string): BackupRow | undefined {
    const b = this.backups.getAny(id);
    return b && !b.deleted ? b : undefined;
  }

  volume(id: string): VolumeRow | undefined {
    const v = this.volumes.getAny(id);
    return v && !v.deleted ? v : undefined;
  }

  snapshot(id: string): SnapshotRow | undefined {
    const s = this.snapshots.getAny(id);
    return s && !s.deleted ? s : undefined;
  }

  service(binary: string, host: string): ServiceRow | undefined {
    return this.services.filter((s) => s.binary === binary && s.host === host)[0];
  }
}
