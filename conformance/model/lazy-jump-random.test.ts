import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { lazyJumpRandom } from "./lazy-jump-random.ts";

/** The values a check draws for runs `path`.. (numRuns of them), with fast-check's default generator or ours. */
function drawn(seed: number, path: string, numRuns: number, lazy: boolean): unknown[] {
  const seen: unknown[] = [];
  const arb = fc.tuple(fc.integer(), fc.array(fc.string(), { maxLength: 4 }), fc.double());
  fc.check(
    fc.property(arb, (v) => {
      seen.push(v);
      return true;
    }),
    { seed, path, numRuns, ...(lazy ? { randomType: lazyJumpRandom } : {}) },
  );
  return seen;
}

describe("lazyJumpRandom", () => {
  it("draws, run for run, what fast-check's default generator draws: plain checks and runs reached by path, in any order", () => {
    // Runs asked in the order units come (increasing), then going back (the thread's memo is past them), then another seed.
    const asks: Array<[number, number, number]> = [
      [7, 0, 1],
      [7, 3, 1],
      [7, 40, 1],
      [7, 41, 3], // three runs: the generator handed out jumps on after it was computed
      [7, 60, 1], // from the memo of run 41, which those jumps must not have moved
      [7, 5, 1],
      [-9, 12, 2],
      [-9, 30, 1],
      [7, 200, 1],
    ];
    for (const [seed, run, numRuns] of asks)
      expect(drawn(seed, String(run), numRuns, true)).toEqual(drawn(seed, String(run), numRuns, false));
    const plain = (lazy: boolean) => {
      const seen: unknown[] = [];
      fc.check(
        fc.property(fc.integer(), (v) => void seen.push(v)),
        { seed: 3, numRuns: 50, ...(lazy ? { randomType: lazyJumpRandom } : {}) },
      );
      return seen;
    };
    expect(plain(true)).toEqual(plain(false));
  });

  it("replays a shrunk counterexample's path as the default generator does", () => {
    const fails = (lazy: boolean) =>
      fc.check(
        fc.property(fc.array(fc.nat()), (a) => a.reduce((x, y) => x + y, 0) < 100),
        { seed: 11, numRuns: 200, ...(lazy ? { randomType: lazyJumpRandom } : {}) },
      );
    const a = fails(true);
    const b = fails(false);
    expect(a.failed).toBe(true);
    expect([a.counterexample, a.counterexamplePath, a.numShrinks]).toEqual([b.counterexample, b.counterexamplePath, b.numShrinks]);
    const replay = fc.check(
      fc.property(fc.array(fc.nat()), (x) => x.reduce((p, q) => p + q, 0) < 100),
      { seed: 11, path: a.counterexamplePath!, randomType: lazyJumpRandom },
    );
    expect(replay.counterexample).toEqual(b.counterexample);
  });
});
