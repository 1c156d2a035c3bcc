import type { Release } from "../../sim/cloud/index.ts";
import type { ChaosGeometry } from "./chaos-geometry.ts";
import type { Scenario } from "../format/index.ts";

/** What the main thread sends a sweep worker: one run, by scenario file (plain, cloneable data). */
export interface SweepTask {
  readonly file: string;
  readonly release: Release;
  readonly seed: number;
  readonly checkDeterminism: boolean;
  readonly geometry: ChaosGeometry;
}

/**
 * What every sweep worker gets once: the plan's scenarios, as parsed in the main thread (plain data),
 * so a worker neither reads nor parses the YAML again (≈ 0.2 CPU-s for the library in a fresh thread)
 * and a scenario that has no file of its own (parsed from text) runs there too.
 */
export interface SweepInit {
  readonly scenarios: readonly Scenario[];
}
