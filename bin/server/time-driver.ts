import type { ServedCloud } from "./served-cloud.ts";
import type { SerialQueue } from "./serial-queue.ts";

/**
 * How virtual time moves while serving. Every API operation drives the simulation itself as far
 * as it needs to answer (`sim/api/cinder-operations.ts` runs the scheduler until the operation's
 * process finishes); what differs is the work it cast and left running:
 * - `settle` (default): after each answered request the cloud settles, so asynchronous work is
 *   done before the client's next poll.
 * - `scaled`: a background ticker advances virtual time at `timeScale` × wall time; requests do
 *   not settle, so a client can observe `creating`/`restoring` and cancel.
 * The scheduler is not re-entrant, so ticks go through the server's request queue: a tick never
 * runs while a request is being handled, and the other way round.
 */
export interface TimeDriver {
  readonly mode: "settle" | "scaled";
  /** Called once a response has been sent, still inside the request's turn in the queue. */
  afterRequest(): Promise<void>;
  /** `POST /sim/v1/time/advance`; called inside the request's turn in the queue. */
  advance(ms: number): Promise<void>;
  stop(): void;
}

export function settleDriver(cloud: ServedCloud): TimeDriver {
  return {
    mode: "settle",
    afterRequest: () => cloud.settle(),
    advance: (ms) => cloud.advance(ms),
    stop: () => undefined,
  };
}

export function scaledDriver(
  cloud: ServedCloud,
  timeScale: number,
  queue: SerialQueue,
  tickMs = 20,
  now: () => number = Date.now,
): TimeDriver {
  let last = now();
  // Virtual milliseconds owed but not yet advanced (ticks are worth fractions of a ms at small scales).
  let owed = 0;
  let tickQueued = false;
  const timer = setInterval(() => {
    const t = now();
    owed += Math.max(0, t - last) * timeScale;
    last = t;
    if (tickQueued || owed < 1) return;
    tickQueued = true;
    queue
      .run(async () => {
        const ms = Math.floor(owed);
        owed -= ms;
        await cloud.advance(ms);
      })
      .catch((e: unknown) => process.stderr.write(`cbh serve: time advance failed: ${String(e)}\n`))
      .finally(() => {
        tickQueued = false;
      });
  }, tickMs);
  timer.unref();
  return {
    mode: "scaled",
    afterRequest: async () => undefined,
    advance: (ms) => cloud.advance(ms),
    stop: () => clearInterval(timer),
  };
}
