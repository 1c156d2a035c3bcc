import { runOrdered } from "../../lib/jobs/index.ts";
import type { RunResult } from "./run-result.ts";
import type { PlannedRun } from "./sweep-plan.ts";
import type { SweepInit, SweepTask } from "./sweep-task.ts";
import type { ChaosGeometry } from "./chaos-geometry.ts";

const TASKS = new URL("./sweep-worker.ts", import.meta.url);

/**
 * Runs `plan` on `jobs` worker threads (lib/jobs' ordered pool) and hands each result to `emit`
 * in plan order (never in completion order), so output, reports and stop point equal
 * `--jobs 1`'s. `emit` returns false to stop (the first failing seed without --keep-going):
 * runs still in flight are discarded.
 *
 * Runs of one seed go to one worker while that keeps every worker busy (the pool's affinity): the
 * volumes of a seed hold the same content in every scenario and release (ids and content streams
 * come from the seed), so the worker's memo of compressed chunks (lib/format/output-memo.ts) serves
 * them all, as it does in one thread.
 */
export function runOnWorkers(
  plan: readonly PlannedRun[],
  jobs: number,
  checkDeterminism: boolean,
  geometry: ChaosGeometry,
  emit: (r: RunResult) => boolean,
): Promise<void> {
  const tasks: SweepTask[] = plan.map((p) => ({ file: p.scenario.file, release: p.release, seed: p.seed, checkDeterminism, geometry }));
  const init: SweepInit = { scenarios: [...new Map(plan.map((p) => [p.scenario.file, p.scenario])).values()] };
  return runOrdered<SweepTask, RunResult, SweepInit>({
    taskModule: TASKS,
    init,
    tasks,
    jobs,
    affinity: (t) => t.seed,
    emit: (r) => emit(r),
  });
}
