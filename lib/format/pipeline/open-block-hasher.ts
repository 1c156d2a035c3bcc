import { InlineBlockHasher, type BlockHasher } from "./block-hasher.ts";
import { WorkerBlockHasher, type WorkerBlockHasherOptions } from "./worker-block-hasher.ts";

/** `true`/`false` force the choice; `auto` uses a worker when there is enough data to pay for it. */
export type HashWorkerChoice = boolean | "auto";

/** Below this, starting a worker thread (tens of ms) costs more than the overlap saves. */
export const HASH_WORKER_MIN_BYTES = 32 * 1024 * 1024;

export function openBlockHasher(choice: HashWorkerChoice, totalBytes: number, options?: WorkerBlockHasherOptions): BlockHasher {
  const use = choice === "auto" ? totalBytes >= HASH_WORKER_MIN_BYTES : choice;
  if (!use) return new InlineBlockHasher();
  try {
    return new WorkerBlockHasher(options);
  } catch {
    return new InlineBlockHasher(); // no worker threads here (a restricted runtime): same result, one core
  }
}
