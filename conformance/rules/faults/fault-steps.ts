import { describeRetryBehaviour, retryBehaviour, type FaultPlan } from "../../../lib/backends/fault-proxy/index.ts";
import type { DriverHarness } from "../../driver/driver-harness.ts";
import type { RuleContext } from "../rule.ts";
import { RuleViolation } from "../rule-violation.ts";

/**
 * A harness whose driver runs with cinder's own retry options (the suite's fail-fast ones are
 * dropped while a plan is in use). The plan stays off until `underFaults`.
 */
export async function harnessForFaults(t: RuleContext, plan: FaultPlan): Promise<DriverHarness> {
  const faults = t.dut.storeFaults!;
  faults.use(plan);
  try {
    return await t.harness();
  } finally {
    faults.use(null);
  }
}

/** Runs `step` under `plan` at the fault proxy, then records the driver's retries as observed; faults end with it. */
export async function underFaults<T>(t: RuleContext, plan: FaultPlan, what: string, step: () => Promise<T>): Promise<T> {
  const faults = t.dut.storeFaults!;
  faults.use(plan);
  let seen;
  try {
    return await step();
  } finally {
    seen = retryBehaviour(faults.log());
    t.observe(`${what}: ${describeRetryBehaviour(seen)}`);
    faults.use(null);
    // A driver whose requests bypass the proxy (a storage URL naming the store itself) was never
    // faulted: that must not pass as "survived the faults".
    if (seen.objectRequests === 0)
      throw new RuleViolation(
        `${what}: no object request went through the fault proxy`,
        "the driver's object requests via the proxy",
        "none",
      );
  }
}

/**
 * A backup that ended in error must leave nothing that verifies as a valid backup: no `_metadata`
 * naming it whose every listed object is in the store (chunkeddriver.py writes `_metadata` last).
 */
export async function expectNoValidBackupOf(h: DriverHarness, backupId: string): Promise<void> {
  const seen = await h.inspect();
  for (const b of seen.backups) {
    if (b.metadata?.backup_id !== backupId) continue;
    const prefix = b.location.slice(0, b.location.lastIndexOf("/") + 1);
    const missing = b.metadata.objects.filter((o) => !seen.objects.includes(`${prefix}${o.name}`));
    if (missing.length === 0)
      throw new RuleViolation(
        "a backup that ended in error left a complete, valid-looking backup in the store",
        "no _metadata whose objects are all present",
        `${b.location}_metadata with all ${b.metadata.objects.length} objects`,
      );
  }
}
