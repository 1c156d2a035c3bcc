import type { BackupRow } from "../../sim/db/rows.ts";
import type { BackupDriver } from "../../sim/driver/backup-driver.ts";
import { isBackupRestoreCancel } from "../../sim/errors/restore-cancel.ts";
import type { ObjectStore } from "../../lib/stores/index.ts";
import { BackupRegistry } from "./backup-registry.ts";
import { geometryConfig, type DriverGeometry, type DriverUnderTest } from "./driver-under-test.ts";
import { FakeVolumeFile } from "./fake-volume-file.ts";
import { HarnessDriverContext, short } from "./harness-driver-context.ts";
import { listAllObjects, RecordingObjectStore } from "./recording-object-store.ts";
import { SparseDevice } from "./sparse-device.ts";
import { inspectStore, type StoreInspection } from "./store-inspector.ts";
import { TraceRecorder } from "./trace-recorder.ts";

export interface HarnessVolume {
  readonly id: string;
  readonly device: SparseDevice;
}

export interface RestoreOutcome {
  /** `cancelled` when the driver raised BackupRestoreCancel. */
  result: "restored" | "cancelled";
  file: FakeVolumeFile;
}

/**
 * Drives one driver the way cinder's backup manager does (`backup/manager.py`), without the
 * rest of the cloud: rows in a registry, volumes as in-memory sparse devices, a DriverContext
 * through which rules inject cancellation between chunks, and a recorded trace.
 */
export class DriverHarness {
  readonly trace: TraceRecorder;
  readonly registry: BackupRegistry;
  readonly ctx: HarnessDriverContext;
  readonly store: RecordingObjectStore;
  driver: BackupDriver;
  /** The volume file of the most recent backup (reads, bytes read). */
  lastBackupFile: FakeVolumeFile | null = null;
  readonly #volumes = new Map<string, HarnessVolume>();
  /** Files backing this harness's volumes (DriverUnderTest.volumeBacking), removed on close. */
  readonly #backings: { close(): void }[] = [];

  private constructor(
    readonly dut: DriverUnderTest,
    readonly rawStore: ObjectStore,
    seed: number,
    readonly ownsStore = true,
    trace = new TraceRecorder(),
    readonly compression = "zlib",
    /** The geometry asked of the driver (its options), when not the one it describes. */
    readonly geometryOverride: DriverGeometry | null = null,
  ) {
    this.trace = trace;
    this.registry = new BackupRegistry(seed);
    this.ctx = new HarnessDriverContext(this.registry, this.trace);
    this.store = new RecordingObjectStore(rawStore, this.trace);
    this.driver = this.newDriverInstance();
  }

  /** `geometry`: run the driver with these object and sha block sizes (its cinder options) instead of its described ones. */
  static async open(
    dut: DriverUnderTest,
    seed = 1,
    opts: { compression?: string; geometry?: DriverGeometry } = {},
  ): Promise<DriverHarness> {
    const h = new DriverHarness(dut, await dut.createStore(), seed, true, new TraceRecorder(), opts.compression, opts.geometry ?? null);
    await h.driver.checkForSetupError();
    return h;
  }

  /**
   * A second harness over this one's store with an empty database and a new driver instance:
   * the database was lost, or another backup host took over. Closing it leaves the store.
   * `dut`: another driver over the same store (another cinder release's, `cbh compat`).
   */
  async reopen(seed = 2, dut: DriverUnderTest = this.dut): Promise<DriverHarness> {
    const h = new DriverHarness(dut, this.rawStore, seed, false, this.trace, this.compression, this.geometryOverride);
    await h.driver.checkForSetupError();
    return h;
  }

  /** A fresh instance over the same store (a restarted backup service, or another host). */
  newDriverInstance(): BackupDriver {
    return this.dut.createDriver({
      store: this.store,
      host: "conformance@backup",
      config: geometryConfig(this.geometry, this.compression),
    });
  }

  async close(): Promise<void> {
    for (const b of this.#backings.splice(0)) b.close();
    if (this.ownsStore) await this.dut.disposeStore?.(this.rawStore);
  }

  get geometry(): DriverGeometry {
    return this.geometryOverride ?? this.dut.geometry;
  }

  /** A new volume; backed by a file of its own when the driver reads volumes as files (a driver process). */
  volume(sizeBytes: number, id = this.registry.newId()): HarnessVolume {
    const device = new SparseDevice(sizeBytes);
    const backing = this.dut.volumeBacking?.(id, sizeBytes);
    if (backing) {
      device.backWith(backing);
      this.#backings.push(backing);
    }
    const v = { id, device };
    this.#volumes.set(id, v);
    return v;
  }

  /** `manager.create_backup` → `continue_backup` → `_finish_backup`, minus the volume service. */
  async backup(vol: HarnessVolume, opts: { incremental?: boolean; name?: string } = {}): Promise<BackupRow> {
    const parent = opts.incremental ? this.latestAvailable(vol.id) : null;
    if (opts.incremental && !parent) throw new Error("No backups available to do an incremental backup.");
    const row = this.registry.create({
      volume_id: vol.id,
      parent_id: parent?.id ?? null,
      display_name: opts.name ?? null,
      service: this.driver.name,
    });
    this.trace.record("manager", "driver", "call", `backup ${short(row.id)}${parent ? ` (parent ${short(parent.id)})` : ""}`);
    let updates: Partial<BackupRow> | null;
    try {
      this.lastBackupFile = new FakeVolumeFile(vol.id, vol.device);
      updates = await this.driver.backup(row, this.lastBackupFile, this.ctx);
    } catch (e) {
      this.trace.record("driver", "manager", "error", `backup raised ${(e as Error).message}`);
      this.registry.update(row.id, { status: "error", fail_reason: String((e as Error).message).slice(0, 255) });
      throw e;
    }
    this.trace.record("driver", "manager", "reply", `backup returned ${updates ? Object.keys(updates).join(",") || "{}" : "None"}`);
    const now = this.registry.get(row.id)!;
    if (now.status === "deleting" || now.status === "deleted") return now; // aborted (cancelled)
    if (parent) this.registry.update(parent.id, { num_dependent_backups: parent.num_dependent_backups + 1 });
    return this.registry.update(row.id, { ...(updates ?? {}), status: "available" });
  }

  /** `manager.restore_backup` into `target` (a new or existing volume). */
  async restore(backupId: string, target: HarnessVolume, volumeIsNew: boolean): Promise<RestoreOutcome> {
    this.registry.update(backupId, { status: "restoring", restore_volume_id: target.id });
    const file = new FakeVolumeFile(target.id, target.device);
    this.trace.record("manager", "driver", "call", `restore ${short(backupId)} → volume ${short(target.id)}${volumeIsNew ? " (new)" : ""}`);
    try {
      await this.driver.restore(this.registry.get(backupId)!, target.id, file, volumeIsNew, this.ctx);
    } catch (e) {
      this.registry.update(backupId, { status: "available" });
      if (isBackupRestoreCancel(e)) {
        this.trace.record("driver", "manager", "error", "BackupRestoreCancel");
        return { result: "cancelled", file };
      }
      this.trace.record("driver", "manager", "error", `restore raised ${(e as Error).message}`);
      throw e;
    }
    this.trace.record("driver", "manager", "reply", "restore returned");
    this.registry.update(backupId, { status: "available" });
    return { result: "restored", file };
  }

  /** `manager.delete_backup`: driver delete, then soft delete and parent's counter −1. */
  async deleteBackup(backupId: string): Promise<void> {
    this.registry.update(backupId, { status: "deleting" });
    const row = this.registry.get(backupId)!;
    this.trace.record("manager", "driver", "call", `delete_backup ${short(backupId)}`);
    await this.driver.deleteBackup(row, this.ctx);
    this.registry.setStatus(backupId, "deleted");
    if (row.parent_id) {
      const p = this.registry.get(row.parent_id);
      if (p) this.registry.update(p.id, { num_dependent_backups: Math.max(0, p.num_dependent_backups - 1) });
    }
  }

  latestAvailable(volumeId: string): BackupRow | null {
    const rows = this.registry.all().filter((r) => r.volume_id === volumeId && r.status === "available" && !r.deleted);
    rows.sort((a, b) => b.data_timestamp - a.data_timestamp);
    return rows[0] ?? null;
  }

  /** Every object in the store, `container/name`. */
  async objects(): Promise<string[]> {
    return listAllObjects(this.rawStore);
  }

  /** The store seen through the chunked format module: objects and the backups their `_metadata` describe. */
  inspect(): Promise<StoreInspection> {
    return inspectStore(this.dut, this.rawStore);
  }
}
