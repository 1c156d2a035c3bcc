import { parseArgs } from "node:util";
import { performance } from "node:perf_hooks";
import { CloudBuilder } from "../../../sim/cloud/cloud-builder.ts";
import type { SimulatedCloud } from "../../../sim/cloud/simulated-cloud.ts";
import { NullBackupDriver } from "../../../sim/driver/null-backup-driver.ts";
import type { Command } from "../registry.ts";
import { benchSparse } from "./bench-sparse.ts";

/**
 * `cbh bench sim [--cycles N] [--data-cycles N]`: JSON with `cyclesPerSec` (control-plane-only
 * backup + restore cycles), `dataCyclesPerSec` (1 MiB volumes through the reference driver)
 * and `eventsPerSec`. One process, one core.
 */
export const bench: Command = {
  summary: "benchmarks: `bench sim` (simulator throughput), `bench sparse` (mostly-empty volume backups at real geometry); JSON",
  usage: `usage: cbh bench sim [--cycles N] [--data-cycles N] [--seed N] | cbh bench sparse [--size-gb N]
bench sim prints JSON: cyclesPerSec (control-plane backup + restore cycles), dataCyclesPerSec (1 MiB
volumes through the reference driver), eventsPerSec, and the same per CPU-second. bench sparse times
backups of mostly-empty volumes at the real geometry.`,
  async run(argv) {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        cycles: { type: "string", default: "3000" },
        "data-cycles": { type: "string", default: "300" },
        seed: { type: "string", default: "1" },
        "size-gb": { type: "string", default: "10" },
      },
    });
    const seed = Number(values.seed);
    if (positionals[0] === "sparse") {
      const gb = Number(values["size-gb"]);
      if (!Number.isSafeInteger(gb) || gb < 1 || gb > 1000)
        throw Object.assign(new Error(`--size-gb must be an integer from 1 to 1000, got '${values["size-gb"]}'`), { code: "usage" });
      process.stdout.write(`${JSON.stringify(await benchSparse(gb, seed), null, 2)}\n`);
      return 0;
    }
    if (positionals[0] !== "sim")
      throw Object.assign(new Error("usage: cbh bench sim [--cycles N] [--data-cycles N] | cbh bench sparse [--size-gb N]"), {
        code: "usage",
      });
    const cp = await cycles(await cloudFor(seed, true), Number(values.cycles));
    const data = await cycles(await cloudFor(seed, false), Number(values["data-cycles"]));
    const out = {
      bench: "sim",
      node: process.version,
      seed,
      cycles: cp.n,
      cyclesPerSec: Math.round(cp.n / cp.secs),
      cyclesPerCpuSec: Math.round(cp.n / cp.cpuSecs),
      eventsPerSec: Math.round(cp.events / cp.secs),
      dataCycles: data.n,
      dataCyclesPerSec: Math.round(data.n / data.secs),
      dataCyclesPerCpuSec: Math.round(data.n / data.cpuSecs),
      dataMiBPerSec: Math.round((2 * data.n) / data.secs),
      dataEventsPerSec: Math.round(data.events / data.secs),
      peakRssMiB: Math.round(process.memoryUsage().rss / 1048576),
    };
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    return 0;
  },
};

async function cloudFor(seed: number, controlPlaneOnly: boolean): Promise<SimulatedCloud> {
  const b = new CloudBuilder()
    .withSeed(seed)
    .withTrace(false)
    .withConfig({ quota_backups: -1, quota_backup_gigabytes: -1, quota_volumes: -1, quota_gigabytes: -1 });
  if (controlPlaneOnly) b.withBackupDriver(() => new NullBackupDriver());
  return b.build();
}

/** One cycle: full backup of a 1 GB (1 MiB) volume, then its restore into a second volume. */
async function cycles(cloud: SimulatedCloud, n: number): Promise<{ n: number; secs: number; cpuSecs: number; events: number }> {
  const ctx = cloud.context("demo");
  const src = await cloud.ops.volumes.create(ctx, { size: 1 });
  const dst = await cloud.ops.volumes.create(ctx, { size: 1 });
  await cloud.settle();
  cloud.devices.fill(src.id, "text");
  const events0 = cloud.inspect.eventCount();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const b = await cloud.ops.backups.create(ctx, { volume_id: src.id });
    await cloud.settle();
    await cloud.ops.backups.restore(ctx, b.id, { volume_id: dst.id });
    await cloud.settle();
    if (cloud.db.backup(b.id)?.status !== "available") throw new Error(`cycle ${i}: backup ${b.id} ended ${cloud.db.backup(b.id)?.status}`);
  }
  const cpu = process.cpuUsage(cpu0);
  return { n, secs: (performance.now() - t0) / 1000, cpuSecs: (cpu.user + cpu.system) / 1e6, events: cloud.inspect.eventCount() - events0 };
}
