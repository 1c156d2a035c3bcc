/**
 * One measured run of `benchJobs` (bench-jobs.ts), in a fresh process: loads the suite, says
 * `ready`, waits for a line on stdin, then runs the reference driver's units (or shard I/N of them)
 * with `--jobs JOBS` and prints one JSON line: wall and CPU seconds of the run, units, rule results,
 * and the results' key (outcome, reason, replay command of each rule) to compare runs by.
 * Arguments: SEED RUNS JOBS SHARD|- [RULES]. A shard's process is tuned as a pool's workers are
 * (`tuneTiering`), so independent processes differ from a pool's threads only in sharing nothing.
 */
import { createInterface } from "node:readline";
import { parseShard, tuneTiering } from "../../lib/jobs/index.ts";
import { runConformance } from "../run-conformance.ts";

const [seed, runs, jobs, shardArg, rules] = process.argv.slice(2);
if (![seed, runs, jobs].every((a) => /^\d+$/.test(a ?? "")) || !shardArg)
  throw new Error("usage: bench-jobs-child.ts SEED RUNS JOBS SHARD|- [RULES]");
const shard = shardArg === "-" ? null : parseShard(shardArg);
if (shard) tuneTiering();
process.stdout.write("ready\n");
const lines = createInterface({ input: process.stdin });
await new Promise<void>((go) => lines.once("line", () => go()));
lines.close();
const t0 = performance.now();
const c0 = process.cpuUsage();
const s = await runConformance({
  drivers: ["ref"],
  seed: Number(seed),
  jobs: Number(jobs),
  shard,
  property: { numRuns: Number(runs) },
  ...(rules ? { rules } : {}),
});
const c = process.cpuUsage(c0);
process.stdout.write(
  `${JSON.stringify({
    wall_s: (performance.now() - t0) / 1000,
    cpu_s: (c.user + c.system) / 1e6,
    units: s.units?.results.length ?? 0,
    rule_results: s.results.length,
    key: s.results.map((r) => `${r.driver} ${r.ruleId} ${r.outcome} ${r.reason ?? ""} ${r.replay}`).join("\n"),
  })}\n`,
);
