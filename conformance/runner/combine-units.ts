import type { RuleResult } from "./result.ts";

/**
 * One rule result from the results of its units, in run order. A rule that is one unit is that
 * unit's result. A perRun rule is its first failing run (as one fast-check check stops and
 * shrinks there) or a PASS; its duration is the sum of the runs up to that point. No result when
 * no unit of the rule ran here (a shard holding none of them).
 */
export function combineUnits(units: readonly RuleResult[]): RuleResult | null {
  if (units.length === 0) return null;
  if (units.length === 1) return units[0]!;
  const failed = units.findIndex((r) => r.outcome !== "PASS");
  const upTo = failed < 0 ? units : units.slice(0, failed + 1);
  const durationMs = upTo.reduce((n, r) => n + r.durationMs, 0);
  return { ...(failed < 0 ? units[0]! : units[failed]!), durationMs };
}
