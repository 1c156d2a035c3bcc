export { runScenario, type ScenarioRunOptions } from "./run-scenario.ts";
export { sweepSeeds, parseSeedRange, nondeterminism, type SweepOptions } from "./seed-sweep.ts";
export { replayCommand, failing, type RunResult } from "./run-result.ts";
export { FINDING_CODES, type Finding, type FindingCode } from "./finding.ts";
