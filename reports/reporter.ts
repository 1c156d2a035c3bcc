import type { RuleResult, RunInfo, RunSummary } from "../conformance/runner/result.ts";

/**
 * A conformance reporter, in vitest's plugin style: an object with optional lifecycle hooks.
 * Hooks may be async; the runner awaits them in order.
 */
export interface ConformanceReporter {
  readonly name: string;
  onRunStart?(info: RunInfo): void | Promise<void>;
  onRuleResult?(result: RuleResult): void | Promise<void>;
  onRunEnd?(summary: RunSummary): void | Promise<void>;
}

export type { RuleResult, RunInfo, RunSummary };
