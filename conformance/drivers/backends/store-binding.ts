import type { ObjectStore } from "../../../lib/stores/index.ts";
import type { CinderOptions } from "../protocol/protocol-driver-under-test.ts";
import type { StoreFaults } from "./store-faults.ts";

/**
 * Volumes as RBD images (`volume-<id>`) in `pool`/`namespace`, reached with `user` and the
 * ceph.conf `conf`: the driver process hands the driver an RBD device, as cinder's RBD volume
 * driver does (`volume.rbd` in the protocol).
 */
export interface RbdVolumePlacement {
  pool: string;
  namespace: string;
  user: string;
  conf: string;
}

/**
 * Where a protocol driver's backups go, per rule: a fresh store (a directory, a Swift
 * container, …) the harness inspects, and the cinder options that point the driver at it.
 */
export interface StoreBinding {
  /** `posix directory`, `Swift AIO (tempauth)`, … for labels. */
  readonly label: string;
  createStore(): Promise<ObjectStore>;
  /** Options pointing the driver at `store` (one this binding created), e.g. `backup_posix_path`. */
  optionsFor(store: ObjectStore): CinderOptions;
  disposeStore(store: ObjectStore): Promise<void>;
  /** Set when the rule's volumes are RBD images (the Ceph binding); otherwise volumes are files only. */
  rbdVolumesFor?(store: ObjectStore): RbdVolumePlacement | null;
  /** Stops what the binding started (a backend container). */
  close(): Promise<void>;
  /** The fault proxy between driver and store, for networked stores. */
  readonly faults?: StoreFaults;
}

/** The store this binding created under a (possibly wrapped, `.inner`) store. */
export function unwrapStore(store: ObjectStore, owned: { has(s: ObjectStore): boolean }): ObjectStore | null {
  let s: unknown = store;
  for (let i = 0; i < 8 && s; i++) {
    if (owned.has(s as ObjectStore)) return s as ObjectStore;
    s = (s as { inner?: unknown }).inner;
  }
  return null;
}
