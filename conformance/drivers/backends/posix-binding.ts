import { mkdtemp, rm } from "node:fs/promises";
import { join } from "node:path";
import type { ObjectStore } from "../../../lib/stores/index.ts";
import { PosixObjectStore } from "../../../lib/stores/index.ts";
import type { CinderOptions } from "../protocol/protocol-driver-under-test.ts";
import { unwrapStore, type StoreBinding } from "./store-binding.ts";

/** `backup_posix_path`: a fresh directory per rule under the run's work directory. */
export function posixBinding(workDir: string): StoreBinding {
  const roots = new WeakMap<ObjectStore, string>();
  return {
    label: "a posix directory",
    async createStore() {
      const root = await mkdtemp(join(workDir, "store-"));
      const store = new PosixObjectStore({ root });
      roots.set(store, root);
      return store;
    },
    optionsFor(store): CinderOptions {
      const own = unwrapStore(store, roots);
      return own ? { backup_posix_path: roots.get(own)! } : {};
    },
    async disposeStore(store) {
      const root = roots.get(store);
      if (root) await rm(root, { recursive: true, force: true });
    },
    async close() {},
  };
}
