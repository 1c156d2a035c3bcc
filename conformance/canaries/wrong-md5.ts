import { createHash } from "node:crypto";
import type { ObjectStore } from "../../lib/stores/index.ts";
import type { Canary } from "./canary.ts";

/** Writes `_metadata` whose per-object md5 is of the compressed bytes' length, not of the data. */
export const wrongMd5: Canary = {
  id: "wrong-md5",
  bug: "writes a wrong md5",
  breaks: "format.metadata-md5-matches-data",
  create(base, opts) {
    const s = opts.store;
    const store: ObjectStore = {
      get kind() {
        return s.kind;
      },
      ensureContainer: (c) => s.ensureContainer(c),
      async putObject(c, n, d) {
        if (!n.endsWith("_metadata")) return s.putObject(c, n, d);
        const text = new TextDecoder()
          .decode(d)
          .replace(/"md5": "([0-9a-f]{32})"/g, (_m, md5: string) => `"md5": "${createHash("md5").update(`${md5}x`).digest("hex")}"`);
        return s.putObject(c, n, new TextEncoder().encode(text));
      },
      getObject: (c, n) => s.getObject(c, n),
      listObjects: (c, p) => s.listObjects(c, p),
      deleteObject: (c, n) => s.deleteObject(c, n),
      listContainers: () => s.listContainers(),
    };
    return base.createDriver({ ...opts, store });
  },
};
