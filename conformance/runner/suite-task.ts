import type { PropertyOptions } from "../rules/rule.ts";
import type { DriverRecipe } from "./driver-recipe.ts";

/** What every suite worker gets once: how to build each driver, and the run's knobs. */
export interface SuiteWorkerInit {
  readonly drivers: ReadonlyArray<{ readonly recipe: DriverRecipe; readonly replayPrefix: string }>;
  readonly seed: number;
  readonly timeoutMs: number;
  readonly property: PropertyOptions;
}

/** One unit: a rule (by id) against driver `driverIndex`, or one run of a perRun rule. */
export interface SuiteTask {
  readonly driverIndex: number;
  readonly rule: string;
  readonly run?: number;
}
