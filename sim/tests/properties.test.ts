import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkInvariants, type Release, type SimulatedCloudImpl } from "../cloud/index.ts";
import { MemoryObjectStore } from "../storage/memory-object-store.ts";
import { actingIn, deleteAllBackups, leftBehindByCinder, newCloud, opsArb, runOps, storedObjects, type Op } from "./helpers/index.ts";

// Property tests over random operation sequences (issue 2 "Done when"). Replay a failure with
// FC_SEED=<seed> FC_PATH=<path> printed by fast-check; the default seed is fixed so runs are deterministic.
const SEED = Number(process.env["FC_SEED"] ?? 20261126);
const PATH = process.env["FC_PATH"];
const params = (numRuns: number): fc.Parameters<[Op[]]> => ({ numRuns, seed: SEED, ...(PATH ? { path: PATH } : {}) });

/** Small devices (1 GB = 256 KiB, 4 objects of 64 KiB) and room in the quotas so rejections stay meaningful. */
const CONFIG = { sim_bytes_per_gb: 262144, backup_file_size: 65536, quota_volumes: 200, quota_snapshots: 200, quota_gigabytes: 10000, quota_backups: 200 };

async function play(release: Release, ops: Op[], seed = 7): Promise<{ cloud: SimulatedCloudImpl; rec: Awaited<ReturnType<typeof runOps>> }> {
  const cloud = await newCloud({ release, seed, config: CONFIG });
  const rec = await runOps(cloud, ops);
  return { cloud, rec };
}

describe.each<Release>(["zed", "master"])("model properties over random operation sequences (%s)", (release) => {
  it("quota in_use equals the live records and nothing is left transitional after settle", async () => {
    await fc.assert(fc.asyncProperty(opsArb, async (ops) => {
      const { cloud } = await play(release, ops);
      const violations = checkInvariants(cloud).filter((v) => !leftBehindByCinder(cloud, v));
      expect(violations).toEqual([]);
    }), params(30));
  });

  it("every available backup restores to exactly the bytes it captured", async () => {
    await fc.assert(fc.asyncProperty(opsArb, async (ops) => {
      const { cloud, rec } = await play(release, ops);
      for (const b of cloud.db.backups().filter((x) => !x.deleted && x.status === "available")) {
        const want = rec.captured.get(b.id);
        expect(want, `available backup ${b.id} was never accepted by the API`).toBeDefined();
        const r = await cloud.ops.backups.restore(actingIn(cloud, b.project_id), b.id, {});
        await cloud.settle();
        const v = cloud.db.volume(r.volume_id)!;
        expect(v.status, `restore of ${b.id}`).toBe("available");
        expect(cloud.devices.sha256(r.volume_id).sha256, `bytes of the restore of ${b.id}`).toBe(want);
      }
    }), params(25));
  });

  it("deleting every backup (children first) leaves the object store empty and the backup quota at zero", async () => {
    await fc.assert(fc.asyncProperty(opsArb, async (ops) => {
      const { cloud } = await play(release, ops);
      const stuck = await deleteAllBackups(cloud);
      expect(stuck, "backups that could not be deleted").toEqual([]);
      expect(storedObjects(cloud), "objects left in the store").toEqual([]);
      const store = cloud.objectStore;
      expect(store).toBeInstanceOf(MemoryObjectStore);
      expect((store as MemoryObjectStore).isEmpty()).toBe(true);
      for (const p of [cloud.users.admin.projectId, cloud.users.demo.projectId]) {
        const u = cloud.db.quotaUsage(p);
        expect([u["backups"]!.in_use, u["backup_gigabytes"]!.in_use], `backup quota of ${p}`).toEqual([0, 0]);
      }
    }), params(20));
  });

  it("the same seed gives the same trace hash", async () => {
    await fc.assert(fc.asyncProperty(opsArb, fc.integer({ min: 1, max: 1_000_000 }), async (ops, seed) => {
      const a = await play(release, ops, seed);
      const b = await play(release, ops, seed);
      expect(a.cloud.trace.entries().length).toBeGreaterThan(0);
      expect(b.cloud.trace.hash()).toBe(a.cloud.trace.hash());
    }), { numRuns: 10, seed: SEED, ...(PATH ? { path: PATH } : {}) });
  });
});
