export { FaultProxy } from "./fault-proxy.ts";
export { faultFor, type FaultPlan } from "./fault-plan.ts";
export type { ProxiedRequest } from "./proxied-request.ts";
export { describeRetryBehaviour, retryBehaviour, type RetryBehaviour } from "./retry-behaviour.ts";
export { STORE_FAULTS, TRANSIENT_FAULTS, type StoreFault } from "./store-fault.ts";
export { faultAnswer, isObjectRequest, type StoreDialect } from "./store-dialect.ts";
