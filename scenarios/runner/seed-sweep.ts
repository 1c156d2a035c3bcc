import type { Release } from "../../sim/cloud/index.ts";
import type { Scenario } from "../format/index.ts";
import type { RunResult } from "./run-result.ts";
import { DEFAULT_CHAOS_GEOMETRY, type ChaosGeometry } from "./chaos-geometry.ts";
import { runSeed } from "./run-seed.ts";
import { runOnWorkers } from "./sweep-pool.ts";
import { tuneTiering } from "../../lib/jobs/index.ts";
import { inShard, planSweep, type Shard } from "./sweep-plan.ts";

export interface SweepOptions {
  seeds: { from: number; to: number };
  releases: Release[];
  /** Keep running after the first failing seed (VOPR stops at the first). */
  keepGoing?: boolean;
  /** Run every seed twice and compare trace hashes (madsim's determinism check). */
  checkDeterminism?: boolean;
  /** Device and object geometry (default `real`, see ScenarioRunOptions). */
  geometry?: ChaosGeometry;
  /** Worker threads (default 1: in this thread). Results, order and stop point do not depend on it. */
  jobs?: number;
  /** Run only this shard's seeds (`--shard I/N`, see inShard). */
  shard?: Shard | null;
  /** Called after every run, in plan order (progress lines). */
  onResult?: (r: RunResult, done: number, total: number) => void;
}

/**
 * VOPR-style seed sweep: each seed draws the fault timing, partition lengths, workload gaps
 * and parallel orders afresh. Passing runs drop their trace to keep memory flat. `stopped` is
 * true when the first failing seed ended the sweep before its last run.
 */
export async function sweepSeeds(scenarios: readonly Scenario[], o: SweepOptions): Promise<{ results: RunResult[]; stopped: boolean }> {
  const plan = planSweep(scenarios, o.releases, o.seeds).filter((p) => inShard(p.seed, o.shard ?? null));
  const results: RunResult[] = [];
  let stopped = false;
  const emit = (r: RunResult): boolean => {
    results.push(r);
    o.onResult?.(r, results.length, plan.length);
    if (r.verdict === "FAIL" && !o.keepGoing) {
      stopped = results.length < plan.length;
      return false;
    }
    return true;
  };
  const jobs = Math.max(1, Math.min(o.jobs ?? 1, plan.length));
  tuneTiering();
  if (jobs > 1) {
    await runOnWorkers(plan, jobs, !!o.checkDeterminism, o.geometry ?? DEFAULT_CHAOS_GEOMETRY, emit);
    return { results, stopped };
  }
  for (const p of plan)
    if (!emit(await runSeed(p.scenario, p.seed, p.release, !!o.checkDeterminism, o.geometry ?? DEFAULT_CHAOS_GEOMETRY))) break;
  return { results, stopped };
}

/** `7`, `1..200` or `1-200` → an inclusive range (at most 100 000 seeds). */
export function parseSeedRange(text: string): { from: number; to: number } {
  const m = /^\s*(\d+)\s*(?:(?:\.\.|-)\s*(\d+))?\s*$/.exec(text);
  if (!m) throw Object.assign(new Error(`seeds must look like 7 or 1..200, got '${text}'`), { code: "usage" });
  const from = Number(m[1]);
  const to = m[2] !== undefined ? Number(m[2]) : from;
  if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to) || to < from)
    throw Object.assign(new Error(`empty or invalid seed range '${text}'`), { code: "usage" });
  if (to - from >= 100_000) throw Object.assign(new Error(`at most 100000 seeds per sweep, got ${to - from + 1}`), { code: "usage" });
  return { from, to };
}
