import type { BackupRow } from "../../../sim/db/rows.ts";
import type { DriverContext } from "../../../sim/driver/backup-driver.ts";
import { ChunkedBackupDriver } from "../../../sim/drivers/index.ts";
import type { DriverFactoryOptions } from "../driver-under-test.ts";

/**
 * A third-party-style driver module for the loader's and CLI's tests: the reference driver whose
 * delete_backup does nothing (every object leaks). Loaded as `…/leaky-driver.ts#LeakyDriver`.
 */
export class LeakyDriver extends ChunkedBackupDriver {
  static readonly conformanceGeometry = { objectSize: 128 * 1024, blockSize: 32 * 1024 };
  static readonly conformanceFormat = "chunked-object" as const;

  constructor(opts: DriverFactoryOptions) {
    super({ layout: "object", store: opts.store, config: opts.config, name: "example.LeakyDriver" });
  }

  override async deleteBackup(_backup: BackupRow, _ctx: DriverContext): Promise<void> {}
}

/** A factory-function export of a correct driver. */
export const makeGoodDriver = (opts: DriverFactoryOptions) =>
  new ChunkedBackupDriver({ layout: "object", store: opts.store, config: opts.config });
