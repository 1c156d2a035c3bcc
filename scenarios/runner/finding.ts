import type { Finding as CheckFinding } from "../../sim/check/index.ts";
import type { Where } from "../format/index.ts";

/** Stable codes of what a chaos run can find (the `code` of every finding); `checker-crashed`: a check threw (verdict unknown). */
export const FINDING_CODES = [
  "data-loss",
  "stuck-state",
  "quota-drift",
  "unexpected-status",
  "expectation-failed",
  "orphan-objects",
  "fault-not-fired",
  "nondeterminism",
  "checker-crashed",
] as const;
export type FindingCode = (typeof FINDING_CODES)[number];

/** A chaos finding: the checker shape's `{ code, subject, message }` plus where it points in the scenario and trace. */
export interface Finding extends CheckFinding {
  readonly code: FindingCode;
  readonly message: string;
  /** Scenario ref (`b1`) and cloud id the finding is about, when there is one. */
  readonly ref?: string;
  readonly subject?: string;
  /** Scenario line the finding comes from (an expectation, a step, a fault). */
  readonly where?: Where;
  /** Trace position of the event closest to the finding (for the report's excerpt). */
  readonly traceSeq?: number;
  /** Set when an `allow:` entry of the scenario explains it (it then does not fail the run). */
  readonly allowedBecause?: string;
}
