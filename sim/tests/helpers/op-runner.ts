import fc from "fast-check";
import type { RequestContext } from "../../api/request-context.ts";
import type { SimulatedCloud } from "../../cloud/index.ts";
import { CinderError } from "../../errors/cinder-errors.ts";
import { runUntil } from "./cloud.ts";

/** One step of a random operation sequence; indices pick among what exists when the step runs. */
export type Op =
  | {
      k: "volume";
      size: 1 | 2;
      fill: "random" | "text" | "zeros" | "pattern";
      inUse: boolean;
      admin: boolean;
      az: "az1" | "az2";
      luks?: boolean;
    }
  | { k: "detach"; v: number }
  | { k: "deleteVolume"; v: number }
  | { k: "deleteSnapshot"; s: number }
  | { k: "write"; v: number; at: number }
  | { k: "snapshot"; v: number }
  | { k: "backup"; v: number; incremental: boolean; force: boolean; fromSnapshot: boolean; admin: boolean }
  | { k: "restore"; b: number; toNew: boolean; v: number }
  | { k: "delete"; b: number; force: boolean }
  | { k: "cancelBackup" }
  | { k: "cancelRestore" }
  | { k: "resetCreating" }
  | { k: "advance"; ms: number }
  | { k: "settle" }
  | { k: "exportImport" }
  | { k: "restart"; host: "site1" | "site2" };

const idx = fc.nat({ max: 64 });

export const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      k: fc.constant("volume" as const),
      size: fc.constantFrom(1 as const, 2 as const),
      fill: fc.constantFrom("random" as const, "text" as const, "zeros" as const, "pattern" as const),
      inUse: fc.boolean(),
      admin: fc.boolean(),
      az: fc.constantFrom("az1" as const, "az2" as const),
      luks: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.record({ k: fc.constant("detach" as const), v: idx }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant("deleteVolume" as const), v: idx }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant("deleteSnapshot" as const), s: idx }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant("write" as const), v: idx, at: fc.nat({ max: 1000 }) }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant("snapshot" as const), v: idx }) },
  {
    weight: 9,
    arbitrary: fc.record({
      k: fc.constant("backup" as const),
      v: idx,
      incremental: fc.boolean(),
      force: fc.boolean(),
      fromSnapshot: fc.boolean(),
      admin: fc.boolean(),
    }),
  },
  { weight: 5, arbitrary: fc.record({ k: fc.constant("restore" as const), b: idx, toNew: fc.boolean(), v: idx }) },
  { weight: 3, arbitrary: fc.record({ k: fc.constant("delete" as const), b: idx, force: fc.boolean() }) },
  { weight: 2, arbitrary: fc.constant({ k: "cancelBackup" as const }) },
  { weight: 2, arbitrary: fc.constant({ k: "cancelRestore" as const }) },
  { weight: 1, arbitrary: fc.constant({ k: "resetCreating" as const }) },
  { weight: 3, arbitrary: fc.record({ k: fc.constant("advance" as const), ms: fc.integer({ min: 1, max: 40 }) }) },
  { weight: 4, arbitrary: fc.constant({ k: "settle" as const }) },
  { weight: 1, arbitrary: fc.constant({ k: "exportImport" as const }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant("restart" as const), host: fc.constantFrom("site1" as const, "site2" as const) }) },
);

export const opsArb = fc.array(opArb, { minLength: 3, maxLength: 24 });

/** Every run starts from two filled volumes (demo in az1, admin in az2), a full backup of each and a snapshot. */
const PRELUDE: readonly Op[] = [
  { k: "volume", size: 1, fill: "random", inUse: false, admin: false, az: "az1" },
  { k: "volume", size: 2, fill: "text", inUse: false, admin: true, az: "az2" },
  { k: "backup", v: 0, incremental: false, force: false, fromSnapshot: false, admin: false },
  { k: "snapshot", v: 1 },
  { k: "advance", ms: 10 },
  { k: "backup", v: 1, incremental: false, force: false, fromSnapshot: false, admin: true },
  { k: "settle" },
];

/** What a run remembers to check afterwards. */
export interface RunRecord {
  volumes: string[];
  snapshots: string[];
  backups: string[];
  /** Backup id → sha256 of its source (volume, or snapshot) when the API accepted it. */
  captured: Map<string, string>;
  /** Volumes whose bytes must not change until the next settle (a backup may be reading them). */
  busy: Set<string>;
  /** Rejections seen (kind and HTTP code), for debugging. */
  rejected: string[];
}

/** The user's context, or an admin token scoped to `projectId` (force delete, reset, cleanups). */
export function actingIn(cloud: SimulatedCloud, projectId: string): RequestContext {
  const demo = cloud.users.demo;
  if (projectId === demo.projectId)
    return cloud.context({ userId: cloud.users.admin.userId, projectId, roles: ["admin", "member", "reader"] });
  return cloud.context("admin");
}

const pick = <T>(xs: readonly T[], i: number): T | undefined => (xs.length ? xs[i % xs.length] : undefined);

/** Runs a sequence; API rejections (CinderError) are part of the game, anything else is a failure. */
export async function runOps(cloud: SimulatedCloud, ops: readonly Op[], onQuiet?: (at: number) => void): Promise<RunRecord> {
  const rec: RunRecord = { volumes: [], snapshots: [], backups: [], captured: new Map(), busy: new Set(), rejected: [] };
  const demo = cloud.context("demo");
  const admin = cloud.context("admin");
  const ownerCtx = (projectId: string) => (projectId === cloud.users.admin.projectId ? admin : demo);
  const live = (ids: string[], pred: (s: string) => boolean) => ids.filter(pred);
  for (const [n, op] of [...PRELUDE, ...ops].entries()) {
    try {
      await step(n, op);
    } catch (e) {
      if (!(e instanceof CinderError)) throw e;
      rec.rejected.push(`${op.k}: ${e.httpCode} ${e.kind}: ${e.message.slice(0, 60)}`);
    }
  }
  await cloud.settle();
  rec.busy.clear();
  return rec;

  async function step(n: number, op: Op): Promise<void> {
    switch (op.k) {
      case "volume": {
        const ctx = op.admin ? admin : demo;
        const v = await cloud.ops.volumes.create(ctx, {
          size: op.size,
          name: `v${n}`,
          availability_zone: op.az,
          volume_type: op.luks ? "LUKS" : null,
        });
        await runUntil(cloud, () => cloud.db.volume(v.id)?.status !== "creating");
        if (cloud.db.volume(v.id)?.status !== "available") return;
        if (op.fill !== "zeros") cloud.devices.fill(v.id, op.fill, { stream: `fill-${n}` });
        if (op.inUse)
          await cloud.ops.volumes.attach(ctx, v.id, {
            instance_uuid: `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`,
            mountpoint: "/dev/vdb",
          });
        rec.volumes.push(v.id);
        return;
      }
      case "detach": {
        const v = pick(rec.volumes, op.v);
        const row = v ? cloud.db.volume(v) : undefined;
        if (v && row) await cloud.ops.volumes.detach(ownerCtx(row.project_id), v, {});
        return;
      }
      case "deleteVolume": {
        const v = pick(rec.volumes, op.v);
        const row = v ? cloud.db.volume(v) : undefined;
        if (!v || !row || rec.busy.has(v)) return;
        await cloud.ops.volumes.delete(ownerCtx(row.project_id), v, {});
        return;
      }
      case "deleteSnapshot": {
        const s = pick(rec.snapshots, op.s);
        const row = s ? cloud.db.snapshot(s) : undefined;
        if (s && row) await cloud.ops.snapshots.delete(ownerCtx(row.project_id), s);
        return;
      }
      case "write": {
        const v = pick(rec.volumes, op.v);
        const row = v ? cloud.db.volume(v) : undefined;
        if (!v || !row || rec.busy.has(v) || (row.status !== "available" && row.status !== "in-use")) return;
        const size = cloud.devices.sha256(v).size;
        const length = Math.min(5000, size);
        cloud.devices.fill(v, "random", { offset: Math.floor(((size - length) * op.at) / 1000), length, stream: `write-${n}` });
        return;
      }
      case "snapshot": {
        const v = pick(rec.volumes, op.v);
        const row = v ? cloud.db.volume(v) : undefined;
        if (!v || !row) return;
        const s = await cloud.ops.snapshots.create(ownerCtx(row.project_id), { volume_id: v, force: true });
        rec.snapshots.push(s.id);
        return;
      }
      case "backup": {
        const v = pick(rec.volumes, op.v);
        if (!v) return;
        const snaps = rec.snapshots.filter((s) => cloud.db.snapshot(s)?.volume_id === v);
        const snap = op.fromSnapshot ? pick(snaps, n) : undefined;
        const owner = cloud.db.volume(v)?.project_id ?? cloud.users.demo.projectId;
        const b = await cloud.ops.backups.create(op.admin ? admin : ownerCtx(owner), {
          volume_id: v,
          incremental: op.incremental,
          force: op.force,
          snapshot_id: snap ?? null,
        });
        rec.captured.set(b.id, cloud.devices.sha256(snap ?? v).sha256);
        if (!snap) rec.busy.add(v);
        rec.backups.push(b.id);
        return;
      }
      case "restore": {
        const b = pick(rec.backups, op.b);
        const row = b ? cloud.db.backup(b) : undefined;
        if (!b || !row) return;
        const target = op.toNew
          ? undefined
          : pick(
              rec.volumes.filter((x) => cloud.db.volume(x)?.project_id === row.project_id),
              op.v,
            );
        if (target && rec.busy.has(target)) return;
        const r = await cloud.ops.backups.restore(ownerCtx(row.project_id), b, { volume_id: target ?? null });
        if (!rec.volumes.includes(r.volume_id)) rec.volumes.push(r.volume_id);
        rec.busy.add(r.volume_id);
        return;
      }
      case "delete": {
        const b = pick(rec.backups, op.b);
        const row = b ? cloud.db.backup(b) : undefined;
        // A second delete of a `deleting` backup races the first one in cinder too (API.delete re-saves
        // `deleting` on the soft-deleted row, the manager releases the quota twice): not generated.
        if (!b || !row || row.status === "deleting") return;
        await cloud.ops.backups.delete(op.force ? actingIn(cloud, row.project_id) : ownerCtx(row.project_id), b, op.force);
        return;
      }
      case "cancelBackup": {
        const b = live(rec.backups, (x) => cloud.db.backup(x)?.status === "creating").at(-1);
        if (b) await cloud.ops.backups.delete(actingIn(cloud, cloud.db.backup(b)!.project_id), b, true);
        return;
      }
      case "cancelRestore": {
        const b = live(rec.backups, (x) => cloud.db.backup(x)?.status === "restoring").at(-1);
        if (b) await cloud.ops.backups.resetStatus(admin, b, "error");
        return;
      }
      case "resetCreating": {
        const b = live(rec.backups, (x) => cloud.db.backup(x)?.status === "creating").at(-1);
        if (b) await cloud.ops.backups.resetStatus(admin, b, "error");
        return;
      }
      case "advance":
        await cloud.advance(op.ms);
        return;
      case "settle":
        await cloud.settle();
        rec.busy.clear();
        onQuiet?.(n);
        return;
      case "exportImport":
        await exportLoseImport();
        return;
      case "restart":
        // A delete_backup still queued for the host would run a second time after init_host resumed
        // the delete, and cinder then releases the quota twice (backup/manager.py:delete_backup uses
        // the cast object): a real cinder drift, so let pending deletes land first.
        if (cloud.db.backups().some((x) => !x.deleted && x.status === "deleting")) {
          await cloud.settle();
          rec.busy.clear();
        }
        await cloud.faults.restartService("cinder-backup", op.host);
        return;
    }
  }

  /** Quiesce, delete what is not available (children first), export the rest, lose the DB, import everything back. */
  async function exportLoseImport(): Promise<void> {
    await cloud.settle();
    rec.busy.clear();
    await deleteAllBackups(cloud, (b) => b.status !== "available");
    const records: Array<{ backup_service: string; backup_url: string }> = [];
    for (const b of cloud.db.backups().filter((x) => !x.deleted && x.status === "available"))
      records.push(await cloud.ops.backups.exportRecord(admin, b.id));
    cloud.faults.dbLoss();
    for (const r of records.reverse()) await cloud.ops.backups.importRecord(admin, r.backup_service, r.backup_url);
    await cloud.settle();
  }
}

/**
 * Deletes every live backup matching `which` (default all), children first, with an admin token
 * scoped to the backup's project (force when the status needs it). Returns the ids it could not delete.
 */
export async function deleteAllBackups(cloud: SimulatedCloud, which: (b: { status: string }) => boolean = () => true): Promise<string[]> {
  for (let round = 0; round < 50; round++) {
    const liveRows = cloud.db.backups().filter((b) => !b.deleted && which(b));
    if (!liveRows.length) return [];
    const parents = new Set(
      cloud.db
        .backups()
        .filter((b) => !b.deleted)
        .map((b) => b.parent_id),
    );
    const leaves = liveRows.filter((b) => !parents.has(b.id));
    if (!leaves.length) return liveRows.map((b) => b.id);
    for (const b of leaves) {
      const force = b.status !== "available" && b.status !== "error";
      try {
        await cloud.ops.backups.delete(actingIn(cloud, b.project_id), b.id, force);
      } catch (e) {
        if (!(e instanceof CinderError)) throw e;
      }
    }
    await cloud.settle();
  }
  return cloud.db
    .backups()
    .filter((b) => !b.deleted && which(b))
    .map((b) => b.id);
}
