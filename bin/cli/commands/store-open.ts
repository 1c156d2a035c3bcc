import {
  StoreUrlError,
  assertDirectory,
  openStoreUrl,
  parseStoreUrl,
  PosixObjectStore,
  type ObjectStore,
  type OpenedStore,
  type OpenStoreOptions,
} from "../../../lib/stores/index.ts";

/**
 * Opens a store for `cbh store ls|verify|restore`, which only read: a posix directory must already
 * exist (StoreNotFoundError, exit 2, naming the path; never created), other kinds open as usual.
 */
export async function openReadOnlyStore(raw: string, options: OpenStoreOptions): Promise<OpenedStore> {
  const url = parseStoreUrl(raw);
  // A memory store lives inside one process (cbh serve, the simulator, tests): a new process's is
  // always empty, so reading one here could only ever report nothing.
  if (url.scheme === "memory")
    throw new StoreUrlError("memory: is a store inside one process (cbh serve --backup-store, tests); cbh store cannot read it");
  if (url.scheme !== "posix") return openStoreUrl(url, options);
  await assertDirectory(url.target);
  return { kind: "objects", url, store: new PosixObjectStore({ root: url.target, createRoot: false }) };
}

/** What an empty (existing) store looks like in `ls`/`verify` output: said plainly, never just "valid". */
export async function emptyStoreNote(s: ObjectStore, shownUrl: string): Promise<string> {
  const containers = await s.listContainers();
  return `${shownUrl} exists but holds no backup (${containers.length} container(s)${containers.length ? `: ${containers.slice(0, 5).join(", ")}${containers.length > 5 ? ", …" : ""}` : ""})`;
}
