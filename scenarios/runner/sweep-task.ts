import type { Release } from "../../sim/cloud/index.ts";
import type { ChaosGeometry } from "./chaos-geometry.ts";

/** What the main thread sends a sweep worker: one run, by scenario file (plain, cloneable data). */
export interface SweepTask {
  readonly file: string;
  readonly release: Release;
  readonly seed: number;
  readonly checkDeterminism: boolean;
  readonly geometry: ChaosGeometry;
}
