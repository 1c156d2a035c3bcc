import type { DriverCapabilities } from "../../../sim/driver/backup-driver.ts";
import type { DriverGeometry } from "../../driver/driver-under-test.ts";
import { DRIVER_PROTOCOL_VERSION, type DescribeResult } from "./messages.ts";

export interface Described {
  classPath: string;
  capabilities: DriverCapabilities;
  geometry: DriverGeometry;
  format: "chunked-posix" | "chunked-object" | null;
  /** The cinder version the process runs, when it says (the shim does). */
  cinderVersion: string | null;
}

/** Checks `describe`'s answer field by field; returns why it is malformed, or the description. */
export function parseDescribe(raw: unknown): Described | string {
  if (typeof raw !== "object" || raw === null) return `describe returned ${JSON.stringify(raw)}, not an object`;
  const d = raw as Partial<DescribeResult>;
  if (d.protocol !== DRIVER_PROTOCOL_VERSION)
    return `speaks protocol version ${JSON.stringify(d.protocol)}; this harness speaks ${DRIVER_PROTOCOL_VERSION}`;
  if (typeof d.class_path !== "string" || !d.class_path) return "describe: class_path must be a non-empty string";
  const c = d.capabilities;
  if (!c || typeof c !== "object") return "describe: capabilities missing";
  for (const k of ["incremental", "force_delete", "restore_cancel", "export_import", "sparse_aware", "encryption"] as const) {
    if (typeof c[k] !== "boolean") return `describe: capabilities.${k} must be a boolean`;
  }
  if (!Array.isArray(c.compression) || !c.compression.every((x) => typeof x === "string"))
    return "describe: capabilities.compression must be a list of names";
  const g = d.geometry;
  const pos = (n: unknown): n is number => Number.isSafeInteger(n) && (n as number) > 0;
  if (!g || !pos(g.object_size) || !pos(g.block_size))
    return `describe: geometry needs positive object_size and block_size (got ${JSON.stringify(g)})`;
  if (d.format !== null && d.format !== "chunked-posix" && d.format !== "chunked-object")
    return `describe: format must be chunked-posix, chunked-object or null`;
  if (d.cinder_version !== undefined && (typeof d.cinder_version !== "string" || !d.cinder_version))
    return "describe: cinder_version, when given, must be a non-empty string";
  return {
    classPath: d.class_path,
    capabilities: {
      incremental: c.incremental,
      forceDelete: c.force_delete,
      restoreCancel: c.restore_cancel,
      compression: c.compression,
      exportImport: c.export_import,
      sparseAware: c.sparse_aware,
      encryption: c.encryption,
    },
    geometry: { objectSize: g.object_size, blockSize: g.block_size },
    format: d.format,
    cinderVersion: d.cinder_version ?? null,
  };
}
