import { stat } from "node:fs/promises";
import type { BackupRow } from "../../../sim/db/rows.ts";
import type { BackupDriver, DriverCapabilities, DriverContext } from "../../../sim/driver/backup-driver.ts";
import type { VolumeFile } from "../../../lib/format/index.ts";
import type { ObjectStore } from "../../../lib/stores/index.ts";
import { DriverProcessError } from "./driver-process-error.ts";
import type { DriverSession } from "./driver-session.ts";
import {
  checkSize,
  type DeferringVolumeFile,
  type LeasingVolumeFile,
  type SharedVolumeFiles,
  type WrittenRange,
} from "./shared-volume-files.ts";
import type { RbdVolumePlacement } from "../backends/store-binding.ts";
import { snapshotStore, storedSince } from "./stored-bytes.ts";

/** cinder options for one driver instance (`CONF.set_override` in the driver process). */
export interface InstanceOptions {
  /** Options the user gave (`--driver-opt`, `--driver-config`): unknown ones are an error. */
  options: Record<string, string | number | boolean>;
  /** Options the harness sets (geometry, compression, the store's path): unknown ones are ignored. */
  defaults: Record<string, string | number | boolean>;
}

/**
 * One driver instance behind the `BackupDriver` interface: each method is one protocol call
 * (`docs/driver-protocol.md`) on the shared driver process, which constructs the driver class
 * per request as `BackupManager` does.
 */
/** The store a driver instance writes, and the harness's counters to credit with its writes. */
export interface WrittenStore {
  store: ObjectStore;
  /** The harness's RecordingObjectStore (`bytesPut`, `puts`), when there is one. */
  counters: { bytesPut: number; puts: number } | null;
}

/**
 * Where the time of the last `backup`/`restore` went, in ms (`npm run bench:drivers` prints it):
 * writing the volume file (and, for a backup, listing the store, which runs meanwhile), the protocol call (round trip, callbacks included), the driver call
 * alone as the driver process timed it (null when it does not say: `timing` is optional), listing
 * and sizing what a backup stored, reading back what a restore wrote (`syncMs`: at its refreshes,
 * inside the call; `importMs`: after it), removing the file.
 */
export interface CallLaps {
  method: "backup" | "restore";
  exportMs: number;
  callMs: number;
  driverMs: number | null;
  driverCpuMs: number | null;
  storeMs: number;
  syncMs: number;
  importMs: number;
  removeMs: number;
}

export class ProtocolDriver implements BackupDriver {
  /** The split of the last backup or restore (see CallLaps). */
  lastCall: CallLaps | null = null;

  constructor(
    readonly name: string,
    readonly capabilities: DriverCapabilities,
    readonly session: DriverSession,
    readonly files: SharedVolumeFiles,
    readonly opts: InstanceOptions,
    readonly store: WrittenStore | null = null,
    /** Bytes a chunked driver moves between two `backup.refresh` calls (the described object size). */
    readonly chunkBytes = 0,
    /** Volumes are RBD images there (`volume.rbd`), besides the shared file (the Ceph binding). */
    readonly rbd: RbdVolumePlacement | null = null,
  ) {}

  /** The protocol's `volume` param: the shared file, and where the volume's RBD image is. */
  #volume(id: string, path: string, sizeBytes: number): Record<string, unknown> {
    return { id, path, size_bytes: sizeBytes, ...(this.rbd ? { rbd: this.rbd } : {}) };
  }

  async checkForSetupError(): Promise<void> {
    await this.session.call("check_for_setup_error", { ...this.opts });
  }

  async backup(backup: BackupRow, volumeFile: VolumeFile, ctx: DriverContext): Promise<Partial<BackupRow> | null> {
    const laps = newLaps("backup");
    let t = performance.now();
    // The store's listing before the call (to size what the driver stores) runs while the file is written.
    const listing = this.store?.counters ? snapshotStore(this.store.store) : Promise.resolve(null);
    // A volume backed by its own file is read where it is (no export, nothing to remove after).
    const lease = "leaseBacking" in volumeFile ? (volumeFile as LeasingVolumeFile).leaseBacking() : null;
    const file = lease
      ? Promise.resolve({ hostPath: lease.hostPath, driverPath: lease.driverPath })
      : this.files.export(backup.volume_id, volumeFile);
    const [exported, listed] = await Promise.allSettled([file, listing]);
    laps.exportMs = lap(t);
    const done = async (hostPath: string) => (lease ? lease.release() : await this.files.remove(hostPath));
    if (exported.status === "rejected") throw exported.reason;
    const f = exported.value;
    if (listed.status === "rejected") {
      await done(f.hostPath);
      throw listed.reason;
    }
    const before = listed.value;
    try {
      t = performance.now();
      const res = await this.session.call<{ updates?: unknown; timing?: unknown }>(
        "backup",
        { ...this.opts, backup, volume: this.#volume(backup.volume_id, f.driverPath, volumeFile.sizeBytes) },
        withRefreshHook(ctx, () => ctx.spend(this.chunkBytes, "read")),
      );
      laps.callMs = lap(t);
      driverTiming(laps, res);
      const updates = this.#field(res, "updates", "backup");
      if (updates !== null && (typeof updates !== "object" || Array.isArray(updates)))
        throw this.#malformed("backup", "updates must be an object or null");
      if (before && this.store?.counters) {
        t = performance.now();
        const put = await storedSince(this.store.store, before);
        laps.storeMs += lap(t);
        this.store.counters.bytesPut += put.bytes;
        this.store.counters.puts += put.objects;
      }
      return updates as Partial<BackupRow> | null;
    } finally {
      t = performance.now();
      await done(f.hostPath);
      laps.removeMs = lap(t);
      this.lastCall = laps;
    }
  }

  async restore(backup: BackupRow, volumeId: string, volumeFile: VolumeFile, volumeIsNew: boolean, ctx: DriverContext): Promise<void> {
    const laps = newLaps("restore");
    let t = performance.now();
    const f = await this.files.export(volumeId, volumeFile);
    laps.exportMs = lap(t);
    let deferred = false;
    try {
      let flushed = false;
      try {
        // Between objects (at each backup.refresh) the target shows what the driver wrote so
        // far, as a real device would: cancellation rules act on a restore in progress.
        // The shim reports the ranges written since the last refresh; a driver that does not
        // (null) gets the whole file compared at each refresh.
        let written: WrittenRange[] | null = null;
        const syncing = withRefreshHook(ctx, async () => {
          const t0 = performance.now();
          await this.files.importChanges(f.hostPath, volumeFile, false, written ?? undefined);
          laps.syncMs += lap(t0);
          if (written) written = [];
          await ctx.spend(this.chunkBytes, "write");
        });
        const noteWritten = (ranges: WrittenRange[]) => void (written = [...(written ?? []), ...ranges]);
        t = performance.now();
        const res = await this.session.call<{ flushed?: unknown; timing?: unknown }>(
          "restore",
          {
            ...this.opts,
            backup,
            volume_id: volumeId,
            volume_is_new: volumeIsNew,
            volume: this.#volume(volumeId, f.driverPath, volumeFile.sizeBytes),
          },
          syncing,
          this.session.timeoutMs,
          noteWritten,
        );
        laps.callMs = lap(t);
        driverTiming(laps, res);
        const fl = this.#field(res, "flushed", "restore");
        if (typeof fl !== "boolean") throw this.#malformed("restore", "flushed must be a boolean");
        flushed = fl;
      } catch (e) {
        // What a failed or cancelled restore wrote is on the target too.
        if (!(e instanceof DriverProcessError)) await this.files.importChanges(f.hostPath, volumeFile, false);
        throw e;
      }
      t = performance.now();
      if ("deferLoad" in volumeFile) {
        // What the driver wrote is read in at the first look at the target (its device), as a real
        // device's blocks are read when somebody reads them; the file goes then. Its size is checked now.
        checkSize(volumeFile, (await stat(f.hostPath)).size);
        const file = volumeFile as DeferringVolumeFile;
        file.deferLoad(() => this.files.loadNow(f.hostPath, file, flushed));
        deferred = true;
      } else await this.files.importChanges(f.hostPath, volumeFile, flushed);
      laps.importMs += lap(t);
    } finally {
      t = performance.now();
      if (!deferred) await this.files.remove(f.hostPath);
      laps.removeMs = lap(t);
      this.lastCall = laps;
    }
  }

  async deleteBackup(backup: BackupRow, ctx: DriverContext): Promise<void> {
    await this.session.call("delete_backup", { ...this.opts, backup }, ctx);
  }

  async exportRecord(backup: BackupRow): Promise<Record<string, unknown>> {
    const res = await this.session.call<{ driver_info?: unknown }>("export_record", { ...this.opts, backup });
    const info = this.#field(res, "driver_info", "export_record");
    if (typeof info !== "object" || info === null || Array.isArray(info))
      throw this.#malformed("export_record", "driver_info must be an object");
    return info as Record<string, unknown>;
  }

  async importRecord(backup: BackupRow, driverInfo: Record<string, unknown>): Promise<void> {
    await this.session.call("import_record", { ...this.opts, backup, driver_info: driverInfo });
  }

  #field(res: unknown, key: string, method: string): unknown {
    if (typeof res !== "object" || res === null || !(key in res))
      throw this.#malformed(method, `result lacks '${key}' (got ${JSON.stringify(res)?.slice(0, 200)})`);
    return (res as Record<string, unknown>)[key];
  }

  #malformed(method: string, why: string): DriverProcessError {
    return new DriverProcessError(
      "malformed",
      this.session.cmd.driver,
      `${method} returned a malformed result: ${why}`,
      this.session.process?.stderr.tail() ?? "",
    );
  }
}

function newLaps(method: CallLaps["method"]): CallLaps {
  return { method, exportMs: 0, callMs: 0, driverMs: null, driverCpuMs: null, storeMs: 0, syncMs: 0, importMs: 0, removeMs: 0 };
}

const lap = (since: number): number => performance.now() - since;

/** The result's optional `timing` (`{driver_seconds, driver_cpu_seconds}`, the shim's) into `laps`. */
function driverTiming(laps: CallLaps, res: unknown): void {
  const t = typeof res === "object" && res !== null ? (res as { timing?: unknown }).timing : undefined;
  if (typeof t !== "object" || t === null) return;
  const { driver_seconds: wall, driver_cpu_seconds: cpu } = t as Record<string, unknown>;
  if (typeof wall === "number" && Number.isFinite(wall)) laps.driverMs = wall * 1000;
  if (typeof cpu === "number" && Number.isFinite(cpu)) laps.driverCpuMs = cpu * 1000;
}

/**
 * `ctx` with `before()` run ahead of every `refreshBackup` (every other member delegates). A real
 * driver's work takes no simulated time by itself: spending one chunk's I/O before each refresh is
 * what lets the simulated cloud run between chunks (an API force delete, a reset-status), as
 * cinder's green threads do at each I/O, so cancellation reaches the real driver mid-flight.
 */
function withRefreshHook(ctx: DriverContext, before: () => Promise<void>): DriverContext {
  return {
    availabilityZone: ctx.availabilityZone,
    refreshBackup: async (id) => {
      await before();
      return ctx.refreshBackup(id);
    },
    ...(ctx.saveBackup
      ? { saveBackup: (id: string, v: Parameters<NonNullable<DriverContext["saveBackup"]>>[1]) => ctx.saveBackup!(id, v) }
      : {}),
    getBackup: (id) => ctx.getBackup(id),
    getVolumeMeta: (v) => ctx.getVolumeMeta(v),
    putVolumeMeta: (v, j) => ctx.putVolumeMeta(v, j),
    now: () => ctx.now(),
    spend: (b, k) => ctx.spend(b, k),
    progress: (id, pct) => ctx.progress(id, pct),
  };
}
