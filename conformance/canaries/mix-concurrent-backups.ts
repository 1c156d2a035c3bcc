import type { VolumeFile } from "../../lib/format/index.ts";
import type { Canary } from "./canary.ts";
import { DelegatingDriver, patchVolumeFile } from "./delegating-driver.ts";

/** Keeps "the current volume" in an instance field: concurrent backups read each other's device. */
export const mixConcurrentBackups: Canary = {
  id: "mix-concurrent-backups",
  bug: "mixes up two concurrent backups",
  breaks: "concurrency.parallel-backups-never-mix-data",
  create(base, opts) {
    return new (class extends DelegatingDriver {
      #current: VolumeFile | null = null;
      override backup(...[row, file, ctx]: Parameters<DelegatingDriver["backup"]>) {
        this.#current = file;
        return super.backup(row, patchVolumeFile(file, { read: (o, l) => (this.#current ?? file).read(o, l) }), ctx);
      }
    })(base.createDriver(opts));
  },
};
