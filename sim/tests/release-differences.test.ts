import { describe, expect, it } from "vitest";
import { CloudBuilder, RELEASES, type Release, type SimulatedCloud } from "../cloud/index.ts";
import { ONE_SITE, SpyDriver, TWO_BACKUP_HOSTS, backupRow, newCloud, readyVolume, settledBackup } from "./helpers/index.ts";

async function spyCloud(
  release: Release,
  config: Record<string, number | boolean | string> = {},
): Promise<{ cloud: SimulatedCloud; spy: () => SpyDriver }> {
  let driver: SpyDriver | undefined;
  const cloud = await new CloudBuilder()
    .withSeed(5)
    .withRelease(release)
    .withTopology(ONE_SITE)
    .withConfig(config)
    .withBackupDriver((_h, s) => (driver = new SpyDriver(s)))
    .build();
  return { cloud, spy: () => driver! };
}

// Spec §10: where Zed 21.3.1 and master differ (parent choice is covered in backup-incremental,
// restart cleanup in restart-cleanup).
describe("release differences (spec §10)", () => {
  it("§3.8 maximum microversion: Zed 3.70, master 3.71", () => {
    expect(RELEASES.zed.maxMicroversion).toBe("3.70");
    expect(RELEASES.master.maxMicroversion).toBe("3.71");
  });

  it("§9.16 (3.51) availability_zone az2 for an az1 volume: master backs up in az2 and stores it; Zed ignores it (NULL, az1 host)", async () => {
    for (const release of ["zed", "master"] as const) {
      const cloud = await newCloud({ release });
      const ctx = cloud.context("demo", "3.51");
      const vol = await readyVolume(cloud, ctx, 1, { az: "az1" });
      const b = await settledBackup(cloud, ctx, { volume_id: vol, availability_zone: "az2" });
      expect(b.status, `${release}: ${b.fail_reason}`).toBe("available");
      if (release === "master") {
        expect(b.availability_zone).toBe("az2");
        expect(b.host).toBe("site2");
      } else {
        expect(b.availability_zone).toBeNull();
        expect(b.host).toBe("site1");
      }
    }
  });

  it("§1.1 availability_zone without a request: master's manager fills in its own AZ, Zed leaves NULL (bug 1912624)", async () => {
    for (const release of ["zed", "master"] as const) {
      const cloud = await newCloud({ release });
      const ctx = cloud.context("demo");
      const vol = await readyVolume(cloud, ctx, 1, { az: "az2" });
      const b = await settledBackup(cloud, ctx, { volume_id: vol });
      expect(b.availability_zone).toBe(release === "master" ? "az2" : null);
      expect(b.host).toBe("site2");
    }
  });

  it("§9.21 posix incrementals: master pins them to the parent's host; Zed picks a random host", async () => {
    const hosts: Record<Release, Array<[string, string]>> = { zed: [], epoxy: [], master: [] };
    for (const release of ["zed", "master"] as const) {
      const cloud = await newCloud({ release, seed: 11, topology: TWO_BACKUP_HOSTS });
      const ctx = cloud.context("demo");
      const vol = await readyVolume(cloud, ctx);
      let parent = await settledBackup(cloud, ctx, { volume_id: vol });
      for (let i = 0; i < 8; i++) {
        const inc = await settledBackup(cloud, ctx, { volume_id: vol, incremental: true });
        expect(inc.parent_id).toBe(parent.id);
        hosts[release].push([backupRow(cloud, parent.id).host!, inc.host!]);
        parent = inc;
      }
    }
    expect(hosts.master.every(([p, c]) => p === c)).toBe(true);
    expect(hosts.zed.some(([p, c]) => p !== c)).toBe(true);
  });

  it("§5 restore of a new volume: master passes volume_is_new=True to the driver, Zed (RPC 2.3) cannot", async () => {
    for (const release of ["zed", "master"] as const) {
      const { cloud, spy } = await spyCloud(release);
      const ctx = cloud.context("demo");
      const vol = await readyVolume(cloud, ctx);
      const b = await settledBackup(cloud, ctx, { volume_id: vol });
      await cloud.ops.backups.restore(ctx, b.id, {});
      await cloud.settle();
      await cloud.ops.backups.restore(ctx, b.id, { volume_id: vol });
      await cloud.settle();
      expect(spy().volumeIsNew, release).toEqual(release === "master" ? [true, false] : [false, false]);
    }
  });

  it("§5.3 backup_max_operations=1: master bounds the data transfer, Zed only bounds create_backup (backups still overlap)", async () => {
    for (const release of ["zed", "master"] as const) {
      const { cloud, spy } = await spyCloud(release, { backup_max_operations: 1 });
      const ctx = cloud.context("demo");
      const v1 = await readyVolume(cloud, ctx, 2);
      const v2 = await readyVolume(cloud, ctx, 2);
      const b1 = await cloud.ops.backups.create(ctx, { volume_id: v1 });
      const b2 = await cloud.ops.backups.create(ctx, { volume_id: v2 });
      await cloud.settle();
      expect(backupRow(cloud, b1.id).status).toBe("available");
      expect(backupRow(cloud, b2.id).status).toBe("available");
      expect(spy().maxActive, release).toBe(release === "master" ? 1 : 2);
    }
  });

  it("§3.1 master pins a posix incremental to the parent's host even while that host is down (the scheduler checks no liveness)", async () => {
    const cloud = await newCloud({ release: "master", seed: 11, topology: TWO_BACKUP_HOSTS });
    const ctx = cloud.context("demo");
    const vol = await readyVolume(cloud, ctx);
    const parent = await settledBackup(cloud, ctx, { volume_id: vol });
    cloud.faults.stopService("cinder-backup", parent.host!);
    await cloud.advance(cloud.inspect.config.service_down_time * 1000 + 11_000);
    const inc = await cloud.ops.backups.create(ctx, { volume_id: vol, incremental: true });
    expect(inc.host).toBe(parent.host);
    await cloud.advance(5000);
    expect(backupRow(cloud, inc.id).host).toBe(parent.host);
    expect(backupRow(cloud, inc.id).status).toBe("creating"); // the cast waits for the dead host
  });
});
