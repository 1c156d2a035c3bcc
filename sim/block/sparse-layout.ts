import type { PrngStream } from "../core/prng.ts";
import { EXTENT } from "./block-device.ts";

/** One written range of a device. */
export interface Extent {
  readonly offset: number;
  readonly length: number;
}

/** Devices at least this large get a sparse layout when filled (real geometry: 1 GiB per GB). */
export const SPARSE_FILL_FROM = 256 << 20;

/**
 * Where a used volume holds data, for fills at real geometry: a thin-provisioned device with a
 * filesystem is mostly holes. The first extent starts at 0 (superblock and group descriptors),
 * the others at seeded 64 KiB-aligned offsets across the whole device (block groups and file
 * data), each 64 KiB–1 MiB; sorted, never overlapping. Small devices are written whole (the
 * `small` geometry's 1 MiB per GB, where every byte is cheap).
 */
export function sparseLayout(sizeBytes: number, stream: PrngStream, extents = 4): Extent[] {
  if (sizeBytes < SPARSE_FILL_FROM) return [{ offset: 0, length: sizeBytes }];
  const slots = Math.floor(sizeBytes / EXTENT);
  const starts = new Set<number>([0]);
  while (starts.size < extents) starts.add(stream.int(1, slots - 17) * EXTENT);
  const sorted = [...starts].sort((a, b) => a - b);
  return sorted.map((offset, i) => {
    const room = (sorted[i + 1] ?? sizeBytes) - offset;
    return { offset, length: Math.min(room, stream.int(1, 16) * EXTENT) };
  });
}
