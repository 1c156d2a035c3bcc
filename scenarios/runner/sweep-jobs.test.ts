import { describe, expect, it } from "vitest";
import { loadScenario, parseScenario } from "../format/index.ts";
import { sweepSeeds, type RunResult, type SweepOptions } from "./index.ts";

/** Everything of a result except the wall-clock time it took. */
const same = (rs: readonly RunResult[]) => rs.map(({ wallMs: _w, ...r }) => r);

describe("seed sweep on worker threads (--jobs)", () => {
  it("gives the same runs, verdicts, trace hashes, traces, progress order and stop point as --jobs 1", async () => {
    const canary = await loadScenario("scenarios/canary/lost-chunk.yaml");
    const lost = await loadScenario("scenarios/library/lost-continue-backup.yaml");
    for (const keepGoing of [true, false]) {
      const o: SweepOptions = {
        seeds: { from: 1, to: 3 },
        releases: ["zed", "master"],
        geometry: "small",
        keepGoing,
        checkDeterminism: true,
      };
      const order = (jobs: number) => {
        const seen: string[] = [];
        return {
          seen,
          run: sweepSeeds([lost, canary], {
            ...o,
            jobs,
            onResult: (r, done, total) => seen.push(`${done}/${total} ${r.scenario} ${r.release} ${r.seed} ${r.verdict}`),
          }),
        };
      };
      const one = order(1);
      const two = order(2);
      const [a, b] = [await one.run, await two.run];
      expect(b.stopped).toBe(a.stopped);
      expect(same(b.results)).toEqual(same(a.results));
      expect(two.seen).toEqual(one.seen);
      expect(a.results.some((r) => r.verdict === "FAIL")).toBe(true);
      expect(a.stopped).toBe(!keepGoing);
    }
  }, 300_000);

  it("reports an error raised in a worker as the sweep's error", async () => {
    const lost = await loadScenario("scenarios/library/lost-continue-backup.yaml");
    const broken = { ...lost, topology: { zones: [] } };
    await expect(sweepSeeds([broken], { seeds: { from: 1, to: 2 }, releases: ["zed"], geometry: "small", jobs: 2 })).rejects.toThrow(
      /at least one zone/,
    );
  }, 120_000);

  it("runs scenarios that have no file of their own (parsed from text) on workers too", async () => {
    const text = (await import("node:fs/promises")).readFile("scenarios/library/lost-continue-backup.yaml", "utf8");
    const parsed = parseScenario(await text, "scenarios/inline/not-a-file.yaml");
    const o: SweepOptions = { seeds: { from: 1, to: 2 }, releases: ["zed"], geometry: "small" };
    const [one, two] = [await sweepSeeds([parsed], o), await sweepSeeds([parsed], { ...o, jobs: 2 })];
    expect(same(two.results)).toEqual(same(one.results));
  }, 120_000);
});
