import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkDockerHost } from "./docker-host.ts";
import { SwiftContainer } from "./swift-container.ts";

const dir = mkdtempSync(join(tmpdir(), "cbh-docker-host-"));
let server: Server | undefined;
afterAll(() => {
  server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("checkDockerHost: DOCKER_HOST must name a reachable socket before any container starts", () => {
  it("a unix:// path that does not exist is refused, naming DOCKER_HOST", () => {
    expect(() => checkDockerHost({ DOCKER_HOST: "unix:///nonexistent/docker.sock" })).toThrow(
      /^DOCKER_HOST=unix:\/\/\/nonexistent\/docker\.sock: no such socket; start the engine/,
    );
  });

  it("a unix:// path that is a plain file is refused", () => {
    const f = join(dir, "file");
    writeFileSync(f, "");
    expect(() => checkDockerHost({ DOCKER_HOST: `unix://${f}` })).toThrow(/file is not a socket/);
  });

  it("a listening socket, an unset DOCKER_HOST and other schemes pass", async () => {
    const sock = join(dir, "engine.sock");
    server = createServer();
    await new Promise<void>((r) => server!.listen(sock, r));
    expect(() => checkDockerHost({ DOCKER_HOST: `unix://${sock}` })).not.toThrow();
    expect(() => checkDockerHost({})).not.toThrow();
    expect(() => checkDockerHost({ DOCKER_HOST: "tcp://127.0.0.1:2375" })).not.toThrow();
  });

  it("a backend container's start fails fast with the code, before testcontainers picks another engine", async () => {
    const saved = process.env.DOCKER_HOST;
    process.env.DOCKER_HOST = "unix:///nonexistent/docker.sock";
    try {
      const t0 = performance.now();
      const e = (await new SwiftContainer().start().catch((x: unknown) => x)) as Error & { code?: string };
      expect(e.code).toBe("CBH_DOCKER_HOST");
      expect(e.message).toMatch(/DOCKER_HOST=unix:\/\/\/nonexistent\/docker\.sock: no such socket/);
      expect(performance.now() - t0).toBeLessThan(5_000);
    } finally {
      if (saved === undefined) delete process.env.DOCKER_HOST;
      else process.env.DOCKER_HOST = saved;
    }
  });
});
