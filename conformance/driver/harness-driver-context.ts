import { setImmediate as yieldToLoop } from "node:timers/promises";
import type { BackupRow } from "../../sim/db/rows.ts";
import type { DriverContext } from "../../sim/driver/backup-driver.ts";
import type { BackupRegistry } from "./backup-registry.ts";
import type { TraceRecorder } from "./trace-recorder.ts";

/** Called on every `refreshBackup` with the number of refreshes of that backup so far (1-based). */
export type RefreshHook = (backupId: string, count: number) => void | Promise<void>;

/**
 * The manager-side services a driver sees while the harness drives it. Rules inject
 * cancellation through refresh hooks: cinder's chunked drivers see a force delete or a
 * reset-status only through `backup.refresh()` between chunks (spec §6).
 */
export class HarnessDriverContext implements DriverContext {
  readonly availabilityZone = "nova";
  readonly #hooks: RefreshHook[] = [];
  readonly #refreshes = new Map<string, number>();
  readonly progressEvents: Array<{ backupId: string; percent: number }> = [];

  constructor(
    readonly registry: BackupRegistry,
    readonly trace: TraceRecorder,
  ) {}

  onRefresh(hook: RefreshHook): void {
    this.#hooks.push(hook);
  }

  refreshCount(backupId: string): number {
    return this.#refreshes.get(backupId) ?? 0;
  }

  async refreshBackup(id: string): Promise<BackupRow> {
    const n = (this.#refreshes.get(id) ?? 0) + 1;
    this.#refreshes.set(id, n);
    for (const hook of this.#hooks) await hook(id, n);
    const row = this.registry.get(id);
    if (!row) throw new Error(`BackupNotFound: Backup ${id} could not be found.`);
    this.trace.record("driver", "manager", "call", `refresh ${short(id)} → ${row.status}`);
    return row;
  }

  /** `backup.save()` of what the driver sets while running (container, service_metadata). */
  async saveBackup(id: string, values: Partial<Pick<BackupRow, "container" | "service_metadata" | "object_count">>): Promise<void> {
    this.trace.record("driver", "manager", "call", `save ${short(id)} ${Object.keys(values).join(",")}`);
    this.registry.update(id, values);
  }

  async getBackup(id: string): Promise<BackupRow | null> {
    return this.registry.get(id);
  }

  async getVolumeMeta(volumeId: string): Promise<string | null> {
    return this.registry.getVolumeMeta(volumeId);
  }

  async putVolumeMeta(volumeId: string, json: string): Promise<void> {
    this.trace.record("driver", "manager", "call", `put volume metadata of ${short(volumeId)}`);
    this.registry.putVolumeMeta(volumeId, json);
  }

  now(): number {
    return this.registry.now();
  }

  async spend(): Promise<void> {
    await yieldToLoop();
  }

  progress(backupId: string, percent: number): void {
    this.progressEvents.push({ backupId, percent });
  }
}

export function short(id: string): string {
  return id.slice(0, 8);
}
