import { isAbsolute, resolve } from "node:path";
import { existsSync } from "node:fs";
import { MemoryObjectStore } from "../../lib/stores/index.ts";
import { posixTempStores } from "./reference-driver.ts";
import { geometryConfig, SUITE_GEOMETRY, type DriverUnderTest } from "./driver-under-test.ts";
import { constructChecked, driverExport } from "./load/driver-export.ts";
import { DriverLoadError } from "./load/driver-load-error.ts";
import { importDriverModule } from "./load/import-driver-module.ts";
import { workerModuleDriver } from "./worker/worker-module-driver.ts";

export { DriverLoadError } from "./load/driver-load-error.ts";

/** Where a module driver runs: a worker thread (default; `--timeout` can stop it) or this thread. */
export type DriverIsolation = "worker" | "in-process";

/**
 * A third-party driver loaded by `path/to/module.ts#ExportName` (default export when no `#`), from
 * anywhere (`.ts`, `.mts`, `.cts`, `.js`, `.mjs`, with or without a package.json). The export is a
 * BackupDriver class (`new Cls({store, host, config})`), a factory function of the same options, or
 * a ready DriverUnderTest object (which always runs in-process). A class may declare static
 * `conformanceGeometry` ({objectSize, blockSize}) and `conformanceFormat`. Every problem is a
 * DriverLoadError (`CBH_DRIVER_LOAD`) with a sub-reason.
 */
export async function loadModuleDriver(
  spec: string,
  cwd = process.cwd(),
  backend: "memory" | "posix" = "memory",
  isolation: DriverIsolation = "worker",
): Promise<DriverUnderTest> {
  const hash = spec.lastIndexOf("#");
  const file = hash >= 0 ? spec.slice(0, hash) : spec;
  const exportName = hash >= 0 ? spec.slice(hash + 1) : "default";
  if (!file || !exportName) throw new DriverLoadError("bad-spec", `bad driver spec '${spec}': use path/to/module.ts#ExportName`);
  const path = isAbsolute(file) ? file : resolve(cwd, file);
  if (!existsSync(path)) throw new DriverLoadError("module-not-found", `driver module ${path} does not exist`);
  if (isolation === "worker") {
    // imported in the worker only: a module that never returns from its top level cannot hang the harness
    const dut = await workerModuleDriver({ path, exportName, spec }, backend);
    if (dut !== "dut-export") return dut;
  }
  const exp = driverExport(await importDriverModule(path), exportName, path);
  if (exp.kind === "dut") return exp.dut;
  const geometry = exp.geometry ?? SUITE_GEOMETRY;
  const probe = constructChecked(exp, { store: new MemoryObjectStore(), host: "probe@backup", config: geometryConfig(geometry) }, spec);
  const stores = backend === "posix" ? posixTempStores() : { createStore: async () => new MemoryObjectStore() };
  return {
    id: spec,
    label: `${probe.name} (${spec}) over ${backend === "posix" ? "a posix directory" : "the memory store"}`,
    capabilities: probe.capabilities,
    geometry,
    format: exp.format ?? null,
    ...stores,
    createDriver: exp.make,
  };
}
