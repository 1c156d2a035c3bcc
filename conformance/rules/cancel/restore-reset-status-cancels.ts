import { defineRule } from "../rule.ts";
import { expectEqual, RuleViolation } from "../rule-violation.ts";
import { fillPattern } from "../support/volume-patterns.ts";

// spec §6: _restore_v1 refreshes the requested backup before every object; not `restoring` → BackupRestoreCancel
export default defineRule({
  id: "cancel.restore-reset-status-cancels",
  title: "A restore whose backup is reset away from restoring raises BackupRestoreCancel within one object",
  source: "backup/chunkeddriver.py:_restore_v1 (BackupRestoreCancel); backup/manager.py:restore_backup",
  requires: ["restoreCancel"],
  async run(t) {
    const h = await t.harness();
    const vol = h.volume(6 * t.dut.geometry.objectSize);
    fillPattern(vol.device, "random", 0, vol.device.sizeBytes, 71);
    const b = await h.backup(vol);
    const target = h.volume(vol.device.sizeBytes);
    const base = h.ctx.refreshCount(b.id);
    let resetAt = 0;
    h.ctx.onRefresh((id, n) => {
      if (id !== b.id || resetAt || n < base + 2 || h.registry.get(id)?.status !== "restoring") return;
      resetAt = n - base;
      h.trace.note("manager", "admin os-reset_status → error (restore cancel)");
      h.registry.update(id, { status: "error" });
    });
    let outcome: string;
    try {
      outcome = (await h.restore(b.id, target, true)).result;
    } catch (e) {
      outcome = `raised ${(e as Error).name}: ${(e as Error).message}`;
    }
    if (!resetAt) {
      throw new RuleViolation(
        "the driver never checked the backup status between objects, so a restore cannot be cancelled",
        "≥ 2 refreshBackup calls during a 6-object restore",
        "fewer",
      );
    }
    expectEqual(`restore outcome after reset-status at refresh ${resetAt}`, "cancelled", outcome);
  },
});
