import type { DriverUnderTest } from "./driver-under-test.ts";
import { loadModuleDriver, DriverLoadError } from "./module-driver.ts";
import { referenceDriver, referencePosixDriver } from "./reference-driver.ts";
import { isProtocolDriver, protocolDriverSpec, type ProtocolFlags } from "../drivers/driver-specs.ts";
import { openProtocolDriver } from "../drivers/protocol/protocol-driver-under-test.ts";

/** `--backend`: memory and posix for every driver; the networked ones (and nfs, ceph) for python:/exec: drivers. */
export const BACKENDS = ["memory", "posix", "swift", "s3", "gcs", "nfs", "ceph"] as const;
export type Backend = (typeof BACKENDS)[number];

/**
 * `--driver` values: `ref` (reference chunked driver; `--backend memory` object layout over the
 * memory store, `--backend posix` posix layout over a directory), `ref-posix`, or a module path
 * `./path/to/module.ts#ExportName` for a third-party TypeScript or JavaScript driver
 * (run in a worker thread); `cinder:NAME`, `python:MODULE.Class` and `exec:CMD` for drivers behind
 * the driver protocol (`conformance/drivers/`).
 */
export async function resolveDriver(spec: string, backend: Backend = "memory", protocol: ProtocolFlags = {}): Promise<DriverUnderTest> {
  if (isProtocolDriver(spec)) return openProtocolDriver(protocolDriverSpec(spec, { backend, ...protocol }));
  if (backend !== "memory" && backend !== "posix")
    throw new DriverLoadError("bad-spec", `driver ${spec}: --backend ${backend} is for python: and exec: drivers`);
  if (spec === "ref") return backend === "posix" ? referencePosixDriver() : referenceDriver();
  if (spec === "ref-posix") return referencePosixDriver();
  if (/\.(ts|mts|cts|js|mjs|cjs)(#|$)/.test(spec)) return loadModuleDriver(spec, process.cwd(), backend);
  throw new DriverLoadError(
    "bad-spec",
    `unknown driver '${spec}': use ref, ref-posix, path/to/module.ts#ExportName, cinder:NAME, python:MODULE.Class or exec:CMD`,
  );
}

export const BUILTIN_DRIVERS = ["ref", "ref-posix"] as const;
