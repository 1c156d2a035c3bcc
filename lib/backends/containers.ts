/**
 * The second entry point of lib/backends, without testcontainers (the barrel loads it): the
 * docker client, this run's id and labels, and the removal and sweep of the run's containers.
 * The driver-container runtime (conformance/drivers/runtime/) starts from here.
 */
export { docker, dockerCli } from "./docker-cli.ts";
export { checkDockerHost, DockerHostError } from "./docker-host.ts";
export { harnessRunId, runLabels } from "./run-id.ts";
export { installRunCleanup, removeRunContainersSync, sweepLeftoverContainers } from "./run-containers.ts";
