import type { Checker } from "../../sim/check/index.ts";
import type { Finding } from "../runner/finding.ts";
import type { RunContext } from "../runner/run-context.ts";

/**
 * The model's invariants once the cloud is quiet (`sim/cloud/invariants.ts`): anything left in a
 * transitional status → `stuck-state` (subject: the resource); quota usage that differs from live
 * records or negative usage → `quota-drift`, naming backups the backup manager deleted twice.
 */
export const cloudInvariantChecker: Checker<RunContext, Finding> = {
  name: "cloud-invariants",
  check(ctx) {
    const twice = deletedTwice(ctx);
    return ctx.cloud.inspect.invariants().map((v) => {
      const subject = v.code === "stuck-transitional" ? v.subject : undefined;
      const ref = subject ? refOf(ctx, subject) : undefined;
      const code = v.code === "stuck-transitional" ? "stuck-state" : "quota-drift";
      const why =
        code === "quota-drift" && twice.length
          ? ` — deleted twice by the backup manager: ${twice.map((id) => refOf(ctx, id) ?? id).join(", ")}`
          : "";
      return ctx.finding(code, `${ref ? `${ref}: ` : ""}${v.message}${why}`, { ...(ref ? { ref } : {}), ...(subject ? { subject } : {}) });
    });
  },
};

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
