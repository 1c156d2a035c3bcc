import net from "node:net";
import { describe, expect, it } from "vitest";
import { backendContainer, backendImage, applyHarnessEnvironment, freePorts, PollWaitStrategy } from "./index.ts";

describe("backend launchers (no engine needed)", () => {
  it("hands out distinct ports that can be bound on 127.0.0.1", async () => {
    const ports = await freePorts(5);
    expect(new Set(ports).size).toBe(5);
    for (const port of ports) {
      const server = net.createServer();
      await new Promise<void>((resolve, reject) => server.once("error", reject).listen(port, "127.0.0.1", () => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it("sets the testcontainers environment without overriding explicit values", () => {
    const env: NodeJS.ProcessEnv = { TESTCONTAINERS_HOST_OVERRIDE: "10.0.0.1" };
    applyHarnessEnvironment(env);
    expect(env).toEqual({ TESTCONTAINERS_HOST_OVERRIDE: "10.0.0.1", TESTCONTAINERS_RYUK_DISABLED: "true" });
  });

  it("names images local/cbh-<name>:ci unless overridden", () => {
    expect(backendImage("ceph")).toBe("local/cbh-ceph:ci");
    process.env.CBH_IMAGE_TAG = "dev";
    try {
      expect(backendImage("swift")).toBe("local/cbh-swift:dev");
    } finally {
      delete process.env.CBH_IMAGE_TAG;
    }
  });

  it("refuses an unknown backend kind with a stable code", () => {
    expect(() => backendContainer("minio" as "gcs")).toThrow(expect.objectContaining({ code: "unknown-backend" }));
  });

  it("polls until ready, and times out with a clear error", async () => {
    let calls = 0;
    await new PollWaitStrategy("thing", async () => ++calls >= 3, 5).waitUntilReady();
    expect(calls).toBe(3);
    const never = new PollWaitStrategy(
      "never",
      async () => {
        throw new Error("refused");
      },
      5,
    ).withStartupTimeout(50);
    await expect(never.waitUntilReady()).rejects.toMatchObject({ code: "backend-not-ready", message: expect.stringContaining("refused") });
  });
});
