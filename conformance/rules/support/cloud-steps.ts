import type { RequestContext } from "../../../sim/api/request-context.ts";
import type { SimulatedCloud } from "../../../sim/cloud/simulated-cloud.ts";
import { listAllObjects } from "../../driver/recording-object-store.ts";
import { RuleViolation } from "../rule-violation.ts";

/** The admin's context and a volume of `sizeGb` filled with seeded content, `available`. */
export async function volumeWithData(
  cloud: SimulatedCloud,
  sizeGb: number,
  kind: "random" | "text" = "random",
  metadata?: Record<string, string>,
): Promise<{ ctx: RequestContext; volumeId: string }> {
  const ctx = cloud.context("admin");
  const v = await cloud.ops.volumes.create(ctx, { size: sizeGb, name: `conformance-${sizeGb}g`, ...(metadata ? { metadata } : {}) });
  await cloud.settle();
  cloud.devices.fill(v.id, kind);
  return { ctx, volumeId: v.id };
}

/** Advances virtual time in small steps until `pred` holds (the moment to inject a fault). */
export async function advanceUntil(
  cloud: SimulatedCloud,
  what: string,
  pred: () => boolean | Promise<boolean>,
  stepMs = 1,
  maxMs = 600_000,
): Promise<void> {
  const start = cloud.now();
  while (!(await pred())) {
    if (cloud.now() - start > maxMs)
      throw new RuleViolation(`timed out waiting for ${what}`, `${what} within ${maxMs} ms of virtual time`, "never happened");
    await cloud.advance(stepMs);
  }
}

/** Objects in the cloud's store under any container. */
export function storeObjects(cloud: SimulatedCloud): Promise<string[]> {
  return listAllObjects(cloud.objectStore);
}

/** Status of a backup row (`missing` when the row is gone). */
export function backupStatus(cloud: SimulatedCloud, id: string): string {
  return cloud.db.backup(id)?.status ?? "missing";
}

export function volumeStatus(cloud: SimulatedCloud, id: string): string {
  return cloud.db.volume(id)?.status ?? "missing";
}
