import { defineRule } from "../rule.ts";
import { describeObjects } from "../support/describe-objects.ts";
import { expectEqual, RuleViolation } from "../rule-violation.ts";
import { fillPattern } from "../support/volume-patterns.ts";

// spec §6: force delete of a `creating` backup; the chunked loop refreshes before each chunk and,
// on deleting/deleted, deletes what it wrote and returns None (chunkeddriver.py:backup)
export default defineRule({
  id: "cancel.backup-force-delete-leaves-no-partial-backup",
  title: "A backup force-deleted while running stops within a chunk and leaves no object behind",
  source: "backup/chunkeddriver.py:ChunkedBackupDriver.backup (_backup_chunk refresh); backup/api.py:API.delete(force)",
  requires: ["forceDelete"],
  async run(t) {
    const h = await t.harness();
    const vol = h.volume(6 * t.dut.geometry.objectSize);
    fillPattern(vol.device, "random", 0, vol.device.sizeBytes, 61);
    const before = await h.objects();
    let cancelledAt = 0;
    h.ctx.onRefresh(async (id, n) => {
      if (n !== 3 || cancelledAt) return;
      cancelledAt = n;
      // The API sets `deleting`; another manager deletes what it finds and soft-deletes the row.
      const row = h.registry.get(id)!;
      h.registry.update(id, { status: "deleting" });
      h.trace.note("manager", `force delete of ${id.slice(0, 8)} (cancel)`);
      await h
        .newDriverInstance()
        .deleteBackup({ ...row, status: "deleting" }, h.ctx)
        .catch(() => undefined);
      h.registry.setStatus(id, "deleted");
    });
    const row = await h.backup(vol);
    if (!cancelledAt) {
      throw new RuleViolation(
        "the driver never checked the backup status between chunks, so it cannot be cancelled",
        "≥ 3 refreshBackup calls for a 6-object backup",
        `${h.ctx.refreshCount(row.id)} refreshes`,
      );
    }
    expectEqual("backup status after the cancelled run", "deleted", row.status);
    const after = (await h.objects()).filter((o) => !before.includes(o));
    expectEqual("objects left by the cancelled backup", "no object", describeObjects(after));
  },
});
