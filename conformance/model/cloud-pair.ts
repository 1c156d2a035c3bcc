import type { RequestContext } from "../../sim/api/request-context.ts";
import type { SimulatedCloud } from "../../sim/cloud/simulated-cloud.ts";
import { listAllObjects } from "../driver/recording-object-store.ts";

/** The two clouds a model run drives in lock step: the reference driver (model) and the driver under test (system). */
export interface CloudPair {
  model: SimulatedCloud;
  system: SimulatedCloud;
  modelCtx: RequestContext;
  systemCtx: RequestContext;
  /** Compare object counts (true when both drivers write the same chunked geometry) or only emptiness. */
  compareObjectCounts: boolean;
}

/** Ids of resources created in lock step: index i is the same resource in both clouds. */
export interface PairedIds {
  model: string;
  system: string;
}

/** The model of fast-check's model run: what was created, by index. */
export interface PairModel {
  volumes: PairedIds[];
  snapshots: PairedIds[];
  backups: PairedIds[];
}

export type Side = "model" | "system";

/** The result of one operation on one cloud: its value's observable part, or cinder's error. */
export type OpOutcome = { ok: true; value: string } | { ok: false; error: string };

export async function capture(f: () => Promise<string>): Promise<OpOutcome> {
  try {
    return { ok: true, value: await f() };
  } catch (e) {
    const err = e as Error & { httpCode?: number; kind?: string };
    return { ok: false, error: err.httpCode ? `${err.httpCode} ${err.kind ?? err.name}: ${err.message}` : `${err.name}: ${err.message}` };
  }
}

export function show(o: OpOutcome): string {
  return o.ok ? `ok ${o.value}` : `error ${o.error}`;
}

export async function storeObjectCount(cloud: SimulatedCloud): Promise<number> {
  return (await listAllObjects(cloud.objectStore)).length;
}
