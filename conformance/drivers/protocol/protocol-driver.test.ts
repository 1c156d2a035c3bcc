import { mkdtemp, readdir, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { DriverHarness } from "../../driver/driver-harness.ts";
import { DriverLoadError } from "../../driver/module-driver.ts";
import { DriverProcessError } from "./driver-process-error.ts";
import { openProtocolDriver, type ProcessDriverUnderTest } from "./protocol-driver-under-test.ts";
import type { RpcProcess } from "./rpc-process.ts";
import type { ProtocolDriver } from "./protocol-driver.ts";

const FAKE = join(dirname(fileURLToPath(import.meta.url)), "test-fixtures", "fake-driver.mjs");
const opened: ProcessDriverUnderTest[] = [];

async function fake(mode: string, timeoutMs = 10_000): Promise<ProcessDriverUnderTest> {
  const dut = await openProtocolDriver({
    id: `exec:fake ${mode}`,
    cmd: { driver: `exec:fake ${mode}`, command: process.execPath, args: [FAKE, mode] },
    timeoutMs,
  });
  opened.push(dut);
  return dut;
}

function gone(pid: number | undefined): boolean {
  try {
    process.kill(pid!, 0);
    return false;
  } catch {
    return true;
  }
}

function processOf(h: DriverHarness): RpcProcess {
  return (h.driver as ProtocolDriver).session.process!;
}

afterEach(async () => {
  for (const d of opened.splice(0)) await d.dispose();
});

describe("driver protocol (NDJSON JSON-RPC 2.0 over a driver process's stdio)", () => {
  it("round-trips a volume through a protocol driver, with refresh and save callbacks reaching the harness", async () => {
    const h = await DriverHarness.open(await fake("good"));
    const vol = h.volume(300_000);
    vol.device.write(1000, new Uint8Array([1, 2, 3]));
    vol.device.write(299_999, new Uint8Array([9]));
    const b = await h.backup(vol);
    expect(b.status).toBe("available");
    expect(b.container).toBe("fake-container"); // backup.save() callback
    expect(h.ctx.refreshCount(b.id)).toBe(1); // backup.refresh() callback
    const target = h.volume(300_000);
    const out = await h.restore(b.id, target, true);
    expect(out.result).toBe("restored");
    expect(target.device.sha256()).toBe(vol.device.sha256());
    await h.close();
  });

  it("a volume's first backup reads the volume's own file (no export), which goes when the backup ends; later ones get an export", async () => {
    const dut = await fake("good");
    const h = await DriverHarness.open(dut);
    const dir = join(dut.stores.workDir, "volumes");
    const vol = h.volume(300_000);
    expect(await readdir(dir)).toEqual([]); // a volume never written has no file
    vol.device.write(1000, new Uint8Array([1, 2, 3]));
    vol.device.write(299_999, new Uint8Array([9]));
    const [name] = await readdir(dir);
    expect(name).toBe(`volume-${vol.id}-1`);
    const file = await readFile(join(dir, name!));
    expect(file.length).toBe(300_000);
    expect([...file.subarray(1000, 1003), file[299_999]]).toEqual([1, 2, 3, 9]);
    const seen: string[][] = [];
    h.ctx.onRefresh(async () => void seen.push(await readdir(dir)));
    const b = await h.backup(vol);
    expect(seen).toEqual([[name]]); // the driver read that file: no exported copy
    expect(await readdir(dir)).toEqual([]);
    expect(vol.device.backing).toBeNull();
    vol.device.write(5, new Uint8Array([7]));
    const b2 = await h.backup(vol);
    expect(seen[1]).toEqual([`volume-${vol.id}-2`]); // exported
    for (const [id, sha] of [
      [b.id, null],
      [b2.id, vol.device.sha256()],
    ] as const) {
      const target = h.volume(300_000);
      await h.restore(id, target, true);
      if (sha) expect(target.device.sha256()).toBe(sha);
      else expect(target.device.read(5, 1)[0]).toBe(0);
    }
    await h.close();
    expect(await readdir(dir)).toEqual([]);
  });

  it("a restore's target takes what the driver wrote at the first look at it (then the file goes), not at the end of the call", async () => {
    const dut = await fake("good");
    const h = await DriverHarness.open(dut);
    const dir = join(dut.stores.workDir, "volumes");
    const vol = h.volume(300_000);
    vol.device.write(70_000, new Uint8Array(100_000).fill(4));
    const b = await h.backup(vol);
    const target = h.volume(300_000);
    const out = await h.restore(b.id, target, true);
    expect(await readdir(dir)).toEqual([expect.stringMatching(new RegExp(`^volume-${target.id}-`))]); // not read yet
    expect(target.device.sha256()).toBe(vol.device.sha256()); // the first look reads it in
    expect(await readdir(dir)).toEqual([]);
    expect(out.file.unflushedPages).toBe(0); // the fake flushes: the durable view has it all
    // a second restore into the same target, before anybody looked, starts from the first one's bytes
    const again = h.volume(300_000);
    await h.restore(b.id, again, true);
    await h.restore(b.id, again, false);
    expect(again.device.sha256()).toBe(vol.device.sha256());
    expect(await readdir(dir)).toEqual([]);
    await h.close();
  });

  it("a restore that changes the volume file's size fails in the call, and the target keeps its bytes", async () => {
    const h = await DriverHarness.open(await fake("grow-on-restore"));
    const vol = h.volume(70_000);
    vol.device.write(0, new Uint8Array([5]));
    const b = await h.backup(vol);
    const target = h.volume(70_000);
    target.device.write(10, new Uint8Array([9]));
    const before = target.device.sha256();
    await expect(h.restore(b.id, target, false)).rejects.toThrow("restore changed the size of the volume file from 70000 to 70001 bytes");
    expect(target.device.sha256()).toBe(before);
    await h.close();
  });

  it("a write to the volume during its backup does not reach the file the driver reads: the backup has the bytes it started with, and the device drops the file", async () => {
    const h = await DriverHarness.open(await fake("good"));
    const vol = h.volume(70_000);
    vol.device.write(0, new Uint8Array([1]));
    const before = vol.device.sha256();
    h.ctx.onRefresh(async () => vol.device.write(0, new Uint8Array([2])));
    const b = await h.backup(vol); // the fake reads the file after its refresh
    expect(vol.device.backing).toBeNull();
    const target = h.volume(70_000);
    await h.restore(b.id, target, true);
    expect(target.device.sha256()).toBe(before);
    const b2 = await h.backup(vol); // exported, as any device without a file
    const t2 = h.volume(70_000);
    await h.restore(b2.id, t2, true);
    expect(t2.device.read(0, 1)[0]).toBe(2);
    await h.close();
  });

  it("splits the last backup and restore into laps: the driver call as the driver timed it (optional `timing`), the rest the harness's", async () => {
    const h = await DriverHarness.open(await fake("good"));
    const vol = h.volume(300_000);
    vol.device.write(1000, new Uint8Array([1, 2, 3]));
    const b = await h.backup(vol);
    const backup = (h.driver as ProtocolDriver).lastCall!;
    expect(backup).toMatchObject({ method: "backup", driverMs: 250, driverCpuMs: 125 });
    for (const k of ["exportMs", "callMs", "storeMs", "syncMs", "importMs", "removeMs"] as const)
      expect(backup[k]).toBeGreaterThanOrEqual(0);
    expect(backup.importMs + backup.syncMs).toBe(0);
    await h.restore(b.id, h.volume(300_000), true);
    const restore = (h.driver as ProtocolDriver).lastCall!;
    // the fake's restore reports no timing: the protocol call is not split
    expect(restore).toMatchObject({ method: "restore", driverMs: null, driverCpuMs: null });
    expect(restore.importMs).toBeGreaterThan(0);
    await h.close();
  });

  it("maps a BackupRestoreCancel raised by the driver to a cancelled restore", async () => {
    const h = await DriverHarness.open(await fake("good"));
    const vol = h.volume(70_000);
    vol.device.write(0, new Uint8Array([7]));
    const b = await h.backup(vol);
    h.ctx.onRefresh((id) => void h.registry.update(id, { status: "available" })); // reset-status
    expect((await h.restore(b.id, h.volume(70_000), true)).result).toBe("cancelled");
  });

  it("a driver exception reaches the harness by its class name and message", async () => {
    const h = await DriverHarness.open(await fake("raise-on-backup"));
    const err = await h.backup(h.volume(4096)).catch((e: Error) => e);
    expect(err).toMatchObject({ name: "InvalidBackup", message: "Invalid backup: volume is on fire." });
  });

  it("a driver that exits mid-call fails that call with the tail of its stderr, and is reaped", async () => {
    const h = await DriverHarness.open(await fake("crash-on-backup"));
    const pid = processOf(h).pid;
    const err = await h.backup(h.volume(4096)).catch((e: Error) => e);
    expect(err).toBeInstanceOf(DriverProcessError);
    expect((err as DriverProcessError).failure).toBe("crash");
    expect((err as Error).message).toMatch(/driver exec:fake crash-on-backup: backup: exited with status 139/);
    expect((err as Error).message).toContain("Segmentation fault (core dumped)");
    expect(gone(pid)).toBe(true);
  });

  it("a driver that hangs fails the call at its timeout and is killed", async () => {
    const h = await DriverHarness.open(await fake("hang-on-backup", 1500));
    const pid = processOf(h).pid;
    const started = Date.now();
    const err = await h.backup(h.volume(4096)).catch((e: Error) => e);
    expect(Date.now() - started).toBeLessThan(8000);
    expect((err as DriverProcessError).failure).toBe("timeout");
    expect((err as Error).message).toMatch(/backup did not answer or call back within 1500 ms \(hung\); killed/);
    expect((err as Error).message).toContain("backing up");
    await new Promise((r) => setTimeout(r, 200));
    expect(gone(pid)).toBe(true);
  });

  it("a call is hung only when the driver is silent about it for the timeout: each callback of the call restarts it", async () => {
    const h = await DriverHarness.open(await fake("slow-backup", 1500));
    const started = Date.now();
    const b = await h.backup(h.volume(4096)); // 3 s in all, a refresh every 600 ms
    expect(Date.now() - started).toBeGreaterThan(2900);
    expect(b.status).toBe("available");
    expect(h.ctx.refreshCount(b.id)).toBe(6);
    const silent = await DriverHarness.open(await fake("slow-then-silent-backup", 1500));
    const err = await silent.backup(silent.volume(4096)).catch((e: Error) => e);
    expect((err as DriverProcessError).failure).toBe("timeout");
  });

  it("a driver that prints non-JSON on stdout fails with the offending line; the next call gets a fresh process", async () => {
    const h = await DriverHarness.open(await fake("garbage-on-backup"));
    const pid = processOf(h).pid;
    const err = await h.backup(h.volume(4096)).catch((e: Error) => e);
    expect((err as DriverProcessError).failure).toBe("garbage");
    expect((err as Error).message).toContain('wrote non-JSON on stdout: "DEBUG: connecting to swift"');
    await new Promise((r) => setTimeout(r, 200));
    expect(gone(pid)).toBe(true);
    await h.driver.checkForSetupError(); // a new process serves the next call
    expect(processOf(h).pid).not.toBe(pid);
  });

  it("a malformed result is the driver's failure, naming the missing field", async () => {
    const h = await DriverHarness.open(await fake("malformed-backup"));
    const err = await h.backup(h.volume(4096)).catch((e: Error) => e);
    expect((err as DriverProcessError).failure).toBe("malformed");
    expect((err as Error).message).toMatch(/backup returned a malformed result: result lacks 'updates'/);
  });

  it.each([
    ["exit-at-start", /cannot load driver exec:fake exit-at-start: .*exited with status 1[\s\S]*No module named 'nosuchmodule'/],
    ["bad-describe", /cannot load driver exec:fake bad-describe: describe: capabilities missing/],
    ["old-protocol", /speaks protocol version 0; this harness speaks 1/],
  ])("a driver that cannot describe itself (%s) is a load error and leaves no process", async (mode, pattern) => {
    const err = await fake(mode).catch((e: Error) => e);
    expect(err).toBeInstanceOf(DriverLoadError);
    expect((err as Error).message).toMatch(pattern);
  });

  it("a command that does not exist is a load error naming it", async () => {
    const err = await openProtocolDriver({
      id: "exec:/nonexistent/driver",
      cmd: { driver: "exec:/nonexistent/driver", command: "/nonexistent/driver", args: [] },
    }).catch((e: Error) => e);
    expect((err as Error).message).toMatch(/cannot load driver exec:\/nonexistent\/driver: .*cannot start '\/nonexistent\/driver'/);
  });
});

describe("driver protocol over a Unix socket (what the harness gives a driver in a container)", () => {
  async function overSocket(mode: string, socketConnectMs?: number): Promise<ProcessDriverUnderTest> {
    const dir = await mkdtemp(join(tmpdir(), "cbh-sock-"));
    const dut = await openProtocolDriver({
      id: `exec:fake ${mode}`,
      cmd: {
        driver: `exec:fake ${mode}`,
        command: process.execPath,
        args: [FAKE, mode],
        socketDir: dir,
        ...(socketConnectMs ? { socketConnectMs } : {}),
      },
      timeoutMs: 10_000,
    });
    opened.push(dut);
    return dut;
  }

  it("round-trips a volume with the callbacks on the socket; stdout is only the driver's log, and no socket file stays behind", async () => {
    const h = await DriverHarness.open(await overSocket("good"));
    const vol = h.volume(300_000);
    vol.device.write(299_999, new Uint8Array([9]));
    const b = await h.backup(vol);
    expect(b.container).toBe("fake-container");
    expect(h.ctx.refreshCount(b.id)).toBe(1);
    const target = h.volume(300_000);
    expect((await h.restore(b.id, target, true)).result).toBe("restored");
    expect(target.device.sha256()).toBe(vol.device.sha256());
    const proc = processOf(h);
    expect(proc.stderr.tail()).toContain("the protocol is on the socket; stdout is for logs");
    // The listening socket's file is gone once the driver connected (one connection per process).
    expect((await readdir(proc.cmd.socketDir!)).filter((f) => f.endsWith(".sock"))).toEqual([]);
    await proc.close();
    expect(gone(proc.pid)).toBe(true);
    await h.close();
  });

  it("a driver that dies on the socket mid-call fails that call as a crash (the reset is no uncaught error), and is reaped", async () => {
    const h = await DriverHarness.open(await overSocket("crash-on-backup"));
    const pid = processOf(h).pid;
    const err = await h.backup(h.volume(4096)).catch((e: Error) => e);
    expect((err as DriverProcessError).failure).toBe("crash");
    expect((err as Error).message).toMatch(/backup: exited with status 139/);
    expect(gone(pid)).toBe(true);
  });

  it("a driver that never connects (a shim older than the socket transport) fails with that reason, not a hang", async () => {
    await expect(overSocket("ignore-socket", 1500)).rejects.toThrow(
      /did not connect to .*rpc-.*\.sock within 1500 ms \(is its cbh_shim older than this harness\? rebuild the image\)/,
    );
  });
});
