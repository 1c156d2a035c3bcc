import type { BackupRow } from "../../../sim/db/rows.ts";
import type { BackupDriver, DriverCapabilities, DriverContext } from "../../../sim/driver/backup-driver.ts";
import type { VolumeFile } from "../../../lib/format/index.ts";
import type { DriverWorker } from "./driver-worker.ts";
import { CTX, FILE } from "./protocol.ts";

/**
 * The main-thread face of one driver instance living in a DriverWorker: each BackupDriver method
 * is a message; the volume file and the context stay here and answer the worker's up-calls.
 * `name` and `capabilities` are the ones the load probe read from a first instance.
 */
export class WorkerBackupDriver implements BackupDriver {
  constructor(
    readonly name: string,
    readonly capabilities: DriverCapabilities,
    private readonly worker: DriverWorker,
    private readonly instance: number,
    private readonly created: Promise<unknown>,
  ) {}

  async #call(method: string, args: unknown[], file?: VolumeFile, ctx?: DriverContext): Promise<unknown> {
    await this.created;
    return this.worker.call(this.instance, method, args, file, ctx);
  }

  async checkForSetupError(): Promise<void> {
    await this.#call("checkForSetupError", []);
  }

  async backup(backup: BackupRow, volumeFile: VolumeFile, ctx: DriverContext): Promise<Partial<BackupRow> | null> {
    return (await this.#call("backup", [backup, FILE, CTX], volumeFile, ctx)) as Partial<BackupRow> | null;
  }

  async restore(backup: BackupRow, volumeId: string, volumeFile: VolumeFile, volumeIsNew: boolean, ctx: DriverContext): Promise<void> {
    await this.#call("restore", [backup, volumeId, FILE, volumeIsNew, CTX], volumeFile, ctx);
  }

  async deleteBackup(backup: BackupRow, ctx: DriverContext): Promise<void> {
    await this.#call("deleteBackup", [backup, CTX], undefined, ctx);
  }

  async exportRecord(backup: BackupRow): Promise<Record<string, unknown>> {
    return ((await this.#call("exportRecord", [backup])) ?? {}) as Record<string, unknown>;
  }

  async importRecord(backup: BackupRow, driverInfo: Record<string, unknown>): Promise<void> {
    await this.#call("importRecord", [backup, driverInfo]);
  }
}
