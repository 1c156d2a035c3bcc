import type { Canary } from "./canary.ts";
import { DelegatingDriver, patchContext } from "./delegating-driver.ts";

/** Restores the bytes but never puts the saved volume metadata back. */
export const dropVolumeMetadata: Canary = {
  id: "drop-volume-metadata",
  bug: "loses the volume metadata on restore",
  breaks: "metadata.volume-metadata-round-trips",
  create(base, opts) {
    return new (class extends DelegatingDriver {
      override restore(...[row, volumeId, file, isNew, ctx]: Parameters<DelegatingDriver["restore"]>) {
        return super.restore(row, volumeId, file, isNew, patchContext(ctx, { putVolumeMeta: async () => undefined }));
      }
    })(base.createDriver(opts));
  },
};
