import { readdir, stat } from "node:fs/promises";
import { join, relative } from "node:path";

/** Object path (relative to the store root) → size in bytes. */
export type StoreSnapshot = Map<string, number>;

/** Every file under a posix store root, with its size. */
export async function snapshotStore(root: string): Promise<StoreSnapshot> {
  const out: StoreSnapshot = new Map();
  async function walk(dir: string): Promise<void> {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return; // not created yet
    }
    for (const e of entries) {
      const p = join(dir, e.name);
      if (e.isDirectory()) await walk(p);
      else if (e.isFile()) out.set(relative(root, p), (await stat(p).catch(() => ({ size: 0 }))).size);
    }
  }
  await walk(root);
  return out;
}

/**
 * What a driver process wrote into the store between two snapshots, under `container` (new or
 * resized objects). The driver writes the directory itself, past the harness's recording store,
 * so this is how rules that count stored bytes see its writes.
 */
export function storedSince(before: StoreSnapshot, after: StoreSnapshot, container: string | null): { objects: number; bytes: number } {
  let objects = 0, bytes = 0;
  for (const [path, size] of after) {
    if (container && !path.startsWith(`${container}/`)) continue;
    if (before.get(path) === size) continue;
    objects++;
    bytes += size;
  }
  return { objects, bytes };
}
