import type { CloudState } from "../../kernel/cloud-state.ts";
import type { BackupRow } from "../../db/rows.ts";
import type { DriverContext } from "../../driver/backup-driver.ts";
import { applyVolumeMetaBlob, volumeMetaBlob } from "./volume-metadata-blob.ts";
import type { BackupService } from "./backup-service.ts";

/**
 * The manager-side services a driver sees while one operation runs, bound to the process that
 * started it: when that process dies, the driver's next wait throws ServiceCrashed.
 */
export function driverContext(svc: BackupService, state: CloudState, epoch: number, flow: "backup" | "restore" | "delete"): DriverContext {
  // Method shorthand, not arrow properties: tsx (esbuild `keepNames`) would wrap each arrow in a
  // `__name` defineProperty call every time a context is built (docs/performance.md).
  return {
    availabilityZone: svc.az,
    now() {
      return state.clock.now();
    },
    // `backup.refresh()` inside `as_read_deleted()`: a copy, so the driver can't mutate the row.
    async refreshBackup(id) {
      svc.guard(epoch);
      const b = state.db.backups.getAny(id);
      if (!b) throw new Error(`Backup ${id} could not be found.`);
      return copyRow(b);
    },
    async saveBackup(id, values) {
      svc.guard(epoch);
      const b = state.db.backups.getAny(id);
      if (b) state.db.update<BackupRow>(b, values);
    },
    async getBackup(id) {
      svc.guard(epoch);
      const b = state.db.backups.getAny(id);
      return b && !b.deleted ? copyRow(b) : null;
    },
    async getVolumeMeta(volumeId) {
      const v = state.db.volume(volumeId);
      return v ? volumeMetaBlob(v) : null;
    },
    async putVolumeMeta(volumeId, json) {
      const v = state.db.volume(volumeId);
      if (v) applyVolumeMetaBlob(state, v, json);
    },
    async spend(bytes, kind) {
      const rate = mbpsOf(state, kind);
      await svc.sleep(epoch, Math.max(0, (bytes / (rate * 1e6)) * 1000));
    },
    progress(backupId, percent) {
      svc.trace({
        flow,
        kind: "notify",
        event: { type: "notify", event: "createprogress", backupId, percent },
        detail: { backup_id: backupId, backup_percent: percent },
      });
    },
  };
}

/** The simulated throughput of one kind of I/O (`sim_*_mbps`). */
function mbpsOf(state: CloudState, kind: string): number {
  const c = state.config;
  const rate =
    kind === "read"
      ? c.sim_read_mbps
      : kind === "write"
        ? c.sim_write_mbps
        : kind === "compress"
          ? c.sim_compress_mbps
          : kind === "store"
            ? c.sim_store_mbps
            : undefined;
  return rate ?? 100;
}

export function copyRow(b: BackupRow): BackupRow {
  return { ...b, metadata: { ...b.metadata } };
}
