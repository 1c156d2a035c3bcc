import { checkInvariants } from "../../sim/cloud/index.ts";
import type { RunContext } from "../runner/run-context.ts";

/**
 * The model's invariants once the cloud is quiet (`sim/cloud/invariants.ts`): anything left in a
 * transitional status → `stuck-state`; quota usage that differs from live records, negative
 * usage or a drifted `num_dependent_backups` → `quota-drift`.
 */
export function checkCloudInvariants(ctx: RunContext): void {
  for (const v of checkInvariants(ctx.cloud)) {
    const subject = /([0-9a-f]{8}-[0-9a-f-]{27})/.exec(v.message)?.[1];
    const ref = subject ? [...ctx.refs].find(([, r]) => r.id === subject)?.[0] : undefined;
    const code = v.code === "stuck-transitional" ? "stuck-state" : "quota-drift";
    ctx.find(code, `${ref ? `${ref}: ` : ""}${v.message}`, { ...(ref ? { ref } : {}), ...(subject ? { subject } : {}) });
  }
}
