import { describeObjects } from "../support/describe-objects.ts";
import { defineRule } from "../rule.ts";
import { expectEqual } from "../rule-violation.ts";
import { advanceUntil, backupStatus, storeObjects, volumeStatus, volumeWithData } from "../support/cloud-steps.ts";

// spec §6 / §9 #47: force delete of a `creating` chunked backup → deleted, source back to previous_status, no objects
export default defineRule({
  id: "cloud.force-delete-during-backup",
  title: "Force-deleting a running backup leaves no partial backup and the volume in its previous status",
  source: "backup/api.py:API.delete(force); backup/manager.py:_finish_backup (aborted); chunkeddriver.py:backup",
  requires: ["forceDelete"],
  setup: ["cloud"],
  async run(t) {
    const cloud = await t.cloud();
    const { ctx, volumeId } = await volumeWithData(cloud, 8);
    const b = await cloud.ops.backups.create(ctx, { volume_id: volumeId, name: "to-cancel" });
    await advanceUntil(cloud, "the backup to store its first object", async () => (await storeObjects(cloud)).length > 0);
    await cloud.ops.backups.delete(ctx, b.id, true);
    await cloud.settle();
    expectEqual("backup status after force delete", "deleted", backupStatus(cloud, b.id));
    expectEqual("source volume status (previous_status was available)", "available", volumeStatus(cloud, volumeId));
    expectEqual("objects left in the store", "no object", describeObjects(await storeObjects(cloud)));
  },
});
