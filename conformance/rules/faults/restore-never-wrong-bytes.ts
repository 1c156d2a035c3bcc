import { defineRule } from "../rule.ts";
import { RuleViolation } from "../rule-violation.ts";
import { expectSameBytes } from "../support/expect-device.ts";
import { fillPattern } from "../support/volume-patterns.ts";
import { harnessForFaults, underFaults } from "./fault-steps.ts";

// chunkeddriver.py:_restore_v1 (reads each object whole, decompresses, writes at its offset);
// backup/manager.py:restore_backup (an exception → volume error_restoring, backup available)
export default defineRule({
  id: "faults.restore-never-wrong-bytes",
  title: "A restore under store faults, truncated bodies included, fails or restores byte-exact: never 'available' with wrong bytes",
  source: "backup/chunkeddriver.py:_restore_v1; backup/manager.py:restore_backup",
  setup: ["store-faults"],
  async run(t) {
    const plan = {
      seed: t.seed,
      rate: 0.35,
      faults: ["truncate", "http-503", "reset", "latency"] as const,
      methods: ["GET"],
      latencyMs: 150,
    };
    const h = await harnessForFaults(t, plan);
    const vol = h.volume(6 * t.dut.geometry.objectSize + 777);
    fillPattern(vol.device, "random", 0, vol.device.sizeBytes, 4343);
    const b = await h.backup(vol);
    const target = h.volume(vol.device.sizeBytes);
    const got: { outcome: "restored" | "cancelled" | "failed" } = { outcome: "failed" };
    await underFaults(t, plan, "restore under faults", async () => {
      try {
        got.outcome = (await h.restore(b.id, target, true)).result;
      } catch {
        got.outcome = "failed"; // the manager's error_restoring: allowed
      }
    });
    if (got.outcome === "cancelled")
      throw new RuleViolation("restore was cancelled although nobody cancelled it", "restored or failed", "cancelled");
    if (got.outcome === "restored") expectSameBytes("restore that reported success under store faults", vol.device, target.device);
  },
});
