import type { DriverCapabilities } from "../../sim/driver/backup-driver.ts";
import type { SimulatedCloud } from "../../sim/cloud/simulated-cloud.ts";
import type { DriverHarness } from "../driver/driver-harness.ts";
import type { DriverGeometry, DriverUnderTest } from "../driver/driver-under-test.ts";

/** A declared driver capability a rule needs (skipped with the reason when the driver lacks it). */
export type CapabilityRequirement = Exclude<keyof DriverCapabilities, "compression">;

/**
 * What a rule needs beyond capabilities; missing ones make the rule NA (not applicable):
 * `chunked-format` = the store is inspectable through lib/format; `cloud` = the simulated
 * cloud (`CloudBuilder`) is available to run the driver inside the backup manager;
 * `store-faults` = the driver reaches its store through the fault proxy (`dut.storeFaults`).
 */
export type SetupRequirement = "chunked-format" | "cloud" | "store-faults";

/** Knobs of the model-based rules. */
export interface PropertyOptions {
  numRuns: number;
  maxCommands: number;
  /** `--replay SEED:PATH`: rerun exactly that failure, no shrinking. */
  replay?: { seed: number; path: string; replayPath?: string };
  /** Only fast-check run number `run` (0-based) of the seed: one unit of a parallel or sharded suite. */
  run?: number;
}

export interface RuleContext {
  readonly dut: DriverUnderTest;
  readonly seed: number;
  readonly property: PropertyOptions;
  /**
   * A fresh driver harness for this rule (one per call; closed by the runner). `geometry`: the
   * object and sha block sizes to run the driver with (its cinder options) instead of the suite's.
   */
  harness(opts?: { compression?: string; geometry?: DriverGeometry }): Promise<DriverHarness>;
  /** A started simulated cloud whose backup hosts run the driver under test. */
  cloud(opts?: { backupWorkers?: number; config?: Record<string, string | number | boolean> }): Promise<SimulatedCloud>;
  /** Records what the rule saw the driver do (e.g. its retries under faults): reported pass or fail. */
  observe(line: string): void;
}

/** One MUST rule: named after what it demands, grouped by area, citing cinder. */
export interface Rule {
  /** `<area>.<rule-name>`, e.g. `round-trip.object-boundary-plus-one`. */
  readonly id: string;
  readonly area: string;
  /** The MUST sentence. */
  readonly title: string;
  /** cinder function(s) or spec section the rule comes from. */
  readonly source: string;
  readonly requires: readonly CapabilityRequirement[];
  readonly setup: readonly SetupRequirement[];
  /**
   * A property-based rule whose `numRuns` runs are independent units (`PropertyOptions.run`): the
   * suite plans one unit per run, so they spread over `--jobs` and `--shard` (suite-plan.ts).
   */
  readonly perRun?: boolean;
  /**
   * Bytes the rule makes the driver read and write in all, when that is far more than the other
   * rules' few MiB (a 4 GiB+ volume): its timeout grows by their time at the suite's minimum
   * throughput (runner/rule-budget.ts), so a slow-but-working driver is not failed by the clock.
   */
  readonly movesBytes?: number;
  run(t: RuleContext): Promise<void>;
}

export function defineRule(r: Omit<Rule, "area" | "requires" | "setup"> & Partial<Pick<Rule, "requires" | "setup">>): Rule {
  const area = r.id.split(".")[0] ?? r.id;
  if (!/^[a-z0-9-]+\.[a-z0-9-]+$/.test(r.id)) throw new Error(`rule id '${r.id}' must be <area>.<kebab-name>`);
  return Object.freeze({ ...r, area, requires: r.requires ?? [], setup: r.setup ?? [] });
}
