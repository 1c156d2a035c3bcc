import type { SimulatedCloud } from "../../../sim/cloud/simulated-cloud.ts";
import { storeObjectCount } from "../cloud-pair.ts";

/** Advances this cloud until its store holds more objects than `before` (a backup is mid-way), bounded. */
export async function untilMoreObjects(cloud: SimulatedCloud, before: number, maxMs = 5000): Promise<boolean> {
  for (let t = 0; t < maxMs; t++) {
    if ((await storeObjectCount(cloud)) > before) return true;
    await cloud.advance(1);
  }
  return false;
}

/** Advances this cloud while `volumeId` is `restoring-backup`, `steps` ms at most. */
export async function intoRestore(cloud: SimulatedCloud, volumeId: string, steps: number): Promise<void> {
  for (let t = 0; t < steps && cloud.db.volume(volumeId)?.status === "restoring-backup"; t++) await cloud.advance(1);
}
