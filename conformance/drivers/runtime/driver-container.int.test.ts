import { execFileSync, spawn, spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { dockerCli } from "../../../lib/backends/containers.ts";
import { defaultDriverImage } from "./driver-image.ts";

// Issue 9: the driver container's life cycle, through the CLI as a user runs it — labelled with the
// run id, removed on SIGINT, and what a dead run left is swept by the next one.
const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../../..");
const BAD = join(ROOT, "conformance/drivers/python/test-fixtures");
const docker = (...args: string[]): string => execFileSync(dockerCli(), args, { encoding: "utf8" });
const labelled = (runId: string): string[] => docker("ps", "-aq", "--filter", `label=cbh.run-id=${runId}`).split("\n").filter(Boolean);
const uniqueRun = (what: string): string => `it-${what}-${process.pid}-${Date.now().toString(36)}`;

async function until(cond: () => boolean, ms: number): Promise<void> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 250))) if (cond()) return;
  throw new Error(`not within ${ms} ms`);
}

describe("driver containers", () => {
  it("SIGINT mid-run: the driver container and the backend container of the run are removed, exit 130", async () => {
    const runId = uniqueRun("sigint");
    const child = spawn(
      process.execPath,
      [
        "bin/cbh.js",
        "conformance",
        "--driver",
        "python:cbh_bad_drivers.misc.HangsInBackup",
        "--driver-path",
        BAD,
        "--backend",
        "gcs",
        "--rules",
        "round-trip.one-byte",
        "--timeout",
        "600000",
      ],
      { cwd: ROOT, env: { ...process.env, CBH_RUN_ID: runId }, stdio: ["ignore", "pipe", "pipe"] },
    );
    let err = "";
    child.stderr.on("data", (c: Buffer) => (err += c.toString()));
    child.stdout.resume();
    const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
    try {
      // the GCS emulator and the hanging driver's container, both labelled with the run id
      await until(() => labelled(runId).length >= 2, 120_000);
      const kinds = labelled(runId).map((id) =>
        docker(
          "inspect",
          "-f",
          '{{ index .Config.Labels "cbh.backend" }}|{{ index .Config.Labels "cbh.driver" }}|{{ .HostConfig.NetworkMode }}',
          id,
        ).trim(),
      );
      expect(kinds.sort()).toEqual(["gcs||host", "|python:cbh_bad_drivers.misc.HangsInBackup|host"]);
      child.kill("SIGINT");
      expect(await exited, err).toBe(130);
      expect(labelled(runId), "containers left after SIGINT").toEqual([]);
    } finally {
      child.kill("SIGKILL");
      for (const id of labelled(runId)) docker("rm", "-fv", id);
    }
  }, 300_000);

  it("the next run sweeps what a dead run left, and keeps a live run's containers", () => {
    const dead = spawnSync("true").pid!; // a pid that just ended
    const leftover = uniqueRun("dead");
    const live = uniqueRun("live");
    const start = (runId: string, owner: number): string =>
      docker(
        "run",
        "-d",
        "--network",
        "host",
        "--label",
        "cbh.harness=true",
        "--label",
        `cbh.run-id=${runId}`,
        "--label",
        `cbh.owner-pid=${owner}`,
        defaultDriverImage(),
        "sleep",
        "600",
      ).trim();
    start(leftover, dead);
    start(live, process.pid);
    try {
      const r = spawnSync(
        process.execPath,
        ["bin/cbh.js", "conformance", "--driver", "cinder:posix", "--rules", "round-trip.one-byte", "--quiet"],
        {
          cwd: ROOT,
          encoding: "utf8",
          timeout: 180_000,
        },
      );
      expect(r.status, r.stderr).toBe(0);
      expect(r.stderr).toMatch(/cbh: removed \d+ container\(s\) left by earlier runs/);
      expect(labelled(leftover), "a dead run's container").toEqual([]);
      expect(labelled(live), "a live run's container").toHaveLength(1);
    } finally {
      for (const id of [...labelled(leftover), ...labelled(live)]) docker("rm", "-fv", id);
    }
  }, 300_000);

  it("a backend that fails to start: a load error naming the driver and the backend, exit 2, nothing left running", () => {
    const runId = uniqueRun("backend");
    // CBH_IMAGE_TAG names a GCS emulator image that does not exist; the driver image is given explicitly
    const r = spawnSync(
      process.execPath,
      [
        "bin/cbh.js",
        "conformance",
        "--driver",
        "python:cbh_bad_drivers.misc.ExitsMidBackup",
        "--driver-path",
        BAD,
        "--backend",
        "gcs",
        "--driver-image",
        defaultDriverImage(),
        "--rules",
        "round-trip.one-byte",
      ],
      { cwd: ROOT, encoding: "utf8", timeout: 180_000, env: { ...process.env, CBH_RUN_ID: runId, CBH_IMAGE_TAG: "missing" } },
    );
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toMatch(
      /\[CBH_DRIVER_LOAD\] backend-failed: driver python:cbh_bad_drivers\.misc\.ExitsMidBackup: the GCS emulator failed to start: .+/,
    );
    expect(labelled(runId)).toEqual([]);
  }, 300_000);

  it("--driver-image: a user's cinder image plus the documented two-line Dockerfile runs the suite; without the shim it is a clear load error", () => {
    const tag = `${process.pid}-${Date.now().toString(36)}`;
    const theirs = `local/cbh-it-their-cinder:${tag}`,
      withShim = `local/cbh-it-their-cinder-cbh:${tag}`;
    const build = (name: string, dockerfile: string): void => {
      const r = spawnSync(dockerCli(), ["build", "--network", "host", "-q", "-t", name, "-"], {
        input: dockerfile,
        encoding: "utf8",
        timeout: 300_000,
      });
      expect(r.status, r.stderr).toBe(0);
    };
    const conformance = (image: string) =>
      spawnSync(
        process.execPath,
        ["bin/cbh.js", "conformance", "--driver", "cinder:posix", "--driver-image", image, "--rules", "round-trip.one-byte,delete.*"],
        {
          cwd: ROOT,
          encoding: "utf8",
          timeout: 300_000,
        },
      );
    try {
      // stand-in for a user's image with cinder in it, but not the shim
      build(theirs, `FROM ${defaultDriverImage()}\nRUN rm -rf /opt/cbh\n`);
      const bad = conformance(theirs);
      expect(bad.status).toBe(2);
      expect(bad.stderr).toMatch(/cannot load driver cinder:posix: .*No module named cbh_shim/s);
      expect(bad.stderr).toContain(`COPY --from=${defaultDriverImage()} /opt/cbh /opt/cbh`);
      // the two lines of docs/third-party-driver.md
      build(withShim, `FROM ${theirs}\nCOPY --from=${defaultDriverImage()} /opt/cbh /opt/cbh\n`);
      const good = conformance(withShim);
      expect(good.status, good.stderr + good.stdout).toBe(0);
      expect(good.stdout).toContain("cinder:posix: 5 passed, 0 failed");
    } finally {
      spawnSync(dockerCli(), ["rmi", "-f", withShim, theirs]);
    }
  }, 600_000);
});
