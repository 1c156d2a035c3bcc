export type * from "./scenario.ts";
export { ScenarioError } from "./scenario-error.ts";
export { parseScenario, parseScenarioSafe, MAX_SCENARIO_BYTES } from "./parse-scenario.ts";
export { loadScenario, loadScenarios } from "./load-scenarios.ts";
export { expectationFor } from "./parse-expect.ts";
export { formatMs, formatSpan, parseDuration } from "./duration.ts";
