import type { RunContext } from "../runner/run-context.ts";

/** `expect_trace` counts, `concurrency` peaks and faults that never fired → findings. */
export function checkTraceExpectations(ctx: RunContext): void {
  const s = ctx.scenario;
  const lines = ctx.cloud.trace.entries();
  for (const e of s.expectTrace) {
    if (e.release && e.release !== ctx.release) continue;
    const pattern = ctx.expand(e.contains);
    const n = lines.filter((l) => l.service !== "chaos" || l.kind === "fault" || l.kind === "error").filter((l) => l.what.includes(pattern)).length;
    if (n < e.min || (e.max !== null && n > e.max)) {
      ctx.find("expectation-failed", `trace has ${n} line(s) containing ${JSON.stringify(pattern)}, expected ${e.max === null ? `at least ${e.min}` : `${e.min}..${e.max}`} (line ${e.where.line})`, { where: e.where });
    }
  }
  for (const c of s.concurrency) {
    if (c.release && c.release !== ctx.release) continue;
    const peak = ctx.probe.maxPeak;
    if (c.maxPeak !== null && peak > c.maxPeak) ctx.find("expectation-failed", `peak of ${peak} concurrent driver transfers on one backup host, expected at most ${c.maxPeak} (line ${c.where.line})`, { where: c.where });
    if (c.minPeak !== null && peak < c.minPeak) ctx.find("expectation-failed", `peak of ${peak} concurrent driver transfers on one backup host, expected at least ${c.minPeak} (line ${c.where.line})`, { where: c.where });
  }
  for (const f of s.faults) {
    if (!ctx.fired.has(f) && !f.optional) ctx.find("fault-not-fired", `the fault at line ${f.where.line} never fired (trigger ${JSON.stringify(f.trigger)})`, { where: f.where });
  }
}
