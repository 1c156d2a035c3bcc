import type { Canary } from "./canary.ts";
import { DelegatingDriver } from "./delegating-driver.ts";

/** Takes every backup as a full one although `parent_id` is set (restores fine, stores everything). */
export const ignoreParent: Canary = {
  id: "ignore-parent",
  bug: "ignores the parent and stores everything",
  breaks: "incremental.stores-only-changed-blocks",
  create(base, opts) {
    return new (class extends DelegatingDriver {
      override backup(...[row, file, ctx]: Parameters<DelegatingDriver["backup"]>) {
        return super.backup({ ...row, parent_id: null }, file, ctx);
      }
    })(base.createDriver(opts));
  },
};
