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
      expect(s.canaries).toEqual([
        { canary: c.dut.id, expectedToBreak: c.expectedToBreak, caughtBy: [c.expectedToBreak], caught: true, caughtByExpected: true },
      ]);
    });
  }
});

describe("cloud-level rules catch canaries through the backup manager", () => {
  const cases: Array<[string, string]> = [
    ["ignore-cancel", "cloud.force-delete-during-backup"],
    ["ignore-restore-cancel", "cloud.restore-cancel-statuses"],
    ["mix-concurrent-backups", "cloud.backup-workers-never-mix-data"],
    ["drop-volume-metadata", "cloud.volume-metadata-round-trips"],
    ["flip-byte-long-chain", "cloud.db-loss-import-every-record"],
  ];
  const all = canarySuiteDrivers(referenceDriver());
  for (const [id, rule] of cases) {
    it(`${rule} catches canary ${id}`, async () => {
      const c = all.find((d) => d.dut.id === `canary:${id}`)!;
      const s = await runSuite({ drivers: [c], rules: rule });
      expect(s.results[0]!.outcome, s.results[0]!.reason).toBe("FAIL");
      expect(s.canaries[0]!.caught).toBe(true);
    });
  }
});
