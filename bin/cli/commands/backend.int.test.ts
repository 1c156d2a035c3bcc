import { execFileSync, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { expect, it } from "vitest";
import type { BackendDescription } from "../../../lib/backends/index.ts";

const docker = existsSync("/usr/bin/docker") ? "/usr/bin/docker" : "docker";

it("cbh backend start gcs --json: prints endpoints, serves, and removes the container on SIGTERM, also when signalled twice (npx forwards its own)", async () => {
  const child = spawn(process.execPath, ["bin/cbh.js", "backend", "start", "gcs", "--json"], { stdio: ["ignore", "pipe", "inherit"] });
  try {
    const [line] = (await once(createInterface({ input: child.stdout }), "line")) as [string];
    const d = JSON.parse(line) as BackendDescription;
    expect(d).toMatchObject({ kind: "gcs", storeUrl: expect.stringMatching(/^gcs\+http:\/\/127\.0\.0\.1:\d+\?project=/) });
    const res = await fetch(`${d.endpoints.api}/storage/v1/b?project=p`, { headers: { Authorization: `Bearer ${d.credentials.key}` } });
    expect(res.status).toBe(200);
    child.kill("SIGTERM");
    child.kill("SIGTERM");
    const [code] = (await once(child, "exit")) as [number];
    expect(code).toBe(143);
    expect(
      execFileSync(docker, ["ps", "-aq", "--filter", `id=${d.containerId}`])
        .toString()
        .trim(),
    ).toBe("");
  } finally {
    if (child.exitCode === null) child.kill("SIGKILL");
  }
});

it("cbh backend with a wrong kind prints usage and exits 2", () => {
  let status = 0;
  try {
    execFileSync(process.execPath, ["bin/cbh.js", "backend", "start", "minio"], { stdio: "pipe" });
  } catch (e) {
    status = (e as { status: number }).status;
  }
  expect(status).toBe(2);
});
