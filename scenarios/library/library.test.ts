import { describe, expect, it } from "vitest";
import { loadScenarios } from "../format/index.ts";
import { failing, runScenario } from "../runner/index.ts";

const library = await loadScenarios("scenarios/library");
/** The sweep runs at small geometry (about 0.1 s a run); `real-geometry.test.ts` runs each scenario once at real. */
const SMALL = { geometry: "small" } as const;

describe("chaos scenario library", () => {
  it("holds at least 8 scenarios, each with references and a per-release outcome", () => {
    expect(library.length).toBeGreaterThanOrEqual(8);
    for (const s of library) {
      expect(s.references.length, s.name).toBeGreaterThan(0);
      for (const r of s.releases) expect(s.outcome[r], `${s.name} ${r}`).toBeTruthy();
    }
  });

  describe.each(library.map((s) => [s.name, s] as const))("%s", (_name, s) => {
    it.each(s.releases.flatMap((r) => [1, 2].map((seed) => [r, seed] as const)))("passes on %s, seed %i", async (release, seed) => {
      const r = await runScenario(s, seed, release, SMALL);
      expect(
        failing(r).map((f) => `${f.code}: ${f.message}`),
        r.replay,
      ).toEqual([]);
      expect(r.verdict).toBe("PASS");
      const faults = s.faults.filter((f) => !f.optional).length;
      expect(r.faults.length).toBeGreaterThanOrEqual(faults);
    });
  });
});
