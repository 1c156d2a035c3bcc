import type { DriverCapabilities } from "../../sim/driver/backup-driver.ts";
import type { TraceStep } from "../driver/trace-recorder.ts";
import type { DriverException } from "./driver-exceptions.ts";
import type { CinderIdentity } from "../driver/driver-under-test.ts";
import type { SuitePlan } from "./suite-plan.ts";

/**
 * PASS: the rule held. FAIL: it was broken (or the driver crashed). SKIP: the driver declares it
 * lacks a capability the rule needs (never a pass). NA: the harness cannot apply the rule to
 * this driver (no chunked format to inspect, no simulated cloud) — mint's "NotImplemented".
 */
export type Outcome = "PASS" | "FAIL" | "SKIP" | "NA";

export interface RuleResult {
  driver: string;
  ruleId: string;
  area: string;
  title: string;
  source: string;
  outcome: Outcome;
  durationMs: number;
  /** Why it failed, was skipped or is not applicable. */
  reason?: string;
  expected?: string;
  actual?: string;
  /** One command that reruns exactly this case. */
  replay: string;
  /** Calls between manager, driver, store and volume (failures only). */
  trace?: TraceStep[];
  /** FAIL: the first exception a driver method raised during the rule (method, name, message, stack). */
  driverException?: DriverException;
  /** What the rule observed of the driver's behaviour (e.g. retries under store faults), pass or fail. */
  observed?: string[];
  /** Model-based runs: the shrunk command list. */
  counterexample?: string[];
  /** FAIL listed in the driver's known failures (this reason): does not fail the run. */
  knownFailure?: string;
  /** PASS although listed as a known failure: fails the run until the entry is removed. */
  unexpectedPass?: boolean;
}

export interface DriverInfo {
  id: string;
  label: string;
  capabilities: DriverCapabilities;
  /** For canaries: the rule the canary is expected to break. */
  expectedToBreak?: string;
  /** The real cinder release and version the driver ran on (the matrix's release axis). */
  cinder?: CinderIdentity;
}

export interface RuleInfo {
  id: string;
  area: string;
  title: string;
}

export interface RunInfo {
  startedAt: string;
  seed: number;
  /** Harness package version and git commit (when run from a checkout). */
  harness?: { version: string; gitSha: string | null };
  drivers: DriverInfo[];
  rules: RuleInfo[];
  /** `--shard I/N` only: this process's part, and how many rule results it reports. */
  shard?: { index: number; count: number };
  ruleResults?: number;
}

export type OutcomeCounts = Record<Outcome, number>;

export interface CanaryVerdict {
  canary: string;
  expectedToBreak: string;
  /** Rules that failed on the canary. */
  caughtBy: string[];
  /** At least one rule failed: the canary did not pass. */
  caught: boolean;
  /** Its named rule was among them. */
  caughtByExpected: boolean;
}

export interface RunSummary {
  info: RunInfo;
  results: RuleResult[];
  counts: Record<string, OutcomeCounts>;
  durationMs: number;
  canaries: CanaryVerdict[];
  /**
   * The units this run was split into (suite-plan.ts) and each one's own result, before known
   * failures were applied: what a shard's report records so `cbh report merge` can join shards.
   */
  units?: {
    plan: SuitePlan;
    results: UnitRecord[];
    /** Per driver id: `[rule id, reason]` of its known failures. */
    knownFailures: Record<string, Array<[string, string]>>;
  };
}

/** One unit's result; `slot` is its place in the whole plan (`plan.units`). */
export interface UnitRecord {
  slot: number;
  result: RuleResult;
}

export function emptyCounts(): OutcomeCounts {
  return { PASS: 0, FAIL: 0, SKIP: 0, NA: 0 };
}
