import type { BlockHasher } from "./block-hasher.ts";
import { openBlockHasher } from "./open-block-hasher.ts";

let shared: BlockHasher | null = null;

/**
 * The sha256 worker every backup writer of this process shares (started on first use, unref'd so it
 * never keeps the process alive; a worker that dies falls back to inline hashing, same digests).
 */
export function sharedBlockHasher(): BlockHasher {
  shared ??= openBlockHasher(true, 0);
  return shared;
}
