import type { CanaryVerdict, Outcome, RuleResult, RunInfo, RunSummary } from "./result.ts";

/**
 * A conformance reporter, in vitest's plugin style (its `Reporter` lives with its core, in
 * `packages/vitest/src/node/types/reporter.ts`): an object with optional lifecycle hooks. The
 * runner owns this interface; `reports/conformance/` implements it and the CLI chooses which
 * reporters a run gets. Hooks may be async; the runner awaits them in order.
 */
export interface ConformanceReporter {
  readonly name: string;
  onRunStart?(info: RunInfo): void | Promise<void>;
  onRuleResult?(result: RuleResult): void | Promise<void>;
  onRunEnd?(summary: RunSummary): void | Promise<void>;
}

export type { CanaryVerdict, Outcome, RuleResult, RunInfo, RunSummary };
