import type { ObjectStore } from "../stores/contract/index.ts";

/** An object opened for reads at positions (a posix file): verify streams a large object through it. */
export interface ObjectReader {
  /** Bytes in the object when it was opened. */
  readonly size: number;
  /** Reads into `into` from `position`; fewer bytes only at the end of the object (0 past it). */
  read(into: Uint8Array, position: number): Promise<number>;
  close(): Promise<void>;
}

/**
 * Optional store extension: open an object instead of loading it whole, so `cbh store verify` and
 * `restore` read a large object in pieces into reused buffers while earlier pieces are hashed and
 * written (the posix store implements it). Same checks as `getObject` (missing, too large, escapes).
 */
export interface OpenableObjectStore extends ObjectStore {
  openObject(container: string, name: string): Promise<ObjectReader>;
}

export function isOpenable(store: ObjectStore): store is OpenableObjectStore {
  return typeof (store as Partial<OpenableObjectStore>).openObject === "function";
}
