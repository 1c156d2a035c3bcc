import type { ConformanceReporter } from "./reporter.ts";
import type { DriverUnderTest } from "../driver/driver-under-test.ts";
import { allRules } from "../rules/index.ts";
import type { PropertyOptions, Rule } from "../rules/rule.ts";
import { cloudAvailable } from "./cloud-factory.ts";
import { emptyCounts, type CanaryVerdict, type RuleResult, type RunInfo, type RunSummary } from "./result.ts";
import { ruleMatcher } from "./rule-filter.ts";
import { runRule } from "./run-rule.ts";
import { harnessIdentity } from "./harness-identity.ts";
import type { KnownFailures } from "./known-failures.ts";

export interface SuiteDriver {
  dut: DriverUnderTest;
  /** CLI words selecting this driver, for replay commands (`--driver ref`, `--canary leak-on-delete`). */
  replayPrefix: string;
  /** Canaries: the rule expected to catch it. */
  expectedToBreak?: string;
  /** Rules this driver is known to fail (`--known-failures FILE`). */
  knownFailures?: KnownFailures;
}

export interface SuiteOptions {
  drivers: SuiteDriver[];
  /** `--rules GLOB` (comma-separated globs over rule ids). */
  rules?: string;
  seed?: number;
  reporters?: ConformanceReporter[];
  timeoutMs?: number;
  /** Extra rules appended to the catalogue. */
  extraRules?: readonly Rule[];
  property?: PropertyOptions;
}

/** Runs every selected rule against every driver, feeding reporters as results arrive. */
export async function runSuite(opts: SuiteOptions): Promise<RunSummary> {
  const seed = opts.seed ?? 1;
  const match = ruleMatcher(opts.rules);
  const rules = [...allRules, ...(opts.extraRules ?? [])].filter((r) => match(r.id));
  const reporters = opts.reporters ?? [];
  const info: RunInfo = {
    startedAt: new Date().toISOString(),
    seed,
    harness: harnessIdentity(),
    drivers: opts.drivers.map((d) => ({
      id: d.dut.id,
      label: d.dut.label,
      capabilities: d.dut.capabilities,
      ...(d.expectedToBreak ? { expectedToBreak: d.expectedToBreak } : {}),
    })),
    rules: rules.map((r) => ({ id: r.id, area: r.area, title: r.title })),
  };
  const started = performance.now();
  for (const r of reporters) await r.onRunStart?.(info);
  const results: RuleResult[] = [];
  const counts: RunSummary["counts"] = {};
  const cloud = cloudAvailable();
  for (const d of opts.drivers) {
    counts[d.dut.id] = emptyCounts();
    for (const rule of rules) {
      const res = markKnown(
        await runRule(rule, d.dut, {
          seed,
          timeoutMs: opts.timeoutMs ?? 60_000,
          replayPrefix: d.replayPrefix,
          cloudAvailable: cloud,
          ...(opts.property ? { property: opts.property } : {}),
        }),
        d.knownFailures,
      );
      results.push(res);
      counts[d.dut.id]![res.outcome]++;
      for (const r of reporters) await r.onRuleResult?.(res);
    }
  }
  const canaries: CanaryVerdict[] = opts.drivers
    .filter((d) => d.expectedToBreak)
    .map((d) => {
      const caughtBy = results.filter((r) => r.driver === d.dut.id && r.outcome === "FAIL").map((r) => r.ruleId);
      return {
        canary: d.dut.id,
        expectedToBreak: d.expectedToBreak!,
        caughtBy,
        caught: caughtBy.length > 0,
        caughtByExpected: caughtBy.includes(d.expectedToBreak!),
      };
    });
  const summary: RunSummary = { info, results, counts, durationMs: performance.now() - started, canaries };
  for (const r of reporters) await r.onRunEnd?.(summary);
  return summary;
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

function markKnown(r: RuleResult, known: KnownFailures | undefined): RuleResult {
  const why = known?.get(r.ruleId);
  if (!why) return r;
  if (r.outcome === "FAIL") return { ...r, knownFailure: why };
  if (r.outcome === "PASS")
    return { ...r, unexpectedPass: true, reason: `listed as a known failure (${why}) but passed: remove it from the list` };
  return r;
}
