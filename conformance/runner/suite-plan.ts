import { inShard, stableKey, type Shard } from "../../lib/jobs/index.ts";
import type { PropertyOptions, Rule } from "../rules/rule.ts";

/**
 * One unit of work of a suite: a rule against a driver, or one fast-check run of a `perRun`
 * rule (the model-based run: each of its `numRuns` runs is a unit). Plain data, sent to workers.
 */
export interface SuiteUnit {
  /** The driver's id (reports) and its place in the suite's driver list. */
  readonly driver: string;
  readonly driverIndex: number;
  readonly rule: string;
  /** fast-check run number (0-based) of a perRun rule. */
  readonly run?: number;
}

/** The whole (unsharded) plan, as a report records it so shards can be merged. */
export interface SuitePlan {
  /** Every unit, in the order one thread runs them: driver, rule (catalogue order), run. */
  readonly units: readonly SuiteUnit[];
  readonly shard: Shard | null;
}

/**
 * Units in `--jobs 1` order. A perRun rule that the driver can run (`runs(rule, driverIndex)`,
 * i.e. neither SKIP nor NA) becomes one unit per fast-check run, unless `--replay` reruns one case.
 */
export function planSuite(
  drivers: readonly string[],
  rules: readonly Rule[],
  property: PropertyOptions,
  runs: (rule: Rule, driverIndex: number) => boolean,
): SuiteUnit[] {
  const units: SuiteUnit[] = [];
  drivers.forEach((driver, driverIndex) => {
    for (const r of rules) {
      if (r.perRun && !property.replay && runs(r, driverIndex))
        for (let run = 0; run < property.numRuns; run++) units.push({ driver, driverIndex, rule: r.id, run });
      else units.push({ driver, driverIndex, rule: r.id });
    }
  });
  return units;
}

/** `ref model.random-operation-sequences #3`: what names a unit across machines. */
export function unitKey(u: SuiteUnit): string {
  return `${u.driver} ${u.rule}${u.run !== undefined ? ` #${u.run}` : ""}`;
}

/**
 * Stable partition for `--shard I/N`: a unit belongs to shard `hash(driver, rule, run) mod N`
 * (FNV-1a, lib/jobs), so a rule, or a model run, lands on the same shard whatever else is selected.
 */
export function unitInShard(u: SuiteUnit, shard: Shard | null): boolean {
  return inShard(stableKey(unitKey(u)), shard);
}

/** Units of the same driver and rule (a rule's runs) form one rule result. */
export function sameRule(a: SuiteUnit, b: SuiteUnit): boolean {
  return a.driverIndex === b.driverIndex && a.rule === b.rule;
}
