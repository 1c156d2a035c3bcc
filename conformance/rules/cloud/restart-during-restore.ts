import { cloudProbe } from "../../runner/cloud-probe.ts";
import { defineRule } from "../rule.ts";
import { expectEqual } from "../rule-violation.ts";
import { advanceUntil, backupStatus, volumeStatus, volumeWithData } from "../support/cloud-steps.ts";

// spec §2.6 / §9 #41: restart during a restore → backup `available`, volume `error_restoring`
export default defineRule({
  id: "cloud.restart-during-restore",
  title: "A backup-service restart during a restore ends with the backup available and the volume error_restoring",
  source: "backup/manager.py:_cleanup_one_backup (restoring), _cleanup_one_volume",
  setup: ["cloud"],
  async run(t) {
    const cloud = await t.cloud();
    const { ctx, volumeId } = await volumeWithData(cloud, 8);
    const b = await cloud.ops.backups.create(ctx, { volume_id: volumeId });
    await cloud.settle();
    const target = await cloud.ops.volumes.create(ctx, { size: 8 });
    await cloud.settle();
    await cloud.ops.backups.restore(ctx, b.id, { volume_id: target.id });
    await advanceUntil(cloud, "the driver to write the first pieces of the restore", () => cloudProbe(cloud).writes(target.id) >= 2);
    await cloud.faults.restartService("cinder-backup", cloud.db.backup(b.id)!.host!);
    await cloud.settle();
    expectEqual("backup status after restart", "available", backupStatus(cloud, b.id));
    expectEqual("restore target volume status", "error_restoring", volumeStatus(cloud, target.id));
  },
});
