import { describe, expect, it } from "vitest";
import { referenceDriver } from "../driver/reference-driver.ts";
import type { DriverUnderTest } from "../driver/driver-under-test.ts";
import { allRules } from "../rules/index.ts";
import { runSuite, runPassed } from "./run-suite.ts";
import { ruleMatcher } from "./rule-filter.ts";
import type { ConformanceReporter } from "./reporter.ts";
import { canarySuiteDrivers } from "../canaries/index.ts";

const ref = { dut: referenceDriver(), replayPrefix: "npx cbh conformance --driver ref" };

describe("runSuite", () => {
  it("driverLanes: several drivers at once in this thread give one lane's results, order and counts", async () => {
    const drivers = [ref, ...canarySuiteDrivers(referenceDriver()).slice(0, 3)];
    const rules = "round-trip.one-*,delete.*,model.*";
    const property = { numRuns: 3, maxCommands: 8 };
    const seen: string[] = [];
    const onRuleResult = (r: { driver: string; ruleId: string }) => void seen.push(`${r.driver} ${r.ruleId}`);
    const one = await runSuite({ drivers, rules, property });
    const lanes = await runSuite({ drivers, rules, property, driverLanes: 3, reporters: [{ name: "seen", onRuleResult }] });
    const strip = (s: typeof one) => s.results.map(({ durationMs: _d, ...r }) => r);
    expect(strip(lanes)).toEqual(strip(one));
    expect(lanes.counts).toEqual(one.counts);
    expect(lanes.canaries).toEqual(one.canaries);
    expect(seen).toEqual(one.results.map((r) => `${r.driver} ${r.ruleId}`));
    expect(one.results.some((r) => r.outcome === "FAIL")).toBe(true);
  });

  it("the reference driver passes every driver-level rule", async () => {
    const s = await runSuite({ drivers: [ref] });
    const failed = s.results.filter((r) => r.outcome === "FAIL").map((r) => `${r.ruleId}: ${r.reason}`);
    expect(failed).toEqual([]);
    expect(s.counts["ref"]!.PASS).toBeGreaterThanOrEqual(28);
    expect(runPassed(s)).toBe(true);
  });

  it("skips rules whose capability the driver lacks, with the reason, and never counts them as passes", async () => {
    const noIncr: DriverUnderTest = {
      ...referenceDriver(),
      id: "no-incr",
      capabilities: { ...referenceDriver().capabilities, incremental: false, restoreCancel: false },
    };
    const s = await runSuite({ drivers: [{ dut: noIncr, replayPrefix: "x" }], rules: "incremental.*,cancel.restore-*" });
    expect(s.results.map((r) => r.outcome)).toEqual(s.results.map(() => "SKIP"));
    expect(s.results[0]!.reason).toMatch(/does not declare capability incremental/);
    expect(s.counts["no-incr"]).toEqual({ PASS: 0, FAIL: 0, SKIP: s.results.length, NA: 0 });
  });

  it("a driver claiming a capability it does not have fails the gated rule (sparseAware, compression)", async () => {
    const base = referenceDriver();
    const liar: DriverUnderTest = {
      ...base,
      id: "liar",
      capabilities: { ...base.capabilities, sparseAware: true, compression: ["none", "lz4"] },
    };
    const s = await runSuite({
      drivers: [{ dut: liar, replayPrefix: "x" }],
      rules: "round-trip.sparse-aware-*,round-trip.every-declared-compression",
    });
    expect(s.results.map((r) => [r.ruleId, r.outcome])).toEqual([
      ["round-trip.every-declared-compression", "FAIL"],
      ["round-trip.sparse-aware-skips-zero-blocks", "FAIL"],
    ]);
    expect(s.results[0]!.actual).toMatch(/lz4/);
    expect(s.results[1]!.reason).toBe("a sparse-aware driver stored the zero ranges");
  });

  it("marks format rules NA for a driver whose store is not in the chunked format", async () => {
    const opaque: DriverUnderTest = { ...referenceDriver(), id: "opaque", format: null };
    const s = await runSuite({ drivers: [{ dut: opaque, replayPrefix: "x" }], rules: "format.*" });
    expect(s.results.length).toBe(2);
    expect(s.results.every((r) => r.outcome === "NA" && /chunked format/.test(r.reason ?? ""))).toBe(true);
  });

  it("a driver that hangs fails the rule after the timeout instead of hanging the run", async () => {
    const base = referenceDriver();
    const hanging: DriverUnderTest = {
      ...base,
      id: "hang",
      createDriver: (o) => Object.assign(base.createDriver(o), { backup: () => new Promise<never>(() => undefined) }),
    };
    const s = await runSuite({ drivers: [{ dut: hanging, replayPrefix: "x" }], rules: "round-trip.one-byte", timeoutMs: 300 });
    expect(s.results[0]).toMatchObject({
      outcome: "FAIL",
      actual: "RuleTimeout: rule timed out after 300 ms with the driver still in backup()",
    });
  });

  it("marks cloud-level rules NA when the simulated cloud is not part of the build", async () => {
    const { runRule } = await import("./run-rule.ts");
    const { cloudRules } = await import("../rules/index.ts");
    const r = await runRule(
      cloudRules.find((x) => x.id === "cloud.restart-during-backup")!,
      referenceDriver(),
      { seed: 1, timeoutMs: 1000, replayPrefix: "x", cloudAvailable: false },
    );
    expect(r).toMatchObject({ outcome: "NA", reason: expect.stringContaining("simulated cloud") });
  });

  it("feeds reporters in lifecycle order and gives each result a replay command", async () => {
    const events: string[] = [];
    const rep: ConformanceReporter = {
      name: "spy",
      onRunStart: (i) => {
        events.push(`start:${i.rules.length}`);
      },
      onRuleResult: (r) => {
        events.push(`${r.ruleId}:${r.outcome}`);
      },
      onRunEnd: (s) => {
        events.push(`end:${s.results.length}`);
      },
    };
    const s = await runSuite({ drivers: [ref], rules: "round-trip.one-b*", reporters: [rep], seed: 7 });
    expect(events).toEqual(["start:2", "round-trip.one-byte:PASS", "round-trip.one-block:PASS", "end:2"]);
    expect(s.results[0]!.replay).toBe("npx cbh conformance --driver ref --rules 'round-trip.one-byte' --seed 7");
  });

  it("turns a crashing driver into a FAIL with the error and a trace, not an exception", async () => {
    const base = referenceDriver();
    const crashing: DriverUnderTest = {
      ...base,
      id: "crash",
      createDriver: (o) =>
        Object.assign(base.createDriver(o), {
          restore: async () => {
            throw new Error("disk on fire");
          },
        }),
    };
    const s = await runSuite({ drivers: [{ dut: crashing, replayPrefix: "x" }], rules: "round-trip.one-byte" });
    expect(s.results[0]!.outcome).toBe("FAIL");
    expect(s.results[0]!.actual).toMatch(/disk on fire/);
    expect(s.results[0]!.trace!.some((t) => t.kind === "error" && /disk on fire/.test(t.what))).toBe(true);
    expect(runPassed(s)).toBe(false);
  });
});

describe("ruleMatcher", () => {
  it("matches comma-separated globs over rule ids", () => {
    const m = ruleMatcher("round-trip.*,*cancel*");
    expect(m("round-trip.one-byte")).toBe(true);
    expect(m("cancel.restore-reset-status-cancels")).toBe(true);
    expect(m("delete.delete-is-idempotent")).toBe(false);
    expect(allRules.filter((r) => ruleMatcher(undefined)(r.id)).length).toBe(allRules.length);
  });

  it("rule ids are unique and named <area>.<kebab-name>", () => {
    const ids = allRules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of allRules) expect(r.id.startsWith(`${r.area}.`)).toBe(true);
  });
});
