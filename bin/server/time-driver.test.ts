import { describe, expect, it } from "vitest";
import { scaledDriver, settleDriver } from "./time-driver.ts";
import { fakeCloud } from "./testing/fake-cloud.ts";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("virtual time while serving", () => {
  it("scaled: advances X × wall time, keeping fractions of a millisecond owed", async () => {
    const cloud = fakeCloud();
    let wall = 0;
    const time = scaledDriver(cloud, 0.01, 5, () => wall);
    try {
      for (let i = 0; i < 40; i++) {
        wall += 20; // 0.2 virtual ms per tick: never a whole ms on its own
        await sleep(8);
      }
      await sleep(50);
      const advanced = cloud.calls.filter((c) => c.startsWith("advance")).reduce((n, c) => n + Number(c.split(" ")[1]), 0);
      expect(advanced).toBeGreaterThanOrEqual(7);
      expect(advanced).toBeLessThanOrEqual(8);
      expect(cloud.calls).not.toContain("settle");
    } finally {
      time.stop();
    }
  });

  it("settle: settles after a request and advances on demand", async () => {
    const cloud = fakeCloud();
    const time = settleDriver(cloud);
    expect(await time.during(async () => 42)).toBe(42);
    await time.afterRequest();
    await time.advance(5000);
    expect(cloud.calls).toEqual(["settle", "advance 5000"]);
  });
});
