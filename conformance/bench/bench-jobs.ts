/**
 * `--jobs 1` against `--jobs N` on the same suite, each in a fresh process (so neither starts with a
 * JIT warmed by the other; the suite is loaded before the clock starts, in both): units (rules and
 * model runs) per minute, the ratio, the load average it was measured under, and whether both gave
 * the same results (outcome, reason, replay command of every rule). Then the same units in N
 * independent processes at once, each running one shard with `--jobs 1`: the ratio no thread pool
 * can beat on this machine, since N processes share nothing (`ceiling`). bench-jobs-child.ts runs each.
 * Last, `--jobs 1` and `--jobs N` as a user runs them (`cli`): `cbh conformance` from the shell to
 * its exit, start-up included (where `--jobs N` starts its workers while it loads the suite).
 */
import { spawn } from "node:child_process";
import { availableParallelism, loadavg } from "node:os";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

export interface JobsFigures {
  jobs: number;
  units: number;
  rule_results: number;
  wall_s: number;
  /** CPU seconds of every thread of the process (on a loaded machine: what the work cost). */
  cpu_s: number;
  units_per_min: number;
  rule_results_per_min: number;
}

/** `rules`: a `--rules` glob (default every rule). */
export async function benchJobs(seed: number, numRuns: number, rules?: string, jobs = availableParallelism()) {
  const before = loadavg()[0]!;
  const one = await measure(1, seed, numRuns, rules);
  const many = await measure(jobs, seed, numRuns, rules);
  const apart = await independent(jobs, seed, numRuns, rules);
  const cli = await commandLine(jobs, seed, numRuns, rules);
  return {
    workload: `reference driver, ${rules ? `rules ${rules}` : "every rule"}, model rule with ${numRuns} runs (each run one unit)`,
    cpus: availableParallelism(),
    load_average_1m: { before: round(before), after: round(loadavg()[0]!) },
    jobs1: one.f,
    jobsN: many.f,
    scaling: round(many.f.units_per_min / one.f.units_per_min),
    independent_processes: apart,
    ceiling: round(one.f.wall_s / apart.wall_s),
    same_results: one.key === many.key,
    cli,
  };
}

const CBH = fileURLToPath(new URL("../../bin/cbh.js", import.meta.url));

/**
 * `cbh conformance` with `--jobs 1` and with `--jobs n`, timed from spawn to exit: what a user waits
 * for, start-up included. (No `ceiling` here: n CLI processes on one machine each compile the suite
 * with V8's default tiering, which a pool's threads and the loaded shards above do not.)
 */
async function commandLine(n: number, seed: number, numRuns: number, rules?: string) {
  const args = (jobs: number) => [
    "conformance",
    ...["--driver", "ref", "--seed", String(seed), "--runs", String(numRuns), "--quiet", "--jobs", String(jobs)],
    ...(rules ? ["--rules", rules] : []),
  ];
  const one = await exitAfter(args(1));
  const many = await exitAfter(args(n));
  return { jobs1_s: round(one), jobsN_s: round(many), scaling: round(one / many) };
}

/** Seconds from spawning `cbh ARGS` to its exit; a failed run throws. */
function exitAfter(args: string[]): Promise<number> {
  const t0 = performance.now();
  return new Promise<number>((resolve, reject) => {
    const c = spawn(process.execPath, [CBH, ...args], { stdio: ["ignore", "ignore", "inherit"] });
    c.on("error", reject);
    c.on("exit", (code) =>
      code === 0 ? resolve((performance.now() - t0) / 1000) : reject(new Error(`cbh ${args.join(" ")} exited ${code}`)),
    );
  });
}

async function measure(jobs: number, seed: number, numRuns: number, rules?: string): Promise<{ f: JobsFigures; key: string }> {
  const [r] = await together([[String(seed), String(numRuns), String(jobs), "-", ...(rules ? [rules] : [])]]);
  return {
    key: r!.key,
    f: {
      jobs,
      units: r!.units,
      rule_results: r!.rule_results,
      wall_s: round(r!.wall_s),
      cpu_s: round(r!.cpu_s),
      units_per_min: round((r!.units / r!.wall_s) * 60),
      rule_results_per_min: round((r!.rule_results / r!.wall_s) * 60),
    },
  };
}

/** Shards 1..n of the same units in n processes told to start together; wall time until the last one ended. */
async function independent(n: number, seed: number, numRuns: number, rules?: string) {
  const runs = await together(
    Array.from({ length: n }, (_, i) => [String(seed), String(numRuns), "1", `${i + 1}/${n}`, ...(rules ? [rules] : [])]),
  );
  const wall = Math.max(...runs.map((r) => r.done_s));
  const units = runs.reduce((a, r) => a + r.units, 0);
  return {
    processes: n,
    units,
    wall_s: round(wall),
    cpu_s: round(runs.reduce((a, r) => a + r.cpu_s, 0)),
    units_per_min: round((units / wall) * 60),
    per_process_wall_s: runs.map((r) => round(r.wall_s)),
  };
}

const CHILD = fileURLToPath(new URL("./bench-jobs-child.ts", import.meta.url));

interface ChildRun {
  wall_s: number;
  cpu_s: number;
  units: number;
  rule_results: number;
  key: string;
  /** Seconds from the common start to this process's answer. */
  done_s: number;
}

/** bench-jobs-child.ts once per argument list: each loads the suite, then all are told to go at once. */
async function together(argLists: string[][]): Promise<ChildRun[]> {
  const children = argLists.map((args) =>
    spawn(process.execPath, ["--import", "tsx", CHILD, ...args], { stdio: ["pipe", "pipe", "inherit"] }),
  );
  const lines = children.map((c) => createInterface({ input: c.stdout! })[Symbol.asyncIterator]());
  const next = async (i: number) => {
    const r = await lines[i]!.next();
    if (r.done) throw new Error(`bench-jobs-child.ts ${argLists[i]!.join(" ")} exited before it answered`);
    return r.value as string;
  };
  for (let i = 0; i < children.length; i++)
    if ((await next(i)) !== "ready") throw new Error(`bench-jobs-child.ts ${argLists[i]!.join(" ")} did not start`);
  const t0 = performance.now();
  for (const c of children) c.stdin!.end("go\n");
  return Promise.all(
    children.map(async (_, i) => ({ ...(JSON.parse(await next(i)) as Omit<ChildRun, "done_s">), done_s: (performance.now() - t0) / 1000 })),
  );
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
