export * from "./cinder-quirks.ts";
export * from "./cloud.ts";
export * from "./drivers.ts";
export * from "./errors.ts";
export * from "./op-runner.ts";
export * from "./property-checks.ts";
export * from "./topologies.ts";
