export * from "./result.ts";
export * from "./rule-filter.ts";
export * from "./run-rule.ts";
export * from "./run-suite.ts";
export * from "./cloud-factory.ts";
export * from "./known-failures.ts";
export type { ConformanceReporter } from "./reporter.ts";
