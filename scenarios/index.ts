/** Chaos scenarios for edge/DCN sites: format, runner, checks (reports: reports/chaos/; see docs/chaos.md). */
export * from "./format/index.ts";
export * from "./runner/index.ts";
export * from "./checks/index.ts";
