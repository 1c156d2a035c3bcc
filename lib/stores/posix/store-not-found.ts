import { stat } from "node:fs/promises";

/**
 * The store a URL names does not exist (a posix directory that is absent — an unmounted backup
 * share — or not a directory). Read-only tools never create it and never call it valid.
 */
export class StoreNotFoundError extends Error {
  readonly code = "store-not-found";
  constructor(message: string) {
    super(message);
    this.name = "StoreNotFoundError";
  }
}

/** Throws StoreNotFoundError unless `dir` is an existing directory. */
export async function assertDirectory(dir: string): Promise<void> {
  const st = await stat(dir).catch((e: NodeJS.ErrnoException) => {
    if (e.code === "ENOENT" || e.code === "ENOTDIR") return null;
    throw e;
  });
  if (!st)
    throw new StoreNotFoundError(
      `posix store directory ${dir} does not exist (is the backup share mounted?); it is never created by a read-only command`,
    );
  if (!st.isDirectory()) throw new StoreNotFoundError(`posix store ${dir} is not a directory`);
}
