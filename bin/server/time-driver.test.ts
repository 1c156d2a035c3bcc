import { describe, expect, it } from "vitest";
import { scaledDriver, settleDriver } from "./time-driver.ts";
import { SerialQueue } from "./serial-queue.ts";
import { fakeCloud } from "./testing/fake-cloud.ts";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const advancedMs = (calls: string[]) => calls.filter((c) => c.startsWith("advance")).reduce((n, c) => n + Number(c.split(" ")[1]), 0);
/** Waits (up to 3 s of a loaded machine) until the ticker has advanced at least `ms`. */
async function untilAdvanced(calls: string[], ms: number): Promise<number> {
  for (let i = 0; i < 300 && advancedMs(calls) < ms; i++) await sleep(10);
  await sleep(30);
  return advancedMs(calls);
}

describe("virtual time while serving", () => {
  it("scaled: advances X × wall time, keeping fractions of a millisecond owed", async () => {
    const cloud = fakeCloud();
    let wall = 0;
    const time = scaledDriver(cloud, 0.01, new SerialQueue(), 5, () => wall);
    try {
      for (let i = 0; i < 40; i++) {
        wall += 20; // 0.2 virtual ms per tick: never a whole ms on its own
        await sleep(8);
      }
      const advanced = await untilAdvanced(cloud.calls, 7);
      expect(advanced).toBeGreaterThanOrEqual(7);
      expect(advanced).toBeLessThanOrEqual(8);
      expect(cloud.calls).not.toContain("settle");
    } finally {
      time.stop();
    }
  });

  it("scaled: never advances while a request holds the queue", async () => {
    const cloud = fakeCloud();
    const queue = new SerialQueue();
    let wall = 0;
    const time = scaledDriver(cloud, 1, queue, 5, () => wall);
    try {
      await queue.run(async () => {
        for (let i = 0; i < 10; i++) {
          wall += 10;
          await sleep(8);
        }
        expect(cloud.calls).toEqual([]);
      });
      expect(await untilAdvanced(cloud.calls, 100)).toBe(100);
    } finally {
      time.stop();
    }
  });

  it("settle: settles after a request and advances on demand", async () => {
    const cloud = fakeCloud();
    const time = settleDriver(cloud);
    await time.afterRequest();
    await time.advance(5000);
    expect(cloud.calls).toEqual(["settle", "advance 5000"]);
  });
});
