import { rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/**
 * A restore writes `.<name>.cbh-partial-<pid>` next to `--out` and renames it over `--out` only
 * when complete, so a failed or interrupted restore never leaves a file that looks like an image.
 */
export function partialPathFor(out: string): string {
  return join(dirname(out), `.${basename(out)}.cbh-partial-${process.pid}`);
}

/** Runs `write(tmp)`; renames tmp to `out` when it returns, removes tmp when it throws. */
export async function writeThenRename<T>(out: string, write: (tmp: string) => Promise<T>): Promise<T> {
  const tmp = partialPathFor(out);
  try {
    const result = await write(tmp);
    await rename(tmp, out);
    return result;
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}
