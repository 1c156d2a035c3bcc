/**
 * npm run bench:drivers — the real cinder 21.3.1 drivers standalone (fixtures/cinder-driver, one
 * Python process calling the driver directly) and through the driver protocol (the shim, volume
 * files shared with the harness), on the same bytes in the same run. Prints one JSON document.
 * Standalone figures are the driver call alone (CBH_TIMING); through-the-harness figures are the
 * harness's backup()/restore() call, which includes writing the volume file for the driver and
 * reading back what a restore wrote. MB = 10^6 bytes. Options: --size-mib N (64), --drivers
 * posix,swift (swift needs Docker: one Swift container for both sides), --driver-runtime container|host
 * (where the driver process runs; container needs Docker and the drivers image).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { cinderMissingReason, runCinderBatch } from "../fixtures/cinder-driver/cinder-tool.ts";
import { DriverHarness } from "../conformance/driver/driver-harness.ts";
import { protocolDriverSpec } from "../conformance/drivers/driver-specs.ts";
import { openProtocolDriver, type ProcessDriverUnderTest } from "../conformance/drivers/protocol/protocol-driver-under-test.ts";
import type { ProtocolDriver } from "../conformance/drivers/protocol/protocol-driver.ts";
import { xorshiftBytes } from "../lib/format/index.ts";

const { values: v } = parseArgs({
  options: {
    "size-mib": { type: "string", default: "64" },
    drivers: { type: "string", default: "posix,swift" },
    "driver-runtime": { type: "string", default: "container" },
  },
});
if (v["driver-runtime"] !== "container" && v["driver-runtime"] !== "host") {
  process.stderr.write(`bench:drivers: --driver-runtime must be container or host, got '${v["driver-runtime"]}'\n`);
  process.exit(2);
}
const runtime: "container" | "host" = v["driver-runtime"];
const MiB = 1024 * 1024;
const size = Number(v["size-mib"]) * MiB;
const drivers = v.drivers.split(",");
const mbps = (s: number) => Math.round((size / 1e6 / s) * 10) / 10;
const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;
const load = () => loadavg().map((x) => Math.round(x * 10) / 10);
const since = (t0: number) => (performance.now() - t0) / 1000;

const missing = cinderMissingReason();
if (missing) {
  process.stderr.write(`bench:drivers: ${missing}\n`);
  process.exit(2);
}
const dir = mkdtempSync(join(tmpdir(), "cbh-bench-drivers-"));
const data = xorshiftBytes(size, 7);
const volumePath = join(dir, "volume.img");
writeFileSync(volumePath, data);
const out: Record<string, unknown> = {
  what: "real cinder 21.3.1 drivers: standalone vs through the driver protocol; MB/s",
  size_mib: size / MiB,
};
const loadBefore = load();

/** The standalone tool on `volumePath`, same geometry and compression as the harness gives the driver. */
function standalone(args: string[], geometry: { objectSize: number; blockSize: number }): { backup: number; restore: number } {
  process.env["CBH_TIMING"] = "1";
  const common = ["--object-size", String(geometry.objectSize), "--sha-block-size", String(geometry.blockSize), "--compression", "none"];
  const [b] = runCinderBatch<{ driver_seconds: number; record: unknown }>([
    [
      "backup",
      ...args,
      ...common,
      "--volume",
      volumePath,
      "--backup-id",
      "b0000000-0000-4000-8000-000000000001",
      "--volume-id",
      "d0000000-0000-4000-8000-000000000001",
    ],
  ]);
  const [r] = runCinderBatch<{ driver_seconds: number }>([
    ["restore", ...args, "--record", JSON.stringify(b!.record), "--out", join(dir, "restored.img")],
  ]);
  return { backup: mbps(b!.driver_seconds), restore: mbps(r!.driver_seconds) };
}

/** Backup then restore of the same bytes through the harness (compression none). */
async function throughHarness(dut: ProcessDriverUnderTest): Promise<{ backup: number; restore: number }> {
  const h = await DriverHarness.open(dut, 1, { compression: "none" });
  try {
    const vol = h.volume(size);
    vol.device.write(0, data);
    let t0 = performance.now();
    const b = await h.backup(vol);
    const backup = mbps(since(t0));
    const target = h.volume(size);
    t0 = performance.now();
    await h.restore(b.id, target, true);
    const restore = mbps(since(t0));
    if (target.device.firstDifference(vol.device) !== -1) throw new Error("bench:drivers: restored bytes differ");
    return { backup, restore };
  } finally {
    await h.close();
  }
}

async function bench(name: string, standaloneArgs: (dut: ProcessDriverUnderTest) => Promise<string[]>): Promise<void> {
  let t0 = performance.now();
  const dut = await openProtocolDriver(protocolDriverSpec(`cinder:${name}`, { runtime })).catch((e: Error & { code?: string }) => {
    if (e.code !== "CBH_DRIVER_LOAD") throw e;
    process.stderr.write(`bench:drivers: [CBH_DRIVER_LOAD] ${e.message}\n`);
    process.exit(2);
  });
  const ready = since(t0);
  try {
    const alone = standalone(await standaloneArgs(dut), dut.geometry);
    t0 = performance.now();
    const harness = await throughHarness(dut);
    out[name] = {
      ready_seconds: Math.round(ready * 10) / 10,
      standalone: alone,
      through_harness: harness,
      ratio: { backup: ratio(harness.backup, alone.backup), restore: ratio(harness.restore, alone.restore) },
      goal: "through the harness ≥ 0.8 × standalone",
    };
    process.stderr.write(`bench:drivers ${name}: ${JSON.stringify(out[name])}\n`);
  } finally {
    await dut.dispose();
  }
}

try {
  if (drivers.includes("posix")) await bench("posix", async () => ["--driver", "posix", "--root", join(dir, "posix-standalone")]);
  if (drivers.includes("swift")) {
    // The standalone tool talks to the same Swift container the harness started, through its fault proxy (idle).
    await bench("swift", async (dut) => {
      const store = await dut.createStore();
      const driver = dut.createDriver({ store, host: "bench", config: {} }) as ProtocolDriver;
      const authUrl = String(driver.opts.defaults["backup_swift_auth_url"]);
      await dut.disposeStore?.(store);
      return ["--driver", "swift", "--swift-auth-url", authUrl, "--swift-user", "test:tester", "--swift-key", "testing"];
    });
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
out["runtime"] = runtime;
out["machine"] = { cpus: cpus().length, model: cpus()[0]?.model, load_before: loadBefore, load_after: load(), node: process.version };
process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
