/**
 * `--jobs 1` against `--jobs N` on the same suite, in the same process run: units (rules and
 * model runs) per minute, the ratio, the load average it was measured under, and whether both
 * gave the same results (outcome, reason, replay command of every rule). Then the same work in N
 * independent processes at once, each running one shard with `--jobs 1` (bench-jobs-shard.ts): the
 * ratio no thread pool can beat on this machine, since N processes share nothing (`ceiling`).
 */
import { spawn } from "node:child_process";
import { availableParallelism, loadavg } from "node:os";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
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
  const apart = await independent(jobs, seed, numRuns, rules);
  const key = (s: RunSummary) => s.results.map((r) => `${r.driver} ${r.ruleId} ${r.outcome} ${r.reason ?? ""} ${r.replay}`).join("\n");
  return {
    workload: `reference driver, ${rules ? `rules ${rules}` : "every rule"}, model rule with ${numRuns} runs (each run one unit)`,
    cpus: availableParallelism(),
    load_average_1m: { before: round(before), after: round(loadavg()[0]!) },
    jobs1: one.f,
    jobsN: many.f,
    scaling: round(many.f.units_per_min / one.f.units_per_min),
    independent_processes: apart,
    ceiling: round(one.f.wall_s / apart.wall_s),
    same_results: key(one.s) === key(many.s),
  };
}

const SHARD_CHILD = fileURLToPath(new URL("./bench-jobs-shard.ts", import.meta.url));

/**
 * Shards 1..n of the same units in n processes started together: each loads the suite, then all
 * are told to go at once; the wall time is from then until the last one's run ended.
 */
async function independent(n: number, seed: number, numRuns: number, rules?: string) {
  const children = Array.from({ length: n }, (_, i) =>
    spawn(process.execPath, ["--import", "tsx", SHARD_CHILD, String(seed), String(numRuns), `${i + 1}/${n}`, ...(rules ? [rules] : [])], {
      stdio: ["pipe", "pipe", "inherit"],
    }),
  );
  const lines = children.map((c) => createInterface({ input: c.stdout! })[Symbol.asyncIterator]());
  const next = async (i: number) => {
    const r = await lines[i]!.next();
    if (r.done) throw new Error(`bench-jobs-shard.ts ${i + 1}/${n} exited before it answered`);
    return r.value as string;
  };
  for (let i = 0; i < n; i++) if ((await next(i)) !== "ready") throw new Error(`bench-jobs-shard.ts ${i + 1}/${n} did not start`);
  const t0 = performance.now();
  for (const c of children) c.stdin!.end("go\n");
  const runs = await Promise.all(
    children.map(async (_, i) => {
      const r = JSON.parse(await next(i)) as { wall_s: number; cpu_s: number; units: number };
      return { ...r, done_s: (performance.now() - t0) / 1000 };
    }),
  );
  const wall = Math.max(...runs.map((r) => r.done_s));
  const units = runs.reduce((a, r) => a + r.units, 0);
  return {
    processes: n,
    units,
    wall_s: round(wall),
    cpu_s: round(runs.reduce((a, r) => a + r.cpu_s, 0)),
    units_per_min: round((units / wall) * 60),
    per_process_wall_s: runs.map((r) => round(r.wall_s)),
  };
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
