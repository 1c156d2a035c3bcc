import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ChunkedBackupDriver } from "../../sim/drivers/index.ts";
import { MemoryObjectStore, type ObjectStore, PosixObjectStore } from "../../lib/stores/index.ts";
import { SUITE_GEOMETRY, type DriverUnderTest } from "./driver-under-test.ts";

/** The reference chunked driver (`sim/drivers`), Swift-like object layout, over the in-memory store. */
export function referenceDriver(): DriverUnderTest {
  const probe = new ChunkedBackupDriver({ layout: "object", store: new MemoryObjectStore() });
  return {
    id: "ref",
    label: "reference chunked driver (object layout) over the memory store",
    capabilities: probe.capabilities,
    geometry: SUITE_GEOMETRY,
    format: "chunked-object",
    createStore: async () => new MemoryObjectStore(),
    createDriver: ({ store, config }) => new ChunkedBackupDriver({ layout: "object", store, config, zlibEncoder: "native" }),
  };
}

/** The reference chunked driver, posix layout, over a posix directory (a fresh temp dir per rule). */
export function referencePosixDriver(): DriverUnderTest {
  const probe = new ChunkedBackupDriver({ layout: "posix", store: new MemoryObjectStore() });
  return {
    id: "ref-posix",
    label: "reference chunked driver (posix layout) over a posix directory",
    capabilities: probe.capabilities,
    geometry: SUITE_GEOMETRY,
    format: "chunked-posix",
    ...posixTempStores(),
    createDriver: ({ store, config }) => new ChunkedBackupDriver({ layout: "posix", store, config, zlibEncoder: "native" }),
  };
}

/** A fresh posix directory store per rule (under the OS temp dir), removed by `disposeStore`. */
export function posixTempStores(): Pick<DriverUnderTest, "createStore" | "disposeStore"> {
  const roots = new WeakMap<ObjectStore, string>();
  return {
    async createStore() {
      const root = await mkdtemp(join(tmpdir(), "cbh-conformance-"));
      const store = new PosixObjectStore({ root });
      roots.set(store, root);
      return store;
    },
    async disposeStore(store) {
      const root = roots.get(store);
      if (root) await rm(root, { recursive: true, force: true });
    },
  };
}
