import { mkdtemp, rm } from "node:fs/promises";
import { join, relative } from "node:path";
import type { ObjectStore } from "../../../lib/stores/index.ts";
import { PosixObjectStore } from "../../../lib/stores/index.ts";
import type { CinderOptions } from "../protocol/protocol-driver-under-test.ts";
import { fuseStoreFaults } from "./fuse-store-faults.ts";
import { unwrapStore, type StoreBinding } from "./store-binding.ts";

/** Where the drivers container mounts `cbh_posix_fuse` over the run's work directory (container-local). */
export const POSIX_FUSE_MOUNT_POINT = "/var/lib/cbh-posix-faults";

/**
 * The passthrough FUSE layer a posix driver in the drivers container can be given for the
 * `faults.*` rules: the shim mounts the work directory at `mountPoint` (CBH_POSIX_FUSE) with the
 * seeded plan file `planFile`, as the NFS client does under cinder:nfs.
 */
export interface PosixFuse {
  mountPoint: string;
  planFile: string;
}

/**
 * `backup_posix_path`: a fresh directory per rule under the run's work directory. With `fuse`, a
 * driver instance created while a `faults.*` plan is set gets the same directory through the
 * FUSE mount (ENOSPC/EIO from the plan); every other rule writes the directory directly, so the
 * layer costs them nothing.
 */
export function posixBinding(workDir: string, fuse?: PosixFuse): StoreBinding {
  const roots = new WeakMap<ObjectStore, string>();
  let faulted = false;
  return {
    label: fuse ? "a posix directory (through a passthrough FUSE layer for faults)" : "a posix directory",
    ...(fuse
      ? {
          faults: fuseStoreFaults(fuse.planFile, "ENOSPC/EIO injected by cbh_posix_fuse over the directory", (plan) => {
            faulted = plan !== null;
          }),
        }
      : {}),
    async createStore() {
      const root = await mkdtemp(join(workDir, "store-"));
      const store = new PosixObjectStore({ root });
      roots.set(store, root);
      return store;
    },
    optionsFor(store): CinderOptions {
      const own = unwrapStore(store, roots);
      if (!own) return {};
      const root = roots.get(own)!;
      return { backup_posix_path: fuse && faulted ? join(fuse.mountPoint, relative(workDir, root)) : root };
    },
    async disposeStore(store) {
      const root = roots.get(store);
      if (root) await rm(root, { recursive: true, force: true });
    },
    async close() {},
  };
}
