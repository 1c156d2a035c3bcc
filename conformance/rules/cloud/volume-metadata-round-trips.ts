import { defineRule } from "../rule.ts";
import { expectEqual } from "../rule-violation.ts";
import { volumeWithData } from "../support/cloud-steps.ts";

// tempest test_volume_backup_create_get_detailed_list_restore_delete: restored volume ContainsAll source metadata
export default defineRule({
  id: "cloud.volume-metadata-round-trips",
  title: "A volume restored from a backup carries the source volume's metadata (and src_backup_id)",
  source: "backup/driver.py:BackupMetadataAPI; backup/manager.py:restore_backup (src_backup_id)",
  setup: ["cloud"],
  async run(t) {
    const cloud = await t.cloud();
    const meta = { tier: "gold", owner: "ops-ünï" };
    const { ctx, volumeId } = await volumeWithData(cloud, 1, "text", meta);
    const b = await cloud.ops.backups.create(ctx, { volume_id: volumeId });
    await cloud.settle();
    const r = await cloud.ops.backups.restore(ctx, b.id, {});
    await cloud.settle();
    const got = cloud.db.volume(r.volume_id)!.metadata;
    expectEqual(
      "restored volume metadata",
      JSON.stringify({ ...meta, src_backup_id: b.id }),
      JSON.stringify({ tier: got["tier"], owner: got["owner"], src_backup_id: got["src_backup_id"] }),
    );
  },
});
