import type { Checker } from "../../sim/check/index.ts";
import type { Finding } from "../runner/finding.ts";
import type { RunContext } from "../runner/run-context.ts";

/**
 * `expect_trace` counts, `concurrency` peaks and faults that never fired → `expectation-failed`,
 * `fault-not-fired`. An `expect_trace: contains` pattern is the scenario author's text, matched
 * against the rendered trace line (`what`, derived from the typed event): the scenario
 * language's contract, not a decision of the harness on its own text.
 */
export const traceExpectationChecker: Checker<RunContext, Finding> = {
  name: "trace-expectations",
  check(ctx) {
    const out: Finding[] = [];
    const s = ctx.scenario;
    const lines = ctx.cloud.trace.entries();
    for (const e of s.expectTrace) {
      if (e.release && e.release !== ctx.release) continue;
      const pattern = ctx.expand(e.contains);
      const n = lines
        .filter((l) => l.service !== "chaos" || l.kind === "fault" || l.kind === "error")
        .filter((l) => l.what.includes(pattern)).length;
      if (n < e.min || (e.max !== null && n > e.max)) {
        out.push(
          ctx.finding(
            "expectation-failed",
            `trace has ${n} line(s) containing ${JSON.stringify(pattern)}, expected ${e.max === null ? `at least ${e.min}` : `${e.min}..${e.max}`} (line ${e.where.line})`,
            { where: e.where },
          ),
        );
      }
    }
    for (const c of s.concurrency) {
      if (c.release && c.release !== ctx.release) continue;
      const peak = ctx.probe.maxPeak;
      if (c.maxPeak !== null && peak > c.maxPeak)
        out.push(
          ctx.finding(
            "expectation-failed",
            `peak of ${peak} concurrent driver transfers on one backup host, expected at most ${c.maxPeak} (line ${c.where.line})`,
            { where: c.where },
          ),
        );
      if (c.minPeak !== null && peak < c.minPeak)
        out.push(
          ctx.finding(
            "expectation-failed",
            `peak of ${peak} concurrent driver transfers on one backup host, expected at least ${c.minPeak} (line ${c.where.line})`,
            { where: c.where },
          ),
        );
    }
    for (const f of s.faults) {
      if (!ctx.fired.has(f) && !f.optional)
        out.push(
          ctx.finding("fault-not-fired", `the fault at line ${f.where.line} never fired (trigger ${JSON.stringify(f.trigger)})`, {
            where: f.where,
          }),
        );
    }
    return out;
  },
};
