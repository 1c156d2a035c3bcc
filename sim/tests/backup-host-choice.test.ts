import { describe, expect, it } from "vitest";
import { CloudBuilder, type SimulatedCloud } from "../cloud/index.ts";
import {
  OtherNamedDriver,
  TWO_BACKUP_HOSTS,
  UnconfiguredDriver,
  backupRow,
  expectCinderError,
  newCloud,
  posixDriver,
  readySnapshot,
  readyVolume,
  settledBackup,
  AZ2_WITHOUT_BACKUP,
  messageCodes,
} from "./helpers/index.ts";

const stopBackupHost = async (cloud: SimulatedCloud, host: string) => {
  cloud.faults.stopService("cinder-backup", host);
  await cloud.advance(cloud.inspect.config.service_down_time * 1000 + 11_000);
};

// scheduler/host_manager.py:get_backup_host and backup/api.py:_get_available_backup_service_host
// (spec §2.2 row 2, §3.1 host selection, §3.2 step 8, §3.3–3.5 host re-chosen).
describe("backup host selection (spec §3.1, §3.2)", () => {
  it("§3.1 only hosts whose last capabilities say backend_state=True are candidates", async () => {
    const cloud = await new CloudBuilder()
      .withSeed(2)
      .withTopology(TWO_BACKUP_HOSTS)
      .withBackupDriver((h, s) => (h === "bk1" ? posixDriver(s) : new UnconfiguredDriver(s)))
      .build();
    const ctx = cloud.context("demo");
    const vol = await readyVolume(cloud, ctx);
    for (let i = 0; i < 6; i++) {
      const b = await settledBackup(cloud, ctx, { volume_id: vol });
      expect(b.status, b.fail_reason ?? "").toBe("available");
      expect(b.host).toBe("bk1");
    }
  });

  it("§3.1 backup_use_same_host=True → the volume's own host", async () => {
    const cloud = await newCloud({ config: { backup_use_same_host: true } });
    const ctx = cloud.context("demo");
    for (const az of ["az1", "az2"]) {
      const vol = await readyVolume(cloud, ctx, 1, { az });
      const b = await settledBackup(cloud, ctx, { volume_id: vol });
      expect(b.status).toBe("available");
      expect(b.host).toBe(az === "az1" ? "site1" : "site2");
    }
  });

  it("§3.1 backup_use_same_host=True without a backup service on the volume's host → error 'Service not found for creating backup.'", async () => {
    const cloud = await newCloud({ topology: TWO_BACKUP_HOSTS, config: { backup_use_same_host: true } });
    const ctx = cloud.context("demo");
    const vol = await readyVolume(cloud, ctx);
    const b = await settledBackup(cloud, ctx, { volume_id: vol });
    expect(b.status).toBe("error");
    expect(b.fail_reason).toBe("Service not found for creating backup.");
    expect(cloud.db.volume(vol)!.status).toBe("available");
  });

  it("§2.2.2 ServiceNotFound swaps the volume's status and previous_status", async () => {
    const cloud = await newCloud({ topology: AZ2_WITHOUT_BACKUP });
    const ctx = cloud.context("demo");
    const vol = await readyVolume(cloud, ctx, 1, { az: "az2" });
    await settledBackup(cloud, ctx, { volume_id: vol });
    const v = cloud.db.volume(vol)!;
    expect(v.status).toBe("available");
    expect(v.previous_status).toBe("backing-up");
  });

  it("§2.2.2 quirk: ServiceNotFound leaves a snapshot source backing-up", async () => {
    const cloud = await newCloud({ topology: AZ2_WITHOUT_BACKUP });
    const ctx = cloud.context("demo");
    const vol = await readyVolume(cloud, ctx, 1, { az: "az2" });
    const snap = await readySnapshot(cloud, ctx, vol);
    const b = await settledBackup(cloud, ctx, { volume_id: vol, snapshot_id: snap });
    expect(b.status).toBe("error");
    expect(messageCodes(cloud, b.id)).toContain("024");
    expect(cloud.db.snapshot(snap)!.status).toBe("backing-up");
  });

  it("§3.2 restore host: master keeps to the backup's AZ (404 when its host is down), Zed's NULL AZ lets any host restore", async () => {
    for (const release of ["zed", "master"] as const) {
      const cloud = await newCloud({ release });
      const ctx = cloud.context("demo");
      const vol = await readyVolume(cloud, ctx, 1, { az: "az2" });
      const b = await settledBackup(cloud, ctx, { volume_id: vol });
      await stopBackupHost(cloud, "site2");
      const target = await readyVolume(cloud, ctx);
      if (release === "master") {
        await expectCinderError(cloud.ops.backups.restore(ctx, b.id, { volume_id: target }), 404, undefined, "ServiceNotFound");
        expect(backupRow(cloud, b.id).status).toBe("available");
      } else {
        await cloud.ops.backups.restore(ctx, b.id, { volume_id: target });
        expect(backupRow(cloud, b.id).host).toBe("site1");
        await cloud.settle();
        expect(cloud.db.volume(target)!.status).toBe("available");
        expect(cloud.devices.sha256(target)).toEqual(cloud.devices.sha256(vol));
      }
    }
  });

  it("§3.3 the delete is sent to a re-chosen up host, which may differ from the creating host", async () => {
    const cloud = await newCloud();
    const ctx = cloud.context("demo");
    const vol = await readyVolume(cloud, ctx);
    const b = await settledBackup(cloud, ctx, { volume_id: vol });
    expect(b.host).toBe("site1");
    await stopBackupHost(cloud, "site1");
    await cloud.ops.backups.delete(ctx, b.id, false);
    expect(backupRow(cloud, b.id).host).toBe("site2");
    await cloud.settle();
    expect(backupRow(cloud, b.id).status).toBe("deleted");
  });

  it("§2.4.4 delete on a host running another driver → backup error", async () => {
    const cloud = await new CloudBuilder()
      .withSeed(3)
      .withTopology(TWO_BACKUP_HOSTS)
      .withBackupDriver((h, s) => (h === "bk1" ? posixDriver(s) : new OtherNamedDriver(s, "cinder.backup.drivers.nfs.NFSBackupDriver")))
      .build();
    const ctx = cloud.context("demo");
    const vol = await readyVolume(cloud, ctx);
    let b = await settledBackup(cloud, ctx, { volume_id: vol });
    for (let i = 0; b.host !== "bk1" && i < 20; i++) b = await settledBackup(cloud, ctx, { volume_id: vol });
    await stopBackupHost(cloud, "bk1");
    await cloud.ops.backups.delete(ctx, b.id, false);
    await cloud.settle();
    const row = backupRow(cloud, b.id);
    expect(row.status).toBe("error");
    expect(row.fail_reason).toContain("is not the backup service that was used to create this backup");
  });

  it("§3.5 export on a host running another driver → 400", async () => {
    const cloud = await new CloudBuilder()
      .withSeed(3)
      .withTopology(TWO_BACKUP_HOSTS)
      .withBackupDriver((h, s) => (h === "bk1" ? posixDriver(s) : new OtherNamedDriver(s, "cinder.backup.drivers.nfs.NFSBackupDriver")))
      .build();
    const admin = cloud.context("admin");
    const vol = await readyVolume(cloud, admin);
    let b = await settledBackup(cloud, admin, { volume_id: vol });
    for (let i = 0; b.host !== "bk1" && i < 20; i++) b = await settledBackup(cloud, admin, { volume_id: vol });
    await stopBackupHost(cloud, "bk1");
    await expectCinderError(
      cloud.ops.backups.exportRecord(admin, b.id),
      400,
      /is not the backup service that was used to create this backup/,
      "InvalidBackup",
    );
    expect(backupRow(cloud, b.id).host).toBe("bk2"); // re-chosen and saved before the call
  });
});
