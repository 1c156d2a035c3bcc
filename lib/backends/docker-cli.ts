import { execFile } from "node:child_process";
import { existsSync } from "node:fs";

/**
 * The docker client the harness runs (driver containers, sweeps): `CBH_DOCKER_CLI`, else Debian's
 * `/usr/bin/docker` when present (scripts/ci/docker-env.sh prefers it too), else `docker` on PATH.
 * It talks to `DOCKER_HOST` like testcontainers does.
 */
export function dockerCli(): string {
  return process.env.CBH_DOCKER_CLI || (existsSync("/usr/bin/docker") ? "/usr/bin/docker" : "docker");
}

/** Runs `docker ARGS`; rejects with the client's stderr (or the spawn error) as the message. */
export function docker(args: readonly string[], timeoutMs = 60_000): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(dockerCli(), [...args], { timeout: timeoutMs, encoding: "utf8" }, (err, stdout, stderr) => {
      if (!err) return resolve(stdout);
      const why = stderr.trim() || err.message;
      reject(Object.assign(new Error(why), { code: (err as NodeJS.ErrnoException).code }));
    });
  });
}
