import type { ObjectStore } from "../../stores/contract/index.ts";
import { compressionFamily } from "../compression.ts";
import type { FormatLimits } from "../limits.ts";
import type { ObjectEntry } from "../metadata.ts";
import { isOpenable, type ObjectReader } from "../object-reader.ts";
import type { BlockHasher } from "./block-hasher.ts";
import { WorkerBlockHasher } from "./worker-block-hasher.ts";

/** Slots of the verify/restore hasher: a streamed object's piece; also the limit of a piece hashed from a whole object. */
export const STREAM_SLOT_BYTES = 8 * 1024 * 1024;
/** Slots: pieces being read, hashed and written at once. */
export const STREAM_DEPTH = 4;
/** Smaller objects are read whole (one read call, then `hashObject`). */
export const STREAM_MIN_BYTES = 32 * 1024 * 1024;

/**
 * The object opened for `streamObject`, or null to read it whole. Streamed only when that gives the
 * same bytes and the same verdicts as reading it whole: no compression, a store that opens objects,
 * a sha256 worker with shared slots, sha blocks that fit a slot, and an object exactly as long as
 * `_metadata` says (anything else takes the whole-object path and its checks).
 */
export async function openStreamed(
  store: ObjectStore,
  hasher: BlockHasher,
  container: string,
  entry: ObjectEntry,
  blockSize: number,
  limits: FormatLimits,
): Promise<ObjectReader | null> {
  if (!isOpenable(store) || !(hasher instanceof WorkerBlockHasher) || blockSize > hasher.slotBytes) return null;
  if (entry.length < STREAM_MIN_BYTES || entry.length > limits.maxObjectBytes || !uncompressed(entry.compression)) return null;
  const reader = await store.openObject(container, entry.name);
  if (reader.size === entry.length) return reader;
  await reader.close();
  return null;
}

function uncompressed(algorithm: string): boolean {
  try {
    return compressionFamily(algorithm) === "none";
  } catch {
    return false; // an unknown algorithm: the whole-object path reports it
  }
}
