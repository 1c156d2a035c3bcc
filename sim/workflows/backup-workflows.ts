import type { Workflow } from "./workflow.ts";
import { completedBackup, readyVolume } from "./helpers.ts";

/** Guide §3.1.1 / Figure 1.1 (guide §1.2): a full backup of an available volume. */
export const fullBackup: Workflow = {
  id: "full-backup",
  title: "Full backup of an available volume, restored to a new volume",
  guide: "§1.2, §3.1.1",
  async run(w) {
    const { cloud } = w;
    const ctx = cloud.context("demo");
    const vol = await readyVolume(cloud, ctx, 1, { name: "vol-01" });
    const captured = cloud.devices.digest(vol).digest;
    const b = await cloud.ops.backups.create(ctx, { volume_id: vol, name: "bkp-01" });
    w.expect("backup row is creating", b.status, "creating");
    w.expect("volume is backing-up", cloud.db.volume(vol)?.status, "backing-up");
    await cloud.settle();
    const row = cloud.db.backup(b.id)!;
    w.expect("backup is available", row.status, "available");
    w.expect("backup is not incremental", row.parent_id, null);
    w.expect("volume is available again", cloud.db.volume(vol)?.status, "available");
    w.expect("volume previous_status marker", cloud.db.volume(vol)?.previous_status, "backing-up");
    const { sim_bytes_per_gb: perGb, backup_file_size: chunk } = cloud.inspect.config;
    // One object per `backup_file_size` chunk: 4 × 256 KiB at small geometry, 1 at real (1 GiB < 1999994880).
    w.expect("object_count = one per backup_file_size chunk", row.object_count, Math.ceil(perGb / chunk));
    w.expect("quota backups in_use", cloud.db.quotaUsage(ctx.projectId)["backups"]?.in_use, 1);
    const r = await cloud.ops.backups.restore(ctx, b.id, {});
    await cloud.settle();
    w.expect("restored volume is available", cloud.db.volume(r.volume_id)?.status, "available");
    w.expect("restored bytes equal the captured bytes", cloud.devices.digest(r.volume_id).digest, captured);
    w.expect("auto-created volume takes the source name", cloud.db.volume(r.volume_id)?.display_name, "vol-01");
  },
};

/** Guide §3.2.3: incremental backups; parent = latest by data_timestamp. */
export const incrementalBackup: Workflow = {
  id: "incremental-backup",
  title: "Full then incremental backup; each point restores byte-exact",
  guide: "§3.1.4",
  async run(w) {
    const { cloud } = w;
    const ctx = cloud.context("demo");
    const vol = await readyVolume(cloud, ctx);
    const full = await completedBackup(cloud, ctx, vol);
    const shaFull = cloud.devices.digest(vol).digest;
    cloud.devices.write(vol, 250_000, new Uint8Array(70_000).fill(7)); // sha blocks 7–9: block 7 in chunk 0, 8–9 in chunk 1
    const shaIncr = cloud.devices.digest(vol).digest;
    const incr = await completedBackup(cloud, ctx, vol, { incremental: true });
    const row = cloud.db.backup(incr)!;
    w.expect("incremental is available", row.status, "available");
    w.expect("parent is the full backup", row.parent_id, full);
    w.expect("parent counts one dependant", cloud.db.backup(full)?.num_dependent_backups, 1);
    // sha blocks 7–9 changed: one object per chunk the run touches (2 at small geometry's 256 KiB chunks, 1 at real).
    const chunk = cloud.inspect.config.backup_file_size;
    const chunksTouched = Math.floor((10 * 32768 - 1) / chunk) - Math.floor((7 * 32768) / chunk) + 1;
    w.expect("only changed sha blocks stored (one object per chunk the run touches)", row.object_count, chunksTouched);
    w.expect("incremental charged the full volume size", cloud.db.quotaUsage(ctx.projectId)["backup_gigabytes"]?.in_use, 2);
    for (const [id, sha, label] of [
      [full, shaFull, "full"],
      [incr, shaIncr, "incremental"],
    ] as const) {
      const r = await cloud.ops.backups.restore(ctx, id, {});
      await cloud.settle();
      w.expect(`restore of the ${label} point is byte-exact`, cloud.devices.digest(r.volume_id).digest, sha);
    }
    await w.expectError(
      "incremental with no backups → 400",
      async () => {
        const other = await readyVolume(cloud, ctx);
        await cloud.ops.backups.create(ctx, { volume_id: other, incremental: true });
      },
      400,
      "Invalid backup: No backups available to do an incremental backup.",
    );
  },
};

/** Guide §3.1.4: in-use volumes need --force; a temporary clone is backed up. */
export const inUseForce: Workflow = {
  id: "in-use-force",
  title: "Backup of an in-use volume needs --force and uses a temporary clone",
  guide: "§3.1.4",
  async run(w) {
    const { cloud } = w;
    const ctx = cloud.context("demo");
    const vol = await readyVolume(cloud, ctx);
    await cloud.ops.volumes.attach(ctx, vol, { instance_uuid: "6f1c7a1e-0000-4000-8000-000000000001", mountpoint: "/dev/vdb" });
    w.expect("volume is in-use", cloud.db.volume(vol)?.status, "in-use");
    await w.expectError(
      "without force → 400",
      () => cloud.ops.backups.create(ctx, { volume_id: vol }),
      400,
      "Invalid volume: Backing up an in-use volume must use the force flag.",
    );
    w.expect("nothing reserved by the refused request", cloud.db.quotaUsage(ctx.projectId)["backups"]?.in_use, 0);
    const id = await completedBackup(cloud, ctx, vol, { force: true });
    w.expect("forced backup is available", cloud.db.backup(id)?.status, "available");
    w.expect("volume is in-use again", cloud.db.volume(vol)?.status, "in-use");
    const temps = cloud.db.volumes().filter((v) => v.display_name === `backup-vol-${vol}`);
    w.expect("one temporary clone backup-vol-<id> was made", temps.length, 1);
    w.expect(
      "the temporary clone was deleted",
      temps.map((v) => v.status),
      ["deleted"],
    );
    w.expect("the temporary clone used no quota", cloud.db.quotaUsage(ctx.projectId)["volumes"]?.in_use, 1);
  },
};

/** Guide §3.1.5: backup of a snapshot; the volume is not touched. */
export const snapshotBackup: Workflow = {
  id: "snapshot-backup",
  title: "Backup from a snapshot leaves the volume untouched",
  guide: "§3.1.5",
  async run(w) {
    const { cloud } = w;
    const ctx = cloud.context("demo");
    const vol = await readyVolume(cloud, ctx);
    const snap = await cloud.ops.snapshots.create(ctx, { volume_id: vol, name: "snap-01" });
    await cloud.settle();
    const captured = cloud.devices.digest(vol).digest;
    cloud.devices.write(vol, 0, new Uint8Array(4096).fill(9));
    const b = await cloud.ops.backups.create(ctx, { volume_id: vol, snapshot_id: snap.id });
    w.expect("snapshot is backing-up", cloud.db.snapshot(snap.id)?.status, "backing-up");
    w.expect("volume status untouched", cloud.db.volume(vol)?.status, "available");
    await cloud.settle();
    w.expect("backup is available", cloud.db.backup(b.id)?.status, "available");
    w.expect("snapshot is available again", cloud.db.snapshot(snap.id)?.status, "available");
    w.expect("data_timestamp is the snapshot's created_at", cloud.db.backup(b.id)?.data_timestamp, cloud.db.snapshot(snap.id)?.created_at);
    const r = await cloud.ops.backups.restore(ctx, b.id, {});
    await cloud.settle();
    w.expect("restore gives the snapshot's bytes", cloud.devices.digest(r.volume_id).digest, captured);
  },
};
