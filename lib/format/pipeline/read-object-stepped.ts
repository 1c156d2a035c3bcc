import type { ObjectStore } from "../../stores/contract/index.ts";
import { compressionFamily } from "../compression.ts";
import { FormatError } from "../format-error.ts";
import type { FormatLimits } from "../limits.ts";
import type { ObjectEntry } from "../metadata.ts";
import { canReadStepped, type SteppedRead } from "../stepped-read.ts";

/** Uncompressed objects from this size on are read in steps (smaller ones are read whole, ahead). */
export const STEPPED_MIN_BYTES = 32 * 1024 * 1024;

/**
 * `readObjectData` for a large uncompressed object on a store that reads in steps: the same size
 * checks and errors (before any data is read), then the object's bytes as they land. null when
 * this path does not apply (compressed, small, or a store without stepped reads).
 */
export async function readObjectStepped(
  store: ObjectStore,
  container: string,
  entry: ObjectEntry,
  limits: FormatLimits,
): Promise<SteppedRead | null> {
  if (!canReadStepped(store) || entry.length < STEPPED_MIN_BYTES || !uncompressed(entry.compression)) return null;
  const max = Math.min(entry.length, limits.maxObjectBytes);
  // The errors readObjectData (getObjectBounded, then the length check) gives for the same object.
  const size = await store.objectSize(container, entry.name);
  if (size > max + 1024) throw new FormatError("too-large", `${entry.name} is ${size} bytes (limit ${max + 1024})`);
  if (size > max) throw new FormatError("bad-object", `${entry.name} holds ${size} bytes, metadata says ${entry.length}`);
  return store.readObjectStepped(container, entry.name);
}

function uncompressed(algorithm: string): boolean {
  try {
    return compressionFamily(algorithm) === "none";
  } catch {
    return false;
  }
}
