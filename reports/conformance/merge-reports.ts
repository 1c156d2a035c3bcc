import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { canaryVerdicts, countOutcomes, markKnown, RuleCollector, runPassed } from "../../conformance/runner/index.ts";
import type { RuleResult, RunInfo, RunSummary } from "../../conformance/runner/reporter.ts";
import { CONFORMANCE_RECORD_FILE, type ConformanceRunRecord } from "./run-record.ts";
import { recordedFileReporters } from "./file-reporters.ts";

/** Shard reports that cannot be merged (missing file, another run, a missing shard): a usage error. */
export class ConformanceMergeError extends Error {
  readonly code = "usage";
}

/**
 * `cbh report merge DIR... --out DIR` for `cbh conformance --shard I/N --report DIR`: joins the
 * shards' units in plan order and writes the reports the unsharded run writes (JUnit, JSONL,
 * Markdown, HTML and the run record). A perRun rule is its first failing run over all shards.
 */
export async function mergeConformanceReports(dirs: readonly string[], out: string): Promise<{ summary: RunSummary; passed: boolean }> {
  if (!dirs.length) throw new ConformanceMergeError("give at least one shard report directory");
  const shards = await Promise.all(dirs.map(async (dir) => ({ dir, rec: await readRecord(dir) })));
  const summary = await joinShards(shards);
  await writeConformanceReports(summary, out, shards[0]!.rec.command);
  return { summary, passed: runPassed(summary) };
}

/** The summary of one run from the records of its shards (one record: an unsharded run). */
export async function joinShards(shards: ReadonlyArray<{ dir: string; rec: ConformanceRunRecord }>): Promise<RunSummary> {
  const first = shards[0]!;
  const key = (r: ConformanceRunRecord) => JSON.stringify([r.command, r.units.plan.units, r.units.plan.shard?.count ?? 1]);
  for (const s of shards)
    if (key(s.rec) !== key(first.rec))
      throw new ConformanceMergeError(
        `${s.dir} is not a shard of the same run as ${first.dir} (command, rules, drivers or shard count differ)`,
      );
  const count = first.rec.units.plan.shard?.count ?? 1;
  for (let i = 1; i <= count; i++) {
    const n = shards.filter((s) => (s.rec.units.plan.shard?.index ?? 1) === i).length;
    if (n !== 1)
      throw new ConformanceMergeError(
        n ? `shard ${i}/${count} is given ${n} times` : `shard ${i}/${count} is missing: merge needs all ${count} shards`,
      );
  }
  const plan = first.rec.units.plan.units;
  const bySlot = new Map<number, RuleResult>();
  for (const s of shards) for (const u of s.rec.units.results) bySlot.set(u.slot, u.result);
  const known = new Map(Object.entries(first.rec.units.knownFailures).map(([d, list]) => [d, new Map(list)] as const));
  const results: RuleResult[] = [];
  const collector = new RuleCollector(plan, (r) => void results.push(markKnown(r, known.get(r.driver))));
  for (const [slot, r] of bySlot) collector.completed(r, slot);
  const kept: Array<{ slot: number; result: RuleResult }> = [];
  plan.forEach((u, slot) => {
    if (!collector.wanted(slot)) return;
    const r = bySlot.get(slot);
    if (!r) throw new ConformanceMergeError(`no shard holds ${u.driver} ${u.rule}${u.run !== undefined ? ` run ${u.run}` : ""}`);
    if (collector.add(r, slot)) kept.push({ slot, result: r });
  });
  await collector.finish();
  const { shard: _s, ruleResults: _n, ...whole } = first.rec.info;
  const info: RunInfo = { ...whole, startedAt: shards.map((s) => s.rec.info.startedAt).sort()[0]! };
  return summarise(info, results, Math.max(...shards.map((s) => s.rec.durationMs)), {
    ...first.rec.units,
    plan: { units: plan, shard: null },
    results: kept,
  });
}

/** A run's summary from its results: counts per driver and the canaries' verdicts derived. */
export function summarise(info: RunInfo, results: RuleResult[], durationMs: number, units: RunSummary["units"]): RunSummary {
  return {
    info,
    results,
    counts: countOutcomes(
      info.drivers.map((d) => d.id),
      results,
    ),
    durationMs,
    canaries: canaryVerdicts(info.drivers, results),
    ...(units ? { units } : {}),
  };
}

/** The four reports and the run record of `summary`, into `out`. */
export async function writeConformanceReports(summary: RunSummary, out: string, command: string): Promise<void> {
  const reporters = recordedFileReporters(out, command);
  for (const rep of reporters) await rep.onRunStart?.(summary.info);
  for (const r of summary.results) for (const rep of reporters) await rep.onRuleResult?.(r);
  for (const rep of reporters) await rep.onRunEnd?.(summary);
}

export async function readRecord(dir: string): Promise<ConformanceRunRecord> {
  const path = join(dir, CONFORMANCE_RECORD_FILE);
  const text = await readFile(path, "utf8").catch(() => {
    throw new ConformanceMergeError(`${path}: not found (is ${dir} a 'cbh conformance --report' directory?)`);
  });
  try {
    const rec = JSON.parse(text) as ConformanceRunRecord;
    const ok =
      typeof rec.command === "string" &&
      Array.isArray(rec.info?.drivers) &&
      Array.isArray(rec.units?.plan?.units) &&
      Array.isArray(rec.units.results) &&
      typeof rec.units.knownFailures === "object";
    if (!ok) throw new Error("not a record");
    return rec;
  } catch {
    throw new ConformanceMergeError(`${path}: not a conformance run record`);
  }
}
