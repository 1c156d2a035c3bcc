import { isSized } from "../../../lib/format/index.ts";
import type { ObjectStore } from "../../../lib/stores/index.ts";

/** Every object in a store, `container/name`. */
export type StoreSnapshot = Set<string>;

export async function snapshotStore(store: ObjectStore): Promise<StoreSnapshot> {
  const out: StoreSnapshot = new Set();
  for (const c of await store.listContainers()) for (const o of await store.listObjects(c)) out.add(`${c}/${o}`);
  return out;
}

/**
 * What a driver process wrote into the store between a snapshot and now: the objects that are
 * new (cinder's chunked objects are written once), and their bytes. The driver writes the store
 * itself, past the harness's recording store, so this is how rules that count stored bytes
 * see its writes. Sizes come from `objectSize` (stat, HEAD) where the store has it.
 */
export async function storedSince(store: ObjectStore, before: StoreSnapshot): Promise<{ objects: number; bytes: number }> {
  const fresh: Array<[string, string]> = [];
  for (const c of await store.listContainers())
    for (const o of await store.listObjects(c)) if (!before.has(`${c}/${o}`)) fresh.push([c, o]);
  // A HEAD/stat where the store has one (reading every new object back cost more than the driver's
  // own backup), SIZE_LOOKUPS at a time.
  const sizeOf = (c: string, o: string) => (isSized(store) ? store.objectSize(c, o) : store.getObject(c, o).then((b) => b.length));
  let bytes = 0;
  for (let i = 0; i < fresh.length; i += SIZE_LOOKUPS)
    for (const n of await Promise.all(fresh.slice(i, i + SIZE_LOOKUPS).map(([c, o]) => sizeOf(c, o)))) bytes += n;
  return { objects: fresh.length, bytes };
}

/** Size lookups in flight at once (the chunked drivers' objects: a few at cinder's geometry, hundreds at the suite's). */
const SIZE_LOOKUPS = 8;
