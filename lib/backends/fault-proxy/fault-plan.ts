import type { StoreFault } from "./store-fault.ts";

/**
 * Which object requests get which fault, from a seed: request `i` (in arrival order, counting only
 * object requests) draws from a splitmix32 stream of the seed, so a plan replays the same faults
 * for the same request sequence.
 */
export interface FaultPlan {
  seed: number;
  /** Share of object requests that get a fault, 0..1. */
  rate: number;
  /** Drawn uniformly for each faulted request. */
  faults: readonly StoreFault[];
  /** Object requests let through before any fault (e.g. to fail a backup halfway). */
  after?: number;
  /** Only these methods are faulted (default: all). */
  methods?: readonly string[];
  /** `latency` delay, ms (default 300). */
  latencyMs?: number;
}

/** The fault for object request `index` (0-based) under `plan`, or null. */
export function faultFor(plan: FaultPlan, index: number, method: string): StoreFault | null {
  if (index < (plan.after ?? 0)) return null;
  if (plan.methods && !plan.methods.includes(method)) return null;
  if (plan.faults.length === 0 || plan.rate <= 0) return null;
  const r1 = splitmix32(plan.seed * 0x9e3779b1 + index * 2);
  if (r1 >= plan.rate) return null;
  const r2 = splitmix32(plan.seed * 0x9e3779b1 + index * 2 + 1);
  return plan.faults[Math.min(plan.faults.length - 1, Math.floor(r2 * plan.faults.length))]!;
}

/** A uniform draw in [0, 1) from a 32-bit key (splitmix32 finaliser). */
function splitmix32(key: number): number {
  let z = (key + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  z ^= z >>> 16;
  return (z >>> 0) / 2 ** 32;
}
