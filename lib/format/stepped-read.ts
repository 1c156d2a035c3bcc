import type { ObjectStore } from "../stores/contract/index.ts";
import type { SizedObjectStore } from "./bounded-read.ts";

/** An object being read into one buffer of its full (stat) size: its bytes are usable as they land. */
export interface SteppedRead {
  /** The whole object's buffer; bytes past what `filled` has confirmed are not read yet. */
  readonly data: Uint8Array;
  /** Resolves once the first `n` bytes are in; rejects if the read failed or the object was shorter. */
  filled(n: number): Promise<void>;
}

/**
 * Optional store extension (the posix store): read an object in steps, so verify and restore hash
 * and write its first MiBs while the rest is still being read, instead of after the whole read.
 */
export interface SteppedReadStore extends SizedObjectStore {
  readObjectStepped(container: string, name: string): Promise<SteppedRead>;
}

export function canReadStepped(store: ObjectStore): store is SteppedReadStore {
  const s = store as Partial<SteppedReadStore>;
  return typeof s.readObjectStepped === "function" && typeof s.objectSize === "function";
}
