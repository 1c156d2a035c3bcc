import { describe, expect, it } from "vitest";
import { throughput, throughputText } from "./throughput.ts";

describe("the throughput figure of a cbh diff run", () => {
  it("is the same operations over each side's summed seconds; a stopped sequence is left out", () => {
    const t = throughput(
      [
        { ran: [0, 1, 2, 3], simMs: 100, targetMs: 4000 },
        { ran: [0, 1, 2, 3, 4, 5], simMs: 150, targetMs: 6000 },
        { ran: [0, 1], simMs: 10, targetMs: 99_000, aborted: { index: 1 } },
      ],
      3,
      5_432,
    );
    expect(t).toEqual({
      operations: 10,
      lanes: 3,
      wallSeconds: 5.432,
      simulator: { seconds: 0.25, opsPerSecond: 40 },
      target: { seconds: 10, opsPerSecond: 1 },
      speedup: 40,
    });
    expect(throughputText(t, "bundled")).toBe(
      "throughput: 10 operations; simulator 40 ops/s (0.25 s), bundled 1 ops/s (10 s): simulator 40× faster; 3 lanes, run wall time 5.432 s",
    );
  });

  it("reports 0 ops/s, not Infinity, for a run with no finished sequence", () => {
    expect(throughput([], 1, 0)).toMatchObject({ operations: 0, simulator: { opsPerSecond: 0 }, target: { opsPerSecond: 0 }, speedup: 0 });
  });
});
