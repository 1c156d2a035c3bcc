import type { Canary } from "./canary.ts";
import { DelegatingDriver, patchContext } from "./delegating-driver.ts";

/** Restore never notices a reset-status: the requested backup always reads `restoring`. */
export const ignoreRestoreCancel: Canary = {
  id: "ignore-restore-cancel",
  bug: "never honours restore cancellation",
  breaks: "cancel.restore-reset-status-cancels",
  create(base, opts) {
    return new (class extends DelegatingDriver {
      override restore(...[row, volumeId, file, isNew, ctx]: Parameters<DelegatingDriver["restore"]>) {
        const blind = patchContext(ctx, { refreshBackup: async (id) => ({ ...(await ctx.refreshBackup(id)), status: "restoring" }) });
        return super.restore(row, volumeId, file, isNew, blind);
      }
    })(base.createDriver(opts));
  },
};
