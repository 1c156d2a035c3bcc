import type { ObjectStore } from "../../../sim/storage/object-store.ts";
import { PosixObjectStore } from "../../../conformance/stores/posix-object-store.ts";
import { assertDirectory } from "../../../conformance/stores/store-not-found.ts";
import { openStore, parseStoreUrl, type StoreCredentials } from "../../../conformance/stores/store-url.ts";

/**
 * Opens a store for `cbh store ls|verify|restore`, which only read: a posix directory must already
 * exist (StoreNotFoundError, exit 2, naming the path; never created), other kinds open as usual.
 */
export async function openReadOnlyStore(raw: string, credentials: StoreCredentials): Promise<ObjectStore> {
  const url = parseStoreUrl(raw);
  if (url.scheme !== "posix") return openStore(raw, credentials);
  await assertDirectory(url.target);
  return new PosixObjectStore({ root: url.target, createRoot: false });
}

/** What an empty (existing) store looks like in `ls`/`verify` output: said plainly, never just "valid". */
export async function emptyStoreNote(s: ObjectStore, shownUrl: string): Promise<string> {
  const containers = await s.listContainers();
  return `${shownUrl} exists but holds no backup (${containers.length} container(s)${containers.length ? `: ${containers.slice(0, 5).join(", ")}${containers.length > 5 ? ", …" : ""}` : ""})`;
}
