import { GenericContainer, type StartedTestContainer } from "testcontainers";
import { backendImage, type BackendName } from "./backend-image.ts";
import { checkDockerHost } from "./docker-host.ts";
import { applyHarnessEnvironment } from "./harness-environment.ts";
import { installRunCleanup } from "./run-containers.ts";
import { runLabels } from "./run-id.ts";

/**
 * Base of every backend launcher: a locally built image on the HOST network (the engine runs
 * with --bridge=none), labelled for reaping, with a generous startup timeout. Subclasses add
 * fluent `with*()` options and return a started object that knows endpoints and credentials.
 */
export abstract class HarnessContainer extends GenericContainer {
  constructor(name: BackendName, image = backendImage(name)) {
    applyHarnessEnvironment();
    super(image);
    this.withNetworkMode("host")
      // owner pid: docker-down.sh keeps containers of test runs still in progress; run id:
      // the run removes its own containers on exit/SIGINT and sweeps dead runs' (run-containers.ts)
      .withLabels({ ...runLabels(), "cbh.backend": name })
      .withStartupTimeout(180_000);
  }

  /** Starts the container; from the first start on, this process removes its run's containers
   *  on exit, SIGINT and SIGTERM (run-containers.ts:installRunCleanup). A DOCKER_HOST socket
   *  that does not exist is refused first (docker-host.ts). */
  override async start(): Promise<StartedTestContainer> {
    checkDockerHost(); // fail fast, before testcontainers falls back to another engine
    installRunCleanup();
    return super.start();
  }
}
