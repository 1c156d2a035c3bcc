import type { Geometry, Release } from "../../sim/cloud/index.ts";
import type { RunResult } from "./run-result.ts";

/** What the main thread sends a sweep worker: one run, by scenario file (plain, cloneable data). */
export interface SweepTask {
  readonly slot: number;
  readonly file: string;
  readonly release: Release;
  readonly seed: number;
  readonly checkDeterminism: boolean;
  readonly geometry: Geometry;
}

/** What a sweep worker sends back: the run's result, or the error that stopped it. */
export type SweepReply =
  | { readonly slot: number; readonly result: RunResult }
  | { readonly slot: number; readonly error: { readonly message: string; readonly code?: string } };
