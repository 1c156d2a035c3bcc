import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { TraceEntry } from "../../sim/cloud/index.ts";
import { planIndex, planSize, type RunResult, type SweepPlan } from "../../scenarios/runner/index.ts";
import { CHAOS_META_FILE, type ChaosReportMeta } from "./report-meta.ts";
import { traceFileName, writeChaosReport } from "./write-report.ts";

/** A shard directory that cannot be merged (missing file, other sweep, missing shard): a usage error. */
export class ReportMergeError extends Error {
  readonly code = "usage";
}

interface ShardReport {
  readonly dir: string;
  readonly meta: ChaosReportMeta & { plan: SweepPlan };
  readonly results: RunResult[];
}

/**
 * `cbh report merge DIR... --out DIR`: joins the reports of the N shards of one chaos sweep
 * (`--shard I/N`) into the report the unsharded run writes — results in plan order; without
 * --keep-going, cut after the first failing run of the plan, as one process stops there.
 */
export async function mergeChaosReports(dirs: readonly string[], out: string): Promise<{ files: string[]; runs: number; failed: number }> {
  if (!dirs.length) throw new ReportMergeError("give at least one shard report directory");
  const shards = await Promise.all(dirs.map(readShard));
  const plan = shards[0]!.meta.plan;
  const key = (m: ChaosReportMeta & { plan: SweepPlan }) =>
    JSON.stringify([m.command, m.plan.groups, m.plan.seeds, m.plan.keepGoing, m.plan.shard?.count ?? 1]);
  for (const s of shards)
    if (key(s.meta) !== key(shards[0]!.meta))
      throw new ReportMergeError(
        `${s.dir} is not a shard of the same sweep as ${shards[0]!.dir} (command, scenarios, releases, seeds or shard count differ)`,
      );
  const count = plan.shard?.count ?? 1;
  const have = shards.map((s) => s.meta.plan.shard?.index ?? 1);
  for (let i = 1; i <= count; i++) {
    const n = have.filter((x) => x === i).length;
    if (n !== 1)
      throw new ReportMergeError(
        n ? `shard ${i}/${count} is given ${n} times` : `shard ${i}/${count} is missing: merge needs all ${count} shards`,
      );
  }
  const indexed = shards.flatMap((s) => s.results.map((r) => ({ r, i: planIndex(plan, r.scenario, r.release, r.seed) })));
  for (const { r, i } of indexed)
    if (i < 0) throw new ReportMergeError(`run ${r.scenario} ${r.release} seed ${r.seed} is not in the sweep's plan`);
  indexed.sort((a, b) => a.i - b.i);
  let results = indexed.map((x) => x.r);
  let stopped = false;
  const firstFail = plan.keepGoing ? -1 : indexed.findIndex((x) => x.r.verdict === "FAIL");
  if (firstFail >= 0) {
    results = results.slice(0, firstFail + 1);
    stopped = indexed[firstFail]!.i + 1 < planSize(plan);
  }
  const startedAt = shards.map((s) => s.meta.startedAt).sort()[0]!;
  const files = await writeChaosReport(out, results, {
    command: shards[0]!.meta.command,
    startedAt,
    stopped,
    plan: { ...plan, shard: null },
  });
  return { files, runs: results.length, failed: results.filter((r) => r.verdict === "FAIL").length };
}

async function readShard(dir: string): Promise<ShardReport> {
  const text = (name: string) =>
    readFile(join(dir, name), "utf8").catch(() => {
      throw new ReportMergeError(`${join(dir, name)}: not found (is ${dir} a 'cbh chaos run --report' directory?)`);
    });
  let meta: ChaosReportMeta;
  try {
    meta = JSON.parse(await text(CHAOS_META_FILE)) as ChaosReportMeta;
  } catch (e) {
    throw e instanceof ReportMergeError ? e : new ReportMergeError(`${join(dir, CHAOS_META_FILE)}: not valid JSON`);
  }
  if (!meta.plan) throw new ReportMergeError(`${dir}: the report has no plan (written by an older cbh)`);
  const lines = (await text("chaos.jsonl")).split("\n").filter((l) => l.trim());
  const results = lines.map((l, n) => {
    try {
      return { ...(JSON.parse(l) as Omit<RunResult, "trace">), trace: [] as TraceEntry[] };
    } catch {
      throw new ReportMergeError(`${join(dir, "chaos.jsonl")}:${n + 1}: not valid JSON`);
    }
  });
  for (const r of results) {
    if (r.verdict !== "FAIL") continue;
    const trace = await readFile(join(dir, traceFileName(r)), "utf8").catch(() => "");
    r.trace = trace
      .split("\n")
      .filter((l) => l)
      .map((l) => JSON.parse(l) as TraceEntry);
  }
  return { dir, meta: meta as ChaosReportMeta & { plan: SweepPlan }, results };
}
