// `npm run bench:chaos [-- --seeds A..B --jobs N --geometry small|real|real-posix]`: chaos sweep throughput with
// --jobs 1 and --jobs N in the same process run, as JSON: runs/min, simulated seconds per wall second,
// CPU seconds (every thread of the process, workers included) and the main thread's own, the scaling
// ratio, the load average it was measured under, and whether both gave the same results.
// Default sweep: the library × seeds 1..19 × zed, master (722 runs, the issue's ~720-run sweep).
import { availableParallelism, loadavg } from "node:os";
import { parseArgs } from "node:util";
import { loadScenarios } from "../scenarios/format/index.ts";
import { isChaosGeometry, parseSeedRange, sweepSeeds, type ChaosGeometry, type RunResult } from "../scenarios/runner/index.ts";
import { mainThreadCpuSeconds } from "./bench-thread-cpu.ts";

const { values } = parseArgs({
  options: {
    seeds: { type: "string", default: "1..19" },
    jobs: { type: "string" },
    library: { type: "string", default: "scenarios/library" },
    // Explicit, so figures stay comparable whatever the runner's default geometry is.
    geometry: { type: "string", default: "small" },
  },
});
const jobs = Number(values.jobs ?? availableParallelism());
if (!isChaosGeometry(values.geometry)) {
  process.stderr.write(`bench:chaos: --geometry must be real, small or real-posix, got '${values.geometry}'\n`);
  process.exit(2);
}
const geometry: ChaosGeometry = values.geometry;
const scenarios = await loadScenarios(values.library);
const seeds = parseSeedRange(values.seeds);

async function measure(j: number): Promise<{ results: RunResult[]; figures: Record<string, number | null> }> {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const m0 = mainThreadCpuSeconds();
  const { results } = await sweepSeeds(scenarios, { seeds, releases: ["zed", "master"], keepGoing: true, jobs: j, geometry });
  const wallS = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  const cpuS = (c.user + c.system) / 1e6;
  const m1 = mainThreadCpuSeconds();
  const simS = results.reduce((n, r) => n + r.virtualMs, 0) / 1000;
  return {
    results,
    figures: {
      jobs: j,
      runs: results.length,
      wallS: round(wallS),
      cpuS: round(cpuS),
      mainThreadCpuS: m0 === null || m1 === null ? null : round(m1 - m0),
      coresUsed: round(cpuS / wallS),
      runsPerMin: round((results.length / wallS) * 60),
      runsPerCpuMin: round((results.length / cpuS) * 60),
      simSecondsPerWallSecond: round(simS / wallS),
    },
  };
}

const loadBefore = loadavg();
const one = await measure(1);
const many = await measure(jobs);
const key = (rs: RunResult[]) => rs.map((r) => `${r.scenario} ${r.release} ${r.seed} ${r.verdict} ${r.traceHash}`).join("\n");
const f1 = one.figures as Record<string, number>;
const fN = many.figures as Record<string, number>;
process.stdout.write(
  `${JSON.stringify(
    {
      bench: "chaos",
      library: values.library,
      seeds: values.seeds,
      geometry,
      cpus: availableParallelism(),
      loadavg1m: { before: round(loadBefore[0]!), after: round(loadavg()[0]!) },
      jobs1: one.figures,
      jobsN: many.figures,
      scaling: round(fN["runsPerMin"]! / f1["runsPerMin"]!),
      // CPU the N-thread sweep spent per CPU the one-thread sweep spent (worker start-up, JIT and GC per thread).
      cpuRatio: round(fN["cpuS"]! / f1["cpuS"]!),
      // Load-independent bound for an idle machine: --jobs 1 takes at least its main thread's CPU time
      // (V8's GC and compiler threads run beside it on another core), --jobs N at least its CPU time
      // spread over min(N, cpus) cores.
      scalingBoundOnIdleCores:
        f1["mainThreadCpuS"] === null ? null : round(f1["mainThreadCpuS"]! / (fN["cpuS"]! / Math.min(jobs, availableParallelism()))),
      sameResults: key(one.results) === key(many.results),
    },
    null,
    2,
  )}\n`,
);

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
