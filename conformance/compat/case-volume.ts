import { fillPattern, mutate } from "../rules/support/volume-patterns.ts";
import type { SparseDevice } from "../driver/sparse-device.ts";
import type { VolumeShape } from "./compat-cases.ts";

const EXTENT = 64 * 1024;

/** The volume's size for a driver whose objects are `objectSize` bytes. */
export function volumeBytes(shape: VolumeShape, objectSize: number): number {
  return shape.objects * objectSize + shape.extraBytes;
}

/** The content a case backs up first: seeded data, or (sparse) two extents and holes. */
export function fillVolume(dev: SparseDevice, shape: VolumeShape, objectSize: number, seed: number): void {
  if (shape.fill !== "sparse") return fillPattern(dev, shape.fill, 0, dev.sizeBytes, seed);
  fillPattern(dev, "random", 0, EXTENT, seed);
  fillPattern(dev, "random", Math.min(5 * objectSize + 12_345, dev.sizeBytes - EXTENT), EXTENT, seed + 1);
}

/**
 * The change before incremental `n` (0-based): a few bytes inside a data object, a block across
 * an object boundary, or (sparse) a new extent in a hole.
 */
export function changeVolume(dev: SparseDevice, shape: VolumeShape, objectSize: number, n: number, seed: number): void {
  if (shape.fill === "sparse") {
    const at = Math.min((8 + 2 * n) * objectSize + 4096, dev.sizeBytes - EXTENT);
    return fillPattern(dev, "random", at, EXTENT, seed + 100 + n);
  }
  if (n % 2 === 0) mutate(dev, Math.min(objectSize + 100, dev.sizeBytes - 16), 16, seed + 100 + n);
  else mutate(dev, Math.max(0, Math.min(2 * objectSize - 2048, dev.sizeBytes - 4096)), 4096, seed + 100 + n);
}
