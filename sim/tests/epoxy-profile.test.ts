import { describe, expect, it } from "vitest";
import { CloudBuilder, RELEASES, type Release, type SimulatedCloud } from "../cloud/index.ts";
import { ONE_SITE, SpyDriver, TWO_BACKUP_HOSTS, backupRow, newCloud, readyVolume, settledBackup } from "./helpers/index.ts";

async function spyCloud(release: Release, config: Record<string, number> = {}): Promise<{ cloud: SimulatedCloud; spy: () => SpyDriver }> {
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

// The `epoxy` profile (cinder 26.0.0, Debian 13's python3-cinder 2:26.0.0-2): each behaviour
// where it sits between Zed and master, observed through the model (spec §10, docs/releases.md).
describe("release profile epoxy (cinder 26.0.0)", () => {
  it("api_version_request._MAX_API_VERSION is 3.71 (UPDATED 2023-08-31), and GET /v3/ says so", async () => {
    expect(RELEASES.epoxy.maxMicroversion).toBe("3.71");
    const cloud = await newCloud({ release: "epoxy" });
    expect(cloud.context("demo", "latest").microversion).toEqual({ major: 3, minor: 71 });
  });

  it("backup/api.py:API.create stores the 3.51 availability_zone, and the scheduler backs up there", async () => {
    const cloud = await newCloud({ release: "epoxy" });
    const ctx = cloud.context("demo", "3.51");
    const vol = await readyVolume(cloud, ctx, 1, { az: "az1" });
    const b = await settledBackup(cloud, ctx, { volume_id: vol, availability_zone: "az2" });
    expect(b.status, b.fail_reason ?? "").toBe("available");
    expect(b.availability_zone).toBe("az2");
    expect(b.host).toBe("site2");
  });

  it("backup/manager.py:create_backup fills an empty availability_zone with the service's (25.0.0)", async () => {
    const cloud = await newCloud({ release: "epoxy" });
    const ctx = cloud.context("demo");
    const vol = await readyVolume(cloud, ctx, 1, { az: "az2" });
    const b = await settledBackup(cloud, ctx, { volume_id: vol });
    expect(b.availability_zone).toBe("az2");
  });

  it("backup/api.py:API.create pins a posix incremental to the parent's host (latest_host), which scheduler/manager.py:create_backup keeps", async () => {
    const cloud = await newCloud({ release: "epoxy", seed: 11, topology: TWO_BACKUP_HOSTS });
    const ctx = cloud.context("demo");
    const vol = await readyVolume(cloud, ctx);
    let parent = await settledBackup(cloud, ctx, { volume_id: vol });
    for (let i = 0; i < 8; i++) {
      const inc = await settledBackup(cloud, ctx, { volume_id: vol, incremental: true });
      expect(inc.parent_id).toBe(parent.id);
      expect(inc.host).toBe(backupRow(cloud, parent.id).host);
      parent = inc;
    }
  });

  it("backup/rpcapi.py 2.4: restore_backup passes volume_is_new (True for a volume the API created, False for --volume)", async () => {
    const { cloud, spy } = await spyCloud("epoxy");
    const ctx = cloud.context("demo");
    const vol = await readyVolume(cloud, ctx);
    const b = await settledBackup(cloud, ctx, { volume_id: vol });
    await cloud.ops.backups.restore(ctx, b.id, {});
    await cloud.settle();
    await cloud.ops.backups.restore(ctx, b.id, { volume_id: vol });
    await cloud.settle();
    expect(spy().volumeIsNew).toEqual([true, false]);
  });

  it("utils.limit_operations still wraps create_backup/restore_backup, so backup_max_operations=1 lets two transfers overlap (as Zed; master bounds them)", async () => {
    const peaks: Partial<Record<Release, number>> = {};
    for (const release of ["epoxy", "master"] as const) {
      const { cloud, spy } = await spyCloud(release, { backup_max_operations: 1 });
      const ctx = cloud.context("demo");
      const v1 = await readyVolume(cloud, ctx, 2);
      const v2 = await readyVolume(cloud, ctx, 2);
      const b1 = await cloud.ops.backups.create(ctx, { volume_id: v1 });
      const b2 = await cloud.ops.backups.create(ctx, { volume_id: v2 });
      await cloud.settle();
      expect(backupRow(cloud, b1.id).status).toBe("available");
      expect(backupRow(cloud, b2.id).status).toBe("available");
      peaks[release] = spy().maxActive;
    }
    expect(peaks).toEqual({ epoxy: 2, master: 1 });
  });

  it("master differs from epoxy only in what landed after 26.0.0 (maxOpsBoundsTransfer 28.0.0, cleanupSkipsAvailable 27.0.0)", () => {
    const differ = (Object.keys(RELEASES.epoxy) as Array<keyof typeof RELEASES.epoxy>).filter(
      (k) => k !== "name" && RELEASES.epoxy[k] !== RELEASES.master[k],
    );
    expect(differ.sort()).toEqual(["cleanupSkipsAvailable", "maxOpsBoundsTransfer"]);
  });
});
