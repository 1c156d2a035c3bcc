import { statSync } from "node:fs";

/** `DOCKER_HOST` names a Docker engine the harness cannot reach (a typed error, exit 2 from the CLI). */
export class DockerHostError extends Error {
  readonly code = "CBH_DOCKER_HOST";
  constructor(message: string) {
    super(message);
    this.name = "DockerHostError";
  }
}

/**
 * Before the first container: a `DOCKER_HOST=unix://PATH` must name an existing socket. Without
 * this check testcontainers quietly falls back to another engine (/var/run/docker.sock) while the
 * docker client (driver containers, the run's cleanup) uses DOCKER_HOST and fails: containers
 * started on one engine and never removed, or an obscure "Could not find a working container
 * runtime strategy". Other schemes (tcp://, ssh://) are left to the client.
 */
export function checkDockerHost(env: NodeJS.ProcessEnv = process.env): void {
  const host = env.DOCKER_HOST;
  if (!host?.startsWith("unix://")) return;
  const path = host.slice("unix://".length);
  const hint = "start the engine (scripts/ci/docker-up.sh; `source scripts/ci/docker-env.sh` sets DOCKER_HOST) or unset DOCKER_HOST";
  let isSocket: boolean;
  try {
    isSocket = statSync(path).isSocket();
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code === "ENOENT" ? "no such socket" : (e as Error).message;
    throw new DockerHostError(`DOCKER_HOST=${host}: ${why}; ${hint}`);
  }
  if (!isSocket) throw new DockerHostError(`DOCKER_HOST=${host}: ${path} is not a socket; ${hint}`);
}
