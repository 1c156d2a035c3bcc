import { installRunCleanup, sweepLeftoverContainers } from "../../../lib/backends/containers.ts";

let swept: Promise<void> | undefined;

/**
 * Once per process, before the first protocol driver (its backend container, its driver
 * containers): sweep what dead runs left behind, and make sure this run's own containers go
 * when it exits, is interrupted (SIGINT/SIGTERM) or fails.
 */
export function prepareRun(): Promise<void> {
  installRunCleanup();
  swept ??= sweepLeftoverContainers().then((ids) => {
    if (ids.length) process.stderr.write(`cbh: removed ${ids.length} container(s) left by earlier runs: ${ids.join(" ")}\n`);
  });
  return swept;
}
