import { describe, expect, it } from "vitest";
import { Scheduler, Semaphore, Signal } from "./scheduler.ts";
import { VirtualClock } from "./virtual-clock.ts";

describe("Scheduler", () => {
  it("interleaves processes by virtual time, deterministically", async () => {
    const clock = new VirtualClock(0);
    const s = new Scheduler(clock);
    const log: string[] = [];
    const worker = (name: string, step: number) => async () => {
      for (let i = 0; i < 3; i++) {
        log.push(`${name}${i}@${clock.now()}`);
        await s.sleep(step);
      }
      return name;
    };
    const a = s.spawn("a", worker("a", 10));
    const b = s.spawn("b", worker("b", 15));
    const joined: string[] = [];
    s.spawn("j", async () => {
      joined.push(await a.join(), await b.join());
    });
    await s.run();
    expect(log).toEqual(["a0@0", "b0@0", "a1@10", "b1@15", "a2@20", "b2@30"]);
    expect(joined).toEqual(["a", "b"]);
    expect(clock.now()).toBe(45);
  });

  it("a signal fired before the wait does not park", async () => {
    const s = new Scheduler(new VirtualClock(0));
    const sig = new Signal<number>(s);
    let got = 0;
    s.spawn("p", async () => {
      sig.fireNow(7);
      got = await sig.wait();
    });
    await s.run();
    expect(got).toBe(7);
  });

  it("real async I/O inside a process holds virtual time and other processes", async () => {
    const clock = new VirtualClock(0);
    const s = new Scheduler(clock);
    const log: string[] = [];
    s.spawn("io", async () => {
      await new Promise<void>((r) => setTimeout(r, 5));
      log.push(`io@${clock.now()}`);
    });
    s.spawn("other", async () => {
      log.push(`other@${clock.now()}`);
    });
    await s.run();
    expect(log).toEqual(["io@0", "other@0"]);
  });

  it("propagates a process failure to join()", async () => {
    const s = new Scheduler(new VirtualClock(0));
    const p = s.spawn("bad", async () => {
      await s.sleep(1);
      throw new Error("boom");
    });
    let caught = "";
    s.spawn("j", async () => {
      try {
        await p.join();
      } catch (e) {
        caught = (e as Error).message;
      }
    });
    await s.run();
    expect(caught).toBe("boom");
  });

  it("a semaphore bounds concurrent holders", async () => {
    const s = new Scheduler(new VirtualClock(0));
    const sem = new Semaphore(s, 2);
    let max = 0;
    for (let i = 0; i < 5; i++) {
      s.spawn(`w${i}`, async () => {
        await sem.acquire();
        max = Math.max(max, sem.inUse);
        await s.sleep(10);
        sem.release();
      });
    }
    await s.run();
    expect(max).toBe(2);
    expect(s.clock.now()).toBe(30);
  });

  it("stops at untilMs and resumes later", async () => {
    const clock = new VirtualClock(0);
    const s = new Scheduler(clock);
    const log: number[] = [];
    s.spawn("t", async () => {
      for (let i = 0; i < 4; i++) {
        await s.sleep(100);
        log.push(clock.now());
      }
    });
    const r = await s.run({ untilMs: 250 });
    expect(r.idle).toBe(false);
    expect(log).toEqual([100, 200]);
    await s.run();
    expect(log).toEqual([100, 200, 300, 400]);
  });
});

describe("Scheduler loop (parks drive the next event)", () => {
  it("an event that returns its own promise holds the loop until it settles", async () => {
    const clock = new VirtualClock(0);
    const s = new Scheduler(clock);
    const log: string[] = [];
    s.schedule(5, "async-fault", async () => {
      await new Promise<void>((r) => setTimeout(r, 2));
      log.push(`fault@${clock.now()}`);
    });
    s.schedule(5, "after", () => {
      log.push(`after@${clock.now()}`);
    });
    await s.run();
    expect(log).toEqual(["fault@5", "after@5"]);
  });

  it("a rejected event promise rejects run()", async () => {
    const s = new Scheduler(new VirtualClock(0));
    s.schedule(1, "bad", async () => {
      await Promise.resolve();
      throw new Error("fault failed");
    });
    await expect(s.run()).rejects.toThrow("fault failed");
    s.schedule(1, "fine", () => undefined);
    expect((await s.run()).events).toBe(1);
  });

  it("200,000 waits in a row do not grow the stack (the loop is driven from each park)", async () => {
    const clock = new VirtualClock(0);
    const s = new Scheduler(clock);
    let laps = 0;
    for (const name of ["a", "b"]) {
      s.spawn(name, async () => {
        for (let i = 0; i < 100_000; i++) {
          await s.sleep(1);
          laps++;
        }
      });
    }
    const r = await s.run();
    expect(laps).toBe(200_000);
    expect(clock.now()).toBe(100_000);
    expect(r.events).toBe(200_002);
  });

  it("detached processes that park at once let the loop go on inside the same event", async () => {
    const clock = new VirtualClock(0);
    const s = new Scheduler(clock);
    const log: string[] = [];
    for (let i = 0; i < 3; i++) {
      s.schedule(i, `rpc${i}`, () =>
        s.runDetached(async () => {
          log.push(`start${i}@${clock.now()}`);
          await s.sleep(10);
          log.push(`end${i}@${clock.now()}`);
        }),
      );
    }
    await s.run();
    expect(log).toEqual(["start0@0", "start1@1", "start2@2", "end0@10", "end1@11", "end2@12"]);
  });
});

describe("Scheduler.cancel", () => {
  it("cancelling an event that already ran does not undercount pending work", async () => {
    const s = new Scheduler(new VirtualClock(0));
    const ev = s.schedule(1, "x", () => undefined);
    await s.run();
    s.cancel(ev);
    expect(s.pending).toBe(0);
    s.schedule(5, "y", () => undefined);
    expect(s.pending).toBe(1);
  });
});
