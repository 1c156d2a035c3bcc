import { CloudError } from "../openstack/index.ts";
import { NotApplicable, RemoteRun, type Need, type RemoteWorkflow } from "./remote-workflow.ts";
import { Resources } from "./resources.ts";
import type { RemoteTarget } from "./target.ts";
import { VolumeData } from "./volume-data.ts";

export type RemoteVerdict = "PASS" | "FAIL" | "N/A";

export interface RemoteResult {
  id: string;
  title: string;
  verdict: RemoteVerdict;
  checks: number;
  deviations: { check: string; expected: unknown; actual: unknown }[];
  /** Why N/A, or the error (naming the cloud and step) that ended a FAIL. */
  reason?: string;
  /** Resources the cleanup could not delete. */
  leftovers: string[];
  ms: number;
}

/** What the target lacks for this workflow, if anything (then the verdict is N/A, never PASS). */
export function missingNeeds(wf: RemoteWorkflow, target: RemoteTarget): Need[] {
  return wf.needs.filter((n) =>
    n === "admin"
      ? !target.admin
      : n === "operator"
        ? !target.operator
        : !((target.operator && target.dataPath !== "image") || target.member.has("image")),
  );
}

/** Runs one workflow on the target, then deletes what it created. */
export async function runRemoteWorkflow(wf: RemoteWorkflow, target: RemoteTarget, seed: number): Promise<RemoteResult> {
  const t0 = Date.now();
  const missing = missingNeeds(wf, target);
  if (missing.length) {
    return {
      id: wf.id,
      title: wf.title,
      verdict: "N/A",
      checks: 0,
      deviations: [],
      leftovers: [],
      ms: 0,
      reason: `the target has no ${missing.map(describeNeed).join(", no ")}`,
    };
  }
  const res = new Resources({ ...target, runId: `${target.runId}-${wf.id}` });
  const run = new RemoteRun(res, new VolumeData(res), seed);
  let reason: string | undefined;
  let notApplicable = false;
  try {
    await wf.run(run);
  } catch (e) {
    notApplicable = e instanceof NotApplicable;
    reason =
      e instanceof CloudError ? e.message : notApplicable ? `the target has ${(e as Error).message}` : `${wf.id}: ${(e as Error).message}`;
  }
  const leftovers = await res.cleanup();
  const ok = !reason && run.deviations.length === 0;
  return {
    id: wf.id,
    title: wf.title,
    // N/A only when nothing was checked yet: a workflow finds what it lacks before it acts.
    verdict: notApplicable && run.checks.length === 0 ? "N/A" : ok ? "PASS" : "FAIL",
    checks: run.checks.length,
    deviations: run.deviations,
    ...(reason ? { reason } : {}),
    leftovers,
    ms: Date.now() - t0,
  };
}

function describeNeed(n: Need): string {
  return n === "admin"
    ? "admin credentials (--admin-cloud)"
    : n === "operator"
      ? "operator actions (the bundled cloud, or cbh serve with --admin-cloud)"
      : "way to move bytes (Image API)";
}
