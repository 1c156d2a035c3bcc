import type { RemoteWorkflow } from "./remote-workflow.ts";
import { seededBytes } from "./volume-data.ts";

const MIB = 1024 * 1024;

/** sim/workflows fullBackup over REST (guide §1.2, §3.1.1). */
export const fullBackup: RemoteWorkflow = {
  id: "full-backup",
  title: "Full backup of an available volume, restored to a new volume",
  needs: ["data"],
  async run(w) {
    const vol = await w.data.volumeWith("vol-01", 1, seededBytes(w.seed, MIB));
    const captured = await w.data.sha256(vol);
    const backupsBefore = (await w.quotaInUse("backups")) ?? 0;
    const b = await w.backup("bkp-01", vol);
    const row = await w.res.get("backups", b);
    w.expect("backup is available", row?.status, "available");
    w.expect("backup is not incremental", row?.is_incremental, false);
    w.expect("volume is available again", (await w.res.get("volumes", vol))?.status, "available");
    w.expect("quota backups in_use counts it", await w.quotaInUse("backups"), backupsBefore + 1);
    const r = await w.restore(b);
    w.expect("restored volume is available", r.status, "available");
    w.expect("restored bytes equal the captured bytes", await w.data.sha256(r.volume_id), captured);
    w.expect("auto-created volume takes the source name", (await w.res.get("volumes", r.volume_id))?.name, w.res.name("vol-01"));
  },
};

/** sim/workflows incrementalBackup over REST (guide §3.1.4); in-place writes need the operator. */
export const incrementalBackup: RemoteWorkflow = {
  id: "incremental-backup",
  title: "Full then incremental backup; each point restores byte-exact",
  needs: ["data", "operator"],
  async run(w) {
    const op = w.res.target.operator ?? w.fail("incremental-backup needs the operator facet");
    const vol = await w.data.volumeWith("vol", 1, seededBytes(w.seed, MIB));
    const full = await w.backup("full", vol);
    const shaFull = await w.data.sha256(vol);
    await op.writeVolume(vol, new Uint8Array(70_000).fill(7), 250_000);
    const shaIncr = await w.data.sha256(vol);
    const incr = await w.backup("incr", vol, { incremental: true });
    const row = await w.res.get("backups", incr);
    w.expect("incremental is available", row?.status, "available");
    w.expect("it is incremental", row?.is_incremental, true);
    w.expect("parent has dependants", (await w.res.get("backups", full))?.has_dependent_backups, true);
    for (const [id, sha, label] of [
      [full, shaFull, "full"],
      [incr, shaIncr, "incremental"],
    ] as const) {
      const r = await w.restore(id);
      w.expect(`restore of the ${label} point is byte-exact`, await w.data.sha256(r.volume_id), sha);
      await w.discard(r.volume_id);
    }
    const other = await w.data.volumeWith("other", 1, new Uint8Array(0));
    await w.expectError(
      "incremental with no backups → 400",
      "POST",
      "/backups",
      { backup: { volume_id: other, incremental: true, name: w.res.name("no-parent") } },
      400,
      "Invalid backup: No backups available to do an incremental backup.",
    );
  },
};

/** sim/workflows snapshotBackup over REST (guide §3.1.5). */
export const snapshotBackup: RemoteWorkflow = {
  id: "snapshot-backup",
  title: "Backup from a snapshot leaves the volume untouched",
  needs: ["data", "operator"],
  async run(w) {
    const op = w.res.target.operator ?? w.fail("snapshot-backup needs the operator facet");
    const vol = await w.data.volumeWith("vol", 1, seededBytes(w.seed, MIB));
    const s = await w.res.ok("create snapshot", "POST", "/snapshots", { snapshot: { volume_id: vol, name: w.res.name("snap-01") } });
    const snap = w.res.track("snapshots", (s.body as { snapshot: { id: string } }).snapshot.id);
    await w.res.waitFor("snapshots", snap, ["available", "error"]);
    const captured = await w.data.sha256(vol);
    await op.writeVolume(vol, new Uint8Array(4096).fill(9), 0);
    const b = await w.backup("bkp", vol, { snapshot_id: snap });
    w.expect("backup is available", (await w.res.get("backups", b))?.status, "available");
    w.expect("snapshot is available again", (await w.res.get("snapshots", snap))?.status, "available");
    w.expect("volume status untouched", (await w.res.get("volumes", vol))?.status, "available");
    const r = await w.restore(b);
    w.expect("restore gives the snapshot's bytes", await w.data.sha256(r.volume_id), captured);
  },
};
