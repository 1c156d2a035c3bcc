import type { ApiDeps } from "./backups/api-deps.ts";
import { createBackup } from "./backups/create-backup.ts";
import { deleteBackup } from "./backups/delete-backup.ts";
import { exportRecord, importRecord, resetBackupStatus } from "./backups/backup-records-api.ts";
import { listBackups, showBackup, updateBackup } from "./backups/query-backups.ts";
import { restoreBackup } from "./backups/restore-backup.ts";
import { messageOperations } from "./messages/message-operations.ts";
import type { CinderOperations } from "./operations.ts";
import { quotaOperations } from "./quotas/quota-operations.ts";
import { serviceOperations } from "./service-operations.ts";
import { snapshotOperations } from "./snapshots/snapshot-operations.ts";
import { volumeOperations } from "./volumes/volume-operations.ts";

/**
 * cinder-api's operations over the simulated cloud. Each call runs as a process of the
 * simulation (an API worker's green thread) and returns once it has answered; work it cast
 * keeps going on `settle()` / `advance()`.
 */
export function cinderOperations(d: ApiDeps): CinderOperations {
  const run = async <T>(label: string, fn: () => Promise<T>): Promise<T> => {
    const p = d.state.sched.spawn(`api ${label}`, fn);
    await d.state.sched.run({
      until() {
        return p.finished;
      },
    });
    const o = p.settled();
    if (!o) throw new Error(`API operation ${label} did not finish: it waits on work that never completes`);
    if (o.ok) return o.value;
    throw o.error;
  };
  return {
    backups: {
      create: (ctx, req) => run("backup.create", () => createBackup(d, ctx, req)),
      get: (ctx, id) => run("backup.get", () => showBackup(d, ctx, id)),
      list: (ctx, q) => run("backup.list", () => listBackups(d, ctx, q)),
      update: (ctx, id, req) => run("backup.update", () => updateBackup(d, ctx, id, req)),
      delete: (ctx, id, force) => run("backup.delete", () => deleteBackup(d, ctx, id, force)),
      restore: (ctx, id, req) => run("backup.restore", () => restoreBackup(d, ctx, id, req)),
      exportRecord: (ctx, id) => run("backup.export", () => exportRecord(d, ctx, id)),
      importRecord: (ctx, svc, url) => run("backup.import", () => importRecord(d, ctx, svc, url)),
      resetStatus: (ctx, id, status) => run("backup.reset", () => resetBackupStatus(d, ctx, id, status)),
    },
    volumes: volumeOperations(d, run),
    snapshots: snapshotOperations(d, run),
    quotas: quotaOperations(d, run),
    services: serviceOperations(d, run),
    messages: messageOperations(d, run),
  };
}
