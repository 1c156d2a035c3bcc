/** A binary min-heap of scheduled events, ordered by (virtual time, insertion sequence). */
export interface ScheduledEvent {
  readonly at: number;
  readonly seq: number;
  readonly label: string;
  cancelled: boolean;
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
      if (!before(h[i]!, h[p]!)) break;
      [h[i], h[p]] = [h[p]!, h[i]!];
      i = p;
    }
  }

  peek(): ScheduledEvent | undefined {
    return this.#heap[0];
  }

  pop(): ScheduledEvent | undefined {
    const h = this.#heap;
    const top = h[0];
    const last = h.pop();
    if (h.length > 0 && last) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1,
          r = l + 1;
        let m = i;
        if (l < h.length && before(h[l]!, h[m]!)) m = l;
        if (r < h.length && before(h[r]!, h[m]!)) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m]!, h[i]!];
        i = m;
      }
    }
    return top;
  }
}

function before(a: ScheduledEvent, b: ScheduledEvent): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}
