import type { Canary } from "./canary.ts";
import { DelegatingDriver, patchVolumeFile } from "./delegating-driver.ts";

/** Reads whole chunks only: the short last chunk (volume size not a multiple of the object size) is never stored. */
export const dropLastPartialChunk: Canary = {
  id: "drop-last-partial-chunk",
  bug: "drops the last partial chunk",
  breaks: "round-trip.object-boundary-plus-one",
  create(base, opts) {
    const objectSize = base.geometry.objectSize;
    return new (class extends DelegatingDriver {
      override backup(...[row, file, ctx]: Parameters<DelegatingDriver["backup"]>) {
        const whole = Math.floor(file.sizeBytes / objectSize) * objectSize;
        const f = patchVolumeFile(file, { read: async (o, l) => (o >= whole && whole > 0 ? new Uint8Array(0) : file.read(o, l)) });
        return super.backup(row, f, ctx);
      }
    })(base.createDriver(opts));
  },
};
