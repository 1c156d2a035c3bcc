export { checkStatuses } from "./status-expectations.ts";
export { checkCloudInvariants } from "./invariant-checks.ts";
export { checkOrphans } from "./orphans.ts";
export { checkTraceExpectations } from "./trace-expectations.ts";
export { checkDataLoss } from "./data-loss.ts";
