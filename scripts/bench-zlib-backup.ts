/**
 * `npx tsx scripts/bench-zlib-backup.ts [--rounds 5] [--encoder exact|native]`: the
 * `backup_100MiB_zlib_vs_raw_node_zlib_deflate` case of `npm run bench:format` alone, for A/B runs:
 * our zlib backup of 100 MiB of xorshift data (seed 42, as the bench) read from a file through the
 * posix store (what bench-format-cinder.ts's `oursBackup` does), then raw node:zlib `deflateSync` of
 * the same bytes, interleaved, for each round. Per run: wall and process CPU seconds, CPU seconds per
 * thread (Linux `/proc/self/task`: `main`, then the others busiest first, so `t1` is the deflate's
 * pool thread), and (ours) when the volume read, the chunk's deflate and each store put started and
 * ended, in seconds from the start.
 * Backups are kept until the end, as bench:format keeps them (new page-cache pages every round).
 * Prints one JSON document; `ratio` is best raw wall / best ours wall, as in bench:format.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire, syncBuiltinESMExports } from "node:module";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import type * as Zlib from "node:zlib";
import { deflateSync, type ZlibOptions } from "node:zlib";
import { FileVolumeFile, xorshiftBytes, type ZlibEncoder } from "../lib/format/index.ts";
import { PosixObjectStore } from "../lib/stores/index.ts";
import { ChunkedBackupDriver, MemoryDriverContext, backupRow } from "../sim/drivers/index.ts";

const { values } = parseArgs({ options: { rounds: { type: "string", default: "5" }, encoder: { type: "string", default: "exact" } } });
const ROUNDS = Number(values.rounds);
const ENCODER = values.encoder as ZlibEncoder;
const MiB = 1 << 20;
const r3 = (x: number) => Math.round(x * 1000) / 1000;
const load = () => loadavg().map((x) => Math.round(x * 100) / 100);

/** CPU seconds (user + system) of each thread of this process, by thread id (`main` for the main thread). */
function threadCpu(): Record<string, number> {
  const out: Record<string, number> = {};
  for (const tid of readdirSync("/proc/self/task")) {
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, "utf8");
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      out[Number(tid) === process.pid ? "main" : tid] = (Number(f[11]) + Number(f[12])) / 100;
    } catch {
      // the thread ended meanwhile
    }
  }
  return out;
}

/** Per-thread CPU seconds spent between two snapshots: `main`, then the other threads, busiest first (0.01 s ticks). */
function cpuDelta(a: Record<string, number>, b: Record<string, number>): Record<string, number> {
  const d = Object.keys(b)
    .map((k) => [k, r3((b[k] ?? 0) - (a[k] ?? 0))] as const)
    .filter(([, v]) => v > 0);
  const out: Record<string, number> = { main: d.find(([k]) => k === "main")?.[1] ?? 0 };
  d.filter(([k]) => k !== "main")
    .sort((x, y) => y[1] - x[1])
    .forEach(([, v], i) => (out[`t${i + 1}`] = v));
  return out;
}

/** When a deflate of 1 MiB or more started and ended (node:zlib's `deflate` and `createDeflate`, wrapped). */
const deflates: Array<[number, number]> = [];
{
  const zlib = createRequire(import.meta.url)("node:zlib") as typeof Zlib;
  const { deflate, createDeflate } = zlib;
  const wrapped = {
    deflate: (buf: Uint8Array, opts: ZlibOptions, cb: (e: Error | null, out: Buffer) => void) => {
      const t = performance.now();
      deflate(buf, opts, (e, out) => {
        if (buf.length >= MiB) deflates.push([t, performance.now()]);
        cb(e, out);
      });
    },
    createDeflate: (opts: ZlibOptions) => {
      const t = performance.now();
      let bytes = 0;
      const z = createDeflate(opts);
      z.on("data", (p: Buffer) => (bytes += p.length)).on("end", () => {
        if (bytes >= MiB) deflates.push([t, performance.now()]);
      });
      return z;
    },
  };
  for (const [k, value] of Object.entries(wrapped)) Object.defineProperty(zlib, k, { value, configurable: true, writable: true });
  syncBuiltinESMExports();
}

/** CPU seconds the whole machine has been busy (`/proc/stat`: all but idle and iowait). */
function machineBusy(): number {
  const f = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number);
  return (f.reduce((a, b) => a + b, 0) - (f[3] ?? 0) - (f[4] ?? 0)) / 100;
}

interface Run {
  s: number;
  cpu: number;
  /** CPU seconds other processes used meanwhile (machine busy time minus this process's): the run was disturbed when this is large. */
  others: number;
  threads: Record<string, number>;
  laps?: Array<[string, number, number]>;
}

async function measure(f: (t0: number) => Promise<void>): Promise<Run> {
  const th0 = threadCpu();
  const m0 = machineBusy();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await f(t0);
  const s = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  const cpu = (c.user + c.system) / 1e6;
  return { s: r3(s), cpu: r3(cpu), others: r3(Math.max(0, machineBusy() - m0 - cpu)), threads: cpuDelta(th0, threadCpu()) };
}

/** bench-format-cinder.ts `oursBackup`, with the volume read and store puts timed. */
async function ours(root: string, vol: string): Promise<Run> {
  const laps: Array<[string, number, number]> = [];
  let t0 = 0;
  const lap = async <T>(what: string, p: () => Promise<T>): Promise<T> => {
    const a = performance.now();
    try {
      return await p();
    } finally {
      laps.push([what, r3((a - t0) / 1000), r3((performance.now() - t0) / 1000)]);
    }
  };
  class TimedStore extends PosixObjectStore {
    override putObject(container: string, name: string, data: Uint8Array): Promise<void> {
      return lap(`put ${name.split("_").at(-1)} ${data.length}`, () => super.putObject(container, name, data));
    }
  }
  const store = new TimedStore({ root });
  const driver = new ChunkedBackupDriver({
    layout: "posix",
    store,
    zlibEncoder: ENCODER,
    config: { backup_compression_algorithm: "zlib" },
  });
  const ctx = new MemoryDriverContext();
  const row = ctx.put(backupRow({ id: "c0000000-0000-4000-8000-000000000002", volume_id: "v", size: 1 }));
  const file = await FileVolumeFile.openForRead(vol);
  const read = file.read.bind(file);
  file.read = (offset, length) => lap(`read ${offset}`, () => read(offset, length));
  try {
    deflates.length = 0;
    const run = await measure(async (start) => {
      t0 = start;
      await driver.backup(row, file, ctx);
    });
    for (const [a, b] of deflates) laps.push(["deflate", r3((a - t0) / 1000), r3((b - t0) / 1000)]);
    return { ...run, laps };
  } finally {
    await file.close();
  }
}

const dir = mkdtempSync(join(tmpdir(), "cbh-bench-zlib-"));
try {
  const data = xorshiftBytes(100 * MiB, 42);
  const vol = join(dir, "v100.img");
  writeFileSync(vol, data);
  const loadBefore = load();
  const runs: { ours: Run[]; raw: Run[] } = { ours: [], raw: [] };
  for (let r = 0; r < ROUNDS; r++) {
    runs.ours.push(await ours(join(dir, `o-${r}`), vol));
    runs.raw.push(await measure(async () => void deflateSync(data)));
  }
  const best = (xs: Run[], k: "s" | "cpu") => Math.min(...xs.map((x) => x[k]));
  process.stdout.write(
    `${JSON.stringify(
      {
        encoder: ENCODER,
        rounds: ROUNDS,
        load_before: loadBefore,
        load_after: load(),
        best_s: { ours: best(runs.ours, "s"), raw: best(runs.raw, "s") },
        best_cpu: { ours: best(runs.ours, "cpu"), raw: best(runs.raw, "cpu") },
        ratio: Math.round((best(runs.raw, "s") / best(runs.ours, "s")) * 100) / 100,
        ratio_per_cpu_second: Math.round((best(runs.raw, "cpu") / best(runs.ours, "cpu")) * 100) / 100,
        runs,
      },
      null,
      1,
    )}\n`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
