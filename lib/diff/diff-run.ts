import { ALLOW_LIST, type AllowEntry } from "./allow-list.ts";
import type { Divergence } from "./compare.ts";
import { compareSequence } from "./compare-sequence.ts";
import { generateSequence } from "./generator.ts";
import { releaseProbe } from "./release-probes.ts";
import { shrink, type Shrunk } from "./shrink.ts";
import type { Sequence } from "./step.ts";
import type { DiffTarget, TargetFactory } from "./target.ts";
import { throughput, type Throughput } from "./throughput.ts";

export interface DiffOptions {
  seeds: readonly number[];
  release: string;
  /** A run id unique to this run (every resource name carries it). */
  runId: string;
  /** Operations per sequence. */
  length?: number;
  /** Only these step indices of each sequence (a replay of a shrunk sequence). */
  steps?: readonly number[];
  /** Shrink divergent sequences (default true). */
  shrink?: boolean;
  allow?: readonly AllowEntry[];
  /** Run the release probes (release-probes.ts; seed N is probe N) instead of generated sequences. */
  probes?: boolean;
  /** Builds the replay command of a (shrunk) sequence. */
  replay: (seed: number, steps?: readonly number[]) => string;
  onSequence?: (r: SequenceResult) => void;
  /** More targets on the same cloud, each in its own project (`--jobs`): one sequence runs on
   *  each at a time, so sequences never share a project's quota usage. */
  lanes?: readonly DiffTarget[];
}

export interface SequenceResult {
  seed: number;
  sequence: Sequence;
  /** Steps run (indices). */
  ran: number[];
  divergences: Divergence[];
  unexplained: number;
  shrunk?: Shrunk;
  replay: string;
  /** The target stopped answering (the run stops): cloud, step and reason. */
  aborted?: { index: number; label: string; code: string; message: string };
  leftovers: string[];
  simMs: number;
  targetMs: number;
  /** Which target ran it: 0 the target, k the k-th of `lanes`. */
  lane: number;
}

export interface DiffSummary {
  results: SequenceResult[];
  sequences: number;
  operations: number;
  agreeing: number;
  unexplained: number;
  explained: number;
  aborted?: SequenceResult;
  /** Operations per second on each side, on the same sequences (throughput.ts). */
  throughput: Throughput;
}

/** `cbh diff`: every seed's sequence on a fresh simulator cloud and on the target (or on one of
 *  the lanes, one sequence per lane at a time), compared. Results come back in seed order. */
export async function runDiff(simulator: TargetFactory, target: DiffTarget, o: DiffOptions): Promise<DiffSummary> {
  const allow = o.allow ?? ALLOW_LIST;
  const t0 = Date.now();
  const results: SequenceResult[] = [];
  const queue = [...o.seeds];
  let stop = false;
  const lane = async (t: DiffTarget, index: number): Promise<void> => {
    for (let seed = queue.shift(); seed !== undefined && !stop; seed = queue.shift()) {
      const r = { ...(await runOne(simulator, t, o, allow, seed)), lane: index };
      results.push(r);
      o.onSequence?.(r);
      if (r.aborted) stop = true;
    }
  };
  const targets = [target, ...(o.lanes ?? [])];
  await Promise.all(targets.map(lane));
  results.sort((a, b) => a.seed - b.seed);
  const done = results.filter((r) => !r.aborted);
  return {
    results,
    sequences: done.length,
    operations: done.reduce((n, r) => n + r.ran.length, 0),
    agreeing: done.filter((r) => r.unexplained === 0).length,
    unexplained: done.reduce((n, r) => n + r.unexplained, 0),
    explained: done.reduce((n, r) => n + r.divergences.length - r.unexplained, 0),
    ...(results.find((r) => r.aborted) ? { aborted: results.find((r) => r.aborted) } : {}),
    throughput: throughput(results, targets.length, Date.now() - t0),
  };
}

async function runOne(
  simulator: TargetFactory,
  target: DiffTarget,
  o: DiffOptions,
  allow: readonly AllowEntry[],
  seed: number,
): Promise<Omit<SequenceResult, "lane">> {
  const sequence = o.probes
    ? releaseProbe(seed, o.release)
    : generateSequence(seed, {
        release: o.release,
        admin: target.admin !== undefined,
        data: target.bytes !== undefined,
        ...(o.length ? { length: o.length } : {}),
      });
  const runId = `${o.runId}-s${seed}`;
  const cmp = await compareSequence(sequence, simulator, target, runId, allow, o.steps);
  const first = cmp.divergences.find((d) => !d.allowed);
  const shrunk = first && o.shrink !== false && !o.steps ? await shrink(sequence, first, simulator, target, runId, allow) : undefined;
  return {
    seed,
    sequence,
    ran: cmp.sim.steps.map((s) => s.index),
    divergences: cmp.divergences,
    unexplained: cmp.divergences.filter((d) => !d.allowed).length,
    ...(shrunk ? { shrunk } : {}),
    replay: o.replay(seed, shrunk?.confirmed ? shrunk.steps : o.steps),
    ...(cmp.target.aborted ? { aborted: cmp.target.aborted } : {}),
    leftovers: cmp.target.leftovers,
    simMs: cmp.sim.ms,
    targetMs: cmp.target.ms,
  };
}
