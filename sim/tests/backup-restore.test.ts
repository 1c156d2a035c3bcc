import { describe, expect, it } from "vitest";
import { CloudBuilder } from "../cloud/index.ts";
import { MemoryObjectStore } from "../../lib/stores/memory/memory-object-store.ts";
import { internalsOf } from "../cloud/testing.ts";
import {
  OtherNamedDriver,
  TWO_BACKUP_HOSTS,
  attachToInstance,
  backupRow,
  expectCinderError,
  newCloud,
  objectsOf,
  posixDriver,
  readyVolume,
  settledBackup,
} from "./helpers/index.ts";

// backup/api.py:API.restore and backup/manager.py:restore_backup (spec §2.3, §3.2, §9.30–9.43).
describe("backup restore (spec §2.3, §3.2)", () => {
  it("§2.3 statuses: backup restoring + restore_volume_id, target restoring-backup, then both available, src_backup_id set, bytes equal", async () => {
    const cloud = await newCloud();
    const ctx = cloud.context("demo");
    const src = await readyVolume(cloud, ctx);
    const b = await settledBackup(cloud, ctx, { volume_id: src });
    const target = await readyVolume(cloud, ctx, 1, { fill: "zeros", name: "target" });
    const r = await cloud.ops.backups.restore(ctx, b.id, { volume_id: target });
    expect(r).toEqual({ backup_id: b.id, volume_id: target, volume_name: "target" });
    expect(backupRow(cloud, b.id).status).toBe("restoring");
    expect(backupRow(cloud, b.id).restore_volume_id).toBe(target);
    expect(cloud.db.volume(target)!.status).toBe("restoring-backup");
    await cloud.settle();
    expect(backupRow(cloud, b.id).status).toBe("available");
    const v = cloud.db.volume(target)!;
    expect(v.status).toBe("available");
    expect(v.metadata["src_backup_id"]).toBe(b.id);
    expect(v.display_name).toBe("target"); // an existing named target keeps its name
    expect(cloud.devices.sha256(target)).toEqual(cloud.devices.sha256(src));
  });

  it("§9.32 no volume_id → new volume restore_backup_<id> that takes the source's name and description", async () => {
    const cloud = await newCloud();
    const ctx = cloud.context("demo");
    const sv = await cloud.ops.volumes.create(ctx, { size: 1, name: "src-vol", description: "source volume" });
    await cloud.settle();
    cloud.devices.fill(sv.id, "text");
    const b = await settledBackup(cloud, ctx, { volume_id: sv.id });
    const r = await cloud.ops.backups.restore(ctx, b.id, {});
    expect(r.volume_name).toBe(`restore_backup_${b.id}`);
    const created = cloud.db.volume(r.volume_id)!;
    expect(created.size).toBe(b.size);
    expect(created.display_description).toBe("auto-created_from_restore_from_backup");
    await cloud.settle();
    const v = cloud.db.volume(r.volume_id)!;
    expect(v.status).toBe("available");
    expect(v.display_name).toBe("src-vol");
    expect(v.display_description).toBe("source volume");
    expect(v.metadata["src_backup_id"]).toBe(b.id);
    expect(cloud.devices.sha256(r.volume_id)).toEqual(cloud.devices.sha256(sv.id));
  });

  it("§9.33 name='vol-01' → the new volume keeps vol-01; with volume_id the name is ignored", async () => {
    const cloud = await newCloud();
    const ctx = cloud.context("demo");
    const src = await readyVolume(cloud, ctx, 1, { name: "src" });
    const b = await settledBackup(cloud, ctx, { volume_id: src });
    const r = await cloud.ops.backups.restore(ctx, b.id, { name: "vol-01" });
    await cloud.settle();
    expect(cloud.db.volume(r.volume_id)!.display_name).toBe("vol-01");
    // _restore_vol_base_meta excludes display_description together with the name.
    expect(cloud.db.volume(r.volume_id)!.display_description).toBe("auto-created_from_restore_from_backup");
    const target = await readyVolume(cloud, ctx, 1, { name: "keep" });
    const r2 = await cloud.ops.backups.restore(ctx, b.id, { volume_id: target, name: "ignored" });
    expect(r2.volume_name).toBe("keep");
    await cloud.settle();
    expect(cloud.db.volume(target)!.display_name).toBe("keep");
  });

  it("§3.2 the auto-created volume gets the default type and AZ", async () => {
    const cloud = await newCloud();
    const ctx = cloud.context("demo");
    const src = await readyVolume(cloud, ctx, 1, { az: "az2" });
    const b = await settledBackup(cloud, ctx, { volume_id: src });
    const r = await cloud.ops.backups.restore(ctx, b.id, {});
    await cloud.settle();
    const v = cloud.db.volume(r.volume_id)!;
    const def = (await cloud.ops.volumes.listTypes(ctx)).find((t) => t.name === "__DEFAULT__")!;
    expect(v.volume_type_id).toBe(def.id);
    expect(v.availability_zone).toBe("az1");
    expect(v.status).toBe("available");
  });

  it("§3.2 restore into the backup's own source volume: no src_backup_id", async () => {
    const cloud = await newCloud();
    const ctx = cloud.context("demo");
    const src = await readyVolume(cloud, ctx);
    const before = cloud.devices.sha256(src);
    const b = await settledBackup(cloud, ctx, { volume_id: src });
    cloud.devices.fill(src, "random", { stream: "overwrite" });
    await cloud.ops.backups.restore(ctx, b.id, { volume_id: src });
    await cloud.settle();
    expect(cloud.db.volume(src)!.status).toBe("available");
    expect(cloud.db.volume(src)!.metadata["src_backup_id"]).toBeUndefined();
    expect(cloud.devices.sha256(src)).toEqual(before);
  });

  it("§3.2 unknown backup → 404; another project's target volume → 404", async () => {
    const cloud = await newCloud();
    const ctx = cloud.context("demo");
    await expectCinderError(
      cloud.ops.backups.restore(ctx, "6f1c8a42-1d3b-4c5e-9f7a-0b2c4d6e8f10", {}),
      404,
      "Backup 6f1c8a42-1d3b-4c5e-9f7a-0b2c4d6e8f10 could not be found.",
      "BackupNotFound",
    );
    const src = await readyVolume(cloud, ctx);
    const b = await settledBackup(cloud, ctx, { volume_id: src });
    const adminVol = await readyVolume(cloud, cloud.context("admin"));
    await expectCinderError(cloud.ops.backups.restore(ctx, b.id, { volume_id: adminVol }), 404, `Volume ${adminVol} could not be found.`);
    expect(backupRow(cloud, b.id).status).toBe("available");
  });

  it("§9.34 target smaller than the backup → 400 'volume size 1 is too small to restore backup of size 2.'", async () => {
    const cloud = await newCloud();
    const ctx = cloud.context("demo");
    const src = await readyVolume(cloud, ctx, 2);
    const b = await settledBackup(cloud, ctx, { volume_id: src });
    const small = await readyVolume(cloud, ctx, 1);
    await expectCinderError(
      cloud.ops.backups.restore(ctx, b.id, { volume_id: small }),
      400,
      "Invalid volume: volume size 1 is too small to restore backup of size 2.",
      "InvalidVolume",
    );
    expect(backupRow(cloud, b.id).status).toBe("available");
    expect(cloud.db.volume(small)!.status).toBe("available");
  });

  it("§9.35 larger target → the first backup-size bytes are overwritten, the tail is untouched", async () => {
    const cloud = await newCloud();
    const ctx = cloud.context("demo");
    const src = await readyVolume(cloud, ctx, 1);
    const b = await settledBackup(cloud, ctx, { volume_id: src });
    const big = await readyVolume(cloud, ctx, 2, { fill: "pattern" });
    const mib = cloud.inspect.config.sim_bytes_per_gb;
    const tail = cloud.devices.read(big, mib, mib);
    await cloud.ops.backups.restore(ctx, b.id, { volume_id: big });
    await cloud.settle();
    expect(cloud.db.volume(big)!.status).toBe("available");
    expect(Buffer.from(cloud.devices.read(big, 0, mib)).equals(Buffer.from(cloud.devices.read(src, 0, mib)))).toBe(true);
    expect(Buffer.from(cloud.devices.read(big, mib, mib)).equals(Buffer.from(tail))).toBe(true);
  });

  it("§9.36 target in-use → 400 'Volume to be restored to must be available'", async () => {
    const cloud = await newCloud();
    const ctx = cloud.context("demo");
    const src = await readyVolume(cloud, ctx);
    const b = await settledBackup(cloud, ctx, { volume_id: src });
    const target = await readyVolume(cloud, ctx);
    await attachToInstance(cloud, ctx, target);
    await expectCinderError(
      cloud.ops.backups.restore(ctx, b.id, { volume_id: target }),
      400,
      "Invalid volume: Volume to be restored to must be available",
    );
    expect(backupRow(cloud, b.id).status).toBe("available");
  });

  it("§9.37 backup creating or restoring → 400 'Backup status must be available' (no concurrent restores)", async () => {
    const cloud = await newCloud();
    const ctx = cloud.context("demo");
    const src = await readyVolume(cloud, ctx);
    const creating = await cloud.ops.backups.create(ctx, { volume_id: src });
    await expectCinderError(
      cloud.ops.backups.restore(ctx, creating.id, {}),
      400,
      "Invalid backup: Backup status must be available",
      "InvalidBackup",
    );
    await cloud.settle();
    const t1 = await readyVolume(cloud, ctx);
    const t2 = await readyVolume(cloud, ctx);
    await cloud.ops.backups.restore(ctx, creating.id, { volume_id: t1 });
    await expectCinderError(
      cloud.ops.backups.restore(ctx, creating.id, { volume_id: t2 }),
      400,
      "Invalid backup: Backup status must be available",
    );
    await cloud.settle();
    expect(cloud.db.volume(t2)!.status).toBe("available");
    expect(cloud.db.volume(t1)!.status).toBe("available");
  });

  it("§9.39 chain F ← I1 ← I2: restoring each gives exactly the bytes it captured", async () => {
    const cloud = await newCloud();
    const ctx = cloud.context("demo");
    const vol = await readyVolume(cloud, ctx, 2);
    const shas: string[] = [];
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      if (i) cloud.devices.fill(vol, "random", { offset: i * 300_000, length: 70_000, stream: `delta-${i}` });
      shas.push(cloud.devices.sha256(vol).sha256);
      ids.push((await settledBackup(cloud, ctx, { volume_id: vol, incremental: i > 0 })).id);
    }
    expect(backupRow(cloud, ids[2]!).parent_id).toBe(ids[1]);
    for (let i = 2; i >= 0; i--) {
      const r = await cloud.ops.backups.restore(ctx, ids[i]!, {});
      await cloud.settle();
      expect(cloud.db.volume(r.volume_id)!.status).toBe("available");
      expect(cloud.devices.sha256(r.volume_id).sha256, `restore of backup #${i}`).toBe(shas[i]);
    }
  });

  it("§9.30 a data object lost from the store → restore ends volume error_restoring, backup available", async () => {
    const cloud = await newCloud();
    const ctx = cloud.context("demo");
    const src = await readyVolume(cloud, ctx);
    const b = await settledBackup(cloud, ctx, { volume_id: src });
    const data = objectsOf(cloud, b.id).find((o) => /-00002$/.test(o.name))!;
    expect((cloud.objectStore as MemoryObjectStore).loseObject(data.container, data.name)).toBe(true);
    const r = await cloud.ops.backups.restore(ctx, b.id, {});
    await cloud.settle();
    expect(cloud.db.volume(r.volume_id)!.status).toBe("error_restoring");
    expect(backupRow(cloud, b.id).status).toBe("available");
  });

  it("§3.2 no backup service up → 404 and the auto-created volume is left behind available", async () => {
    const cloud = await newCloud();
    const ctx = cloud.context("demo");
    const src = await readyVolume(cloud, ctx);
    const b = await settledBackup(cloud, ctx, { volume_id: src });
    cloud.faults.stopService("cinder-backup", "site1");
    cloud.faults.stopService("cinder-backup", "site2");
    await cloud.advance(cloud.inspect.config.service_down_time * 1000 + 11_000);
    const before = new Set(cloud.db.volumes().map((v) => v.id));
    await expectCinderError(cloud.ops.backups.restore(ctx, b.id, {}), 404, undefined, "ServiceNotFound");
    const left = cloud.db.volumes().filter((v) => !before.has(v.id));
    expect(left.map((v) => [v.display_name, v.status])).toEqual([[`restore_backup_${b.id}`, "available"]]);
    expect(backupRow(cloud, b.id).status).toBe("available");
  });

  it("§9.42 restore on a host running another driver → volume error, backup available", async () => {
    const store = new MemoryObjectStore();
    const cloud = await new CloudBuilder()
      .withSeed(3)
      .withTopology(TWO_BACKUP_HOSTS)
      .withObjectStore(store)
      .withBackupDriver((h, s) => (h === "bk1" ? posixDriver(s) : new OtherNamedDriver(s, "cinder.backup.drivers.nfs.NFSBackupDriver")))
      .build();
    const ctx = cloud.context("demo");
    const src = await readyVolume(cloud, ctx);
    let b = await settledBackup(cloud, ctx, { volume_id: src });
    for (let i = 0; b.host !== "bk1" && i < 20; i++) b = await settledBackup(cloud, ctx, { volume_id: src });
    expect(b.host).toBe("bk1");
    cloud.faults.stopService("cinder-backup", "bk1");
    await cloud.advance(cloud.inspect.config.service_down_time * 1000 + 11_000);
    const target = await readyVolume(cloud, ctx);
    await cloud.ops.backups.restore(ctx, b.id, { volume_id: target });
    await cloud.settle();
    expect(cloud.db.volume(target)!.status).toBe("error");
    expect(backupRow(cloud, b.id).status).toBe("available");
  });

  it("§9.43 (3.47) volume created from a backup stays creating until the restore ends, then available with the bytes", async () => {
    const cloud = await newCloud({ release: "master" });
    const ctx = cloud.context("demo", "3.47");
    const src = await readyVolume(cloud, ctx);
    const b = await settledBackup(cloud, ctx, { volume_id: src });
    const v = await cloud.ops.volumes.create(ctx, { size: 1, backup_id: b.id });
    expect(v.status).toBe("creating");
    let sawRestoring = false;
    await cloud.runUntil(() => {
      sawRestoring ||= cloud.db.backup(b.id)!.status === "restoring" && cloud.db.volume(v.id)!.status === "creating";
      return false;
    });
    expect(sawRestoring).toBe(true);
    const done = cloud.db.volume(v.id)!;
    expect(done.status).toBe("available");
    expect(done.launched_at).not.toBeNull();
    expect(backupRow(cloud, b.id).status).toBe("available");
    expect(cloud.devices.sha256(v.id)).toEqual(cloud.devices.sha256(src));
    const driverCall = cloud.trace
      .entries()
      .find((e) => e.event.type === "driver" && e.event.call === "restore" && e.event.backupId === b.id);
    expect(driverCall?.detail?.["volume_is_new"]).toBe(true);
  });

  it("§3.2 the auto-created volume ends in error → 400 'Error while creating volume …'", async () => {
    const cloud = await newCloud();
    const ctx = cloud.context("demo");
    const src = await readyVolume(cloud, ctx, 1, { az: "az2" });
    const b = await settledBackup(cloud, ctx, { volume_id: src });
    cloud.faults.stopService("cinder-volume", "site1@lvm"); // the default AZ az1 has no backend left
    await cloud.advance(cloud.inspect.config.service_down_time * 1000 + 11_000);
    const err = await expectCinderError(
      cloud.ops.backups.restore(ctx, b.id, {}),
      400,
      /^Invalid volume: Error while creating volume \S+ for restoring backup /,
      "InvalidVolume",
    );
    expect(err.message.endsWith(`for restoring backup ${b.id}.`)).toBe(true);
    expect(backupRow(cloud, b.id).status).toBe("available");
  });

  it("§2.3.2 the target left restoring-backup before the manager ran → backup available, volume error_restoring", async () => {
    const cloud = await newCloud();
    const ctx = cloud.context("demo");
    const src = await readyVolume(cloud, ctx);
    const b = await settledBackup(cloud, ctx, { volume_id: src });
    const target = await readyVolume(cloud, ctx);
    await cloud.ops.backups.restore(ctx, b.id, { volume_id: target });
    await cloud.ops.volumes.resetStatus(cloud.context("admin"), target, { status: "available" });
    await cloud.settle();
    expect(backupRow(cloud, b.id).status).toBe("available");
    expect(cloud.db.volume(target)!.status).toBe("error_restoring");
  });

  it("§2.3.2 that failure posts Detail.VOLUME_INVALID_STATE (027) about the volume (message_api.create with resource_uuid=volume.id)", async () => {
    const cloud = await newCloud();
    const ctx = cloud.context("demo");
    const src = await readyVolume(cloud, ctx);
    const b = await settledBackup(cloud, ctx, { volume_id: src });
    const target = await readyVolume(cloud, ctx);
    await cloud.ops.backups.restore(ctx, b.id, { volume_id: target });
    await cloud.ops.volumes.resetStatus(cloud.context("admin"), target, { status: "available" });
    await cloud.settle();
    const msgs = internalsOf(cloud)
      .state.messages.all()
      .filter((m) => m.action === "BACKUP_RESTORE");
    expect(msgs.map((m) => [m.resource_uuid, m.resource_type, m.detail_id])).toEqual([[target, "VOLUME_BACKUP", "027"]]);
  });

  it("§2.3.7 src_backup_id is also replaced when restoring a volume's own backup over a different src_backup_id", async () => {
    const cloud = await newCloud();
    const ctx = cloud.context("demo");
    const a = await readyVolume(cloud, ctx);
    const ba = await settledBackup(cloud, ctx, { volume_id: a });
    const v = await readyVolume(cloud, ctx);
    const bv = await settledBackup(cloud, ctx, { volume_id: v });
    await cloud.ops.backups.restore(ctx, ba.id, { volume_id: v });
    await cloud.settle();
    expect(cloud.db.volume(v)!.metadata["src_backup_id"]).toBe(ba.id);
    await cloud.ops.backups.restore(ctx, bv.id, { volume_id: v });
    await cloud.settle();
    expect(cloud.db.volume(v)!.metadata["src_backup_id"]).toBe(bv.id);
  });

  it("§2.3.6 the volume service is down when the restore starts → secure_file_operations_enabled times out: volume error_restoring, backup available, no user message", async () => {
    const cloud = await newCloud();
    const ctx = cloud.context("demo");
    const src = await readyVolume(cloud, ctx);
    const b = await settledBackup(cloud, ctx, { volume_id: src });
    const target = await readyVolume(cloud, ctx);
    cloud.faults.stopService("cinder-volume", "site1@lvm");
    await cloud.ops.backups.restore(ctx, b.id, { volume_id: target });
    await cloud.advance(cloud.inspect.config.rpc_response_timeout * 1000 + 5000);
    expect(cloud.db.volume(target)!.status).toBe("error_restoring");
    expect(backupRow(cloud, b.id).status).toBe("available");
    // backup/manager.py:_run_restore calls secure_file_operations_enabled before the try that posts 021.
    expect(
      internalsOf(cloud)
        .state.messages.all()
        .filter((m) => m.action === "BACKUP_RESTORE"),
    ).toEqual([]);
    await cloud.faults.startService("cinder-volume", "site1@lvm");
    await cloud.settle();
    expect(cloud.db.volume(target)!.status).toBe("error_restoring");
  });
});
