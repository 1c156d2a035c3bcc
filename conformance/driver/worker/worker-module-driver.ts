import { MemoryObjectStore } from "../../../lib/stores/index.ts";
import { geometryConfig, SUITE_GEOMETRY, type DriverUnderTest } from "../driver-under-test.ts";
import { DriverLoadError } from "../load/driver-load-error.ts";
import { posixTempStores } from "../reference-driver.ts";
import { DriverWorker } from "./driver-worker.ts";
import type { WorkerInit } from "./protocol.ts";
import { WorkerBackupDriver } from "./worker-backup-driver.ts";

/** How long a module may take to import and build its first instance before the load fails. */
export const DRIVER_LOAD_TIMEOUT_MS = 30_000;

function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new DriverLoadError(
            "worker-failed",
            `${what} did not finish within ${ms} ms (a synchronous loop at import or in the constructor?)`,
          ),
        ),
      ms,
    );
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

/**
 * A third-party driver class or factory run in worker threads: a probe worker imports the module
 * and builds one instance (every CBH_DRIVER_LOAD reason surfaces here), then each rule's drivers
 * share one worker (a ready DriverUnderTest export answers `"dut-export"`: it runs in-process). They
 * share one worker, which `terminateDrivers()` (called when the rule ends, passes, fails or times
 * out) stops, so `--timeout` ends even a driver stuck in `while (true) {}`.
 */
export async function workerModuleDriver(
  init: WorkerInit,
  backend: "memory" | "posix",
  loadTimeoutMs = DRIVER_LOAD_TIMEOUT_MS,
): Promise<DriverUnderTest | "dut-export"> {
  const probe = new DriverWorker(init);
  let loaded, first;
  try {
    loaded = await within(probe.loaded.promise, loadTimeoutMs, `importing ${init.path}`);
    if (loaded.kind === "dut") return "dut-export";
    const geometry = loaded.geometry ?? SUITE_GEOMETRY;
    first = await within(
      probe.create({ store: new MemoryObjectStore(), host: "probe@backup", config: geometryConfig(geometry) }).created,
      loadTimeoutMs,
      `constructing ${init.spec}`,
    );
  } finally {
    await probe.terminate();
  }
  const { name, capabilities } = first;
  const geometry = loaded.geometry ?? SUITE_GEOMETRY;
  let current: DriverWorker | null = null;
  const stores = backend === "posix" ? posixTempStores() : { createStore: async () => new MemoryObjectStore() };
  return {
    id: init.spec,
    label: `${name} (${init.spec}) over ${backend === "posix" ? "a posix directory" : "the memory store"}, in a worker thread`,
    capabilities,
    geometry,
    format: loaded.format ?? null,
    ...stores,
    createDriver(opts) {
      current ??= new DriverWorker(init);
      const { instance, created } = current.create(opts);
      return new WorkerBackupDriver(name, capabilities, current, instance, created);
    },
    async terminateDrivers(reason?: string) {
      const w = current;
      current = null;
      await w?.terminate(reason);
    },
  };
}
