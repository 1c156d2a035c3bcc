import { explain, type AllowEntry } from "./allow-list.ts";
import { compareViews, type Divergence } from "./compare.ts";
import { onSimulator } from "./compare-sequence.ts";
import { normaliseRun } from "./normalise.ts";
import { runSequence, type SideRun } from "./run-sequence.ts";
import type { Sequence } from "./step.ts";
import type { DiffTarget, TargetFactory } from "./target.ts";

export interface ProfilesComparison {
  target: SideRun;
  /** Per simulator profile (the keys of `simulators`): its divergences from the one target run. */
  divergences: Record<string, Divergence[]>;
}

/**
 * One sequence run ONCE on a (slow, real) target and compared with several simulator profiles:
 * the release probes against a real cloud, where the profile that plays the cloud's release must
 * agree and every other must diverge. Same comparison as compareSequence, without re-running the
 * target per profile.
 */
export async function compareProfiles(
  seq: Sequence,
  simulators: Readonly<Record<string, TargetFactory>>,
  target: DiffTarget,
  runId: string,
  allow: readonly AllowEntry[],
): Promise<ProfilesComparison> {
  const targetRun = await runSequence(seq, target, runId);
  const labels = (i: number): string => seq.steps[i]?.label ?? `step ${i}`;
  const divergences: Record<string, Divergence[]> = {};
  if (targetRun.aborted) return { target: targetRun, divergences };
  const theirs = normaliseRun(seq, targetRun);
  for (const [name, simulator] of Object.entries(simulators)) {
    const sim = await onSimulator({ ...seq, release: name }, simulator, runId);
    divergences[name] = compareViews(normaliseRun(seq, sim), theirs, labels).map((d) => explain(d, allow));
  }
  return { target: targetRun, divergences };
}
