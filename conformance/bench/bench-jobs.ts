/**
 * `--jobs 1` against `--jobs N` on the same suite, in the same process run: units (rules and
 * model runs) per minute, the ratio, the load average it was measured under, and whether both
 * gave the same results (outcome, reason, replay command of every rule).
 */
import { availableParallelism, loadavg } from "node:os";
import { runConformance } from "../run-conformance.ts";
import type { RunSummary } from "../runner/result.ts";

export interface JobsFigures {
  jobs: number;
  units: number;
  rule_results: number;
  wall_s: number;
  /** CPU seconds of every thread of the process (on a loaded machine: what the work cost). */
  cpu_s: number;
  units_per_min: number;
  rule_results_per_min: number;
}

async function measure(jobs: number, seed: number, numRuns: number, rules?: string): Promise<{ s: RunSummary; f: JobsFigures }> {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const s = await runConformance({ drivers: ["ref"], seed, jobs, property: { numRuns }, ...(rules ? { rules } : {}) });
  const wall = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  const units = s.units?.results.length ?? 0;
  return {
    s,
    f: {
      jobs,
      units,
      rule_results: s.results.length,
      wall_s: round(wall),
      cpu_s: round((c.user + c.system) / 1e6),
      units_per_min: round((units / wall) * 60),
      rule_results_per_min: round((s.results.length / wall) * 60),
    },
  };
}

/** `rules`: a `--rules` glob (default every rule). */
export async function benchJobs(seed: number, numRuns: number, rules?: string, jobs = availableParallelism()) {
  const before = loadavg()[0]!;
  const one = await measure(1, seed, numRuns, rules);
  const many = await measure(jobs, seed, numRuns, rules);
  const key = (s: RunSummary) => s.results.map((r) => `${r.driver} ${r.ruleId} ${r.outcome} ${r.reason ?? ""} ${r.replay}`).join("\n");
  return {
    workload: `reference driver, ${rules ? `rules ${rules}` : "every rule"}, model rule with ${numRuns} runs (each run one unit)`,
    cpus: availableParallelism(),
    load_average_1m: { before: round(before), after: round(loadavg()[0]!) },
    jobs1: one.f,
    jobsN: many.f,
    scaling: round(many.f.units_per_min / one.f.units_per_min),
    same_results: key(one.s) === key(many.s),
  };
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
