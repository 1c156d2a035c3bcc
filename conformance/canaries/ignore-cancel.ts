import type { Canary } from "./canary.ts";
import { DelegatingDriver, patchContext } from "./delegating-driver.ts";

/** Never sees a force delete: the status it refreshes between chunks always reads `creating`. */
export const ignoreCancel: Canary = {
  id: "ignore-cancel",
  bug: "never honours cancellation",
  breaks: "cancel.backup-force-delete-leaves-no-partial-backup",
  create(base, opts) {
    return new (class extends DelegatingDriver {
      override backup(...[row, file, ctx]: Parameters<DelegatingDriver["backup"]>) {
        const blind = patchContext(ctx, {
          refreshBackup: async (id) => ({ ...(await ctx.refreshBackup(id)), status: "creating", deleted: false }),
        });
        return super.backup(row, file, blind);
      }
    })(base.createDriver(opts));
  },
};
