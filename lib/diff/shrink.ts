import type { AllowEntry } from "./allow-list.ts";
import type { Divergence } from "./compare.ts";
import { compareSequence, onSimulator } from "./compare-sequence.ts";
import { normaliseRun, type StepView } from "./normalise.ts";
import type { Sequence } from "./step.ts";
import type { DiffTarget, TargetFactory } from "./target.ts";

export interface Shrunk {
  /** Step indices of the shrunk sequence (a subset of the generated one, in order). */
  steps: number[];
  /** Whether the shrunk sequence diverged the same way on the target (one confirming run). */
  confirmed: boolean;
  /** Simulator runs the shrinking took. */
  simRuns: number;
}

/**
 * Shrinks a divergent sequence on the simulator side first: a step is dropped when the
 * simulator still answers the divergent step's field exactly as it did (cheap: a fresh `cbh
 * serve` cloud per try, no target call). Steps after the divergent one go first. Then the shrunk
 * sequence runs once on both clouds to confirm the same divergence; unconfirmed, the report
 * keeps the full sequence.
 */
export async function shrink(
  seq: Sequence,
  d: Divergence,
  simulator: TargetFactory,
  target: DiffTarget,
  runId: string,
  allow: readonly AllowEntry[],
): Promise<Shrunk> {
  let keep = seq.steps.map((_, i) => i).filter((i) => i <= d.index);
  let simRuns = 0;
  const stillSame = async (cand: number[]): Promise<boolean> => {
    simRuns++;
    const view = normaliseRun(seq, await onSimulator(seq, simulator, `${runId}-shrink`, cand)).find((v) => v.index === d.index);
    return view !== undefined && fieldOf(view, d.field) === d.sim;
  };
  for (let i = keep.length - 2; i >= 0; i--) {
    const cand = keep.filter((_, j) => j !== i);
    if (await stillSame(cand)) keep = cand;
  }
  const again = await compareSequence(seq, simulator, target, `${runId}-confirm`, allow, keep);
  const confirmed = again.divergences.some((x) => x.index === d.index && x.field === d.field && !x.allowed);
  return { steps: confirmed ? keep : seq.steps.map((_, i) => i), confirmed, simRuns };
}

function fieldOf(view: StepView, field: string): string {
  const v = view as unknown as Record<string, unknown>;
  const [head = "", key] = field.split(".");
  const x = key ? (v[head] as Record<string, unknown> | undefined)?.[key] : v[head];
  return x === undefined ? "—" : typeof x === "string" ? x : JSON.stringify(x);
}
