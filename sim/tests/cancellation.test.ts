import { describe, expect, it } from "vitest";
import type { Release } from "../cloud/index.ts";
import {
  ONE_SITE,
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

// Backup cancel = force delete of a creating chunked backup; restore cancel = reset away from
// restoring (chunkeddriver.py:backup / _restore_v1, manager._finish_backup / restore_backup; spec §6).
describe.each<Release>(["zed", "master"])("cancellation (%s)", (release) => {
  it("§9.47 force delete of a creating backup → deleted at once, the writer stops within a chunk, leftovers and _metadata removed, volume back to previous_status", async () => {
    const cloud = await newCloud({ release });
    const ctx = cloud.context("demo");
    const admin = cloud.context("admin");
    const vol = await readyVolume(cloud, ctx, 4); // 16 chunks
    const b = await cloud.ops.backups.create(ctx, { volume_id: vol });
    await runUntil(cloud, () => objectsOf(cloud, b.id).length >= 2);
    expect(backupRow(cloud, b.id).status).toBe("creating");
    await cloud.ops.backups.delete(admin, b.id, true);
    expect(backupRow(cloud, b.id).status).toBe("deleting");
    await runUntil(cloud, () => backupRow(cloud, b.id).status === "deleted");
    expect(backupRow(cloud, b.id).deleted).toBe(true);
    expect(backupUsage(cloud, cloud.users.demo.projectId)).toEqual({ backups: 0, gigabytes: 0 });
    await cloud.settle();
    const row = backupRow(cloud, b.id);
    expect(row.status).toBe("deleted"); // _finish_backup leaves a cancelled backup alone
    expect(storedObjects(cloud)).toEqual([]);
    expect(cloud.db.volume(vol)!.status).toBe("available");
    expect(cloud.db.volume(vol)!.previous_status).toBe("backing-up");
    const chunks = cloud.trace
      .entries()
      .filter((e) => e.event.type === "notify" && e.event.event === "create.end" && e.event.backupId === b.id);
    expect(chunks).toHaveLength(1); // create.end is still sent
  });

  it("§6 cancelling a snapshot-source backup returns the snapshot to available and deletes the temporary volume", async () => {
    const cloud = await newCloud({ release });
    const ctx = cloud.context("demo");
    const vol = await readyVolume(cloud, ctx, 4);
    const snap = await readySnapshot(cloud, ctx, vol);
    const b = await cloud.ops.backups.create(ctx, { volume_id: vol, snapshot_id: snap });
    await runUntil(cloud, () => objectsOf(cloud, b.id).length >= 1);
    await cloud.ops.backups.delete(cloud.context("admin"), b.id, true);
    await cloud.settle();
    expect(backupRow(cloud, b.id).status).toBe("deleted");
    expect(cloud.db.snapshot(snap)!.status).toBe("available");
    expect(
      cloud.db
        .volumes()
        .filter((v) => v.display_name === `backup-vol-${vol}`)
        .every((v) => v.deleted),
    ).toBe(true);
    expect(storedObjects(cloud)).toEqual([]);
  });

  it("§6 reset to error during create does not cancel: the backup ends available", async () => {
    const cloud = await newCloud({ release });
    const ctx = cloud.context("demo");
    const vol = await readyVolume(cloud, ctx, 4);
    const before = cloud.devices.sha256(vol).sha256;
    const b = await cloud.ops.backups.create(ctx, { volume_id: vol });
    await runUntil(cloud, () => objectsOf(cloud, b.id).length >= 1);
    await cloud.ops.backups.resetStatus(cloud.context("admin"), b.id, "error");
    await cloud.settle();
    expect(backupRow(cloud, b.id).status).toBe("available");
    const r = await cloud.ops.backups.restore(ctx, b.id, {});
    await cloud.settle();
    expect(cloud.devices.sha256(r.volume_id).sha256).toBe(before);
  });

  it("§9.40 restore cancel: admin resets the backup to error mid-restore → volume error, backup available, restore.end sent", async () => {
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
    await cloud.ops.backups.resetStatus(cloud.context("admin"), b.id, "error");
    await cloud.settle();
    expect(cloud.db.volume(target)!.status).toBe("error");
    expect(backupRow(cloud, b.id).status).toBe("available");
    const ends = cloud.trace
      .entries()
      .filter((e) => e.event.type === "notify" && e.event.event === "restore.end" && e.event.backupId === b.id);
    expect(ends).toHaveLength(1);
    expect(cloud.devices.sha256(target).sha256).not.toBe(cloud.devices.sha256(vol).sha256); // partial
  });

  it("§6 force delete of a restoring backup cancels the restore; the manager saves available on the soft-deleted row", async () => {
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
    await cloud.ops.backups.delete(cloud.context("admin"), b.id, true);
    await cloud.settle();
    const row = backupRow(cloud, b.id);
    expect(row.deleted).toBe(true);
    expect(row.status).toBe("available");
    expect(cloud.db.volume(target)!.status).toBe("error");
    expect(backupUsage(cloud, cloud.users.demo.projectId)).toEqual({ backups: 0, gigabytes: 0 });
  });

  it("§6 cancel racing a backup-service restart (delete resumed by init_host, the queued delete_backup then delivered): the backup stays deleted and no objects remain", async () => {
    const cloud = await newCloud({ release, topology: ONE_SITE });
    const ctx = cloud.context("demo");
    const vol = await readyVolume(cloud, ctx, 4);
    const b = await cloud.ops.backups.create(ctx, { volume_id: vol });
    // The force delete's RPC call lets create_backup run; get_backup_device is still in flight.
    await cloud.ops.backups.delete(cloud.context("admin"), b.id, true);
    await cloud.faults.restartService("cinder-backup", "site1");
    await cloud.settle();
    const row = backupRow(cloud, b.id);
    expect(row.deleted).toBe(true);
    // The queued delete_backup carries the backup as it was cast (status deleting); a fresh read must
    // not turn the soft-deleted row into `error`, which would let continue_backup write it to the end.
    expect(row.status).toBe("deleted");
    expect(storedObjects(cloud)).toEqual([]);
    expect(cloud.db.volume(vol)!.status).toBe("available");
  });

  it("§6 force delete then a restart mid-transfer: the resumed delete removes the chunks already written; the source volume stays backing-up (as in cinder)", async () => {
    const cloud = await newCloud({ release, topology: ONE_SITE });
    const ctx = cloud.context("demo");
    const vol = await readyVolume(cloud, ctx, 4);
    const b = await cloud.ops.backups.create(ctx, { volume_id: vol });
    await runUntil(cloud, () => objectsOf(cloud, b.id).length >= 2);
    await cloud.ops.backups.delete(cloud.context("admin"), b.id, true);
    await cloud.faults.restartService("cinder-backup", "site1");
    await cloud.settle();
    const row = backupRow(cloud, b.id);
    expect(row.deleted).toBe(true);
    expect(row.status).toBe("deleted");
    expect(storedObjects(cloud)).toEqual([]);
    // Nobody restores the source: the dead process never reaches _finish_backup, and
    // backup/manager.py:_cleanup_one_backup only resumes the delete of a `deleting` backup
    // (volumes are reset for `creating`/`restoring` backups only).
    expect(cloud.db.volume(vol)!.status).toBe("backing-up");
  });
});
