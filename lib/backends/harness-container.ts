import { GenericContainer } from "testcontainers";
import { backendImage, type BackendName } from "./backend-image.ts";
import { applyHarnessEnvironment } from "./harness-environment.ts";
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
}
