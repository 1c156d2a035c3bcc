import { EventQueue, PARKS, type EventOutcome, type ScheduledEvent } from "./event-queue.ts";
import type { VirtualClock } from "./virtual-clock.ts";

/**
 * Discrete-event scheduler with cooperative processes (like SimPy, on async/await).
 *
 * Exactly one process runs at a time. A process gives the scheduler back control only by
 * waiting on a scheduler primitive (`sleep`, `Signal.wait`, `Process.join`, `Semaphore.acquire`);
 * while it awaits anything else (real I/O of a driver under test) virtual time stands still and
 * nothing else runs. So a run is a pure function of the seed and the inputs.
 *
 * Rule for code run as a process: never wait on two things at once (no `Promise.all` over
 * scheduler waits); spawn a process per concurrent activity instead.
 */
export class Scheduler {
  readonly #queue = new EventQueue();
  #seq = 0;
  /** Events that keep the simulation busy (not daemon, not cancelled). */
  #busy = 0;
  /** An event resumed a process and the loop waits for it to park (or end). */
  #awaitingPark = false;
  /** The loop is inside an event's function: a park there just lets the loop go on. */
  #inEvent = false;
  #events = 0;
  #loop: RunLoop | null = null;
  /** `park`, bound once: what a detached process's promise calls when it ends. */
  readonly #parkOnEnd = (): void => this.park();

  constructor(readonly clock: VirtualClock) {}

  /** Events executed so far. */
  get eventCount(): number {
    return this.#events;
  }

  /** Events still pending that are not daemon events (periodic tasks, retries). */
  get pending(): number {
    return this.#busy;
  }

  /**
   * Runs `fn` after `delayMs` of virtual time. Daemon events (periodic tasks) do not keep
   * `run({ untilIdle: true })` going.
   */
  schedule(delayMs: number, label: string, fn: () => EventOutcome, opts?: { daemon?: boolean }): ScheduledEvent {
    const daemon = opts?.daemon === true;
    const ev: ScheduledEvent = {
      at: this.clock.now() + Math.max(0, delayMs),
      seq: this.#seq++,
      label,
      cancelled: false,
      ran: false,
      pos: -1,
      run: fn,
      daemon,
    };
    if (!daemon) this.#busy++;
    this.#queue.push(ev);
    return ev;
  }

  /** Cancels a pending event (an event that already ran is left alone). */
  cancel(ev: ScheduledEvent): void {
    if (ev.cancelled || ev.ran) return;
    ev.cancelled = true;
    if (!ev.daemon) this.#busy--;
    this.#queue.remove(ev);
  }

  /** Starts `body` as a process at the current virtual time (after events already due now). */
  spawn<T>(label: string, body: () => Promise<T>): Process<T> {
    const done = new Signal<ProcessOutcome<T>>(this);
    this.schedule(0, label, () => {
      this.#awaitingPark = true;
      body().then(
        (value) => {
          done.fireNow({ ok: true, value });
          this.park();
        },
        (error: unknown) => {
          done.fireNow({ ok: false, error });
          this.park();
        },
      );
      return PARKS;
    });
    return new Process(label, done);
  }

  /** Waits `ms` of virtual time (inside a process): one event resumes it directly. */
  sleep(ms: number): Promise<void> {
    const p = new Promise<void>((resolve) => {
      this.schedule(ms, "sleep", () => this.resumeWaiter(resolve));
    });
    this.park();
    return p;
  }

  /**
   * Starts a process nobody will join inside the current event (one green thread per RPC
   * message): no outcome is kept. Returns what the event must return.
   */
  runDetached(body: () => Promise<void>): EventOutcome {
    this.#awaitingPark = true;
    body().then(this.#parkOnEnd, this.#parkOnEnd);
    return PARKS;
  }

  /**
   * Tells the loop that the running process is waiting on the scheduler (or ended). Inside an
   * event's own call the loop just goes on; from a process's continuation (a microtask) the
   * loop runs the next events right here, in this call — no promise, no extra microtask.
   */
  park(): void {
    if (!this.#awaitingPark) return;
    this.#awaitingPark = false;
    if (!this.#inEvent) this.#drive();
  }

  /** @internal used by Signal and `sleep`: resolve a waiter and hand it the floor. */
  resumeWaiter(resolve: () => void): EventOutcome {
    this.#awaitingPark = true;
    resolve();
    return PARKS;
  }

  /**
   * Runs events until none is left (or, with `untilIdle`, only daemon events are), virtual time
   * passes `untilMs`, `until()` holds, or `maxEvents` ran.
   */
  async run(opts: RunOptions = {}): Promise<{ events: number; idle: boolean }> {
    if (this.#loop) throw new Error("Scheduler.run is not re-entrant: call it from outside processes");
    try {
      return await new Promise<{ events: number; idle: boolean }>((resolve, reject) => {
        this.#loop = { opts, n: 0, resolve, reject };
        this.#awaitingPark = false;
        this.#drive();
      });
    } finally {
      this.#loop = null;
    }
  }

  /** The loop of `run`: events in order until a stop condition, or until a resumed process is still running. */
  #drive(): void {
    const loop = this.#loop;
    if (!loop) return;
    const opts = loop.opts;
    try {
      for (;;) {
        if (opts.until?.()) return loop.resolve({ events: loop.n, idle: this.#busy === 0 });
        if (opts.untilIdle && this.#busy === 0) return loop.resolve({ events: loop.n, idle: true });
        const next = this.#queue.peek();
        if (!next) {
          if (opts.untilMs !== undefined && opts.untilMs > this.clock.now()) this.clock.advanceTo(opts.untilMs);
          return loop.resolve({ events: loop.n, idle: true });
        }
        if (opts.untilMs !== undefined && next.at > opts.untilMs) {
          this.clock.advanceTo(opts.untilMs);
          return loop.resolve({ events: loop.n, idle: false });
        }
        if (opts.maxEvents !== undefined && loop.n >= opts.maxEvents) return loop.resolve({ events: loop.n, idle: false });
        this.#queue.pop();
        if (next.cancelled) continue;
        if (!next.daemon) this.#busy--;
        next.ran = true;
        this.clock.advanceTo(next.at);
        loop.n++;
        this.#events++;
        this.#inEvent = true;
        let r: EventOutcome;
        try {
          r = next.run();
        } finally {
          this.#inEvent = false;
        }
        if (r === PARKS) {
          // Still running (it awaits a microtask or real I/O): its `park` goes on.
          if (this.#awaitingPark) return;
        } else if (r) {
          r.then(
            () => this.#drive(),
            (e: unknown) => loop.reject(e),
          );
          return;
        }
      }
    } catch (e) {
      loop.reject(e);
    }
  }
}

interface RunOptions {
  untilMs?: number;
  maxEvents?: number;
  untilIdle?: boolean;
  until?: () => boolean;
}

/** The state of one `run` call. */
interface RunLoop {
  readonly opts: RunOptions;
  n: number;
  readonly resolve: (r: { events: number; idle: boolean }) => void;
  readonly reject: (e: unknown) => void;
}

export type ProcessOutcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

/** A one-shot wake-up a process can wait on. Firing before the wait is fine. */
export class Signal<T> {
  #value: { v: T } | null = null;
  #waiter: ((v: T) => void) | null = null;

  constructor(private readonly sched: Scheduler) {}

  get fired(): boolean {
    return this.#value !== null;
  }

  /** The fired value, without waiting. */
  peek(): { v: T } | null {
    return this.#value;
  }

  /** Waits for the value (inside a process): parks unless it already fired. */
  wait(): Promise<T> {
    if (this.#value) return Promise.resolve(this.#value.v);
    if (this.#waiter) throw new Error("Signal already has a waiter");
    const p = new Promise<T>((resolve) => {
      this.#waiter = resolve;
    });
    this.sched.park();
    return p;
  }

  /**
   * Fires as the whole of a dedicated event (a reply, a timeout): the waiter, if any, resumes
   * inside this event. Returns what the event must await.
   */
  fireAsEvent(value: T): EventOutcome {
    if (this.#value) return undefined;
    this.#value = { v: value };
    const w = this.#waiter;
    if (!w) return undefined;
    this.#waiter = null;
    return this.sched.resumeWaiter(() => w(value));
  }

  /** Fires from within the current event: the waiter, if any, resumes in a new event at the same time. */
  fireNow(value: T): void {
    if (this.#value) return;
    this.#value = { v: value };
    const w = this.#waiter;
    if (w) {
      this.#waiter = null;
      this.sched.schedule(0, "wake", () => this.sched.resumeWaiter(() => w(value)));
    }
  }
}

/** A running process: `join()` waits for its outcome (inside another process). */
export class Process<T> {
  constructor(
    readonly label: string,
    private readonly done: Signal<ProcessOutcome<T>>,
  ) {}

  get finished(): boolean {
    return this.done.fired;
  }

  /** The outcome once finished (for callers outside the simulation). */
  settled(): ProcessOutcome<T> | undefined {
    return this.done.peek()?.v;
  }

  async join(): Promise<T> {
    const o = await this.done.wait();
    if (o.ok) return o.value;
    throw o.error;
  }

  /** The outcome, without throwing. */
  outcome(): Promise<ProcessOutcome<T>> {
    return this.done.wait();
  }
}

/** Counting semaphore for processes (`backup_max_operations`, 0 = unlimited). */
export class Semaphore {
  #free: number;
  readonly #queue: Signal<void>[] = [];

  constructor(
    private readonly sched: Scheduler,
    readonly limit: number,
  ) {
    this.#free = limit <= 0 ? Number.POSITIVE_INFINITY : limit;
  }

  get inUse(): number {
    return this.limit <= 0 ? 0 : this.limit - this.#free;
  }

  /** Takes a slot if one is free, without waiting (hot paths: `if (!sem.tryAcquire()) await sem.acquire()`). */
  tryAcquire(): boolean {
    if (this.#free <= 0) return false;
    this.#free--;
    return true;
  }

  async acquire(): Promise<void> {
    if (this.tryAcquire()) return;
    const s = new Signal<void>(this.sched);
    this.#queue.push(s);
    await s.wait();
  }

  release(): void {
    const next = this.#queue.shift();
    if (next) next.fireNow();
    else this.#free++;
  }
}
