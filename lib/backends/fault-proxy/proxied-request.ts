import type { StoreFault } from "./store-fault.ts";

/** One request the proxy saw, in arrival order. */
export interface ProxiedRequest {
  seq: number;
  method: string;
  /** Path and query as the client sent them. */
  path: string;
  /** An object request (the plan's domain) rather than auth, discovery or a bucket call. */
  object: boolean;
  fault: StoreFault | null;
  /** The store's status, or null when the store never answered (a fault answered or dropped it). */
  upstreamStatus: number | null;
}
