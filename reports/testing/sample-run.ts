import { canaryDriver, findCanary } from "../../conformance/canaries/index.ts";
import { referenceDriver } from "../../conformance/driver/reference-driver.ts";
import type { DriverUnderTest } from "../../conformance/driver/driver-under-test.ts";
import { runSuite, type SuiteOptions } from "../../conformance/runner/run-suite.ts";
import type { RunSummary } from "../../conformance/runner/result.ts";

/**
 * A small real run with every outcome, for the reporters' tests: the reference driver (PASS),
 * the ignore-parent canary (one FAIL, with a trace), a driver without incremental support (SKIP)
 * and one whose store is opaque (NA on the format rule).
 */
export async function sampleRun(extra: Partial<SuiteOptions> = {}): Promise<RunSummary> {
  const ref = referenceDriver();
  const canary = findCanary("ignore-parent")!;
  const noIncr: DriverUnderTest = { ...ref, id: "no-incremental", format: null, capabilities: { ...ref.capabilities, incremental: false } };
  return runSuite({
    drivers: [
      { dut: ref, replayPrefix: "npx cbh conformance --driver ref" },
      { dut: canaryDriver(canary, ref), replayPrefix: `npx cbh conformance --canary ${canary.id}`, expectedToBreak: canary.breaks },
      { dut: noIncr, replayPrefix: "npx cbh conformance --driver ./no-incremental.ts" },
    ],
    rules: "round-trip.one-byte,incremental.stores-only-changed-blocks,format.metadata-md5-matches-data",
    seed: 5,
    ...extra,
  });
}
