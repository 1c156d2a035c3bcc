import type { SimulatedCloud } from "../../../sim/cloud/simulated-cloud.ts";
import { storeObjectCount } from "../cloud-pair.ts";
import { cloudProbe } from "../../runner/cloud-probe.ts";

/** Advances this cloud until its store holds more objects than `before` (a backup is mid-way), bounded. */
export async function untilMoreObjects(cloud: SimulatedCloud, before: number, maxMs = 5000): Promise<boolean> {
  for (let t = 0; t < maxMs; t++) {
    if ((await storeObjectCount(cloud)) > before) return true;
    await cloud.advance(1);
  }
  return false;
}

/** Advances this cloud until the harness saw the driver handed `key` (it is then in its attach window). */
export async function untilStarted(cloud: SimulatedCloud, key: string, maxMs = 5000): Promise<boolean> {
  for (let t = 0; t < maxMs; t++) {
    if (cloudProbe(cloud).started(key)) return true;
    await cloud.advance(1);
  }
  return false;
}
