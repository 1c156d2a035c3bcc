import { explain, type AllowEntry } from "./allow-list.ts";
import { compareViews, type Divergence } from "./compare.ts";
import { normaliseRun } from "./normalise.ts";
import { runSequence, type SideRun } from "./run-sequence.ts";
import type { Sequence } from "./step.ts";
import type { DiffTarget, TargetFactory } from "./target.ts";

export interface SequenceComparison {
  sim: SideRun;
  target: SideRun;
  divergences: Divergence[];
}

/** Runs (a subset of) a sequence on a fresh simulator cloud and on the target, then compares. */
export async function compareSequence(
  seq: Sequence,
  simulator: TargetFactory,
  target: DiffTarget,
  runId: string,
  allow: readonly AllowEntry[],
  only?: readonly number[],
): Promise<SequenceComparison> {
  const simRun = await onSimulator(seq, simulator, runId, only);
  const targetRun = await runSequence(seq, target, runId, only);
  if (targetRun.aborted) return { sim: simRun, target: targetRun, divergences: [] };
  const labels = (i: number): string => seq.steps[i]?.label ?? `step ${i}`;
  const divergences = compareViews(normaliseRun(seq, simRun), normaliseRun(seq, targetRun), labels).map((d) => explain(d, allow));
  return { sim: simRun, target: targetRun, divergences };
}

/** The simulator side alone (the shrinker's cheap oracle). A simulator that cannot run a step is
 *  the harness's own bug: it throws. */
export async function onSimulator(seq: Sequence, simulator: TargetFactory, runId: string, only?: readonly number[]): Promise<SideRun> {
  const { target, close } = await simulator.open(seq.seed);
  try {
    const run = await runSequence(seq, target, runId, only);
    if (run.aborted) throw new Error(`the simulator could not run ${run.aborted.label}: ${run.aborted.message}`);
    return run;
  } finally {
    await close();
  }
}
