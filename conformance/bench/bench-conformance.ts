/**
 * `npm run bench:conformance`: the whole suite against the reference driver in-process (goal
 * ≤ 60 s on the project's 2-core machine); with `-- --canaries` also the canary matrix; with
 * `-- --jobs [N]` also `--jobs 1` against `--jobs N` (default: CPUs) on the whole suite with 32
 * model runs and on the model rule alone with `CBH_BENCH_RUNS` runs (default 96), each side in a
 * fresh process, and the same units in N independent processes (`ceiling`, bench-jobs.ts). Prints one JSON document (wall and CPU seconds,
 * per-area time, slowest rules, peak RSS, runs/min per thread count).
 */
import { runConformance } from "../run-conformance.ts";
import type { RunSummary } from "../runner/result.ts";
import { allRules } from "../rules/index.ts";
import { canaries as canaryList } from "../canaries/index.ts";
import { benchJobs } from "./bench-jobs.ts";

async function timed(label: string, f: () => Promise<RunSummary>) {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const s = await f();
  const wall = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(c0);
  const cpuS = Math.round((cpu.user + cpu.system) / 1e4) / 100;
  const byArea: Record<string, number> = {};
  for (const r of s.results) byArea[r.area] = Math.round((byArea[r.area] ?? 0) + r.durationMs);
  const slowest = [...s.results]
    .sort((a, b) => b.durationMs - a.durationMs)
    .slice(0, 5)
    .map((r) => ({ driver: r.driver, rule: r.ruleId, ms: Math.round(r.durationMs) }));
  return {
    label,
    wall_s: Math.round(wall * 100) / 100,
    cpu_s: cpuS,
    rules: s.info.rules.length,
    drivers: s.info.drivers.length,
    counts: s.counts,
    ms_by_area: byArea,
    slowest,
    summary: s,
  };
}

const seed = Number(process.env["CBH_SEED"] ?? 1);
const suite = await timed("reference driver, every rule", () => runConformance({ drivers: ["ref"], seed }));
// The canary matrix skips the model-based rule unless CBH_BENCH_CANARY_MODEL=1: shrinking a
// divergence per canary costs minutes, and every canary is caught by its named rule anyway.
const withModel = process.env["CBH_BENCH_CANARY_MODEL"] === "1";
const canaryRules = allRules
  .filter((r) => withModel || r.area !== "model")
  .map((r) => r.id)
  .join(",");
const canaries = process.argv.includes("--canaries")
  ? await timed(`canary matrix (${canaryList.length} canaries × ${withModel ? "every rule" : "every rule but model.*"})`, () =>
      runConformance({ drivers: [], canaries: true, seed, rules: canaryRules }),
    )
  : null;
const jobsAt = process.argv.indexOf("--jobs");
const jobsN = jobsAt >= 0 && /^\d+$/.test(process.argv[jobsAt + 1] ?? "") ? Number(process.argv[jobsAt + 1]) : undefined;
const jobs =
  jobsAt >= 0
    ? {
        // Each side in a fresh process (bench-jobs.ts): neither is warmed by the runs above or by the other.
        suite: await benchJobs(seed, 32, undefined, jobsN),
        model_runs: await benchJobs(seed, Number(process.env["CBH_BENCH_RUNS"] ?? 96), "model.*", jobsN),
      }
    : null;
const loadavg = (await import("node:os")).loadavg()[0];
const out = {
  benchmark: "conformance",
  node: process.version,
  seed,
  goal_s: 60,
  suite: { ...suite, summary: undefined },
  canaries: canaries && {
    ...canaries,
    summary: undefined,
    counts: undefined,
    verdicts: canaries.summary.canaries.map((c) => ({
      canary: c.canary,
      caught_by: c.caughtBy,
      named_rule: c.expectedToBreak,
      caught_by_named_rule: c.caughtByExpected,
    })),
  },
  jobs,
  load_average_1m: Math.round((loadavg ?? 0) * 10) / 10,
  peak_rss_mib: Math.round(process.resourceUsage().maxRSS / 1024),
  within_goal: suite.wall_s <= 60,
};
process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
const refFailed = Object.values(suite.counts).some((c) => c.FAIL > 0);
const missed = canaries?.summary.canaries.some((c) => !c.caught) ?? false;
process.exitCode = refFailed || missed || !out.within_goal || (jobs && !(jobs.suite.same_results && jobs.model_runs.same_results)) ? 1 : 0;
