import { canShare, type ObjectStore } from "../stores/contract/index.ts";
import { FormatError } from "./format-error.ts";

/**
 * Optional store extension: the size of an object without reading it. The memory and posix stores
 * implement it, so oversized (hostile) objects are refused before they are loaded.
 */
export interface SizedObjectStore extends ObjectStore {
  objectSize(container: string, name: string): Promise<number>;
}

export function isSized(store: ObjectStore): store is SizedObjectStore {
  return typeof (store as Partial<SizedObjectStore>).objectSize === "function";
}

/**
 * `getObject` that never hands back (and, on sized stores, never loads) more than `maxBytes`.
 * `shared`: the caller never changes the bytes, so a store may hand out its own (`getObjectShared`).
 */
export async function getObjectBounded(
  store: ObjectStore,
  container: string,
  name: string,
  maxBytes: number,
  shared = false,
): Promise<Uint8Array> {
  if (isSized(store)) {
    const size = await store.objectSize(container, name);
    if (size > maxBytes) throw new FormatError("too-large", `${name} is ${size} bytes (limit ${maxBytes})`);
  }
  const data = shared && canShare(store) ? await store.getObjectShared(container, name) : await store.getObject(container, name);
  if (data.length > maxBytes) throw new FormatError("too-large", `${name} is ${data.length} bytes (limit ${maxBytes})`);
  return data;
}
