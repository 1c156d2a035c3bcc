import { TRANSIENT_FAULTS } from "../../../lib/backends/fault-proxy/index.ts";
import { defineRule } from "../rule.ts";
import { RuleViolation } from "../rule-violation.ts";
import { expectSameBytes } from "../support/expect-device.ts";
import { fillPattern } from "../support/volume-patterns.ts";
import { expectNoValidBackupOf, harnessForFaults, underFaults } from "./fault-steps.ts";

// backup/manager.py:create_backup (an exception → _update_backup_error: status error, fail_reason);
// chunkeddriver.py:_backup_chunk / _finalize_backup (objects, then _sha256file, then _metadata)
export default defineRule({
  id: "faults.transient-backup-completes-or-fails-cleanly",
  title:
    "Under transient store faults (5xx, throttling, resets, latency) a backup completes and restores byte-exact, or ends in error with a fail_reason and no valid-looking backup",
  source: "backup/manager.py:create_backup, _update_backup_error; chunkeddriver.py:_backup_chunk, _finalize_backup",
  setup: ["store-faults"],
  async run(t) {
    const plan = { seed: t.seed, rate: 0.3, faults: TRANSIENT_FAULTS, latencyMs: 150 };
    const h = await harnessForFaults(t, plan);
    const vol = h.volume(6 * t.dut.geometry.objectSize + 777);
    fillPattern(vol.device, "random", 0, vol.device.sizeBytes, 4242);
    let failed = false;
    let id = "";
    await underFaults(t, plan, "backup under faults", async () => {
      try {
        id = (await h.backup(vol)).id;
      } catch {
        failed = true;
        id = h.registry.all().at(-1)!.id;
      }
    });
    if (failed) {
      const row = h.registry.get(id)!;
      if (row.status !== "error" || !row.fail_reason)
        throw new RuleViolation("a failed backup does not say why", "status error with a fail_reason", `${row.status}, ${row.fail_reason}`);
      await expectNoValidBackupOf(h, id);
      return;
    }
    const target = h.volume(vol.device.sizeBytes);
    const { result } = await h.restore(id, target, true);
    if (result !== "restored") throw new RuleViolation("restore was cancelled although nobody cancelled it", "restored", result);
    expectSameBytes("restore of a backup taken under store faults", vol.device, target.device);
  },
});
