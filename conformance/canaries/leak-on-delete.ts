import type { ObjectStore } from "../../lib/stores/index.ts";
import type { Canary } from "./canary.ts";

/** Deletes data objects and `_metadata` but forgets the `_sha256file` of every backup. */
export const leakOnDelete: Canary = {
  id: "leak-on-delete",
  bug: "leaks objects on delete",
  breaks: "delete.every-backup-leaves-no-object",
  create(base, opts) {
    const s = opts.store;
    const leaky: ObjectStore = {
      get kind() {
        return s.kind;
      },
      ensureContainer: (c) => s.ensureContainer(c),
      putObject: (c, n, d) => s.putObject(c, n, d),
      getObject: (c, n) => s.getObject(c, n),
      listObjects: (c, p) => s.listObjects(c, p),
      deleteObject: async (c, n) => (n.endsWith("_sha256file") ? undefined : s.deleteObject(c, n)),
      listContainers: () => s.listContainers(),
    };
    return base.createDriver({ ...opts, store: leaky });
  },
};
