import { serveTasks } from "../../lib/jobs/index.ts";
import type { DriverUnderTest } from "../driver/driver-under-test.ts";
import { allRules } from "../rules/index.ts";
import { cloudAvailable } from "./cloud-factory.ts";
import { driverFromRecipe } from "./driver-recipe.ts";
import type { RuleResult } from "./result.ts";
import { runUnit } from "./run-unit.ts";
import type { SuiteTask, SuiteWorkerInit } from "./suite-task.ts";

/**
 * A conformance worker thread (lib/jobs' ordered pool starts it through tsx, so third-party
 * TypeScript drivers load here as in the main thread): builds each driver once from its recipe and
 * runs the units it is sent. The main thread orders the results by plan position.
 */
const drivers = new Map<number, Promise<DriverUnderTest>>();
const cloud = cloudAvailable();

serveTasks<SuiteTask, RuleResult, SuiteWorkerInit>(async (t, init) => {
  const rule = allRules.find((r) => r.id === t.rule);
  if (!rule) throw new Error(`rule '${t.rule}' is not in this worker's catalogue`);
  let dut = drivers.get(t.driverIndex);
  if (!dut) drivers.set(t.driverIndex, (dut = driverFromRecipe(init.drivers[t.driverIndex]!.recipe)));
  return runUnit(rule, await dut, t.run, {
    seed: init.seed,
    timeoutMs: init.timeoutMs,
    replayPrefix: init.drivers[t.driverIndex]!.replayPrefix,
    cloudAvailable: cloud,
    property: init.property,
  });
});
