import type { Canary } from "./canary.ts";
import { DelegatingDriver, patchVolumeFile } from "./delegating-driver.ts";

/** Restore never flushes the device: it reports success while the bytes sit in the page cache. */
export const successBeforeDurable: Canary = {
  id: "success-before-durable",
  bug: "reports success before data is durable",
  breaks: "round-trip.restore-is-durable",
  create(base, opts) {
    return new (class extends DelegatingDriver {
      override restore(...[row, volumeId, file, isNew, ctx]: Parameters<DelegatingDriver["restore"]>) {
        return super.restore(row, volumeId, patchVolumeFile(file, { flush: async () => undefined }), isNew, ctx);
      }
    })(base.createDriver(opts));
  },
};
