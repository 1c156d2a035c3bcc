import type { TraceEntry } from "../../sim/cloud/simulated-cloud.ts";

/** The simulated clock's epoch (`sim/core/virtual-clock.ts` starts at 2026-01-01T00:00:00Z). */
const EPOCH = Date.UTC(2026, 0, 1);

/** One trace entry as a replay line: time, guide step, service@host, kind, what. */
export function formatEntry(e: TraceEntry): string {
  const t = `t+${((e.t - EPOCH) / 1000).toFixed(3)}s`.padEnd(12);
  const step = e.flow ? `${e.flow}${e.step !== undefined ? ` #${e.step}` : ""}` : "";
  return `  ${t} ${step.padEnd(12)} ${`${e.service}@${e.host}`.padEnd(28)} ${e.kind.padEnd(6)} ${e.what}`;
}
