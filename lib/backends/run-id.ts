import { HARNESS_LABEL } from "./backend-image.ts";

let runId: string | undefined;

/**
 * This harness run's id: every container the harness starts (backends, driver containers)
 * carries it as the `cbh.run-id` label, so the run removes exactly its own containers on exit,
 * SIGINT or failure, and a later run can tell its leftovers from another live run's containers.
 * `CBH_RUN_ID` sets it (tests that signal a child run); it is never exported to children.
 */
export function harnessRunId(): string {
  const given = process.env.CBH_RUN_ID;
  // it names containers (cbh-driver-<run id>-<n>) and labels: docker's name characters only
  if (given && !/^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/.test(given))
    throw new Error(`CBH_RUN_ID '${given}': use letters, digits, '_', '.', '-' (at most 63, starting with a letter or digit)`);
  runId ??= given || `${process.pid.toString(36)}-${Date.now().toString(36)}`;
  return runId;
}

/** Labels of a container this process starts: harness, run id, owner pid (docker-down.sh keeps live owners'). */
export function runLabels(): Record<string, string> {
  return { ...HARNESS_LABEL, "cbh.run-id": harnessRunId(), "cbh.owner-pid": String(process.pid) };
}
