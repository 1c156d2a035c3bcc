import { mkdtemp, rm } from "node:fs/promises";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ChunkedBackupDriver } from "../../sim/drivers/index.ts";
import { MemoryObjectStore } from "../../sim/storage/memory-object-store.ts";
import type { ObjectStore } from "../../sim/storage/object-store.ts";
import { SUITE_GEOMETRY, type DriverUnderTest } from "./driver-under-test.ts";

const POSIX_STORE_MODULE = new URL("../stores/posix-object-store.ts", import.meta.url);

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

/** True when the posix store (`conformance/stores/posix-object-store.ts`) is part of this build. */
export function posixStoreAvailable(): boolean {
  return existsSync(fileURLToPath(POSIX_STORE_MODULE));
}

/** The reference chunked driver, posix layout, over a posix directory (a fresh temp dir per rule). */
export async function referencePosixDriver(): Promise<DriverUnderTest> {
  if (!posixStoreAvailable()) throw new Error("ref-posix needs conformance/stores/posix-object-store.ts, which this build lacks");
  const mod = (await import(POSIX_STORE_MODULE.href)) as { PosixObjectStore: new (root: string) => ObjectStore };
  const probe = new ChunkedBackupDriver({ layout: "posix", store: new MemoryObjectStore() });
  const roots = new WeakMap<ObjectStore, string>();
  return {
    id: "ref-posix",
    label: "reference chunked driver (posix layout) over a posix directory",
    capabilities: probe.capabilities,
    geometry: SUITE_GEOMETRY,
    format: "chunked-posix",
    async createStore() {
      const root = await mkdtemp(join(tmpdir(), "cbh-conformance-"));
      const store = new mod.PosixObjectStore(root);
      roots.set(store, root);
      return store;
    },
    createDriver: ({ store, config }) => new ChunkedBackupDriver({ layout: "posix", store, config, zlibEncoder: "native" }),
    async disposeStore(store) {
      const root = roots.get(store);
      if (root) await rm(root, { recursive: true, force: true });
    },
  };
}
