import { CloudBuilder, type SimulatedCloud } from "../../cloud/index.ts";
import type { Release, Topology } from "../../cloud/index.ts";
import type { RequestContext } from "../../api/request-context.ts";
import type { BackupCreateRequest } from "../../api/operations.ts";
import type { BackupRow } from "../../db/rows.ts";
import { MemoryObjectStore, type StoredObject } from "../../../lib/stores/index.ts";
import { internalsOf } from "../../cloud/testing.ts";

export interface CloudOpts {
  seed?: number;
  release?: Release;
  config?: Record<string, string | number | boolean>;
  topology?: Topology;
}

/** A started simulated cloud (default: seed 1, Zed, default topology and config). */
export async function newCloud(o: CloudOpts = {}): Promise<SimulatedCloud> {
  let b = new CloudBuilder().withSeed(o.seed ?? 1).withRelease(o.release ?? "zed");
  if (o.config) b = b.withConfig(o.config);
  if (o.topology) b = b.withTopology(o.topology);
  return await b.build();
}

/** Creates a volume, settles until it is `available` and fills it (random bytes by default). */
export async function readyVolume(
  cloud: SimulatedCloud,
  ctx: RequestContext,
  size = 1,
  opts: { az?: string; type?: string; fill?: "random" | "text" | "zeros" | "pattern"; name?: string } = {},
): Promise<string> {
  const v = await cloud.ops.volumes.create(ctx, {
    size,
    name: opts.name ?? null,
    availability_zone: opts.az ?? null,
    volume_type: opts.type ?? null,
  });
  await cloud.settle();
  const row = cloud.db.volume(v.id);
  if (row?.status !== "available") throw new Error(`volume ${v.id} did not become available: ${row?.status}`);
  if (opts.fill !== "zeros") cloud.devices.fill(v.id, opts.fill ?? "random");
  return v.id;
}

/** Creates a backup and settles; returns the final row. */
export async function settledBackup(cloud: SimulatedCloud, ctx: RequestContext, req: BackupCreateRequest): Promise<BackupRow> {
  const b = await cloud.ops.backups.create(ctx, req);
  await cloud.settle();
  return backupRow(cloud, b.id);
}

/** Snapshot of a volume, settled to `available`. */
export async function readySnapshot(cloud: SimulatedCloud, ctx: RequestContext, volumeId: string, force = false): Promise<string> {
  const s = await cloud.ops.snapshots.create(ctx, { volume_id: volumeId, force });
  await cloud.settle();
  const row = cloud.db.snapshot(s.id);
  if (row?.status !== "available") throw new Error(`snapshot ${s.id} did not become available: ${row?.status}`);
  return s.id;
}

/** Attaches a volume to a fake instance (status `in-use`). */
export async function attachToInstance(cloud: SimulatedCloud, ctx: RequestContext, volumeId: string): Promise<void> {
  await cloud.ops.volumes.attach(ctx, volumeId, { instance_uuid: "11111111-2222-3333-4444-555555555555", mountpoint: "/dev/vdb" });
}

export function backupRow(cloud: SimulatedCloud, id: string): BackupRow {
  const b = cloud.db.backup(id);
  if (!b) throw new Error(`no backup row ${id}`);
  return b;
}

/** Runs virtual time until `pred` holds or the cloud is idle. */
export async function runUntil(cloud: SimulatedCloud, pred: () => boolean): Promise<void> {
  await cloud.runUntil(pred);
}

/** Every object in the cloud's memory store. */
export function storedObjects(cloud: SimulatedCloud): StoredObject[] {
  const store = cloud.objectStore;
  if (!(store instanceof MemoryObjectStore)) throw new Error("the test cloud uses a MemoryObjectStore");
  return store.listAll();
}

/** Objects whose container or name carries this backup id (posix layout: both do). */
export function objectsOf(cloud: SimulatedCloud, backupId: string): StoredObject[] {
  return storedObjects(cloud).filter((o) => o.container.includes(backupId) || o.name.includes(backupId));
}

/** Backup quota usage of a project. */
export function backupUsage(cloud: SimulatedCloud, projectId: string): { backups: number; gigabytes: number } {
  const u = cloud.db.quotaUsage(projectId);
  return { backups: u["backups"]?.in_use ?? NaN, gigabytes: u["backup_gigabytes"]?.in_use ?? NaN };
}

export function messageCodes(cloud: SimulatedCloud, resourceId: string): string[] {
  return internalsOf(cloud)
    .state.messages.forResource(resourceId)
    .map((m) => m.detail_id);
}

/** The parsed `_metadata` object of a finished chunked backup (posix layout). */
export async function backupMetadata(
  cloud: SimulatedCloud,
  backupId: string,
): Promise<{
  version: string;
  volume_meta?: string | null;
  objects: Array<Record<string, { compression: string | null; length: number; offset: number; md5: string }>>;
}> {
  const b = cloud.db.backups().find((x) => x.id === backupId);
  if (!b?.container || !b.service_metadata) throw new Error(`backup ${backupId} has no objects`);
  const raw = await cloud.objectStore.getObject(b.container, `${b.service_metadata}_metadata`);
  return JSON.parse(Buffer.from(raw).toString("utf8")) as never;
}
