import { describeObjects } from "../support/describe-objects.ts";
import { defineRule } from "../rule.ts";
import { expectEqual, RuleViolation } from "../rule-violation.ts";
import { backupStatus, storeObjects, volumeWithData } from "../support/cloud-steps.ts";

// spec §9 #45, #46: a parent with children cannot be deleted (even forced); children first, then the parent
export default defineRule({
  id: "cloud.chain-delete-order",
  title: "A full backup with an incremental child refuses deletion; deleting child then parent leaves nothing",
  source: "backup/api.py:API.delete (Incremental backups exist for this backup.); manager.py:delete_backup",
  requires: ["incremental"],
  setup: ["cloud"],
  async run(t) {
    const cloud = await t.cloud();
    const { ctx, volumeId } = await volumeWithData(cloud, 2);
    const full = await cloud.ops.backups.create(ctx, { volume_id: volumeId });
    await cloud.settle();
    cloud.devices.write(volumeId, 4096, new Uint8Array(100).fill(7));
    const inc = await cloud.ops.backups.create(ctx, { volume_id: volumeId, incremental: true });
    await cloud.settle();
    expectEqual("incremental's parent", full.id, cloud.db.backup(inc.id)?.parent_id ?? "null");
    expectEqual("parent's num_dependent_backups", "1", String(cloud.db.backup(full.id)?.num_dependent_backups));
    for (const force of [false, true]) {
      const err = await cloud.ops.backups.delete(ctx, full.id, force).then(
        () => null,
        (e: Error & { httpCode?: number }) => e,
      );
      // api.py:API.delete refuses a force delete the driver does not support (405, e.g. Ceph)
      // before it looks for children (400)
      const expected =
        force && !t.dut.capabilities.forceDelete
          ? "405 Operation not supported: force delete."
          : "400 Invalid backup: Incremental backups exist for this backup.";
      if (!err) throw new RuleViolation(`deleting a parent with a child was accepted (force=${force})`, expected, "202");
      expectEqual(`delete of the parent (force=${force})`, expected, `${err.httpCode} ${err.message}`);
    }
    await cloud.ops.backups.delete(ctx, inc.id, false);
    await cloud.settle();
    expectEqual("parent's num_dependent_backups after deleting the child", "0", String(cloud.db.backup(full.id)?.num_dependent_backups));
    await cloud.ops.backups.delete(ctx, full.id, false);
    await cloud.settle();
    expectEqual(
      "statuses after deleting child then parent",
      "deleted deleted",
      `${backupStatus(cloud, inc.id)} ${backupStatus(cloud, full.id)}`,
    );
    expectEqual("objects left in the store", "no object", describeObjects(await storeObjects(cloud)));
  },
});
