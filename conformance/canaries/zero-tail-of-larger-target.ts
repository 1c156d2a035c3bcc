import type { Canary } from "./canary.ts";
import { DelegatingDriver, patchVolumeFile } from "./delegating-driver.ts";

/** After restoring, zero-fills the target past the backup's end ("clean" target): destroys a larger volume's tail. */
export const zeroTailOfLargerTarget: Canary = {
  id: "zero-tail-of-larger-target",
  bug: "zero-fills a larger target past the backup's end",
  breaks: "restore.larger-target-keeps-tail",
  create(base, opts) {
    return new (class extends DelegatingDriver {
      override async restore(...[row, volumeId, file, isNew, ctx]: Parameters<DelegatingDriver["restore"]>) {
        let end = 0;
        const f = patchVolumeFile(file, {
          write: (o, d) => {
            end = Math.max(end, o + d.length);
            return file.write(o, d);
          },
        });
        await super.restore(row, volumeId, f, isNew, ctx);
        if (end < file.sizeBytes) await file.write(end, new Uint8Array(file.sizeBytes - end));
        await file.flush();
      }
    })(base.createDriver(opts));
  },
};
