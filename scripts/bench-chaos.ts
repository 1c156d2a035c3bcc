// `npm run bench:chaos [-- --seeds A..B --jobs N]`: chaos sweep throughput with --jobs 1 and
// --jobs N in the same process run, as JSON (runs/min, simulated seconds per wall second, the
// scaling ratio, the load average it was measured under, and whether both gave the same results).
import { availableParallelism, loadavg } from "node:os";
import { parseArgs } from "node:util";
import { loadScenarios } from "../scenarios/format/index.ts";
import { parseSeedRange, sweepSeeds, type RunResult } from "../scenarios/runner/index.ts";

const { values } = parseArgs({
  options: {
    seeds: { type: "string", default: "1..4" },
    jobs: { type: "string" },
    library: { type: "string", default: "scenarios/library" },
  },
});
const jobs = Number(values.jobs ?? availableParallelism());
const scenarios = await loadScenarios(values.library);
const seeds = parseSeedRange(values.seeds);

async function measure(j: number): Promise<{ results: RunResult[]; figures: Record<string, number> }> {
  const t0 = performance.now();
  const { results } = await sweepSeeds(scenarios, { seeds, releases: ["zed", "master"], geometry: "small", keepGoing: true, jobs: j });
  const wallS = (performance.now() - t0) / 1000;
  const simS = results.reduce((n, r) => n + r.virtualMs, 0) / 1000;
  return {
    results,
    figures: {
      jobs: j,
      runs: results.length,
      wallS: round(wallS),
      runsPerMin: round((results.length / wallS) * 60),
      simSecondsPerWallSecond: round(simS / wallS),
    },
  };
}

const loadBefore = loadavg();
const one = await measure(1);
const many = await measure(jobs);
const key = (rs: RunResult[]) => rs.map((r) => `${r.scenario} ${r.release} ${r.seed} ${r.verdict} ${r.traceHash}`).join("\n");
process.stdout.write(
  `${JSON.stringify(
    {
      bench: "chaos",
      library: values.library,
      seeds: values.seeds,
      cpus: availableParallelism(),
      loadavg1m: { before: round(loadBefore[0]!), after: round(loadavg()[0]!) },
      jobs1: one.figures,
      jobsN: many.figures,
      scaling: round(many.figures["runsPerMin"]! / one.figures["runsPerMin"]!),
      sameResults: key(one.results) === key(many.results),
    },
    null,
    2,
  )}\n`,
);

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
