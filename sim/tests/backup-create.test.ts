import { describe, expect, it } from "vitest";
import type { BackupService } from "../services/backup/backup-service.ts";
import { CloudBuilder } from "../cloud/index.ts";
import { internalsOf } from "../cloud/testing.ts";
import {
  AZ2_WITHOUT_BACKUP,
  FailingDriver,
  ONE_SITE,
  attachToInstance,
  backupRow,
  backupUsage,
  expectCinderError,
  messageCodes,
  newCloud,
  readySnapshot,
  readyVolume,
  runUntil,
  settledBackup,
} from "./helpers/index.ts";

// backup/api.py:API.create, scheduler/manager.py:create_backup, backup/manager.py:create_backup /
// continue_backup / _finish_backup (spec §2.2, §3.1, §9 Create).
describe("backup create (spec §2.2, §3.1)", () => {
  it("§9.1 available volume → backup creating → available, volume backing-up → available with previous_status backing-up", async () => {
    const cloud = await newCloud();
    const ctx = cloud.context("demo");
    const vol = await readyVolume(cloud, ctx);
    const b = await cloud.ops.backups.create(ctx, { volume_id: vol, name: "  b1  ", description: " d " });
    expect(b.status).toBe("creating");
    expect(b.display_name).toBe("b1");
    expect(b.display_description).toBe("d");
    expect(cloud.db.volume(vol)!.status).toBe("backing-up");
    expect(cloud.db.volume(vol)!.previous_status).toBe("available");
    await cloud.settle();
    const done = backupRow(cloud, b.id);
    expect(done.status, done.fail_reason ?? "").toBe("available");
    expect(done.parent_id).toBeNull();
    expect(done.size).toBe(1);
    expect(done.object_count).toBe(4);
    expect(done.service).toContain("posix");
    expect(cloud.db.volume(vol)!.status).toBe("available");
    expect(cloud.db.volume(vol)!.previous_status).toBe("backing-up");
  });

  it("§3.1 the backup belongs to the caller's project and user (data_timestamp = created_at)", async () => {
    const cloud = await newCloud();
    const demo = cloud.context("demo");
    const vol = await readyVolume(cloud, demo);
    const b = await settledBackup(cloud, cloud.context("admin"), { volume_id: vol });
    expect(b.project_id).toBe(cloud.users.admin.projectId);
    expect(b.user_id).toBe(cloud.users.admin.userId);
    expect(b.data_timestamp).toBe(b.created_at);
    expect(backupUsage(cloud, cloud.users.admin.projectId)).toEqual({ backups: 1, gigabytes: 1 });
    expect(backupUsage(cloud, cloud.users.demo.projectId)).toEqual({ backups: 0, gigabytes: 0 });
  });

  it("§3.1 unknown volume → 404 VolumeNotFound; another project's volume is invisible", async () => {
    const cloud = await newCloud();
    await expectCinderError(
      cloud.ops.backups.create(cloud.context("demo"), { volume_id: "0bd1c5a4-9a1c-4d3e-8c7f-2a6b9c0d1e2f" }),
      404,
      undefined,
      "VolumeNotFound",
    );
    const adminVol = await readyVolume(cloud, cloud.context("admin"));
    await expectCinderError(
      cloud.ops.backups.create(cloud.context("demo"), { volume_id: adminVol }),
      404,
      `Volume ${adminVol} could not be found.`,
    );
  });

  it("§9.2 in-use volume without force → 400 and nothing reserved", async () => {
    const cloud = await newCloud();
    const ctx = cloud.context("demo");
    const vol = await readyVolume(cloud, ctx);
    await attachToInstance(cloud, ctx, vol);
    await expectCinderError(
      cloud.ops.backups.create(ctx, { volume_id: vol }),
      400,
      "Invalid volume: Backing up an in-use volume must use the force flag.",
      "InvalidVolume",
    );
    const u = cloud.db.quotaUsage(cloud.users.demo.projectId);
    expect(u["backups"]).toMatchObject({ in_use: 0, reserved: 0 });
    expect(u["backup_gigabytes"]).toMatchObject({ in_use: 0, reserved: 0 });
    expect(cloud.db.volume(vol)!.status).toBe("in-use");
  });

  it("§9.3 in-use volume with force → temporary clone backup-vol-<id> created then deleted, volume back to in-use", async () => {
    const cloud = await newCloud();
    const ctx = cloud.context("demo");
    const vol = await readyVolume(cloud, ctx);
    await attachToInstance(cloud, ctx, vol);
    const before = cloud.devices.sha256(vol);
    const b = await settledBackup(cloud, ctx, { volume_id: vol, force: true });
    expect(b.status, b.fail_reason ?? "").toBe("available");
    expect(b.temp_volume_id).toBeNull();
    const temps = cloud.db.volumes().filter((v) => v.display_name === `backup-vol-${vol}`);
    expect(temps).toHaveLength(1);
    expect(temps[0]!.use_quota).toBe(false);
    expect(temps[0]!.deleted).toBe(true);
    expect(cloud.db.volume(vol)!.status).toBe("in-use");
    // The backup captured the clone's bytes, i.e. the volume's at the time.
    const r = await cloud.ops.backups.restore(ctx, b.id, {});
    await cloud.settle();
    expect(cloud.devices.sha256(r.volume_id).sha256).toBe(before.sha256);
  });

  it("§3.1 force on an available volume is harmless", async () => {
    const cloud = await newCloud();
    const ctx = cloud.context("demo");
    const vol = await readyVolume(cloud, ctx);
    const b = await settledBackup(cloud, ctx, { volume_id: vol, force: true });
    expect(b.status).toBe("available");
    expect(b.temp_volume_id).toBeNull();
    expect(cloud.db.volumes().filter((v) => v.display_name === `backup-vol-${vol}`)).toHaveLength(0);
    expect(cloud.db.volume(vol)!.status).toBe("available");
  });

  it("§9.4 volume in error → 400 '…must be available or in-use, but the current status is \"error\".'", async () => {
    const cloud = await newCloud();
    const ctx = cloud.context("demo");
    const vol = await readyVolume(cloud, ctx);
    await cloud.ops.volumes.resetStatus(cloud.context("admin"), vol, { status: "error" });
    await expectCinderError(
      cloud.ops.backups.create(ctx, { volume_id: vol }),
      400,
      'Invalid volume: Volume to be backed up must be available or in-use, but the current status is "error".',
    );
    expect(backupUsage(cloud, cloud.users.demo.projectId)).toEqual({ backups: 0, gigabytes: 0 });
  });

  it("§9.4 a second concurrent backup of the same volume → 400 (backing-up)", async () => {
    const cloud = await newCloud();
    const ctx = cloud.context("demo");
    const vol = await readyVolume(cloud, ctx);
    await cloud.ops.backups.create(ctx, { volume_id: vol });
    await expectCinderError(
      cloud.ops.backups.create(ctx, { volume_id: vol }),
      400,
      'Invalid volume: Volume to be backed up must be available or in-use, but the current status is "backing-up".',
    );
    await cloud.settle();
    expect(backupUsage(cloud, cloud.users.demo.projectId)).toEqual({ backups: 1, gigabytes: 1 });
  });

  it("§9.10 snapshot of another volume → 400 'Volume X does not match with snapshot.volume_id Y.'", async () => {
    const cloud = await newCloud();
    const ctx = cloud.context("demo");
    const v1 = await readyVolume(cloud, ctx);
    const v2 = await readyVolume(cloud, ctx);
    const s2 = await readySnapshot(cloud, ctx, v2);
    await expectCinderError(
      cloud.ops.backups.create(ctx, { volume_id: v1, snapshot_id: s2 }),
      400,
      `Invalid volume: Volume ${v1} does not match with snapshot.volume_id ${v2}.`,
      "InvalidVolume",
    );
  });

  it("§9.11 snapshot in creating → 400 InvalidSnapshot", async () => {
    const cloud = await newCloud();
    const ctx = cloud.context("demo");
    const vol = await readyVolume(cloud, ctx);
    const snap = await readySnapshot(cloud, ctx, vol);
    await cloud.ops.snapshots.resetStatus(cloud.context("admin"), snap, "creating");
    await expectCinderError(
      cloud.ops.backups.create(ctx, { volume_id: vol, snapshot_id: snap }),
      400,
      'Invalid snapshot: Snapshot to be backed up must be available, but the current status is "creating".',
      "InvalidSnapshot",
    );
    expect(backupUsage(cloud, cloud.users.demo.projectId)).toEqual({ backups: 0, gigabytes: 0 });
  });

  it("§9.12 snapshot source of an in-use volume without force → 202, snapshot backing-up → available, volume untouched", async () => {
    const cloud = await newCloud();
    const ctx = cloud.context("demo");
    const vol = await readyVolume(cloud, ctx);
    const snap = await readySnapshot(cloud, ctx, vol);
    await attachToInstance(cloud, ctx, vol);
    const b = await cloud.ops.backups.create(ctx, { volume_id: vol, snapshot_id: snap });
    expect(cloud.db.snapshot(snap)!.status).toBe("backing-up");
    expect(cloud.db.volume(vol)!.status).toBe("in-use");
    await cloud.settle();
    const done = backupRow(cloud, b.id);
    expect(done.status, done.fail_reason ?? "").toBe("available");
    expect(done.snapshot_id).toBe(snap);
    expect(done.data_timestamp).toBe(cloud.db.snapshot(snap)!.created_at);
    expect(cloud.db.snapshot(snap)!.status).toBe("available");
    expect(cloud.db.volume(vol)!.status).toBe("in-use");
    // Default (no temp-snapshot mode): a temporary volume cloned from the snapshot, then deleted.
    const temps = cloud.db.volumes().filter((v) => v.display_name === `backup-vol-${vol}`);
    expect(temps.map((t) => t.deleted)).toEqual([true]);
  });

  it("§2.2.3 the manager errors the backup when the volume left backing-up before create_backup ran", async () => {
    const cloud = await newCloud();
    const ctx = cloud.context("demo");
    const vol = await readyVolume(cloud, ctx);
    const b = await cloud.ops.backups.create(ctx, { volume_id: vol });
    await cloud.ops.volumes.resetStatus(cloud.context("admin"), vol, { status: "available" });
    await cloud.settle();
    const done = backupRow(cloud, b.id);
    expect(done.status).toBe("error");
    expect(done.fail_reason).toBe("Create backup aborted, expected volume status backing-up but got available.");
    expect(cloud.db.volume(vol)!.status).toBe("available");
  });

  it("§9.17 no backup service in the volume's AZ → 202, then error 'Service not found for creating backup.', volume restored, message 024", async () => {
    const cloud = await newCloud({ topology: AZ2_WITHOUT_BACKUP });
    const ctx = cloud.context("demo");
    const vol = await readyVolume(cloud, ctx, 1, { az: "az2" });
    const b = await cloud.ops.backups.create(ctx, { volume_id: vol });
    expect(b.status).toBe("creating");
    await cloud.settle();
    const done = backupRow(cloud, b.id);
    expect(done.status).toBe("error");
    expect(done.fail_reason).toBe("Service not found for creating backup.");
    expect(cloud.db.volume(vol)!.status).toBe("available");
    expect(messageCodes(cloud, b.id)).toContain("024");
    // The quota stays charged (committed before any data moved, §4).
    expect(backupUsage(cloud, cloud.users.demo.projectId)).toEqual({ backups: 1, gigabytes: 1 });
  });

  it("§9.18 driver not initialised on the chosen host → error 'Create backup aborted due to backup service is down.', previous_status error_backing-up, message 018", async () => {
    const cloud = await newCloud({ topology: ONE_SITE });
    const ctx = cloud.context("demo");
    const vol = await readyVolume(cloud, ctx);
    const svc = internalsOf(cloud).services.find((s) => s.binary === "cinder-backup") as BackupService;
    svc.isInitialized = false; // capabilities published as up, driver now broken
    const b = await settledBackup(cloud, ctx, { volume_id: vol });
    expect(b.status).toBe("error");
    // update_backup_error(err) then `except Exception as err: update_backup_error(backup, str(err))`
    // re-saves the InvalidBackup text (backup/manager.py:create_backup), hence the prefix.
    expect(b.fail_reason).toBe("Invalid backup: Create backup aborted due to backup service is down.");
    expect(cloud.db.volume(vol)!.status).toBe("available");
    expect(cloud.db.volume(vol)!.previous_status).toBe("error_backing-up");
    expect(messageCodes(cloud, b.id)).toContain("018");
  });

  it("§9.19 driver raises during backup() → error with the exception text, volume restored, temporary clone deleted, message 020", async () => {
    let driver: FailingDriver | undefined;
    const cloud = await new CloudBuilder()
      .withSeed(1)
      .withTopology(ONE_SITE)
      .withBackupDriver((_h, store) => (driver = new FailingDriver(store)))
      .build();
    const ctx = cloud.context("demo");
    const vol = await readyVolume(cloud, ctx);
    await attachToInstance(cloud, ctx, vol);
    driver!.failBackup = "x".repeat(300);
    const b = await settledBackup(cloud, ctx, { volume_id: vol, force: true });
    expect(b.status).toBe("error");
    expect(b.fail_reason).toBe("x".repeat(255));
    expect(cloud.db.volume(vol)!.status).toBe("in-use");
    expect(cloud.db.volume(vol)!.previous_status).toBe("error_backing-up");
    expect(b.temp_volume_id).toBeNull();
    expect(
      cloud.db
        .volumes()
        .filter((v) => v.display_name === `backup-vol-${vol}`)
        .map((v) => v.deleted),
    ).toEqual([true]);
    expect(messageCodes(cloud, b.id)).toContain("020");
  });

  it("§9.20 (3.43) metadata given at create is stored", async () => {
    const cloud = await newCloud();
    const ctx = cloud.context("demo", "3.43");
    const vol = await readyVolume(cloud, ctx);
    const b = await settledBackup(cloud, ctx, { volume_id: vol, metadata: { k: "v" } });
    expect(b.metadata).toEqual({ k: "v" });
    expect((await cloud.ops.backups.get(ctx, b.id)).metadata).toEqual({ k: "v" });
  });

  it("§3.1 container given by the user is kept", async () => {
    const cloud = await newCloud();
    const ctx = cloud.context("demo");
    const vol = await readyVolume(cloud, ctx);
    const b = await settledBackup(cloud, ctx, { volume_id: vol, container: "mybackups" });
    expect(b.status).toBe("available");
    expect(b.container).toBe("mybackups");
  });

  it("§2.2 get_backup_device lost in the volume service → backup stays creating and the volume backing-up until the backup service restarts", async () => {
    const cloud = await newCloud({ topology: ONE_SITE });
    const ctx = cloud.context("demo");
    const vol = await readyVolume(cloud, ctx);
    const undo = cloud.faults.intercept((m) =>
      m.method === "get_backup_device" ? { action: "drop", reason: "volume manager raised" } : undefined,
    );
    const b = await settledBackup(cloud, ctx, { volume_id: vol });
    undo();
    expect(b.status).toBe("creating");
    expect(cloud.db.volume(vol)!.status).toBe("backing-up");
    await cloud.faults.restartService("cinder-backup", "site1");
    await cloud.settle();
    expect(backupRow(cloud, b.id).status).toBe("error");
    expect(backupRow(cloud, b.id).fail_reason).toBe("incomplete backup reset on manager restart");
    expect(cloud.db.volume(vol)!.status).toBe("available");
  });

  it("§2.2.5 attach failure in continue_backup (temporary clone deleted by a reset first) → error, volume back to in-use with error_backing-up, message 021 ATTACH_ERROR", async () => {
    const cloud = await newCloud();
    const ctx = cloud.context("demo");
    const vol = await readyVolume(cloud, ctx, 4);
    await attachToInstance(cloud, ctx, vol);
    const b = await cloud.ops.backups.create(ctx, { volume_id: vol, force: true });
    await runUntil(cloud, () => cloud.db.backup(b.id)!.temp_volume_id !== null);
    await cloud.ops.backups.resetStatus(cloud.context("admin"), b.id, "error"); // deletes the clone at once (§2.7)
    await cloud.settle();
    const row = backupRow(cloud, b.id);
    expect(row.status).toBe("error");
    expect(cloud.db.volume(vol)!.status).toBe("in-use");
    expect(cloud.db.volume(vol)!.previous_status).toBe("error_backing-up");
    // backup/manager.py:continue_backup: an _attach_device failure creates Detail.ATTACH_ERROR, not 020.
    expect(messageCodes(cloud, b.id)).toEqual(["021"]);
  });

  it("§2.2.5 the volume service is down while attaching → MessagingTimeout (initialize, then terminate) → error with its text, volume restored, message 021", async () => {
    const cloud = await newCloud();
    const ctx = cloud.context("demo");
    const vol = await readyVolume(cloud, ctx);
    const b = await cloud.ops.backups.create(ctx, { volume_id: vol });
    await runUntil(cloud, () =>
      cloud.trace.entries().some((e) => e.event.type === "rpc" && e.event.kind === "call" && e.event.method === "initialize_connection"),
    );
    cloud.faults.stopService("cinder-volume", "site1@lvm");
    // _attach_volume: initialize_connection times out, then its terminate_connection(force) times out too.
    await cloud.advance(2 * cloud.inspect.config.rpc_response_timeout * 1000 + 5000);
    const row = backupRow(cloud, b.id);
    expect(row.status).toBe("error");
    expect(row.fail_reason).toMatch(/^Timed out waiting for a reply to message ID \d+/);
    expect(cloud.db.volume(vol)!.status).toBe("available");
    expect(cloud.db.volume(vol)!.previous_status).toBe("error_backing-up");
    expect(messageCodes(cloud, b.id)).toEqual(["021"]);
    await cloud.faults.startService("cinder-volume", "site1@lvm");
    await cloud.settle();
    expect(backupRow(cloud, b.id).status).toBe("error");
  });
});
