import { defineRule } from "../rule.ts";
import { RuleViolation } from "../rule-violation.ts";
import { fillPattern, mutate } from "../support/volume-patterns.ts";

// spec §9 #62: import I without F → restoring I fails (parent not found); never a partial "success"
export default defineRule({
  id: "restore.missing-parent-fails",
  title: "Restoring an incremental whose parent record is gone fails instead of restoring partial data",
  source: "backup/chunkeddriver.py:_restore_v1 (objects.Backup.get_by_id of each parent); spec §9 #62",
  requires: ["incremental"],
  async run(t) {
    const h = await t.harness();
    const vol = h.volume(3 * t.dut.geometry.objectSize);
    fillPattern(vol.device, "random", 0, vol.device.sizeBytes, 181);
    const full = await h.backup(vol);
    mutate(vol.device, 10, 10, 182);
    const inc = await h.backup(vol, { incremental: true });
    // The database lost F; only I was imported (a new backup service, same store).
    const fresh = await h.reopen();
    fresh.registry.insert(h.registry.get(inc.id)!);
    const target = fresh.volume(vol.device.sizeBytes);
    let outcome = "restored";
    try {
      outcome = (await fresh.restore(inc.id, target, true)).result;
    } catch (e) {
      outcome = `raised ${(e as Error).name}`;
    }
    if (!outcome.startsWith("raised")) {
      throw new RuleViolation(
        `restore of incremental ${inc.id.slice(0, 8)} without its parent ${full.id.slice(0, 8)} did not fail`,
        "an error (BackupNotFound for the parent)",
        outcome,
      );
    }
  },
});
