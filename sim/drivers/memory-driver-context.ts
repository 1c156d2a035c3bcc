import type { BackupRow } from "../db/rows.ts";
import type { DriverContext } from "../driver/backup-driver.ts";

/**
 * A small in-memory DriverContext: a backup table, a volume-metadata table, a settable clock and
 * recorded progress/spend calls. For driver tests and tools that run a driver outside the simulator.
 */
export class MemoryDriverContext implements DriverContext {
  readonly backups = new Map<string, BackupRow>();
  readonly volumeMeta = new Map<string, string>();
  readonly progressCalls: Array<{ backupId: string; percent: number }> = [];
  readonly spent: Record<"read" | "write" | "compress" | "store", number> = { read: 0, write: 0, compress: 0, store: 0 };
  /** Called on every refreshBackup (tests flip a status here to cancel mid-way). */
  onRefresh: ((row: BackupRow, count: number) => void) | undefined;
  refreshCount = 0;
  #now: number;

  constructor(
    readonly availabilityZone = "nova",
    startMs = Date.UTC(2026, 0, 1),
  ) {
    this.#now = startMs;
  }

  now(): number {
    return this.#now;
  }

  advance(ms: number): void {
    this.#now += ms;
  }

  put(row: BackupRow): BackupRow {
    this.backups.set(row.id, row);
    return row;
  }

  async refreshBackup(id: string): Promise<BackupRow> {
    const row = this.backups.get(id);
    if (!row) throw new Error(`Backup ${id} could not be found.`);
    this.refreshCount++;
    this.onRefresh?.(row, this.refreshCount);
    return { ...row };
  }

  async getBackup(id: string): Promise<BackupRow | null> {
    const row = this.backups.get(id);
    return row ? { ...row } : null;
  }

  async getVolumeMeta(volumeId: string): Promise<string | null> {
    return this.volumeMeta.get(volumeId) ?? null;
  }

  async putVolumeMeta(volumeId: string, json: string): Promise<void> {
    this.volumeMeta.set(volumeId, json);
  }

  async spend(bytes: number, kind: "read" | "write" | "compress" | "store"): Promise<void> {
    this.spent[kind] += bytes;
  }

  progress(backupId: string, percent: number): void {
    this.progressCalls.push({ backupId, percent });
  }
}

/** A BackupRow with cinder's defaults for the fields a driver does not care about. */
export function backupRow(fields: Partial<BackupRow> & Pick<BackupRow, "id" | "volume_id">): BackupRow {
  return {
    user_id: "user",
    project_id: "project",
    snapshot_id: null,
    parent_id: null,
    num_dependent_backups: 0,
    host: "backup-host",
    availability_zone: null,
    container: null,
    service: null,
    service_metadata: null,
    size: 1,
    object_count: 0,
    status: "creating",
    fail_reason: null,
    display_name: null,
    display_description: null,
    data_timestamp: Date.UTC(2026, 0, 1),
    encryption_key_id: null,
    restore_volume_id: null,
    temp_volume_id: null,
    temp_snapshot_id: null,
    metadata: {},
    created_at: Date.UTC(2026, 0, 1),
    updated_at: null,
    deleted_at: null,
    deleted: false,
    ...fields,
  };
}
