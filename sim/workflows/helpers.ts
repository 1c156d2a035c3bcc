import type { SimulatedCloud } from "../cloud/simulated-cloud.ts";
import type { RequestContext } from "../api/request-context.ts";

/** Creates a volume, waits until it is available and fills it with deterministic data. */
export async function readyVolume(
  cloud: SimulatedCloud,
  ctx: RequestContext,
  size = 1,
  opts: { name?: string; az?: string; type?: string; fill?: "random" | "text" | "zeros" | "pattern" } = {},
): Promise<string> {
  const v = await cloud.ops.volumes.create(ctx, {
    size,
    name: opts.name ?? null,
    availability_zone: opts.az ?? null,
    volume_type: opts.type ?? null,
  });
  await cloud.settle();
  if (opts.fill !== "zeros") cloud.devices.fillVolume(v.id, opts.fill ?? "random");
  return v.id;
}

/** Runs a backup to completion and returns its id. */
export async function completedBackup(
  cloud: SimulatedCloud,
  ctx: RequestContext,
  volumeId: string,
  opts: { incremental?: boolean; force?: boolean; snapshot_id?: string; name?: string } = {},
): Promise<string> {
  const b = await cloud.ops.backups.create(ctx, {
    volume_id: volumeId,
    name: opts.name ?? null,
    incremental: opts.incremental ?? false,
    force: opts.force ?? false,
    snapshot_id: opts.snapshot_id ?? null,
  });
  await cloud.settle();
  return b.id;
}

/** Every object left in the cloud's object store, as `container/name`. */
export async function storedObjects(cloud: SimulatedCloud): Promise<string[]> {
  const out: string[] = [];
  for (const c of await cloud.objectStore.listContainers()) for (const n of await cloud.objectStore.listObjects(c)) out.push(`${c}/${n}`);
  return out;
}

/** Runs virtual time until `pred` holds (or the cloud is idle). */
export async function runUntil(cloud: SimulatedCloud, pred: () => boolean): Promise<void> {
  await cloud.runUntil(pred);
}
