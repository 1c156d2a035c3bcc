import { execFileSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { DriverHarness } from "../driver/driver-harness.ts";
import { resolveDriver } from "../driver/driver-registry.ts";
import { DriverProcessError } from "./protocol/driver-process-error.ts";
import { dockerCli, harnessRunId } from "../../lib/backends/containers.ts";
import type { DriverRuntime } from "./driver-specs.ts";

// Bad input through `python:` / `cinder:` with Debian's python3-cinder 21.3.1, in both runtimes
// (the drivers container, the default, and the host's python3): each a clear error naming the
// driver, with its stderr tail, and no process and no container left behind.
const BAD = join(dirname(fileURLToPath(import.meta.url)), "python", "test-fixtures");

function children(): number[] {
  const out = execFileSync("ps", ["-o", "pid=,comm=", "--ppid", String(process.pid)], { encoding: "utf8" });
  return out
    .split("\n")
    .map((l) => l.trim().split(/\s+/))
    .filter(([pid, comm]) => pid && comm !== "ps")
    .map(([pid]) => Number(pid));
}

/** This run's containers (driver containers carry the run id). */
function runContainers(): string[] {
  return execFileSync(dockerCli(), ["ps", "-aq", "--filter", `label=cbh.run-id=${harnessRunId()}`], { encoding: "utf8" })
    .split("\n")
    .filter(Boolean);
}

describe.each<DriverRuntime>(["container", "host"])("--driver-runtime %s", (runtime) => {
  async function loadError(spec: string, flags: Parameters<typeof resolveDriver>[2] = {}): Promise<Error> {
    const before = children();
    const err = await resolveDriver(spec, "posix", { driverPaths: [BAD], runtime, ...flags }).then(
      () => null,
      (e: Error) => e,
    );
    expect(err, `${spec} should not load`).not.toBeNull();
    await new Promise((r) => setTimeout(r, 100));
    expect(
      children().filter((p) => !before.includes(p)),
      "driver processes left behind",
    ).toEqual([]);
    expect(runContainers(), "driver containers left behind").toEqual([]);
    return err!;
  }

  /** Opens `spec` in this runtime, runs `body`, disposes; then nothing of it may remain. */
  async function withDriver(
    spec: string,
    body: (dut: Awaited<ReturnType<typeof resolveDriver>>) => Promise<void>,
    timeoutMs?: number,
  ): Promise<void> {
    const dut = await resolveDriver(spec, "posix", { driverPaths: [BAD], runtime, ...(timeoutMs ? { timeoutMs } : {}) });
    try {
      if (runtime === "container") expect(runContainers().length, "the driver runs in a container").toBeGreaterThan(0);
      await body(dut);
    } finally {
      await dut.dispose?.();
    }
    expect(runContainers(), "driver containers left behind").toEqual([]);
  }

  describe("python: and cinder: drivers — bad input is a clear error, nothing left running", () => {
    it("unknown cinder driver name", async () => {
      expect((await loadError("cinder:tape")).message).toMatch(/unknown driver 'cinder:tape': cinder drivers are cinder:posix, cinder:nfs/);
    });

    it("unknown class path (no such module)", async () => {
      const e = await loadError("python:cbh_bad_drivers.nowhere.Driver");
      expect(e.message).toMatch(/cannot load driver python:cbh_bad_drivers\.nowhere\.Driver: .*exited with status 1/);
      expect(e.message).toMatch(/No module named 'cbh_bad_drivers\.nowhere'/);
    }, 60_000);

    it("a module that fails to import", async () => {
      const e = await loadError("python:cbh_bad_drivers.broken_import.Driver");
      expect(e.message).toMatch(/No module named 'cbh_no_such_dependency'/);
    }, 60_000);

    it("a class that is not a backup driver", async () => {
      const e = await loadError("python:cbh_bad_drivers.misc.NotADriver");
      expect(e.message).toMatch(/cbh_bad_drivers\.misc\.NotADriver is not a subclass of cinder\.backup\.driver\.BackupDriver/);
    }, 60_000);

    it("a driver option cinder does not know", async () => {
      const e = await loadError("cinder:posix", { driverOpts: ["backup_posix_pathh=/tmp/x"] });
      expect(e.message).toMatch(/cannot load driver cinder:posix: cinder does not know the option 'backup_posix_pathh'/);
    }, 60_000);

    it("a malformed --driver-opt", async () => {
      expect((await loadError("cinder:posix", { driverOpts: ["backup_posix_path"] })).message).toMatch(
        /--driver-opt 'backup_posix_path': expected key=value/,
      );
    });

    it("a backend this build cannot start for a python: driver", async () => {
      expect((await loadError("python:cbh_bad_drivers.misc.ExitsMidBackup", { backend: "tape" as never })).message).toMatch(
        /backend 'tape' is not available/,
      );
    });

    it("a driver that exits mid-call fails that backup with its stderr, and the next call gets a new process", async () => {
      await withDriver("python:cbh_bad_drivers.misc.ExitsMidBackup", async (dut) => {
        const h = await DriverHarness.open(dut);
        const err = await h.backup(h.volume(4096)).catch((e: Error) => e);
        expect(err).toBeInstanceOf(DriverProcessError);
        expect((err as Error).message).toMatch(/driver python:cbh_bad_drivers\.misc\.ExitsMidBackup: backup: exited with status 3/);
        expect((err as Error).message).toContain("ExitsMidBackup: giving up on");
        expect(h.registry.get(h.registry.all()[0]!.id)!.status).toBe("error");
        await h.driver.checkForSetupError();
      });
    }, 120_000);

    it("a driver that hangs fails the call at the per-call timeout and is killed", async () => {
      await withDriver(
        "python:cbh_bad_drivers.misc.HangsInBackup",
        async (dut) => {
          const h = await DriverHarness.open(dut);
          const err = await h.backup(h.volume(4096)).catch((e: Error) => e);
          expect((err as DriverProcessError).failure).toBe("timeout");
          expect((err as Error).message).toContain("HangsInBackup: waiting forever");
        },
        4000,
      );
    }, 120_000);

    it("print() in a driver does not corrupt the protocol", async () => {
      await withDriver("python:cbh_bad_drivers.misc.PrintsOnStdout", async (dut) => {
        const h = await DriverHarness.open(dut);
        const vol = h.volume(100_000);
        vol.device.write(10, new Uint8Array([5, 6, 7]));
        const b = await h.backup(vol);
        expect(b.status).toBe("available");
        const target = h.volume(100_000);
        await h.restore(b.id, target, true);
        expect(target.device.sha256()).toBe(vol.device.sha256());
        await h.close();
      });
    }, 120_000);
  });
});
