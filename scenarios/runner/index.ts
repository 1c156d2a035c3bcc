export { runScenario, type ScenarioRunOptions } from "./run-scenario.ts";
export { sweepSeeds, parseSeedRange, type SweepOptions } from "./seed-sweep.ts";
export { nondeterminism } from "./nondeterminism.ts";
export { runSeed } from "./run-seed.ts";
export { CHAOS_GEOMETRIES, DEFAULT_CHAOS_GEOMETRY, chaosGeometryConfig, isChaosGeometry, type ChaosGeometry } from "./chaos-geometry.ts";
export { describePlan, inShard, parseShard, planIndex, planSize, type PlannedRun, type Shard, type SweepPlan } from "./sweep-plan.ts";
export { replayCommand, failing, type RunResult } from "./run-result.ts";
export { FINDING_CODES, type Finding, type FindingCode } from "./finding.ts";
