import type { Canary } from "./canary.ts";
import { DelegatingDriver, patchVolumeFile } from "./delegating-driver.ts";

/** Restores every object at its offset truncated to 32 bits (`offset >>> 0`): right on any volume under 4 GiB. */
export const wrapOffsets32Bit: Canary = {
  id: "wrap-offsets-32bit",
  bug: "truncates object offsets to 32 bits on restore",
  breaks: "round-trip.sparse-past-4gib",
  create(base, opts) {
    return new (class extends DelegatingDriver {
      override restore(...[row, volumeId, file, isNew, ctx]: Parameters<DelegatingDriver["restore"]>) {
        const f = patchVolumeFile(file, { write: (o, d) => file.write(o >>> 0, d) });
        return super.restore(row, volumeId, f, isNew, ctx);
      }
    })(base.createDriver(opts));
  },
};
