import { CloudBuilder } from "../cloud/cloud-builder.ts";
import type { Geometry } from "../cloud/geometry.ts";
import type { Release, TraceEntry } from "../cloud/simulated-cloud.ts";
import { WorkflowRun, type Deviation, type Workflow } from "./workflow.ts";

export interface WorkflowResult {
  readonly id: string;
  readonly title: string;
  readonly guide: string;
  readonly release: Release;
  readonly seed: number;
  readonly ok: boolean;
  readonly checks: number;
  readonly deviations: readonly Deviation[];
  readonly trace: readonly TraceEntry[];
  readonly traceHash: string;
  /** Unexpected exception, if the workflow crashed. */
  readonly error?: string;
}

/** Replays one workflow on a fresh cloud; deviations and invariant violations make it fail. */
export async function runWorkflow(
  wf: Workflow,
  seed: number,
  release: Release,
  opts: { geometry?: Geometry } = {},
): Promise<WorkflowResult> {
  // A workflow's own config wins over the geometry (its checks may depend on the object layout).
  const cloud = await new CloudBuilder()
    .withSeed(seed)
    .withRelease(release)
    .withGeometry(opts.geometry ?? "small")
    .withConfig(wf.config ?? {})
    .build();
  const run = new WorkflowRun(cloud, release);
  let error: string | undefined;
  try {
    await wf.run(run);
    await cloud.settle();
    for (const v of cloud.inspect.invariants()) run.deviations.push({ check: `invariant ${v.code}`, expected: "holds", actual: v.message });
  } catch (e) {
    error = (e as Error).stack ?? String(e);
  }
  return {
    id: wf.id,
    title: wf.title,
    guide: wf.guide,
    release,
    seed,
    ok: !error && run.deviations.length === 0,
    checks: run.checks.length,
    deviations: run.deviations,
    trace: cloud.trace.entries(),
    traceHash: cloud.trace.hash(),
    ...(error ? { error } : {}),
  };
}
