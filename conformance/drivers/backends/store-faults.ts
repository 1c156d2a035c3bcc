import type { FaultPlan, ProxiedRequest } from "../../../lib/backends/fault-proxy/index.ts";

/**
 * Faults between a driver under test and its store (the fault proxy in front of Swift, S3 or GCS):
 * the `faults.*` rules set a plan, run the driver, and read what the proxy saw.
 */
export interface StoreFaults {
  /** `the fault proxy in front of radosgw's S3 API`, for reports. */
  readonly label: string;
  /** The plan for the driver instances created from now on (null: no faults, the suite's fast retry options). */
  use(plan: FaultPlan | null): void;
  /** Requests since the last `use`, in arrival order. */
  log(): readonly ProxiedRequest[];
}
