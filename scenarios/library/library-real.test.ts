import { describe, expect, it } from "vitest";
import { loadScenarios } from "../format/index.ts";
import { runScenario, type RunResult } from "../runner/index.ts";

const library = await loadScenarios("scenarios/library");

/** Verdict and finding codes (allowed ones marked): what must not depend on the geometry. */
const outcome = (r: RunResult) => ({
  verdict: r.verdict,
  findings: r.findings.map((f) => `${f.code}${f.allowedBecause ? " (allowed)" : ""}`).sort(),
});

/**
 * Each library scenario once at `cbh chaos run`'s default geometry (real: 1 GiB per GB, 50 MiB
 * objects), seed 1, releases alternating over the library so both are covered: same verdict and
 * findings as at small geometry. The seed sweeps stay at small (`library.test.ts`).
 */
describe("chaos scenario library at real geometry", () => {
  it.each(library.map((s, i) => [s.name, s, s.releases[i % s.releases.length]!] as const))(
    "%s: same verdict and findings as at small geometry",
    async (_name, s, release) => {
      const real = await runScenario(s, 1, release);
      expect(real.geometry).toBe("real");
      const small = await runScenario(s, 1, release, { geometry: "small" });
      expect(outcome(real), real.replay).toEqual(outcome(small));
      expect(real.verdict, JSON.stringify(real.findings)).toBe("PASS");
    },
  );
});
