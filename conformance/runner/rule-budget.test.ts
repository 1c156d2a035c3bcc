import { describe, expect, it } from "vitest";
import { referenceDriver } from "../driver/reference-driver.ts";
import { defineRule } from "../rules/rule.ts";
import { allRules } from "../rules/index.ts";
import { MIN_BYTES_PER_SECOND, ruleTimeoutMs } from "./rule-budget.ts";
import { runRule } from "./run-rule.ts";

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const opts = { seed: 1, timeoutMs: 300, replayPrefix: "x", cloudAvailable: false };

describe("a rule's time budget: --timeout plus the time of the bytes it declares at the minimum throughput", () => {
  it("scales with the declared bytes; a rule that declares none gets --timeout", () => {
    expect(ruleTimeoutMs({}, 60_000)).toBe(60_000);
    expect(ruleTimeoutMs({ movesBytes: 10 * MIN_BYTES_PER_SECOND }, 60_000)).toBe(70_000);
    const sparse = allRules.find((r) => r.id === "round-trip.sparse-past-4gib")!;
    expect(sparse.movesBytes).toBe(2 ** 33); // backup reads the 4 GiB+, restore writes them
    expect(ruleTimeoutMs(sparse, 60_000)).toBe(60_000 + 512_000);
  });

  it("a rule moving many bytes passes past --timeout within its budget, and still times out past the budget", async () => {
    const slow = (id: string, movesBytes: number | undefined, ms: number) =>
      defineRule({ id, title: "t", source: "s", ...(movesBytes ? { movesBytes } : {}), run: () => sleep(ms) });
    const within = await runRule(slow("budget.within", MIN_BYTES_PER_SECOND, 600), referenceDriver(), opts); // 300 + 1000 ms
    expect(within.outcome).toBe("PASS");
    const plain = await runRule(slow("budget.none", undefined, 600), referenceDriver(), opts);
    expect(plain).toMatchObject({ outcome: "FAIL", actual: "RuleTimeout: rule timed out after 300 ms" });
    const past = await runRule(slow("budget.past", MIN_BYTES_PER_SECOND / 4, 1500), referenceDriver(), opts); // 300 + 250 ms
    expect(past.outcome).toBe("FAIL");
    expect(past.actual).toMatch(/^RuleTimeout: rule timed out after 550 ms \(300 ms \+ the time of the rule's declared bytes/);
  });
});
