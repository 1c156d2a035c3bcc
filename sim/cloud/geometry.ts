/**
 * Device and backup-object geometry of a simulated cloud. `real` is cinder's: a volume of N GB is
 * N GiB (`volume.size` is GiB, `volume_utils.copy_volume` moves `size * units.Gi` bytes) and the
 * posix driver writes `backup_file_size` 1999994880-byte objects (`drivers/posix.py`). `small`
 * scales both down (1 MiB per GB, 256 KiB objects) so tests and sweeps that fill whole volumes
 * with data stay fast; the sha block (`backup_sha_block_size_bytes` 32768) is the same in both.
 */
export const GEOMETRIES = {
  real: { sim_bytes_per_gb: 2 ** 30, backup_file_size: 1999994880 },
  small: { sim_bytes_per_gb: 2 ** 20, backup_file_size: 262144 },
} as const;

export type Geometry = keyof typeof GEOMETRIES;

export class GeometryError extends Error {
  readonly code = "bad-geometry";
}

export function parseGeometry(text: string): Geometry {
  if (text === "real" || text === "small") return text;
  throw new GeometryError(`geometry must be real or small, got '${text}'`);
}

/** The config overrides of a geometry (`sim_bytes_per_gb`, `backup_file_size`). */
export function geometryConfig(g: Geometry): { sim_bytes_per_gb: number; backup_file_size: number } {
  return { ...GEOMETRIES[g] };
}
