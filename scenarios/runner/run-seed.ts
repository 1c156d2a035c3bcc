import type { Release } from "../../sim/cloud/index.ts";
import { DEFAULT_CHAOS_GEOMETRY, type ChaosGeometry } from "./chaos-geometry.ts";
import type { Scenario } from "../format/index.ts";
import type { RunResult } from "./run-result.ts";
import { runScenario } from "./run-scenario.ts";
import { nondeterminism } from "./nondeterminism.ts";

/**
 * One run of a sweep, the same in the main thread (`--jobs 1`) and in a worker: run the seed,
 * optionally run it again and compare trace hashes (madsim's determinism check), and drop the
 * trace of a passing run to keep memory flat.
 */
export async function runSeed(
  s: Scenario,
  seed: number,
  release: Release,
  checkDeterminism: boolean,
  geometry: ChaosGeometry = DEFAULT_CHAOS_GEOMETRY,
): Promise<RunResult> {
  let res = await runScenario(s, seed, release, { geometry });
  if (checkDeterminism) {
    const again = await runScenario(s, seed, release, { geometry });
    if (again.traceHash !== res.traceHash)
      res = { ...res, verdict: "FAIL", findings: [...res.findings, nondeterminism(res.trace, again.trace)] };
  }
  if (res.verdict === "PASS") res.trace = [];
  return res;
}
