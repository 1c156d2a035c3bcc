import type { Canary } from "./canary.ts";
import { DelegatingDriver, patchVolumeFile } from "./delegating-driver.ts";

/** bug 2155612: skips all-zero pieces on restore even into an existing volume, leaving old bytes. */
export const skipZeroWrites: Canary = {
  id: "skip-zero-writes",
  bug: "skips zero regions on restore into an existing volume (bug 2155612)",
  breaks: "round-trip.zero-regions-onto-existing",
  create(base, opts) {
    return new (class extends DelegatingDriver {
      override restore(...[row, volumeId, file, isNew, ctx]: Parameters<DelegatingDriver["restore"]>) {
        const f = patchVolumeFile(file, { write: async (o, d) => (d.every((b) => b === 0) ? undefined : file.write(o, d)) });
        return super.restore(row, volumeId, f, isNew, ctx);
      }
    })(base.createDriver(opts));
  },
};
