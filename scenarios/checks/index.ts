export { statusChecker } from "./status-expectations.ts";
export { cloudInvariantChecker } from "./invariant-checks.ts";
export { orphanChecker } from "./orphans.ts";
export { traceExpectationChecker } from "./trace-expectations.ts";
export { dataLossChecker } from "./data-loss.ts";
