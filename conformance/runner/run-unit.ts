import type { DriverUnderTest } from "../driver/driver-under-test.ts";
import type { PropertyOptions, Rule } from "../rules/rule.ts";
import type { RuleResult } from "./result.ts";
import { runRule } from "./run-rule.ts";

export interface UnitOptions {
  readonly seed: number;
  readonly timeoutMs: number;
  readonly replayPrefix: string;
  readonly cloudAvailable: boolean;
  readonly property: PropertyOptions;
}

/** One unit of a suite (suite-plan.ts), in this thread or a worker: the rule, or run `run` of it. */
export function runUnit(rule: Rule, dut: DriverUnderTest, run: number | undefined, o: UnitOptions): Promise<RuleResult> {
  return runRule(rule, dut, {
    seed: o.seed,
    timeoutMs: o.timeoutMs,
    replayPrefix: o.replayPrefix,
    cloudAvailable: o.cloudAvailable,
    property: run === undefined ? o.property : { ...o.property, run },
  });
}
