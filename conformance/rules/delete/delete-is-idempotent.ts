import { defineRule } from "../rule.ts";
import { RuleViolation } from "../rule-violation.ts";
import { fillPattern } from "../support/volume-patterns.ts";

// backup/manager.py:_cleanup_one_backup resumes `deleting` backups after a restart: a second delete happens
export default defineRule({
  id: "delete.delete-is-idempotent",
  title: "delete_backup of an already deleted backup succeeds (a resumed delete after restart)",
  source: "backup/manager.py:_cleanup_one_backup (resume delete); chunkeddriver.py:delete_backup",
  async run(t) {
    const h = await t.harness();
    const vol = h.volume(2 * t.dut.geometry.objectSize);
    fillPattern(vol.device, "random", 0, vol.device.sizeBytes, 51);
    const b = await h.backup(vol);
    const row = h.registry.get(b.id)!;
    await h.deleteBackup(b.id);
    try {
      await h.driver.deleteBackup({ ...row, status: "deleting" }, h.ctx);
    } catch (e) {
      throw new RuleViolation("a second delete_backup raised", "success (nothing left to delete)", `raised ${(e as Error).message}`);
    }
  },
});
