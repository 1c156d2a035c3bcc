import type { Canary } from "./canary.ts";
import { DelegatingDriver, patchVolumeFile } from "./delegating-driver.ts";

/** Restores every object at `offset % 4 MiB`: right on any volume under 4 MiB, which is all the small rules use. */
export const wrapOffsets4Mib: Canary = {
  id: "wrap-offsets-4mib",
  bug: "restores objects at offset modulo 4 MiB",
  breaks: "round-trip.many-objects",
  create(base, opts) {
    return new (class extends DelegatingDriver {
      override restore(...[row, volumeId, file, isNew, ctx]: Parameters<DelegatingDriver["restore"]>) {
        const f = patchVolumeFile(file, { write: (o, d) => file.write(o % (4 << 20), d) });
        return super.restore(row, volumeId, f, isNew, ctx);
      }
    })(base.createDriver(opts));
  },
};
