import type { Release, TraceEntry } from "../../sim/cloud/index.ts";
import type { Finding } from "./finding.ts";

/** The verdict of one scenario run for one seed and release. */
export interface RunResult {
  readonly scenario: string;
  readonly file: string;
  readonly seed: number;
  readonly release: Release;
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

export function replayCommand(file: string, seed: number, release: Release): string {
  return `npx cbh chaos run ${file} --seed ${seed} --release ${release}`;
}

export function failing(r: RunResult): Finding[] {
  return r.findings.filter((f) => !f.allowedBecause);
}
