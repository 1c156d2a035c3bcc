/** A binary min-heap of scheduled events, ordered by (virtual time, insertion sequence). */
export interface ScheduledEvent {
  readonly at: number;
  readonly seq: number;
  readonly label: string;
  cancelled: boolean;
  /** Set once the loop ran it (a late `cancel` leaves it alone). */
  ran: boolean;
  /** Slot in the queue's heap, −1 once out of it. */
  pos: number;
  readonly daemon: boolean;
  readonly run: () => EventOutcome;
}

/**
 * What an event's function returns: nothing (it is done), a promise the loop awaits, or
 * `PARKS` — it resumed a process, and the loop goes on when that process parks (`Scheduler.park`).
 */
export type EventOutcome = void | Promise<void> | typeof PARKS;

/** The outcome of an event that resumed a process (see `EventOutcome`). */
export const PARKS: unique symbol = Symbol("parks");

export class EventQueue {
  readonly #heap: ScheduledEvent[] = [];

  get size(): number {
    return this.#heap.length;
  }

  push(ev: ScheduledEvent): void {
    this.#heap.push(ev);
    this.#up(this.#heap.length - 1, ev);
  }

  peek(): ScheduledEvent | undefined {
    return this.#heap[0];
  }

  pop(): ScheduledEvent | undefined {
    const h = this.#heap;
    const top = h[0];
    const last = h.pop();
    if (top) top.pos = -1;
    if (h.length > 0 && last) this.#down(0, last);
    return top;
  }

  /**
   * Takes a pending event out (a cancelled RPC timeout): cancelled timers would otherwise stay
   * in the heap for `rpc_response_timeout` of virtual time, thousands of them in a long run.
   */
  remove(ev: ScheduledEvent): void {
    const h = this.#heap;
    const i = ev.pos;
    if (i < 0 || h[i] !== ev) return;
    ev.pos = -1;
    const last = h.pop()!;
    if (i === h.length) return;
    // `last` fills the hole, then moves up or down (the order of the others is unchanged).
    if (i > 0 && before(last, h[(i - 1) >> 1]!)) this.#up(i, last);
    else this.#down(i, last);
  }

  /** Sifts `ev` up from slot `i`. */
  #up(i: number, ev: ScheduledEvent): void {
    const h = this.#heap;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const parent = h[p]!;
      if (!before(ev, parent)) break;
      h[i] = parent;
      parent.pos = i;
      i = p;
    }
    h[i] = ev;
    ev.pos = i;
  }

  /** Sifts `ev` down from slot `i` (holes filled by the smaller child). */
  #down(i: number, ev: ScheduledEvent): void {
    const h = this.#heap;
    const n = h.length;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && before(h[r]!, h[l]!) ? r : l;
      const child = h[c]!;
      if (!before(child, ev)) break;
      h[i] = child;
      child.pos = i;
      i = c;
    }
    h[i] = ev;
    ev.pos = i;
  }
}

function before(a: ScheduledEvent, b: ScheduledEvent): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}
