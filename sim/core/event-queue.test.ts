import { describe, expect, it } from "vitest";
import { EventQueue, type ScheduledEvent } from "./event-queue.ts";
import { PrngStream } from "./prng.ts";

function event(at: number, seq: number): ScheduledEvent {
  return { at, seq, label: `e${seq}`, cancelled: false, ran: false, pos: -1, daemon: false, run: () => undefined };
}

describe("EventQueue", () => {
  it("pops by (time, sequence) after random pushes, pops and removals", () => {
    const rng = new PrngStream("queue-test", [1, 2, 3, 4]);
    const q = new EventQueue();
    const live = new Set<ScheduledEvent>();
    const popped: ScheduledEvent[] = [];
    let seq = 0;
    for (let step = 0; step < 20_000; step++) {
      const r = rng.next();
      if (r < 0.5 || live.size === 0) {
        const ev = event(rng.int(0, 50), seq++);
        q.push(ev);
        live.add(ev);
      } else if (r < 0.75) {
        const ev = [...live][rng.int(0, live.size - 1)]!;
        q.remove(ev);
        live.delete(ev);
        expect(ev.pos).toBe(-1);
      } else {
        const ev = q.pop()!;
        const min = [...live].reduce((a, b) => (b.at < a.at || (b.at === a.at && b.seq < a.seq) ? b : a));
        expect(ev).toBe(min);
        live.delete(ev);
        popped.push(ev);
      }
      expect(q.size).toBe(live.size);
    }
    expect(popped.length).toBeGreaterThan(1000);
  });

  it("removing an event that already left the queue does nothing", () => {
    const q = new EventQueue();
    const a = event(1, 0);
    const b = event(2, 1);
    q.push(a);
    q.push(b);
    expect(q.pop()).toBe(a);
    q.remove(a);
    expect(q.size).toBe(1);
    expect(q.pop()).toBe(b);
  });
});
