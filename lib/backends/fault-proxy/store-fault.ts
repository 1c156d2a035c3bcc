/**
 * What the fault proxy can do to one request between a backup driver and its object store.
 * `http-500`/`http-503`: the store answers a server error without seeing the request;
 * `throttle`: the store's rate-limit answer (429, or S3's 503 SlowDown); `reset`: the connection
 * drops before any answer; `latency`: the request goes through late; `truncate`: the answer's
 * headers promise the whole body and the connection drops halfway through it.
 */
export const STORE_FAULTS = ["http-500", "http-503", "throttle", "reset", "latency", "truncate"] as const;

export type StoreFault = (typeof STORE_FAULTS)[number];

/** Faults a retrying client gets past; `latency` and `truncate` are the only ones that reach the store. */
export const TRANSIENT_FAULTS: readonly StoreFault[] = ["http-500", "http-503", "throttle", "reset", "latency"];
