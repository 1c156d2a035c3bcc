/** A binary min-heap of scheduled events, ordered by (virtual time, insertion sequence). */
export interface ScheduledEvent {
  readonly at: number;
  readonly seq: number;
  readonly label: string;
  cancelled: boolean;
  /** Set once the loop ran it (a late `cancel` leaves it alone). */
  ran: boolean;
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
    const h = this.#heap;
    h.push(ev);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const parent = h[p]!;
      if (!before(ev, parent)) break;
      h[i] = parent;
      i = p;
    }
    h[i] = ev;
  }

  peek(): ScheduledEvent | undefined {
    return this.#heap[0];
  }

  pop(): ScheduledEvent | undefined {
    const h = this.#heap;
    const top = h[0];
    const last = h.pop();
    const n = h.length;
    if (n > 0 && last) {
      // Sift `last` down from the root (holes filled by the smaller child).
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        const c = r < n && before(h[r]!, h[l]!) ? r : l;
        const child = h[c]!;
        if (!before(child, last)) break;
        h[i] = child;
        i = c;
      }
      h[i] = last;
    }
    return top;
  }
}

function before(a: ScheduledEvent, b: ScheduledEvent): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}
