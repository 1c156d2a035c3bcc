import type { Workflow } from "./workflow.ts";
import { completedBackup, readyVolume } from "./helpers.ts";

/** Guide §3.5.1: restore into an existing volume (`--volume`), size rules. */
export const restoreExisting: Workflow = {
  id: "restore-existing",
  title: "Restore into an existing volume: larger is fine, smaller is refused",
  guide: "§3.5.1",
  async run(w) {
    const { cloud } = w;
    const ctx = cloud.context("demo");
    const vol = await readyVolume(cloud, ctx, 2);
    const captured = cloud.devices.read(vol, 0, 2 * 1048576);
    const b = await completedBackup(cloud, ctx, vol);
    const small = await readyVolume(cloud, ctx, 1, { fill: "zeros" });
    await w.expectError(
      "target smaller than the backup → 400",
      () => cloud.ops.backups.restore(ctx, b, { volume_id: small }),
      400,
      "Invalid volume: volume size 1 is too small to restore backup of size 2.",
    );
    const big = await readyVolume(cloud, ctx, 3, { fill: "pattern", name: "target" });
    const tail = cloud.devices.read(big, 2 * 1048576, 1048576);
    const r = await cloud.ops.backups.restore(ctx, b, { volume_id: big, name: "ignored" });
    w.expect("backup is restoring", cloud.db.backup(b)?.status, "restoring");
    w.expect("target is restoring-backup", cloud.db.volume(big)?.status, "restoring-backup");
    await cloud.settle();
    w.expect("target is available", cloud.db.volume(big)?.status, "available");
    w.expect("name given with --volume is ignored", cloud.db.volume(big)?.display_name, "target");
    w.expect(
      "first 2 GB are the backup's bytes",
      Buffer.compare(Buffer.from(cloud.devices.read(big, 0, 2 * 1048576)), Buffer.from(captured)),
      0,
    );
    w.expect(
      "the tail beyond the backup is untouched",
      Buffer.compare(Buffer.from(cloud.devices.read(big, 2 * 1048576, 1048576)), Buffer.from(tail)),
      0,
    );
    w.expect("src_backup_id set on a different volume", cloud.db.volume(r.volume_id)?.metadata["src_backup_id"], b);
    await cloud.ops.volumes.attach(ctx, small, { instance_uuid: "6f1c7a1e-0000-4000-8000-000000000002", mountpoint: "/dev/vdc" });
    await w.expectError(
      "in-use target → 400",
      () => cloud.ops.backups.restore(ctx, b, { volume_id: small }),
      400,
      "Invalid volume: Volume to be restored to must be available",
    );
  },
};

/** Guide §3.5.1 note on encrypted volumes: only a volume of the same encrypted type works. */
export const encryptedRestore: Workflow = {
  id: "encrypted-restore",
  title: "Encrypted backup: a new default-type volume fails, the same type works",
  guide: "§3.5.1",
  async run(w) {
    const { cloud } = w;
    const ctx = cloud.context("demo");
    const vol = await readyVolume(cloud, ctx, 1, { type: "LUKS" });
    const b = await completedBackup(cloud, ctx, vol);
    w.expect("backup holds a clone of the volume key", cloud.db.backup(b)?.encryption_key_id !== null, true);
    const r1 = await cloud.ops.backups.restore(ctx, b, {});
    await cloud.settle();
    w.expect("restore to a new default-type volume → error_restoring", cloud.db.volume(r1.volume_id)?.status, "error_restoring");
    w.expect("backup is available again", cloud.db.backup(b)?.status, "available");
    const same = await readyVolume(cloud, ctx, 1, { type: "LUKS", fill: "zeros" });
    await cloud.ops.backups.restore(ctx, b, { volume_id: same });
    await cloud.settle();
    w.expect("restore into the same encrypted type → available", cloud.db.volume(same)?.status, "available");
    w.expect("restored volume has a fresh key", cloud.db.volume(same)?.encryption_key_id !== cloud.db.backup(b)?.encryption_key_id, true);
    w.expect("restored bytes", cloud.devices.digest(same).digest, cloud.devices.digest(vol).digest);
  },
};

/** Guide §3.1.6 (DCN): backup at one site, restore at another (3.51 / 3.47). */
export const crossAzBackup: Workflow = {
  id: "cross-az",
  title: "Edge site backup and restore to another AZ (3.51 / 3.47)",
  guide: "§3.1.6",
  async run(w) {
    const { cloud, release } = w;
    const ctx = cloud.context("demo", "3.51");
    const vol = await readyVolume(cloud, ctx, 1, { az: "az1" });
    const b = await cloud.ops.backups.create(ctx, { volume_id: vol, availability_zone: "az2" });
    await cloud.settle();
    const row = cloud.db.backup(b.id)!;
    w.expect("backup is available", row.status, "available");
    if (release === "zed") {
      w.expect("Zed ignores the requested AZ: availability_zone NULL", row.availability_zone, null);
      w.expect("Zed backs up in the volume's AZ", row.host, "site1");
    } else {
      w.expect(`${release} stores the requested AZ`, row.availability_zone, "az2");
      w.expect(`${release} backs up in the requested AZ`, row.host, "site2");
    }
    const v2 = await cloud.ops.volumes.create(ctx, { size: 1, availability_zone: "az2", backup_id: b.id });
    w.expect("volume from backup stays creating while it restores", cloud.db.volume(v2.id)?.status, "creating");
    await cloud.settle();
    w.expect("volume in az2 is available", cloud.db.volume(v2.id)?.status, "available");
    w.expect("volume is in az2", cloud.db.volume(v2.id)?.availability_zone, "az2");
    w.expect("bytes arrived at the other site", cloud.devices.digest(v2.id).digest, cloud.devices.digest(vol).digest);
  },
};
