import type { Release, TraceEntry } from "../../sim/cloud/index.ts";
import type { Scenario } from "../format/index.ts";
import { canonicalLine } from "../../sim/core/trace-recorder.ts";
import type { Finding } from "./finding.ts";
import type { RunResult } from "./run-result.ts";
import { runScenario } from "./run-scenario.ts";
import type { Geometry } from "../../sim/cloud/index.ts";

export interface SweepOptions {
  seeds: { from: number; to: number };
  releases: Release[];
  /** Keep running after the first failing seed (VOPR stops at the first). */
  keepGoing?: boolean;
  /** Run every seed twice and compare trace hashes (madsim's determinism check). */
  checkDeterminism?: boolean;
  /** Device and object geometry (default `small`, see ScenarioRunOptions). */
  geometry?: Geometry;
  /** Called after every run (progress lines). */
  onResult?: (r: RunResult, done: number, total: number) => void;
}

/**
 * VOPR-style seed sweep: each seed draws the fault timing, partition lengths, workload gaps
 * and parallel orders afresh. Passing runs drop their trace to keep memory flat.
 */
export async function sweepSeeds(scenarios: readonly Scenario[], o: SweepOptions): Promise<{ results: RunResult[]; stopped: boolean }> {
  const results: RunResult[] = [];
  const plan: Array<[Scenario, Release, number]> = [];
  for (const s of scenarios) {
    for (const r of o.releases) {
      if (!s.releases.includes(r)) continue;
      for (let seed = o.seeds.from; seed <= o.seeds.to; seed++) plan.push([s, r, seed]);
    }
  }
  for (const [s, r, seed] of plan) {
    const run = { ...(o.geometry ? { geometry: o.geometry } : {}) };
    let res = await runScenario(s, seed, r, run);
    if (o.checkDeterminism) {
      const again = await runScenario(s, seed, r, run);
      if (again.traceHash !== res.traceHash) res = { ...res, verdict: "FAIL", findings: [...res.findings, nondeterminism(res.trace, again.trace)] };
    }
    if (res.verdict === "PASS") res.trace = [];
    results.push(res);
    o.onResult?.(res, results.length, plan.length);
    if (res.verdict === "FAIL" && !o.keepGoing) return { results, stopped: results.length < plan.length };
  }
  return { results, stopped: false };
}

/** `7`, `1..200` or `1-200` → an inclusive range (at most 100 000 seeds). */
export function parseSeedRange(text: string): { from: number; to: number } {
  const m = /^\s*(\d+)\s*(?:(?:\.\.|-)\s*(\d+))?\s*$/.exec(text);
  if (!m) throw Object.assign(new Error(`seeds must look like 7 or 1..200, got '${text}'`), { code: "usage" });
  const from = Number(m[1]);
  const to = m[2] !== undefined ? Number(m[2]) : from;
  if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to) || to < from) throw Object.assign(new Error(`empty or invalid seed range '${text}'`), { code: "usage" });
  if (to - from >= 100_000) throw Object.assign(new Error(`at most 100000 seeds per sweep, got ${to - from + 1}`), { code: "usage" });
  return { from, to };
}

/** The first trace line where two runs of the same seed differ. */
export function nondeterminism(a: readonly TraceEntry[], b: readonly TraceEntry[]): Finding {
  let i = 0;
  while (i < a.length && i < b.length && canonicalLine(a[i]!) === canonicalLine(b[i]!)) i++;
  const at = a[i] ?? b[i];
  return { code: "nondeterminism", message: `two runs of this seed diverge at trace line ${i}${at ? ` (t=${at.t}, ${at.what})` : ""}`, ...(a[i] ? { traceSeq: a[i]!.seq } : {}) };
}
