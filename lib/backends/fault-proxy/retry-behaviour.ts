import type { ProxiedRequest } from "./proxied-request.ts";
import type { StoreFault } from "./store-fault.ts";

/** How a driver answered injected faults, as observed at the proxy. */
export interface RetryBehaviour {
  objectRequests: number;
  faults: number;
  /** Faulted requests the driver sent again (same method and path, later). */
  retried: number;
  /** Faulted requests never sent again: the driver gave up (or did not need them). */
  abandoned: number;
  byFault: Partial<Record<StoreFault, { injected: number; retried: number }>>;
}

export function retryBehaviour(log: readonly ProxiedRequest[]): RetryBehaviour {
  const out: RetryBehaviour = { objectRequests: 0, faults: 0, retried: 0, abandoned: 0, byFault: {} };
  log.forEach((r, i) => {
    if (!r.object) return;
    out.objectRequests++;
    if (!r.fault || r.fault === "latency") return;
    out.faults++;
    const again = log.slice(i + 1).some((x) => x.method === r.method && x.path === r.path);
    const k = (out.byFault[r.fault] ??= { injected: 0, retried: 0 });
    k.injected++;
    if (again) {
      out.retried++;
      k.retried++;
    } else out.abandoned++;
  });
  return out;
}

/** One line for reports: `12 object requests, 3 faults: 2 retried (503 1/1, reset 1/1), 1 abandoned`. */
export function describeRetryBehaviour(b: RetryBehaviour): string {
  const kinds = Object.entries(b.byFault)
    .map(([k, v]) => `${k} ${v!.retried}/${v!.injected}`)
    .join(", ");
  return `${b.objectRequests} object requests, ${b.faults} faults: ${b.retried} retried${kinds ? ` (${kinds})` : ""}, ${b.abandoned} abandoned`;
}
