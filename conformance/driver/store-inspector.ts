import { METADATA_SUFFIX, parseMetadata, type BackupMetadata } from "../../lib/format/index.ts";
import type { ObjectStore } from "../../lib/stores/index.ts";
import type { DriverUnderTest } from "./driver-under-test.ts";
import { listAllObjects } from "./recording-object-store.ts";

export interface InspectedBackup {
  /** `container/prefix` of the backup's objects. */
  location: string;
  /** Parsed `_metadata`, or null when it does not parse (a damaged or foreign object). */
  metadata: BackupMetadata | null;
}

export interface StoreInspection {
  /** Every object, `container/name`. */
  objects: string[];
  /** Backups the chunked format finds through their `_metadata` objects (chunked drivers only). */
  backups: InspectedBackup[];
}

/**
 * What a store holds, seen through the chunked format module (`lib/format`): every object, and
 * every backup discoverable by its `_metadata` (parsed, so ids, parents and object lists show).
 */
export async function inspectStore(dut: Pick<DriverUnderTest, "format">, store: ObjectStore): Promise<StoreInspection> {
  const objects = await listAllObjects(store);
  const backups: InspectedBackup[] = [];
  if (dut.format) {
    for (const c of await store.listContainers()) {
      for (const name of (await store.listObjects(c)).filter((n) => n.endsWith(METADATA_SUFFIX))) {
        let metadata: BackupMetadata | null = null;
        try {
          metadata = parseMetadata(await store.getObject(c, name));
        } catch {
          // still a leftover backup, even if its metadata is damaged
        }
        backups.push({ location: `${c}/${name.slice(0, -METADATA_SUFFIX.length)}`, metadata });
      }
    }
  }
  return { objects, backups };
}
