import { checkInvariants } from "../../sim/cloud/index.ts";
import type { RunContext } from "../runner/run-context.ts";

/**
 * The model's invariants once the cloud is quiet (`sim/cloud/invariants.ts`): anything left in a
 * transitional status → `stuck-state`; quota usage that differs from live records, negative
 * usage or a drifted `num_dependent_backups` → `quota-drift`.
 */
export function checkCloudInvariants(ctx: RunContext): void {
  const twice = deletedTwice(ctx);
  for (const v of checkInvariants(ctx.cloud)) {
    const subject = /([0-9a-f]{8}-[0-9a-f-]{27})/.exec(v.message)?.[1];
    const ref = subject ? refOf(ctx, subject) : undefined;
    const code = v.code === "stuck-transitional" ? "stuck-state" : "quota-drift";
    const why = code === "quota-drift" && twice.length ? ` — deleted twice by the backup manager: ${twice.map((id) => refOf(ctx, id) ?? id).join(", ")}` : "";
    ctx.find(code, `${ref ? `${ref}: ` : ""}${v.message}${why}`, { ...(ref ? { ref } : {}), ...(subject ? { subject } : {}) });
  }
}

function refOf(ctx: RunContext, id: string): string | undefined {
  return [...ctx.refs].find(([, r]) => r.id === id)?.[0];
}

/** Backups whose delete ran to completion more than once (each run releases quota). */
function deletedTwice(ctx: RunContext): string[] {
  const n = new Map<string, number>();
  for (const e of ctx.cloud.trace.entries()) {
    if (e.event.type !== "deleted" || e.event.resource !== "backup" || e.service !== "cinder-backup") continue;
    n.set(e.event.id, (n.get(e.event.id) ?? 0) + 1);
  }
  return [...n].filter(([, k]) => k > 1).map(([id]) => id);
}
