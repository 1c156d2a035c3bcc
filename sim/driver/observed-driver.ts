import type { BackupRow } from "../db/rows.ts";
import type { BackupDriver, DriverContext } from "./backup-driver.ts";
import type { VolumeFile } from "../../lib/format/index.ts";

/** What a driver-observing wrapper reports; every hook is optional. */
export interface DriverObserver {
  /** The backup manager handed the driver a backup (`backup()`) or a restore target (`restore()`). */
  started?(call: "backup" | "restore", backup: BackupRow, volumeId?: string): void;
  /** That `backup()` / `restore()` returned or raised. */
  ended?(call: "backup" | "restore", backup: BackupRow, volumeId?: string): void;
  /** The driver read the source device of `backupId` / wrote the restore target `volumeId`. */
  read?(backupId: string, bytes: number): void;
  wrote?(volumeId: string, bytes: number): void;
}

export interface ObserveOptions {
  /**
   * Uniform virtual I/O cost: `attachBytes` charged (as a read) before the driver starts, as
   * os-brick's connect does, and every device read and write charged through `ctx.spend`, so a
   * driver that never charges itself still takes virtual time.
   */
  readonly cost?: { readonly attachBytes: number };
}

/**
 * The one wrapper that watches a backup driver work inside the cloud (chaos: transfers in flight
 * per host; conformance: device I/O per volume and backup, with the cost model). Everything else
 * is forwarded unchanged.
 */
export function observeDriver(inner: BackupDriver, observer: DriverObserver, opts: ObserveOptions = {}): BackupDriver {
  const watchesIo = !!(opts.cost || observer.read || observer.wrote);
  return {
    get name() {
      return inner.name;
    },
    get capabilities() {
      return inner.capabilities;
    },
    checkForSetupError: () => inner.checkForSetupError(),
    async backup(row, file, ctx) {
      observer.started?.("backup", row);
      try {
        if (opts.cost) await ctx.spend(opts.cost.attachBytes, "read");
        const f = watchesIo
          ? observedFile(
              file,
              ctx,
              opts,
              (n) => observer.read?.(row.id, n),
              () => undefined,
            )
          : file;
        return await inner.backup(row, f, ctx);
      } finally {
        observer.ended?.("backup", row);
      }
    },
    async restore(row, volumeId, file, volumeIsNew, ctx) {
      observer.started?.("restore", row, volumeId);
      try {
        if (opts.cost) await ctx.spend(opts.cost.attachBytes, "read");
        const f = watchesIo
          ? observedFile(
              file,
              ctx,
              opts,
              () => undefined,
              (n) => observer.wrote?.(volumeId, n),
            )
          : file;
        return await inner.restore(row, volumeId, f, volumeIsNew, ctx);
      } finally {
        observer.ended?.("restore", row, volumeId);
      }
    },
    deleteBackup: (row, ctx) => inner.deleteBackup(row, ctx),
    exportRecord: (row) => inner.exportRecord(row),
    importRecord: (row, info) => inner.importRecord(row, info),
  };
}

function observedFile(
  file: VolumeFile,
  ctx: DriverContext,
  opts: ObserveOptions,
  onRead: (n: number) => void,
  onWrite: (n: number) => void,
): VolumeFile {
  return {
    get sizeBytes() {
      return file.sizeBytes;
    },
    read: async (o, l) => {
      const d = await file.read(o, l);
      onRead(d.length);
      if (opts.cost) await ctx.spend(d.length, "read");
      return d;
    },
    write: async (o, d) => {
      await file.write(o, d);
      onWrite(d.length);
      if (opts.cost) await ctx.spend(d.length, "write");
    },
    flush: () => file.flush(),
    ...(file.readView
      ? {
          readView: async (o: number, l: number) => {
            const d = await file.readView!(o, l);
            onRead(d.length);
            if (opts.cost) await ctx.spend(d.length, "read");
            return d;
          },
        }
      : {}),
    // The same accounting as `write` (same events, same trace): only the device's copy is saved.
    ...(file.writeHandedOver
      ? {
          writeHandedOver: async (o: number, d: Uint8Array) => {
            await file.writeHandedOver!(o, d);
            onWrite(d.length);
            if (opts.cost) await ctx.spend(d.length, "write");
          },
        }
      : {}),
    ...(file.writeZeros
      ? {
          writeZeros: async (o: number, l: number) => {
            await file.writeZeros!(o, l);
            onWrite(l);
            if (opts.cost) await ctx.spend(l, "write");
          },
        }
      : {}),
    ...(file.isZeroRange ? { isZeroRange: (o: number, l: number) => file.isZeroRange!(o, l) } : {}),
  };
}
