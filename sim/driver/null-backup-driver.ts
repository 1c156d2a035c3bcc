import type { BackupRow } from "../db/rows.ts";
import type { BackupDriver, DriverCapabilities } from "./backup-driver.ts";

/**
 * A driver that moves no data: control-plane-only simulation (benchmarks, large chaos runs).
 * Backups "succeed" instantly with zero objects; restores write nothing.
 */
export class NullBackupDriver implements BackupDriver {
  readonly name = "cinder.backup.drivers.nfs.NFSBackupDriver";
  readonly capabilities: DriverCapabilities = {
    incremental: true,
    forceDelete: true,
    restoreCancel: false,
    compression: ["none"],
    exportImport: true,
    sparseAware: true,
    encryption: true,
  };

  async checkForSetupError(): Promise<void> {}
  async backup(b: BackupRow): Promise<Partial<BackupRow>> {
    return { service_metadata: `null_${b.id}`, object_count: 0, container: b.container ?? "null" };
  }
  async restore(): Promise<void> {}
  async deleteBackup(): Promise<void> {}
  async exportRecord(): Promise<Record<string, unknown>> {
    return {};
  }
  async importRecord(): Promise<void> {}
}
