import { describe, expect, it } from "vitest";
import { canaryDriver, findCanary } from "../canaries/index.ts";
import { referenceDriver } from "../driver/reference-driver.ts";
import { runModel } from "./model-run.ts";

const canary = (id: string) => canaryDriver(findCanary(id)!, referenceDriver());
const outcome = (r: Awaited<ReturnType<typeof runModel>>) => ({ failed: r.failed, numRuns: r.numRuns, commands: r.commands, path: r.path });

// A model run's device and store bytes come from a reused arena (model-run.ts); two runs that overlap in
// one thread must not share it, and what a run finds must not depend on which one got it.
describe("model runs in one thread's reused memory", () => {
  it("overlapping runs (one with the arena, one without) find what each finds alone", async () => {
    const opts = { seed: 3, numRuns: 4, maxCommands: 10 };
    const aloneRef = outcome(await runModel(referenceDriver(), opts));
    const aloneCanary = outcome(await runModel(canary("leak-on-delete"), opts));
    const [ref, can] = await Promise.all([runModel(referenceDriver(), opts), runModel(canary("leak-on-delete"), opts)]);
    expect(aloneRef.failed).toBe(false);
    expect(aloneCanary.failed).toBe(true);
    expect(outcome(ref)).toEqual(aloneRef);
    expect(outcome(can)).toEqual(aloneCanary);
    // And once more alone, after both released it.
    expect(outcome(await runModel(canary("leak-on-delete"), opts))).toEqual(aloneCanary);
  });
});
