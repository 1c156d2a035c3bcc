import { describe, expect, it } from "vitest";
import { referenceDriver } from "../driver/reference-driver.ts";
import { runSuite } from "../runner/run-suite.ts";
import { canaries, canarySuiteDrivers } from "./index.ts";

describe("canary drivers", () => {
  it("there are at least eight, each naming a rule that exists", async () => {
    expect(canaries.length).toBeGreaterThanOrEqual(8);
    const { allRules } = await import("../rules/index.ts");
    for (const c of canaries) expect(allRules.map((r) => r.id)).toContain(c.breaks);
  });

  for (const c of canarySuiteDrivers(referenceDriver())) {
    it(`${c.dut.id} is caught by ${c.expectedToBreak}`, async () => {
      const s = await runSuite({ drivers: [c], rules: c.expectedToBreak });
      const r = s.results[0]!;
      expect(r.ruleId).toBe(c.expectedToBreak);
      expect(r.outcome, `${c.dut.id} passed ${c.expectedToBreak}: ${r.reason ?? ""}`).toBe("FAIL");
      expect(r.expected).toBeTruthy();
      expect(s.canaries).toEqual([{ canary: c.dut.id, expectedToBreak: c.expectedToBreak, caughtBy: [c.expectedToBreak], caught: true }]);
    });
  }
});
