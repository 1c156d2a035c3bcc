import type { DriverUnderTest } from "./driver-under-test.ts";
import { loadModuleDriver, DriverLoadError } from "./module-driver.ts";
import { referenceDriver, referencePosixDriver } from "./reference-driver.ts";

export type Backend = "memory" | "posix";

/**
 * `--driver` values: `ref` (reference chunked driver; `--backend memory` object layout over the
 * memory store, `--backend posix` posix layout over a directory), `ref-posix`, or a module path
 * `./path/to/module.ts#ExportName` for a third-party TypeScript or JavaScript driver
 * (run in a worker thread).
 */
export async function resolveDriver(spec: string, backend: Backend = "memory"): Promise<DriverUnderTest> {
  if (spec === "ref") return backend === "posix" ? referencePosixDriver() : referenceDriver();
  if (spec === "ref-posix") return referencePosixDriver();
  if (/\.(ts|mts|cts|js|mjs|cjs)(#|$)/.test(spec)) return loadModuleDriver(spec, process.cwd(), backend);
  throw new DriverLoadError("bad-spec", `unknown driver '${spec}': use ref, ref-posix, or path/to/module.ts#ExportName`);
}

export const BUILTIN_DRIVERS = ["ref", "ref-posix"] as const;
