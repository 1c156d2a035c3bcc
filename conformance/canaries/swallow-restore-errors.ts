import { isBackupRestoreCancel } from "../../sim/errors/restore-cancel.ts";
import type { Canary } from "./canary.ts";
import { DelegatingDriver } from "./delegating-driver.ts";

/** Reports a restore as successful whatever went wrong (only a cancel still propagates). */
export const swallowRestoreErrors: Canary = {
  id: "swallow-restore-errors",
  bug: "reports success when a restore failed",
  breaks: "restore.missing-object-fails",
  create(base, opts) {
    return new (class extends DelegatingDriver {
      override async restore(...args: Parameters<DelegatingDriver["restore"]>) {
        try {
          await super.restore(...args);
        } catch (e) {
          if (isBackupRestoreCancel(e)) throw e;
        }
      }
    })(base.createDriver(opts));
  },
};
