import type { BackupRow } from "../../sim/db/rows.ts";
import type { BackupDriver, DriverCapabilities, DriverContext } from "../../sim/driver/backup-driver.ts";
import type { VolumeFile } from "../../lib/format/index.ts";

/** Forwards every call to the wrapped driver; canaries override one method to break one thing. */
export class DelegatingDriver implements BackupDriver {
  constructor(protected readonly inner: BackupDriver) {}

  get name(): string {
    return this.inner.name;
  }

  get capabilities(): DriverCapabilities {
    return this.inner.capabilities;
  }

  checkForSetupError(): Promise<void> {
    return this.inner.checkForSetupError();
  }

  backup(backup: BackupRow, volumeFile: VolumeFile, ctx: DriverContext): Promise<Partial<BackupRow> | null> {
    return this.inner.backup(backup, volumeFile, ctx);
  }

  restore(backup: BackupRow, volumeId: string, volumeFile: VolumeFile, volumeIsNew: boolean, ctx: DriverContext): Promise<void> {
    return this.inner.restore(backup, volumeId, volumeFile, volumeIsNew, ctx);
  }

  deleteBackup(backup: BackupRow, ctx: DriverContext): Promise<void> {
    return this.inner.deleteBackup(backup, ctx);
  }

  exportRecord(backup: BackupRow): Promise<Record<string, unknown>> {
    return this.inner.exportRecord(backup);
  }

  importRecord(backup: BackupRow, driverInfo: Record<string, unknown>): Promise<void> {
    return this.inner.importRecord(backup, driverInfo);
  }
}

/** A VolumeFile with some methods replaced. */
export function patchVolumeFile(f: VolumeFile, patch: Partial<Pick<VolumeFile, "read" | "write" | "flush">>): VolumeFile {
  return {
    get sizeBytes() {
      return f.sizeBytes;
    },
    read: patch.read ?? ((o, l) => f.read(o, l)),
    write: patch.write ?? ((o, d) => f.write(o, d)),
    flush: patch.flush ?? (() => f.flush()),
    ...(f.isZeroRange ? { isZeroRange: (o: number, l: number) => f.isZeroRange!(o, l) } : {}),
  };
}

/** A DriverContext with some methods replaced. */
export function patchContext(ctx: DriverContext, patch: Partial<DriverContext>): DriverContext {
  return {
    refreshBackup: (id) => ctx.refreshBackup(id),
    ...(ctx.saveBackup
      ? { saveBackup: (id: string, v: Parameters<NonNullable<DriverContext["saveBackup"]>>[1]) => ctx.saveBackup!(id, v) }
      : {}),
    getBackup: (id) => ctx.getBackup(id),
    getVolumeMeta: (v) => ctx.getVolumeMeta(v),
    putVolumeMeta: (v, j) => ctx.putVolumeMeta(v, j),
    now: () => ctx.now(),
    spend: (b, k) => ctx.spend(b, k),
    progress: (id, p) => ctx.progress(id, p),
    availabilityZone: ctx.availabilityZone,
    ...patch,
  };
}
