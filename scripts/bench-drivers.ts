/**
 * npm run bench:drivers — the real cinder 21.3.1 drivers standalone (fixtures/cinder-driver, one
 * Python process calling the driver directly) and through the driver protocol (the shim, volume
 * files shared with the harness), on the same bytes in the same run. Prints one JSON document.
 * Standalone figures are the driver call alone (CBH_TIMING); through-the-harness figures are the
 * harness's backup()/restore() call, which includes writing the volume file for the driver and
 * reading back what a restore wrote. MB = 10^6 bytes. Options: --size-mib N (64), --drivers
 * posix,swift (swift needs Docker: one Swift container for both sides), --driver-runtime container|host
 * (where the driver process runs; container needs Docker and the drivers image), --geometry
 * cinder|suite|both (both), --rounds N (3: standalone and harness alternate N times; each side's
 * figure is its best round, `ratio_of_medians` beside it). `cinder` is each driver's own default object and sha-block size (what a
 * deployment runs); `suite` is the conformance suite's 256 KiB objects, where every object costs the
 * driver one `backup.refresh` round trip to the harness: `overhead_ms_per_object` is the time
 * over standalone divided by the objects (file export and import included). `through_harness_ms`
 * splits each harness call into phases (`Phases`: the volume file's export, the protocol, the driver
 * call as the shim timed it, the store listing, the read-back); `standalone_ms` is the standalone
 * tool's driver call, wall and CPU.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { cinderMissingReason, runCinderBatchAsync } from "../fixtures/cinder-driver/cinder-tool.ts";
import { DriverHarness } from "../conformance/driver/driver-harness.ts";
import { protocolDriverSpec } from "../conformance/drivers/driver-specs.ts";
import { openProtocolDriver, type ProcessDriverUnderTest } from "../conformance/drivers/protocol/protocol-driver-under-test.ts";
import type { CallLaps, ProtocolDriver } from "../conformance/drivers/protocol/protocol-driver.ts";
import { xorshiftBytes } from "../lib/format/index.ts";

const { values: v } = parseArgs({
  options: {
    "size-mib": { type: "string", default: "64" },
    drivers: { type: "string", default: "posix,swift" },
    "driver-runtime": { type: "string", default: "container" },
    geometry: { type: "string", default: "both" },
    rounds: { type: "string", default: "3" },
  },
});
const rounds = Number(v.rounds);
if (!Number.isInteger(rounds) || rounds < 1 || rounds > 20) {
  process.stderr.write(`bench:drivers: --rounds must be an integer from 1 to 20, got '${v.rounds}'\n`);
  process.exit(2);
}
if (!["cinder", "suite", "both"].includes(v.geometry)) {
  process.stderr.write(`bench:drivers: --geometry must be cinder, suite or both, got '${v.geometry}'\n`);
  process.exit(2);
}
const geometries = (v.geometry === "both" ? ["cinder", "suite"] : [v.geometry]) as ("cinder" | "suite")[];
/** Each driver's default object and sha-block size (posix.py `backup_file_size` / `backup_sha_block_size_bytes`, swift.py `backup_swift_object_size` / `backup_swift_block_size`). */
const CINDER_DEFAULTS: Record<string, string[]> = {
  posix: ["backup_file_size=1999994880", "backup_sha_block_size_bytes=32768"],
  swift: ["backup_swift_object_size=52428800", "backup_swift_block_size=32768"],
};
if (v["driver-runtime"] !== "container" && v["driver-runtime"] !== "host") {
  process.stderr.write(`bench:drivers: --driver-runtime must be container or host, got '${v["driver-runtime"]}'\n`);
  process.exit(2);
}
const runtime: "container" | "host" = v["driver-runtime"];
const MiB = 1024 * 1024;
const size = Number(v["size-mib"]) * MiB;
const drivers = v.drivers.split(",").map((d) => d.trim());
const unknown = drivers.filter((d) => d !== "posix" && d !== "swift");
if (unknown.length || !drivers.length) {
  process.stderr.write(`bench:drivers: --drivers takes posix and/or swift (comma-separated), got '${v.drivers}'\n`);
  process.exit(2);
}
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

let standaloneRound = 0;

/** The standalone tool on `volumePath`, same geometry and compression as the harness gives the driver. */
async function standalone(
  args: string[],
  geometry: { objectSize: number; blockSize: number },
): Promise<{ backup: number; restore: number; ms: Record<"backup" | "restore", { driver: number; driver_cpu: number }> }> {
  process.env["CBH_TIMING"] = "1";
  const common = ["--object-size", String(geometry.objectSize), "--sha-block-size", String(geometry.blockSize), "--compression", "none"];
  type Timed = { driver_seconds: number; driver_cpu_seconds: number };
  const [b] = await runCinderBatchAsync<Timed & { record: unknown }>([
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
  // A new file each round, removed once timed, as the harness restores into a new volume file each
  // time: rewriting one file would reuse its page cache, which the harness's restore never can.
  const restored = join(dir, `restored-${++standaloneRound}.img`);
  const [r] = await runCinderBatchAsync<Timed>([["restore", ...args, "--record", JSON.stringify(b!.record), "--out", restored]]);
  rmSync(restored, { force: true });
  const ms = (t: Timed) => ({ driver: Math.round(t.driver_seconds * 1000), driver_cpu: Math.round(t.driver_cpu_seconds * 1000) });
  return { backup: mbps(b!.driver_seconds), restore: mbps(r!.driver_seconds), ms: { backup: ms(b!), restore: ms(r!) } };
}

/**
 * Where a through-the-harness call's time went, ms: `total` (the harness's backup()/restore()),
 * `export` (writing the volume file), `protocol` (the call's round trip minus the driver call
 * the shim timed: messages, the driver instance's construction), `driver` (the driver call as the
 * shim timed it, minus the harness's syncs of a restore at its refreshes; `driver_cpu`: the
 * process's CPU in it), `store` (listing and sizing what a backup stored), `import` (reading back
 * what a restore wrote, at its refreshes and after it), `release` (removing the file),
 * `other` (the rest: rows, trace, clones).
 */
type Phases = Record<
  "total" | "export" | "protocol" | "driver" | "driver_cpu" | "store" | "import" | "release" | "other",
  number | null
> & {
  read_back_at_first_look?: number;
};

function phases(l: CallLaps | null, totalS: number): Phases | null {
  if (!l) return null;
  const r = (ms: number | null) => (ms === null ? null : Math.round(ms));
  const total = totalS * 1000;
  return {
    total: r(total),
    export: r(l.exportMs),
    protocol: r(l.driverMs === null ? null : l.callMs - l.driverMs),
    driver: r(l.driverMs === null ? null : l.driverMs - l.syncMs),
    driver_cpu: r(l.driverCpuMs),
    store: r(l.storeMs),
    import: r(l.importMs + l.syncMs),
    release: r(l.removeMs),
    other: r(total - l.exportMs - l.callMs - l.storeMs - l.importMs - l.removeMs),
  };
}

/** Backup then restore of the same bytes through the harness (compression none). */
async function throughHarness(dut: ProcessDriverUnderTest): Promise<{
  backup: number;
  restore: number;
  phases_ms: { backup: Phases | null; restore: Phases | null };
}> {
  const h = await DriverHarness.open(dut, 1, { compression: "none" });
  const timed = async (call: () => Promise<unknown>) => {
    const t0 = performance.now();
    await call();
    const s = since(t0);
    return { mbps: mbps(s), phases: phases((h.driver as ProtocolDriver).lastCall, s) };
  };
  try {
    const vol = h.volume(size);
    vol.device.write(0, data);
    let id = "";
    const backup = await timed(async () => (id = (await h.backup(vol)).id));
    const target = h.volume(size);
    const restore = await timed(() => h.restore(id, target, true));
    // The restored bytes reach the target at its first look (SparseDevice.defer): timed apart.
    const t0 = performance.now();
    target.device.settle();
    const readBackMs = Math.round(performance.now() - t0);
    if (target.device.firstDifference(vol.device) !== -1) throw new Error("bench:drivers: restored bytes differ");
    return {
      backup: backup.mbps,
      restore: restore.mbps,
      phases_ms: { backup: backup.phases, restore: restore.phases ? { ...restore.phases, read_back_at_first_look: readBackMs } : null },
    };
  } finally {
    await h.close();
  }
}

async function bench(name: string, standaloneArgs: (dut: ProcessDriverUnderTest) => Promise<string[]>): Promise<void> {
  const result: Record<string, unknown> = {};
  for (const geometry of geometries) {
    const t0 = performance.now();
    const driverOpts = geometry === "cinder" ? (CINDER_DEFAULTS[name] ?? []) : [];
    const dut = await openProtocolDriver(protocolDriverSpec(`cinder:${name}`, { runtime, driverOpts })).catch(
      (e: Error & { code?: string }) => {
        if (e.code !== "CBH_DRIVER_LOAD") throw e;
        process.stderr.write(`bench:drivers: [CBH_DRIVER_LOAD] ${e.message}\n`);
        process.exit(2);
      },
    );
    const ready = since(t0);
    try {
      // Rounds alternate standalone and harness on the same bytes; each side's figure is its best
      // round (as bench:format's), the medians beside it: on this kind of VM the same driver call
      // swings 2x from one call to the next (README, "first-touched memory").
      const alones: Awaited<ReturnType<typeof standalone>>[] = [];
      const harnesses: Awaited<ReturnType<typeof throughHarness>>[] = [];
      for (let r = 0; r < rounds; r++) {
        // async: the Swift tool goes through this process's fault proxy (idle), which a blocked event loop would deadlock
        alones.push(await standalone(await standaloneArgs(dut), dut.geometry));
        harnesses.push(await throughHarness(dut));
      }
      const best = <T>(xs: T[], f: (x: T) => number): T => xs.reduce((a, b) => (f(b) > f(a) ? b : a));
      const median = (xs: number[]): number => {
        const s = [...xs].sort((a, b) => a - b);
        return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
      };
      const aloneB = best(alones, (x) => x.backup);
      const aloneR = best(alones, (x) => x.restore);
      const harnessB = best(harnesses, (x) => x.backup);
      const harnessR = best(harnesses, (x) => x.restore);
      const alone = { backup: aloneB.backup, restore: aloneR.restore };
      const harness = { backup: harnessB.backup, restore: harnessR.restore };
      const objects = Math.ceil(size / dut.geometry.objectSize);
      // What the protocol adds per object: the seconds over standalone, spread over the objects (one refresh each).
      const extra = (bytesPerSec: number, alonePerSec: number) => size / 1e6 / bytesPerSec - size / 1e6 / alonePerSec;
      const all = (k: "backup" | "restore") => ({ standalone: alones.map((x) => x[k]), through_harness: harnesses.map((x) => x[k]) });
      const medianRatio = (k: "backup" | "restore") => ratio(median(harnesses.map((x) => x[k])), median(alones.map((x) => x[k])));
      result[geometry] = {
        object_bytes: dut.geometry.objectSize,
        sha_block_bytes: dut.geometry.blockSize,
        objects,
        ready_seconds: Math.round(ready * 10) / 10,
        rounds,
        standalone: { backup: alone.backup, restore: alone.restore },
        standalone_ms: { backup: aloneB.ms.backup, restore: aloneR.ms.restore },
        through_harness: { backup: harness.backup, restore: harness.restore },
        through_harness_ms: { backup: harnessB.phases_ms.backup, restore: harnessR.phases_ms.restore },
        every_round_MBps: { backup: all("backup"), restore: all("restore") },
        ratio: { backup: ratio(harness.backup, alone.backup), restore: ratio(harness.restore, alone.restore) },
        ratio_of_medians: { backup: medianRatio("backup"), restore: medianRatio("restore") },
        ...(geometry === "suite"
          ? {
              overhead_ms_per_object: {
                backup: Math.round((extra(harness.backup, alone.backup) / objects) * 1e4) / 10,
                restore: Math.round((extra(harness.restore, alone.restore) / objects) * 1e4) / 10,
              },
            }
          : {}),
      };
      process.stderr.write(`bench:drivers ${name} (${geometry} geometry): ${JSON.stringify(result[geometry])}\n`);
    } finally {
      await dut.dispose();
    }
  }
  out[name] = { ...result, goal: "through the harness ≥ 0.8 × standalone at cinder's geometry" };
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
