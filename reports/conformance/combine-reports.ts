import { runPassed } from "../../conformance/runner/index.ts";
import type { RunInfo, RunSummary } from "../../conformance/runner/reporter.ts";
import { ConformanceMergeError, joinShards, readRecord, summarise, writeConformanceReports } from "./merge-reports.ts";

type Units = NonNullable<RunSummary["units"]>;

/**
 * `cbh report combine DIR... --out DIR`: separate runs over different drivers (the integration
 * job runs each real driver and the canaries in runs of their own) as one drivers × rules matrix,
 * written as the four reports and a run record. A driver may appear in several runs, but one
 * (driver, rule) result may come from one run only: two answers for one cell is a usage error,
 * never a silent choice. Each result keeps its own replay command (seed, known-failures file).
 */
export async function combineConformanceReports(dirs: readonly string[], out: string): Promise<{ summary: RunSummary; passed: boolean }> {
  if (dirs.length < 2) throw new ConformanceMergeError("give at least two report directories to combine");
  const runs: Array<{ dir: string; summary: RunSummary }> = [];
  for (const dir of dirs) {
    const rec = await readRecord(dir);
    if (rec.units.plan.shard)
      throw new ConformanceMergeError(
        `${dir} is shard ${rec.units.plan.shard.index}/${rec.units.plan.shard.count} of a run: 'cbh report merge' its shards first`,
      );
    runs.push({ dir, summary: await joinShards([{ dir, rec }]) });
  }
  const from = new Map<string, string>();
  for (const { dir, summary } of runs)
    for (const r of summary.results) {
      const cell = `${r.driver} ${r.ruleId}`;
      const other = from.get(cell);
      if (other)
        throw new ConformanceMergeError(
          `${cell} has a result in both ${other} and ${dir}: a combined matrix holds one per driver and rule`,
        );
      from.set(cell, dir);
    }
  const results = runs.flatMap((r) => r.summary.results);
  const info = combinedInfo(runs.map((r) => r.summary.info));
  const summary = summarise(
    info,
    results,
    runs.reduce((t, r) => t + r.summary.durationMs, 0),
    combinedUnits(runs.map((r) => r.summary.units!)),
  );
  await writeConformanceReports(summary, out, `cbh report combine ${dirs.join(" ")} --out ${out}`);
  return { summary, passed: runPassed(summary) };
}

/** Drivers and rules in order of first appearance; the earliest start; the first run's seed and harness. */
function combinedInfo(infos: readonly RunInfo[]): RunInfo {
  const drivers = new Map<string, RunInfo["drivers"][number]>();
  const rules = new Map<string, RunInfo["rules"][number]>();
  for (const i of infos) {
    for (const d of i.drivers) if (!drivers.has(d.id)) drivers.set(d.id, d);
    for (const r of i.rules) if (!rules.has(r.id)) rules.set(r.id, r);
  }
  const { shard: _s, ruleResults: _n, ...first } = infos[0]!;
  return { ...first, startedAt: infos.map((i) => i.startedAt).sort()[0]!, drivers: [...drivers.values()], rules: [...rules.values()] };
}

/** The runs' plans one after another, each unit's slot moved past the runs before it. */
function combinedUnits(units: readonly Units[]): Units {
  const plan: Array<Units["plan"]["units"][number]> = [];
  const results: Units["results"] = [];
  const knownFailures: Units["knownFailures"] = {};
  for (const u of units) {
    const offset = plan.length;
    plan.push(...u.plan.units);
    results.push(...u.results.map((r) => ({ slot: r.slot + offset, result: r.result })));
    for (const [d, list] of Object.entries(u.knownFailures)) knownFailures[d] = [...(knownFailures[d] ?? []), ...list];
  }
  return { ...units[0]!, plan: { units: plan, shard: null }, results, knownFailures };
}
