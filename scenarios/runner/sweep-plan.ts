import type { Release } from "../../sim/cloud/index.ts";
import type { Scenario } from "../format/index.ts";
import { inShard as inKeyShard, type Shard } from "../../lib/jobs/index.ts";

export { parseShard, type Shard } from "../../lib/jobs/index.ts";

/** One run of a sweep: its place in the whole (unsharded) plan, scenario, release and seed. */
export interface PlannedRun {
  readonly index: number;
  readonly scenario: Scenario;
  readonly release: Release;
  readonly seed: number;
}

/**
 * The whole plan of a sweep, in the order `--jobs 1` runs it: scenario (file order), release,
 * seed. Plain data (names, not scenarios) so a report can be merged from its shards.
 */
export interface SweepPlan {
  /** `[scenario, release]` in run order; each group runs every seed of `seeds`. */
  readonly groups: ReadonlyArray<readonly [string, Release]>;
  readonly seeds: { readonly from: number; readonly to: number };
  readonly keepGoing: boolean;
  readonly shard: Shard | null;
}

export function planSweep(scenarios: readonly Scenario[], releases: readonly Release[], seeds: { from: number; to: number }): PlannedRun[] {
  const plan: PlannedRun[] = [];
  for (const s of scenarios) {
    for (const r of releases) {
      if (!s.releases.includes(r)) continue;
      for (let seed = seeds.from; seed <= seeds.to; seed++) plan.push({ index: plan.length, scenario: s, release: r, seed });
    }
  }
  return plan;
}

export function describePlan(
  scenarios: readonly Scenario[],
  releases: readonly Release[],
  seeds: { from: number; to: number },
  keepGoing: boolean,
  shard: Shard | null,
): SweepPlan {
  const groups = scenarios.flatMap((s) => releases.filter((r) => s.releases.includes(r)).map((r) => [s.name, r] as const));
  return { groups, seeds: { from: seeds.from, to: seeds.to }, keepGoing, shard };
}

/** Number of runs of the whole (unsharded) plan. */
export function planSize(p: SweepPlan): number {
  return p.groups.length * (p.seeds.to - p.seeds.from + 1);
}

/** Position of a run in the whole plan (what orders merged shard results). */
export function planIndex(p: SweepPlan, scenario: string, release: Release, seed: number): number {
  const g = p.groups.findIndex(([s, r]) => s === scenario && r === release);
  if (g < 0 || seed < p.seeds.from || seed > p.seeds.to) return -1;
  return g * (p.seeds.to - p.seeds.from + 1) + (seed - p.seeds.from);
}

/**
 * Seed-stable partition: shard I of N runs the seeds with `seed mod N = I − 1`, every scenario
 * and release of them, so a seed always lands on the same shard whatever the range or library.
 */
export function inShard(seed: number, shard: Shard | null): boolean {
  return inKeyShard(seed, shard);
}
