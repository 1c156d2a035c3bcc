import type { ObjectStore } from "../../../lib/stores/index.ts";
import { DriverLoadError } from "../../driver/load/driver-load-error.ts";
import type { CinderOptions } from "../protocol/protocol-driver-under-test.ts";
import { ScopedStore } from "./scoped-store.ts";
import { unwrapStore, type StoreBinding } from "./store-binding.ts";

export interface ScopedBindingParts {
  label: string;
  /** Names the scopes: `cbh-<runId>-<n>`. */
  runId: string;
  /** The whole account (a Swift account, an S3 or GCS project) the rules' scopes live in. */
  account: ObjectStore;
  /** The driver's options for a store of this binding; `scope` is its container/bucket (null for a foreign store). */
  options(scope: string | null): CinderOptions;
  /** Stops the backend. */
  close(): Promise<void>;
}

/**
 * The per-rule bookkeeping every networked binding (Swift, S3, GCS) shares: each rule gets a
 * ScopedStore over the account named `cbh-<run>-<n>` (the container or bucket the driver is
 * pointed at, and all the rule sees), and disposing it deletes what the rule left there.
 */
export function scopedBinding(parts: ScopedBindingParts): StoreBinding {
  const scopes = new WeakMap<ObjectStore, string>();
  let n = 0;
  return {
    label: parts.label,
    async createStore() {
      const scope = `cbh-${parts.runId}-${++n}`;
      const store = new ScopedStore(parts.account, scope);
      scopes.set(store, scope);
      return store;
    },
    optionsFor(store) {
      const own = unwrapStore(store, scopes);
      return parts.options(own ? scopes.get(own)! : null);
    },
    async disposeStore(store) {
      if (!scopes.get(store)) return;
      for (const c of await store.listContainers()) for (const o of await store.listObjects(c)) await store.deleteObject(c, o);
    },
    close: () => parts.close(),
  };
}

/** Starts a driver's backend; a failure is a load error naming the driver and the backend. */
export async function startBackendFor<T>(driver: string, backend: string, start: () => Promise<T>): Promise<T> {
  try {
    return await start();
  } catch (e) {
    throw new DriverLoadError("backend-failed", `driver ${driver}: ${backend} failed to start: ${(e as Error).message}`);
  }
}
