import { describe, expect, it } from "vitest";
import type { Release } from "../cloud/index.ts";
import {
  ONE_SITE,
  attachToInstance,
  backupRow,
  backupUsage,
  newCloud,
  objectsOf,
  readySnapshot,
  readyVolume,
  runUntil,
  settledBackup,
  storedObjects,
} from "./helpers/index.ts";

const dropCasts = (method: string) => (msg: { method: string }) =>
  msg.method === method ? { action: "drop" as const, reason: "lost in test" } : undefined;

// backup/manager.py:init_host → _cleanup_incomplete_backup_operations (spec §2.6, §9.41, §9.51, §9.67).
describe.each<Release>(["zed", "epoxy", "master"])("backup service restart cleanup (%s)", (release) => {
  it("§9.67 creating backup with a temporary clone → error 'incomplete backup reset on manager restart', volume back to previous_status, clone deleted and cleared", async () => {
    const cloud = await newCloud({ release });
    const ctx = cloud.context("demo");
    const vol = await readyVolume(cloud, ctx, 4);
    await attachToInstance(cloud, ctx, vol);
    const b = await cloud.ops.backups.create(ctx, { volume_id: vol, force: true });
    await runUntil(cloud, () => objectsOf(cloud, b.id).length > 0);
    const temp = backupRow(cloud, b.id).temp_volume_id;
    expect(temp).not.toBeNull();
    await cloud.faults.restartService("cinder-backup", backupRow(cloud, b.id).host!);
    await cloud.settle();
    const row = backupRow(cloud, b.id);
    expect(row.status).toBe("error");
    expect(row.fail_reason).toBe("incomplete backup reset on manager restart");
    expect(row.temp_volume_id).toBeNull();
    expect(cloud.db.volumes().find((v) => v.id === temp)!.deleted).toBe(true);
    expect(cloud.db.volume(vol)!.status).toBe("in-use");
  });

  it("§2.6 temp-snapshot mode: the temporary snapshot of an errored backup is deleted and its id cleared", async () => {
    const cloud = await newCloud({ release, config: { backup_use_temp_snapshot: true } });
    const ctx = cloud.context("demo");
    const vol = await readyVolume(cloud, ctx, 4);
    await attachToInstance(cloud, ctx, vol);
    const b = await cloud.ops.backups.create(ctx, { volume_id: vol, force: true });
    await runUntil(cloud, () => objectsOf(cloud, b.id).length > 0);
    const snap = backupRow(cloud, b.id).temp_snapshot_id;
    expect(snap).not.toBeNull();
    await cloud.faults.restartService("cinder-backup", backupRow(cloud, b.id).host!);
    await cloud.settle();
    expect(backupRow(cloud, b.id).status).toBe("error");
    expect(backupRow(cloud, b.id).temp_snapshot_id).toBeNull();
    expect(cloud.db.snapshots().find((s) => s.id === snap)!.deleted).toBe(true);
    expect(cloud.db.volume(vol)!.status).toBe("in-use");
  });

  it("§9.41 restart during a restore → backup available, target volume error_restoring", async () => {
    const cloud = await newCloud({ release });
    const ctx = cloud.context("demo");
    const vol = await readyVolume(cloud, ctx, 4);
    const b = await settledBackup(cloud, ctx, { volume_id: vol });
    const target = await readyVolume(cloud, ctx, 4, { fill: "zeros" });
    await cloud.ops.backups.restore(ctx, b.id, { volume_id: target });
    await runUntil(cloud, () =>
      cloud.trace.entries().some((e) => e.event.type === "driver" && e.event.call === "restore" && e.event.backupId === b.id),
    );
    await cloud.advance(5);
    expect(backupRow(cloud, b.id).status).toBe("restoring");
    await cloud.faults.restartService("cinder-backup", backupRow(cloud, b.id).host!);
    await cloud.settle();
    expect(backupRow(cloud, b.id).status).toBe("available");
    expect(cloud.db.volume(target)!.status).toBe("error_restoring");
  });

  it("§9.51 restart with a deleting backup (delete message lost) → the delete resumes", async () => {
    const cloud = await newCloud({ release });
    const ctx = cloud.context("demo");
    const vol = await readyVolume(cloud, ctx);
    const b = await settledBackup(cloud, ctx, { volume_id: vol });
    const undo = cloud.faults.intercept(dropCasts("delete_backup"));
    await cloud.ops.backups.delete(ctx, b.id, false);
    await cloud.settle();
    undo();
    expect(backupRow(cloud, b.id).status).toBe("deleting");
    await cloud.faults.restartService("cinder-backup", backupRow(cloud, b.id).host!);
    await cloud.settle();
    expect(backupRow(cloud, b.id).status).toBe("deleted");
    expect(storedObjects(cloud)).toEqual([]);
  });

  it("§9.51 restart with a deleting encrypted backup → error_deleting", async () => {
    const cloud = await newCloud({ release });
    const ctx = cloud.context("demo");
    const vol = await readyVolume(cloud, ctx, 1, { type: "LUKS" });
    const b = await settledBackup(cloud, ctx, { volume_id: vol });
    expect(b.encryption_key_id).not.toBeNull();
    const undo = cloud.faults.intercept(dropCasts("delete_backup"));
    await cloud.ops.backups.delete(ctx, b.id, false);
    await cloud.settle();
    undo();
    await cloud.faults.restartService("cinder-backup", backupRow(cloud, b.id).host!);
    await cloud.settle();
    expect(backupRow(cloud, b.id).status).toBe("error_deleting");
    expect(objectsOf(cloud, b.id).length).toBeGreaterThan(0);
  });

  it("§2.6 snapshot source interrupted: Zed leaves the snapshot backing-up, master resets it to available", async () => {
    const cloud = await newCloud({ release });
    const ctx = cloud.context("demo");
    const vol = await readyVolume(cloud, ctx, 4);
    const snap = await readySnapshot(cloud, ctx, vol);
    const b = await cloud.ops.backups.create(ctx, { volume_id: vol, snapshot_id: snap });
    await runUntil(cloud, () => objectsOf(cloud, b.id).length > 0);
    await cloud.faults.restartService("cinder-backup", backupRow(cloud, b.id).host!);
    await cloud.settle();
    expect(backupRow(cloud, b.id).status).toBe("error");
    expect(cloud.db.snapshot(snap)!.status).toBe(release === "zed" ? "backing-up" : "available");
    expect(cloud.db.volume(vol)!.status).toBe("available");
  });

  it("§2.6 creating backup whose source volume is gone: Zed aborts that backup's cleanup (stays creating), master errors it", async () => {
    const cloud = await newCloud({ release });
    const ctx = cloud.context("demo");
    const admin = cloud.context("admin");
    const vol = await readyVolume(cloud, ctx, 4);
    const b = await cloud.ops.backups.create(ctx, { volume_id: vol });
    await runUntil(cloud, () => objectsOf(cloud, b.id).length > 0);
    const host = backupRow(cloud, b.id).host!;
    cloud.faults.stopService("cinder-backup", host);
    await cloud.ops.volumes.delete(admin, vol, { force: true });
    await cloud.settle();
    expect(cloud.db.volume(vol)!.deleted).toBe(true);
    await cloud.faults.startService("cinder-backup", host);
    await cloud.settle();
    const row = backupRow(cloud, b.id);
    if (release === "zed") expect(row.status).toBe("creating");
    else {
      expect(row.status).toBe("error");
      expect(row.fail_reason).toBe("incomplete backup reset on manager restart");
    }
  });

  it("§2.6 available backups on the host are left alone by the cleanup", async () => {
    const cloud = await newCloud({ release });
    const ctx = cloud.context("demo");
    const vol = await readyVolume(cloud, ctx);
    const b = await settledBackup(cloud, ctx, { volume_id: vol });
    await cloud.faults.restartService("cinder-backup", b.host!);
    await cloud.settle();
    expect(backupRow(cloud, b.id).status).toBe("available");
    expect(backupRow(cloud, b.id).fail_reason).toBeNull();
  });

  it("§2.6 a backup interrupted by a restart keeps container and service_metadata (chunkeddriver._prepare_backup saves them), so deleting it removes its partial objects", async () => {
    const cloud = await newCloud({ release });
    const ctx = cloud.context("demo");
    const vol = await readyVolume(cloud, ctx, 4);
    const b = await cloud.ops.backups.create(ctx, { volume_id: vol });
    await runUntil(cloud, () => objectsOf(cloud, b.id).length > 0);
    await cloud.faults.restartService("cinder-backup", backupRow(cloud, b.id).host!);
    await cloud.settle();
    const row = backupRow(cloud, b.id);
    expect(row.status).toBe("error");
    expect(objectsOf(cloud, b.id).length).toBeGreaterThan(0);
    expect(row.service_metadata, "service_metadata saved before the first chunk").not.toBeNull();
    expect(row.container).not.toBeNull();
    await cloud.ops.backups.delete(ctx, b.id, false);
    await cloud.settle();
    expect(backupRow(cloud, b.id).status).toBe("deleted");
    expect(storedObjects(cloud)).toEqual([]);
  });

  it("§2.6 quirk: a delete_backup still queued across a restart runs again after init_host resumed the delete (the cast carries status deleting), so the quota is released twice", async () => {
    const cloud = await newCloud({ release, topology: ONE_SITE });
    const ctx = cloud.context("demo");
    const vol = await readyVolume(cloud, ctx);
    const keep = await settledBackup(cloud, ctx, { volume_id: vol });
    const gone = await settledBackup(cloud, ctx, { volume_id: vol });
    await cloud.ops.backups.delete(ctx, gone.id, false); // cast in flight
    await cloud.faults.restartService("cinder-backup", "site1");
    await cloud.settle();
    expect(backupRow(cloud, gone.id).status).toBe("deleted");
    expect(backupRow(cloud, keep.id).status).toBe("available");
    const ends = cloud.trace
      .entries()
      .filter((e) => e.event.type === "notify" && e.event.event === "delete.end" && e.event.backupId === gone.id);
    expect(ends).toHaveLength(2);
    // manager.delete_backup reserves −1/−size on every run: cinder's usage drifts below the live records.
    expect(backupUsage(cloud, cloud.users.demo.projectId)).toEqual({ backups: 0, gigabytes: 0 });
    expect(objectsOf(cloud, keep.id).length).toBe(6);
  });
});
