import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

const cbh = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  spawnSync(process.execPath, ["bin/cbh.js", "conformance", ...args], {
    encoding: "utf8",
    timeout: 60_000,
    env: { ...process.env, ...env },
  });

describe("cbh conformance --driver-runtime / --driver-image", () => {
  it("an unknown runtime is bad usage (exit 2)", () => {
    const r = cbh(["--driver", "cinder:posix", "--driver-runtime", "podman"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("--driver-runtime must be container or host, got 'podman'");
  });

  it("--driver-image with --driver-runtime host is refused", () => {
    const r = cbh(["--driver", "cinder:posix", "--driver-runtime", "host", "--driver-image", "acme/x:1"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("--driver-image runs the driver in a container: it cannot go with --driver-runtime host");
  });

  it("without a usable Docker, the default runtime is a load error naming the driver and --driver-runtime host, never a host run", () => {
    const r = cbh(["--driver", "cinder:posix", "--rules", "round-trip.one-byte"], { CBH_DOCKER_CLI: "/nonexistent/docker" });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/\[CBH_DRIVER_LOAD\] runtime-unavailable: driver cinder:posix: the container runtime .*--driver-runtime host/);
    expect(r.stdout).not.toMatch(/PASS|FAIL/);
  });
  it("DOCKER_HOST naming a socket that does not exist: exit 2 naming DOCKER_HOST, for the driver container and for a backend container", () => {
    const bogus = { DOCKER_HOST: "unix:///nonexistent/cbh-docker.sock" };
    const inContainer = cbh(["--driver", "cinder:posix", "--rules", "round-trip.one-byte"], bogus);
    expect(inContainer.status).toBe(2);
    expect(inContainer.stderr).toMatch(/driver cinder:posix: DOCKER_HOST=unix:\/\/\/nonexistent\/cbh-docker\.sock: no such socket/);
    // the host runtime still needs the Swift container: refused before testcontainers tries another engine
    const backend = cbh(["--driver", "cinder:swift", "--driver-runtime", "host", "--rules", "round-trip.one-byte"], bogus);
    expect(backend.status).toBe(2);
    expect(backend.stderr).toMatch(
      /driver cinder:swift: .* failed to start: DOCKER_HOST=unix:\/\/\/nonexistent\/cbh-docker\.sock: no such socket/,
    );
    expect(backend.stdout).not.toMatch(/PASS|FAIL/);
  });
});
