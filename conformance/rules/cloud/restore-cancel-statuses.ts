import { cloudProbe } from "../../runner/cloud-probe.ts";
import { defineRule } from "../rule.ts";
import { expectEqual } from "../rule-violation.ts";
import { advanceUntil, backupStatus, volumeStatus, volumeWithData } from "../support/cloud-steps.ts";

// spec §2.3 #5 / §6 / §9 #40: reset the backup to `error` during a restore → volume `error`, backup `available`
export default defineRule({
  id: "cloud.restore-cancel-statuses",
  title: "A restore cancelled by resetting the backup to error leaves the volume error and the backup available",
  source: "backup/manager.py:restore_backup (BackupRestoreCancel); chunkeddriver.py:_restore_v1",
  requires: ["restoreCancel"],
  setup: ["cloud"],
  async run(t) {
    const cloud = await t.cloud();
    const { ctx, volumeId } = await volumeWithData(cloud, 8);
    const b = await cloud.ops.backups.create(ctx, { volume_id: volumeId });
    await cloud.settle();
    expectEqual("backup status before restore", "available", backupStatus(cloud, b.id));
    const target = await cloud.ops.volumes.create(ctx, { size: 8, name: "restore-target" });
    await cloud.settle();
    await cloud.ops.backups.restore(ctx, b.id, { volume_id: target.id });
    await advanceUntil(cloud, "the driver to write the first pieces of the restore", () => cloudProbe(cloud).writes(target.id) >= 2);
    await cloud.ops.backups.resetStatus(ctx, b.id, "error");
    await cloud.settle();
    expectEqual("restore target volume status", "error", volumeStatus(cloud, target.id));
    expectEqual("backup status", "available", backupStatus(cloud, b.id));
  },
});
