import { loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { CloudBuilder } from "../../../sim/cloud/cloud-builder.ts";
import type { SimulatedCloud } from "../../../sim/cloud/simulated-cloud.ts";
import { NullBackupDriver } from "../../../sim/driver/null-backup-driver.ts";

export interface BenchSimOptions {
  seed: number;
  cycles: number;
  dataCycles: number;
  /** Untimed cycles first, on the same cloud (JIT tiers, inline caches); 0 = a cold measurement. */
  warmup: number;
}

/**
 * `cbh bench sim`: control-plane cycles (NullBackupDriver) and data cycles (1 MiB volumes through
 * the reference chunked driver). Figures per wall second and per CPU-second of this process, the
 * simulated seconds per wall second, and the 1-minute load average before and after (the machine
 * may be shared: a wall figure means little without it).
 */
export async function benchSim(o: BenchSimOptions): Promise<Record<string, unknown>> {
  const load1Before = loadavg()[0]!;
  const cp = await cycles(await cloudFor(o.seed, true), o.cycles, o.warmup);
  // --data-cycles 0 skips the data part (a profile of the control plane alone).
  const data =
    o.dataCycles > 0 ? await cycles(await cloudFor(o.seed, false), o.dataCycles, Math.min(o.warmup, Math.ceil(o.dataCycles / 10))) : null;
  return {
    bench: "sim",
    node: process.version,
    seed: o.seed,
    cycles: cp.n,
    warmupCycles: cp.warmup,
    cyclesPerSec: Math.round(cp.n / cp.secs),
    cyclesPerCpuSec: Math.round(cp.n / cp.cpuSecs),
    eventsPerSec: Math.round(cp.events / cp.secs),
    simSecondsPerWallSecond: Math.round(cp.simSecs / cp.secs),
    ...(data ? dataFigures(data) : { dataCycles: 0 }),
    peakRssMiB: Math.round(process.memoryUsage().rss / 1048576),
    load1: [round1(load1Before), round1(loadavg()[0]!)],
  };
}

function dataFigures(data: CycleFigures): Record<string, number> {
  return {
    dataCycles: data.n,
    dataWarmupCycles: data.warmup,
    dataCyclesPerSec: Math.round(data.n / data.secs),
    dataCyclesPerCpuSec: Math.round(data.n / data.cpuSecs),
    dataMiBPerSec: Math.round((2 * data.n) / data.secs),
    dataEventsPerSec: Math.round(data.events / data.secs),
    dataSimSecondsPerWallSecond: round1(data.simSecs / data.secs),
  };
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

async function cloudFor(seed: number, controlPlaneOnly: boolean): Promise<SimulatedCloud> {
  const b = new CloudBuilder()
    .withSeed(seed)
    .withTrace(false)
    .withConfig({ quota_backups: -1, quota_backup_gigabytes: -1, quota_volumes: -1, quota_gigabytes: -1 });
  if (controlPlaneOnly) b.withBackupDriver(() => new NullBackupDriver());
  return b.build();
}

interface CycleFigures {
  n: number;
  warmup: number;
  secs: number;
  cpuSecs: number;
  events: number;
  /** Virtual time the timed cycles took. */
  simSecs: number;
}

/** One cycle: full backup of a 1 GB (1 MiB) volume, then its restore into a second volume. */
async function cycles(cloud: SimulatedCloud, n: number, warmup: number): Promise<CycleFigures> {
  const ctx = cloud.context("demo");
  const src = await cloud.ops.volumes.create(ctx, { size: 1 });
  const dst = await cloud.ops.volumes.create(ctx, { size: 1 });
  await cloud.settle();
  cloud.devices.fill(src.id, "text");
  const one = async (i: number): Promise<void> => {
    const b = await cloud.ops.backups.create(ctx, { volume_id: src.id });
    await cloud.settle();
    await cloud.ops.backups.restore(ctx, b.id, { volume_id: dst.id });
    await cloud.settle();
    if (cloud.db.backup(b.id)?.status !== "available") throw new Error(`cycle ${i}: backup ${b.id} ended ${cloud.db.backup(b.id)?.status}`);
  };
  for (let i = 0; i < warmup; i++) await one(i);
  const events0 = cloud.inspect.eventCount();
  const sim0 = cloud.now();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await one(warmup + i);
  const cpu = process.cpuUsage(cpu0);
  return {
    n,
    warmup,
    secs: (performance.now() - t0) / 1000,
    cpuSecs: (cpu.user + cpu.system) / 1e6,
    events: cloud.inspect.eventCount() - events0,
    simSecs: (cloud.now() - sim0) / 1000,
  };
}
