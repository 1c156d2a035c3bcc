/**
 * One of `benchJobs`' independent processes (bench-jobs.ts): loads the suite, says `ready`, waits
 * for a line on stdin, then runs shard I/N of the reference driver's units with `--jobs 1` and
 * prints one JSON line (wall and CPU seconds of the run, units). Arguments: SEED RUNS I/N [RULES].
 * V8 is tuned as for a pool's workers (`tuneTiering`), so the processes differ from them only in
 * sharing nothing.
 */
import { createInterface } from "node:readline";
import { parseShard, tuneTiering } from "../../lib/jobs/index.ts";
import { runConformance } from "../run-conformance.ts";

const [seed, runs, shardArg, rules] = process.argv.slice(2);
const shard = parseShard(shardArg ?? "");
if (!shard || !/^\d+$/.test(seed ?? "") || !/^\d+$/.test(runs ?? "")) throw new Error("usage: bench-jobs-shard.ts SEED RUNS I/N [RULES]");
tuneTiering();
process.stdout.write("ready\n");
const lines = createInterface({ input: process.stdin });
await new Promise<void>((go) => lines.once("line", () => go()));
lines.close();
const t0 = performance.now();
const c0 = process.cpuUsage();
const s = await runConformance({
  drivers: ["ref"],
  seed: Number(seed),
  jobs: 1,
  shard,
  property: { numRuns: Number(runs) },
  ...(rules ? { rules } : {}),
});
const c = process.cpuUsage(c0);
process.stdout.write(
  `${JSON.stringify({ wall_s: (performance.now() - t0) / 1000, cpu_s: (c.user + c.system) / 1e6, units: s.units?.results.length ?? 0 })}\n`,
);
