import type { DriverUnderTest } from "../../driver/driver-under-test.ts";
import { listAllObjects } from "../../driver/recording-object-store.ts";
import type { ObjectStore } from "../../../sim/storage/object-store.ts";

export interface StoreInspection {
  /** Every object, `container/name`. */
  objects: string[];
  /** Backups found through their `_metadata` objects (chunked-format drivers only), `container/prefix`. */
  backups: string[];
}

/** What is left in a store: all objects, and the backups the chunked format would discover there. */
export async function inspectStore(dut: DriverUnderTest, store: ObjectStore): Promise<StoreInspection> {
  const objects = await listAllObjects(store);
  const backups = dut.format ? objects.filter((o) => o.endsWith("_metadata")).map((o) => o.slice(0, -"_metadata".length)) : [];
  return { objects, backups };
}
