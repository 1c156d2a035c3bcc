import { METADATA_SUFFIX, parseMetadata } from "../../../sim/format/index.ts";
import type { ObjectStore } from "../../../sim/storage/object-store.ts";
import type { DriverUnderTest } from "../../driver/driver-under-test.ts";
import { listAllObjects } from "../../driver/recording-object-store.ts";

export interface StoreInspection {
  /** Every object, `container/name`. */
  objects: string[];
  /** Backups the chunked format finds through their `_metadata` objects: `backup_id @ container/prefix`. */
  backups: string[];
}

/** What is left in a store: all objects, and the backups sim/format discovers there (chunked drivers). */
export async function inspectStore(dut: DriverUnderTest, store: ObjectStore): Promise<StoreInspection> {
  const objects = await listAllObjects(store);
  const backups: string[] = [];
  if (dut.format) {
    for (const c of await store.listContainers()) {
      for (const name of (await store.listObjects(c)).filter((n) => n.endsWith(METADATA_SUFFIX))) {
        let id = "unparsable _metadata";
        try {
          id = parseMetadata(await store.getObject(c, name)).backup_id;
        } catch {
          // still a leftover backup, even if its metadata is damaged
        }
        backups.push(`${id} @ ${c}/${name.slice(0, -METADATA_SUFFIX.length)}`);
      }
    }
  }
  return { objects, backups };
}
