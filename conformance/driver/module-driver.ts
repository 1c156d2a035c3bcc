import { isAbsolute, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { BackupDriver } from "../../sim/driver/backup-driver.ts";
import { MemoryObjectStore } from "../../lib/stores/index.ts";
import { posixTempStores } from "./reference-driver.ts";
import { geometryConfig, SUITE_GEOMETRY, type DriverFactoryOptions, type DriverGeometry, type DriverUnderTest } from "./driver-under-test.ts";

/** Bad `--driver` specification or module. */
export class DriverLoadError extends Error {
  readonly code = "CBH_DRIVER_LOAD";
  constructor(message: string) {
    super(message);
    this.name = "DriverLoadError";
  }
}

type DriverClass = (new (opts: DriverFactoryOptions) => BackupDriver) & { conformanceGeometry?: DriverGeometry; conformanceFormat?: DriverUnderTest["format"] };
type DriverFactory = (opts: DriverFactoryOptions) => BackupDriver;

/**
 * A third-party TypeScript driver loaded by `path/to/module.ts#ExportName` (default export when
 * no `#`). The export is a BackupDriver class (`new Cls({store, host, config})`), a factory
 * function of the same options, or a ready DriverUnderTest object. A class may declare static
 * `conformanceGeometry` ({objectSize, blockSize}) and `conformanceFormat`.
 */
export async function loadModuleDriver(spec: string, cwd = process.cwd(), backend: "memory" | "posix" = "memory"): Promise<DriverUnderTest> {
  const hash = spec.lastIndexOf("#");
  const file = hash >= 0 ? spec.slice(0, hash) : spec;
  const exportName = hash >= 0 ? spec.slice(hash + 1) : "default";
  if (!file || !exportName) throw new DriverLoadError(`bad driver spec '${spec}': use path/to/module.ts#ExportName`);
  const path = isAbsolute(file) ? file : resolve(cwd, file);
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
  } catch (e) {
    throw new DriverLoadError(`cannot load driver module ${path}: ${(e as Error).message}`);
  }
  const exp = mod[exportName];
  if (exp === undefined) throw new DriverLoadError(`module ${path} has no export '${exportName}' (exports: ${Object.keys(mod).join(", ") || "none"})`);
  if (typeof exp === "object" && exp !== null && typeof (exp as DriverUnderTest).createDriver === "function") return exp as DriverUnderTest;
  if (typeof exp !== "function") throw new DriverLoadError(`export '${exportName}' of ${path} is neither a driver class, a factory nor a DriverUnderTest`);
  const isClass = typeof (exp as { prototype?: { backup?: unknown } }).prototype?.backup === "function";
  const make: DriverFactory = isClass ? (o) => new (exp as DriverClass)(o) : (exp as DriverFactory);
  const geometry = (exp as DriverClass).conformanceGeometry ?? SUITE_GEOMETRY;
  const probe = make({ store: new MemoryObjectStore(), host: "probe@backup", config: geometryConfig(geometry) });
  for (const m of ["checkForSetupError", "backup", "restore", "deleteBackup", "exportRecord", "importRecord"] as const) {
    if (typeof probe[m] !== "function") throw new DriverLoadError(`driver from ${spec} lacks method ${m}() of BackupDriver`);
  }
  if (!probe.capabilities) throw new DriverLoadError(`driver from ${spec} declares no capabilities`);
  const stores = backend === "posix" ? posixTempStores() : { createStore: async () => new MemoryObjectStore() };
  return {
    id: spec,
    label: `${probe.name} (${spec}) over ${backend === "posix" ? "a posix directory" : "the memory store"}`,
    capabilities: probe.capabilities,
    geometry,
    format: (exp as DriverClass).conformanceFormat ?? null,
    ...stores,
    createDriver: make,
  };
}
