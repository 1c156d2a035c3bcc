import type { ConformanceReporter } from "./reporter.ts";
import type { DriverUnderTest } from "../driver/driver-under-test.ts";
import { allRules } from "../rules/index.ts";
import type { PropertyOptions, Rule } from "../rules/rule.ts";
import { releasePrestarted, runOrdered, runOrderedLanes, type Shard } from "../../lib/jobs/index.ts";
import { cloudAvailable } from "./cloud-factory.ts";
import { emptyCounts, type CanaryVerdict, type RuleResult, type RunInfo, type RunSummary, type UnitRecord } from "./result.ts";
import { ruleMatcher } from "./rule-filter.ts";
import { DEFAULT_PROPERTY, ruleGate } from "./run-rule.ts";
import { harnessIdentity } from "./harness-identity.ts";
import type { KnownFailures } from "./known-failures.ts";
import type { DriverRecipe } from "./driver-recipe.ts";
import { planSuite, unitInShard, type SuitePlan } from "./suite-plan.ts";
import { RuleCollector } from "./rule-collector.ts";
import { runUnit } from "./run-unit.ts";
import type { SuiteTask, SuiteWorkerInit } from "./suite-task.ts";
import { SUITE_WORKER } from "./suite-worker-url.ts";

export interface SuiteDriver {
  dut: DriverUnderTest;
  /** CLI words selecting this driver, for replay commands (`--driver ref`, `--canary leak-on-delete`). */
  replayPrefix: string;
  /** Canaries: the rule expected to catch it. */
  expectedToBreak?: string;
  /** Rules this driver is known to fail (`--known-failures FILE`). */
  knownFailures?: KnownFailures;
  /** How a worker thread builds the same driver (needed for `jobs` > 1). */
  recipe?: DriverRecipe;
}

export interface SuiteOptions {
  drivers: SuiteDriver[];
  /** `--rules GLOB` (comma-separated globs over rule ids). */
  rules?: string;
  seed?: number;
  reporters?: ConformanceReporter[];
  timeoutMs?: number;
  /** Extra rules appended to the catalogue (this thread only: `jobs` must be 1). */
  extraRules?: readonly Rule[];
  property?: PropertyOptions;
  /** Worker threads (default 1: this thread). Results, their order and every report do not depend on it. */
  jobs?: number;
  /** `--shard I/N`: run only this shard's units (suite-plan.ts). */
  shard?: Shard | null;
  /**
   * Drivers whose rules run at once in this thread (default 1), each driver's own rules one after
   * another: for drivers in their own processes and containers (cinder:, python:, exec:), where
   * this thread mostly waits. Results, their order and every report do not depend on it. Used
   * when `jobs` is 1.
   */
  driverLanes?: number;
}

/**
 * Runs every selected rule against every driver, feeding reporters as results arrive, in plan
 * order (driver, rule) whatever `jobs` is. The units (suite-plan.ts) run in this thread or on
 * `jobs` worker threads (lib/jobs); a shard runs its part of them.
 */
export async function runSuite(opts: SuiteOptions): Promise<RunSummary> {
  const seed = opts.seed ?? 1;
  const match = ruleMatcher(opts.rules);
  const rules = [...allRules, ...(opts.extraRules ?? [])].filter((r) => match(r.id));
  const reporters = opts.reporters ?? [];
  const property = opts.property ?? DEFAULT_PROPERTY;
  const timeoutMs = opts.timeoutMs ?? 60_000;
  const shard = opts.shard ?? null;
  const cloud = cloudAvailable();
  const whole = planSuite(
    opts.drivers.map((d) => d.dut.id),
    rules,
    property,
    (rule, i) => !ruleGate(rule, opts.drivers[i]!.dut, cloud),
  );
  const plan: SuitePlan = { units: whole, shard };
  const slots = whole.map((_, slot) => slot).filter((slot) => unitInShard(whole[slot]!, shard));
  const mine = slots.map((slot) => whole[slot]!);
  const info: RunInfo = {
    startedAt: new Date().toISOString(),
    seed,
    harness: harnessIdentity(),
    drivers: opts.drivers.map((d) => ({
      id: d.dut.id,
      label: d.dut.label,
      capabilities: d.dut.capabilities,
      ...(d.expectedToBreak ? { expectedToBreak: d.expectedToBreak } : {}),
      ...(d.dut.cinder ? { cinder: d.dut.cinder } : {}),
    })),
    rules: rules.map((r) => ({ id: r.id, area: r.area, title: r.title })),
    ...(shard ? { shard, ruleResults: new Set(mine.map((u) => `${u.driverIndex} ${u.rule}`)).size } : {}),
  };
  const started = performance.now();
  for (const r of reporters) await r.onRunStart?.(info);
  const results: RuleResult[] = [];
  const units: UnitRecord[] = [];
  const collector = new RuleCollector(mine, async (raw, unit) => {
    const res = markKnown(raw, opts.drivers[unit.driverIndex]!.knownFailures);
    results.push(res);
    for (const r of reporters) await r.onRuleResult?.(res);
  });
  const take = (res: RuleResult, i: number) => {
    if (collector.add(res, i)) units.push({ slot: slots[i]!, result: res });
    return true;
  };
  const here = (u: { driverIndex: number; rule: string; run?: number }) => {
    const d = opts.drivers[u.driverIndex]!;
    const rule = rules.find((r) => r.id === u.rule)!;
    return runUnit(rule, d.dut, u.run, { seed, timeoutMs, replayPrefix: d.replayPrefix, cloudAvailable: cloud, property });
  };
  const jobs = Math.max(1, Math.min(opts.jobs ?? 1, mine.length));
  // Workers the CLI started for a pool that will not run (fewer units than `--jobs`) load for nothing.
  if (jobs === 1) await releasePrestarted();
  if (jobs > 1) {
    if (opts.extraRules?.length) throw new Error("extraRules run in this thread only: use jobs 1");
    const missing = opts.drivers.find((d) => !d.recipe);
    if (missing) throw new Error(`driver ${missing.dut.id} has no recipe for a worker thread: use jobs 1`);
    const init: SuiteWorkerInit = {
      drivers: opts.drivers.map((d) => ({ recipe: d.recipe!, replayPrefix: d.replayPrefix })),
      seed,
      timeoutMs,
      property,
    };
    await runOrdered<SuiteTask, RuleResult, SuiteWorkerInit>({
      taskModule: SUITE_WORKER,
      init,
      tasks: mine.map((u) => ({ driverIndex: u.driverIndex, rule: u.rule, ...(u.run !== undefined ? { run: u.run } : {}) })),
      jobs,
      // This thread is one of the `jobs`: it starts on the units while the workers load.
      here: (t) => here(t),
      wanted: (i) => collector.wanted(i),
      completed: (r, i) => collector.completed(r, i),
      emit: take,
    });
  } else if ((opts.driverLanes ?? 1) > 1) {
    await runOrderedLanes({
      tasks: mine,
      laneOf: (u) => u.driverIndex,
      lanes: opts.driverLanes!,
      run: (u) => here(u),
      wanted: (i) => collector.wanted(i),
      completed: (r, i) => collector.completed(r, i),
      emit: (r, i) => void take(r, i),
    });
  } else {
    for (let i = 0; i < mine.length; i++) {
      if (!collector.wanted(i)) continue;
      const res = await here(mine[i]!);
      collector.completed(res, i);
      take(res, i);
    }
  }
  await collector.finish();
  const summary: RunSummary = {
    info,
    results,
    counts: countOutcomes(
      opts.drivers.map((d) => d.dut.id),
      results,
    ),
    durationMs: performance.now() - started,
    canaries: canaryVerdicts(info.drivers, results),
    units: { plan, results: units, knownFailures: knownFailureLists(opts.drivers) },
  };
  for (const r of reporters) await r.onRunEnd?.(summary);
  return summary;
}

/** PASS / FAIL / SKIP / NA per driver. */
export function countOutcomes(drivers: readonly string[], results: readonly RuleResult[]): RunSummary["counts"] {
  const counts: RunSummary["counts"] = {};
  for (const d of drivers) counts[d] = emptyCounts();
  for (const r of results) counts[r.driver]![r.outcome]++;
  return counts;
}

/** Which rules caught each canary (a driver with an expected-to-break rule). */
export function canaryVerdicts(
  drivers: ReadonlyArray<{ id: string; expectedToBreak?: string }>,
  results: readonly RuleResult[],
): CanaryVerdict[] {
  return drivers
    .filter((d): d is { id: string; expectedToBreak: string } => !!d.expectedToBreak)
    .map((d) => {
      const caughtBy = results.filter((r) => r.driver === d.id && r.outcome === "FAIL").map((r) => r.ruleId);
      return {
        canary: d.id,
        expectedToBreak: d.expectedToBreak,
        caughtBy,
        caught: caughtBy.length > 0,
        caughtByExpected: caughtBy.includes(d.expectedToBreak),
      };
    });
}

function knownFailureLists(drivers: readonly SuiteDriver[]): Record<string, Array<[string, string]>> {
  const out: Record<string, Array<[string, string]>> = {};
  for (const d of drivers) if (d.knownFailures?.size) out[d.dut.id] = [...d.knownFailures];
  return out;
}

/**
 * Exit status of a run: 0 only when no rule failed on a real driver (known failures aside), no
 * known failure unexpectedly passed, and every canary was caught.
 */
export function runPassed(summary: RunSummary): boolean {
  const canaryIds = new Set(summary.canaries.map((c) => c.canary));
  const realFailures = summary.results.some(
    (r) => !canaryIds.has(r.driver) && ((r.outcome === "FAIL" && !r.knownFailure) || r.unexpectedPass),
  );
  return !realFailures && summary.canaries.every((c) => c.caught);
}

export function markKnown(r: RuleResult, known: KnownFailures | undefined): RuleResult {
  const why = known?.get(r.ruleId);
  if (!why) return r;
  if (r.outcome === "FAIL") return { ...r, knownFailure: why };
  if (r.outcome === "PASS")
    return { ...r, unexpectedPass: true, reason: `listed as a known failure (${why}) but passed: remove it from the list` };
  return r;
}
