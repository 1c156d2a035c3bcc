import { defineRule } from "../rule.ts";
import { RuleViolation } from "../rule-violation.ts";
import { describeObjects } from "../support/describe-objects.ts";
import { fillPattern } from "../support/volume-patterns.ts";
import { harnessForFaults, underFaults } from "./fault-steps.ts";

// backup/manager.py:delete_backup (an error backup may be deleted); chunkeddriver.py:delete_backup
// (deletes the objects _metadata lists — a failed backup has none: what it wrote must still go)
export default defineRule({
  id: "faults.delete-after-failed-backup-leaves-nothing",
  title: "A backup the store failed halfway (every write refused after the third) ends in error, and deleting it leaves no object",
  source: "backup/manager.py:create_backup, delete_backup; chunkeddriver.py:delete_backup",
  setup: ["store-faults"],
  async run(t) {
    const plan = { seed: t.seed, rate: 1, faults: ["http-500"] as const, methods: ["PUT", "POST"], after: 3 };
    const h = await harnessForFaults(t, plan);
    const before = await h.objects();
    const vol = h.volume(8 * t.dut.geometry.objectSize);
    fillPattern(vol.device, "random", 0, vol.device.sizeBytes, 4444);
    let failed = false;
    await underFaults(t, plan, "backup with the store failing after 3 writes", async () => {
      try {
        await h.backup(vol);
      } catch {
        failed = true;
      }
    });
    const row = h.registry.all().at(-1)!;
    if (!failed || row.status !== "error")
      throw new RuleViolation("a backup whose store refused every write after the third did not fail", "status error", row.status);
    await h.deleteBackup(row.id);
    const left = (await h.objects()).filter((o) => !before.includes(o));
    if (left.length > 0)
      throw new RuleViolation("objects left in the store after deleting the failed backup", "no object", describeObjects(left));
  },
});
