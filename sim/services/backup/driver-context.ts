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
  const mbps: Record<string, number> = {
    read: state.config.sim_read_mbps,
    write: state.config.sim_write_mbps,
    compress: state.config.sim_compress_mbps,
    store: state.config.sim_store_mbps,
  };
  return {
    availabilityZone: svc.az,
    now: () => state.clock.now(),
    // `backup.refresh()` inside `as_read_deleted()`: a copy, so the driver can't mutate the row.
    refreshBackup: async (id) => {
      svc.guard(epoch);
      const b = state.db.backups.getAny(id);
      if (!b) throw new Error(`Backup ${id} could not be found.`);
      return copyRow(b);
    },
    saveBackup: async (id, values) => {
      svc.guard(epoch);
      const b = state.db.backups.getAny(id);
      if (b) state.db.update<BackupRow>(b, values);
    },
    getBackup: async (id) => {
      svc.guard(epoch);
      const b = state.db.backups.getAny(id);
      return b && !b.deleted ? copyRow(b) : null;
    },
    getVolumeMeta: async (volumeId) => {
      const v = state.db.volume(volumeId);
      return v ? volumeMetaBlob(v) : null;
    },
    putVolumeMeta: async (volumeId, json) => {
      const v = state.db.volume(volumeId);
      if (v) applyVolumeMetaBlob(state, v, json);
    },
    spend: async (bytes, kind) => {
      const rate = mbps[kind] ?? 100;
      await svc.sleep(epoch, Math.max(0, (bytes / (rate * 1e6)) * 1000));
    },
    progress: (backupId, percent) => {
      svc.trace({
        flow,
        kind: "notify",
        event: { type: "notify", event: "createprogress", backupId, percent },
        detail: { backup_id: backupId, backup_percent: percent },
      });
    },
  };
}

export function copyRow(b: BackupRow): BackupRow {
  return { ...b, metadata: { ...b.metadata } };
}
