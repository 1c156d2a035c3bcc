import { GEOMETRIES } from "../../sim/cloud/index.ts";

/**
 * Device and object geometry of a chaos run. The chaos cloud backs up into an object store
 * (`MemoryObjectStore`), the stand-in for what RHOSP deploys by default and what DCN edge sites
 * back up to across the WAN: Swift in the central AZ. So its `real` geometry is cinder's device
 * scale (a volume of N GB is N GiB, `volume_utils.copy_volume`) with the object-store drivers'
 * object size: 52428800 bytes (`drivers/swift.py:backup_swift_object_size`,
 * `drivers/s3.py:backup_s3_object_size`, `drivers/gcs.py:backup_gcs_object_size`; their block size
 * is the 32768-byte `backup_sha_block_size_bytes` default too). `real-posix` is `cbh serve`'s
 * `real`: posix's `backup_file_size` 1999994880 (`drivers/posix.py`), slow because a chunk with
 * any data is hashed, compressed and inflated whole. `small` scales both down (1 MiB per GB,
 * 256 KiB objects) for sweeps of thousands of runs.
 */
export const CHAOS_GEOMETRIES = {
  real: { sim_bytes_per_gb: 2 ** 30, backup_file_size: 52428800 },
  "real-posix": { ...GEOMETRIES.real },
  small: { ...GEOMETRIES.small },
} as const;

export type ChaosGeometry = keyof typeof CHAOS_GEOMETRIES;

/** What `cbh chaos run` uses without `--geometry`. */
export const DEFAULT_CHAOS_GEOMETRY: ChaosGeometry = "real";

export function isChaosGeometry(text: string): text is ChaosGeometry {
  return Object.hasOwn(CHAOS_GEOMETRIES, text);
}

/** The cloud config overrides of a chaos geometry (a scenario's own `config:` still wins). */
export function chaosGeometryConfig(g: ChaosGeometry): { sim_bytes_per_gb: number; backup_file_size: number } {
  return { ...CHAOS_GEOMETRIES[g] };
}
