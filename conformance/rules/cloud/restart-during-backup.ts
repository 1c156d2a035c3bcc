import { defineRule } from "../rule.ts";
import { expectEqual } from "../rule-violation.ts";
import { advanceUntil, backupStatus, storeObjects, volumeStatus, volumeWithData } from "../support/cloud-steps.ts";

// spec §2.6: restart cleanup, `creating` → backup error "incomplete backup reset on manager restart", volume ← previous_status
export default defineRule({
  id: "cloud.restart-during-backup",
  title: "A backup-service restart during a backup ends with the backup in error and the volume in its previous status",
  source: "backup/manager.py:init_host → _cleanup_incomplete_backup_operations, _cleanup_one_backup",
  setup: ["cloud"],
  async run(t) {
    const cloud = await t.cloud();
    const { ctx, volumeId } = await volumeWithData(cloud, 8);
    const b = await cloud.ops.backups.create(ctx, { volume_id: volumeId });
    await advanceUntil(cloud, "the backup to store its first object", async () => (await storeObjects(cloud)).length > 0);
    const host = cloud.db.backup(b.id)!.host!;
    await cloud.faults.restartService("cinder-backup", host);
    await cloud.settle();
    const row = cloud.db.backup(b.id)!;
    expectEqual("backup status after restart", "error", row.status);
    expectEqual("backup fail_reason", "incomplete backup reset on manager restart", row.fail_reason ?? "");
    expectEqual("source volume status", "available", volumeStatus(cloud, volumeId));
    expectEqual("backup status", "error", backupStatus(cloud, b.id));
  },
});
