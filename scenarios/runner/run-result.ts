import type { Release, TraceEntry } from "../../sim/cloud/index.ts";
import { DEFAULT_CHAOS_GEOMETRY, type ChaosGeometry } from "./chaos-geometry.ts";
import type { Finding } from "./finding.ts";

/** The verdict of one scenario run for one seed and release. */
export interface RunResult {
  readonly scenario: string;
  readonly file: string;
  readonly seed: number;
  readonly release: Release;
  /** Device and object geometry of the run (chaos-geometry.ts). */
  readonly geometry: ChaosGeometry;
  readonly verdict: "PASS" | "FAIL";
  /** Every finding, including those an `allow:` entry explains (they carry `allowedBecause`). */
  readonly findings: Finding[];
  readonly traceHash: string;
  readonly replay: string;
  /** Faults that fired: scenario line, virtual ms since the workload start, what was done. */
  readonly faults: Array<{ line: number; t: number; what: string }>;
  /** Status of every ref when the workload ended (under faults) and at the end (after recovery). */
  readonly statuses: { underFaults: Record<string, string>; final: Record<string, string> };
  readonly virtualMs: number;
  readonly wallMs: number;
  readonly events: number;
  /** The whole trace (dropped by sweeps for passing seeds). */
  trace: readonly TraceEntry[];
}

/** The command that replays one run; `--geometry` only when not the default (a replay must use the run's sizes). */
export function replayCommand(file: string, seed: number, release: Release, geometry: ChaosGeometry = DEFAULT_CHAOS_GEOMETRY): string {
  const g = geometry === DEFAULT_CHAOS_GEOMETRY ? "" : ` --geometry ${geometry}`;
  return `npx cbh chaos run ${file} --seed ${seed} --release ${release}${g}`;
}

export function failing(r: RunResult): Finding[] {
  return r.findings.filter((f) => !f.allowedBecause);
}
