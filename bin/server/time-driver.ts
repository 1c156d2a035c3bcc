import type { ServedCloud } from "./served-cloud.ts";
import { SerialQueue } from "./serial-queue.ts";
import { ServerError } from "./server-errors.ts";

/**
 * How virtual time moves while serving.
 * - `settle` (default): after each answered request the cloud settles, so asynchronous work is
 *   done before the client's next poll.
 * - `scaled`: a background ticker advances virtual time at `timeScale` × wall time; requests
 *   do not settle, so a client can observe `creating`/`restoring` and cancel.
 */
export interface TimeDriver {
  readonly mode: "settle" | "scaled";
  /** Runs a handler; if it waits on virtual time (e.g. a restore polling its new volume), drives time until it resolves. */
  during<T>(work: () => Promise<T>): Promise<T>;
  /** Called once a response has been sent. */
  afterRequest(): Promise<void>;
  /** `POST /sim/v1/time/advance`. */
  advance(ms: number): Promise<void>;
  stop(): void;
}

const nextMacrotask = (): Promise<"tick"> => new Promise((r) => setImmediate(() => r("tick")));

/** Rounds of settle (then 1 s advance) before a stuck handler is given up on. */
const MAX_PUMP_ROUNDS = 10_000;

async function pump<T>(cloud: ServedCloud, work: () => Promise<T>): Promise<T> {
  const state: { done: boolean; ok: boolean; value?: T; error?: unknown } = { done: false, ok: false };
  const p = work().then(
    (value) => Object.assign(state, { done: true, ok: true, value }),
    (error: unknown) => Object.assign(state, { done: true, ok: false, error }),
  );
  for (let round = 0; ; round++) {
    await Promise.race([p, nextMacrotask()]);
    if (state.done) {
      if (state.ok) return state.value as T;
      throw state.error;
    }
    if (round >= MAX_PUMP_ROUNDS) throw new ServerError("CBH_STUCK", 500, "The request did not complete in virtual time.");
    const before = cloud.now();
    await cloud.settle();
    if (cloud.now() === before) await cloud.advance(1000);
  }
}

export function settleDriver(cloud: ServedCloud): TimeDriver {
  return {
    mode: "settle",
    during: (work) => pump(cloud, work),
    afterRequest: () => cloud.settle(),
    advance: (ms) => cloud.advance(ms),
    stop: () => undefined,
  };
}

export function scaledDriver(cloud: ServedCloud, timeScale: number, tickMs = 20, now: () => number = Date.now): TimeDriver {
  const clock = new SerialQueue(2);
  let last = now();
  // Virtual milliseconds owed but not yet advanced (ticks are worth fractions of a ms at small scales).
  let owed = 0;
  let stopped = false;
  const timer = setInterval(() => {
    const t = now();
    owed += Math.max(0, t - last) * timeScale;
    last = t;
    if (clock.pending > 0 || owed < 1) return;
    const ms = Math.floor(owed);
    owed -= ms;
    clock.run(() => cloud.advance(ms)).catch((e: unknown) => process.stderr.write(`cbh serve: time advance failed: ${String(e)}\n`));
  }, tickMs);
  timer.unref();
  return {
    mode: "scaled",
    during: (work) => work(),
    afterRequest: async () => undefined,
    advance: (ms) => clock.run(() => cloud.advance(ms)),
    stop: () => {
      if (!stopped) clearInterval(timer);
      stopped = true;
    },
  };
}
