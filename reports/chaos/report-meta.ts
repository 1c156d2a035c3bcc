import type { SweepPlan } from "../../scenarios/runner/index.ts";

/**
 * What a chaos report says about its run besides the results. Written as `chaos-run.json` next
 * to the report so `cbh report merge` can put shards back together in plan order.
 */
export interface ChaosReportMeta {
  /** The command, without --jobs and --shard (they change where runs happen, not which). */
  readonly command: string;
  readonly startedAt: string;
  readonly stopped: boolean;
  /** The whole sweep's plan; `plan.shard` is set on a shard's report. */
  readonly plan?: SweepPlan;
}

export const CHAOS_META_FILE = "chaos-run.json";
