import { defineRule } from "../rule.ts";
import { expectEqual } from "../rule-violation.ts";
import { volumeWithData } from "../support/cloud-steps.ts";

// spec §5.3: backup_workers > 1 runs several manager processes on one host; concurrent backups stay apart
export default defineRule({
  id: "cloud.backup-workers-never-mix-data",
  title: "Concurrent backups of different volumes with backup_workers=3 restore to their own bytes",
  source: "cinder/cmd/backup.py (backup_workers); backup/manager.py:continue_backup",
  setup: ["cloud"],
  async run(t) {
    const cloud = await t.cloud({ backupWorkers: 3 });
    const vols = [];
    for (let i = 0; i < 3; i++) vols.push(await volumeWithData(cloud, 3, i === 1 ? "text" : "random"));
    const backups = [];
    for (const v of vols) backups.push(await cloud.ops.backups.create(v.ctx, { volume_id: v.volumeId }));
    await cloud.settle();
    for (const [i, v] of vols.entries()) {
      expectEqual(`backup ${i + 1} status`, "available", cloud.db.backup(backups[i]!.id)!.status);
      const r = await cloud.ops.backups.restore(v.ctx, backups[i]!.id, {});
      await cloud.settle();
      expectEqual(
        `restore of concurrent backup ${i + 1}`,
        JSON.stringify(cloud.devices.sha256(v.volumeId)),
        JSON.stringify(cloud.devices.sha256(r.volume_id)),
      );
    }
  },
});
