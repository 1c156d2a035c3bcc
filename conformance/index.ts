/** The backup-driver conformance suite: driver protocol, harness, rules, canaries, runner. */
export { runConformance, type ConformanceOptions } from "./run-conformance.ts";
export * from "./driver/index.ts";
export * from "./runner/index.ts";
export { allRules, driverRules, defineRule, RuleViolation, isRuleViolation, type Rule, type RuleContext } from "./rules/index.ts";
export { canaries, canarySuiteDrivers, findCanary, canaryDriver, type Canary } from "./canaries/index.ts";
