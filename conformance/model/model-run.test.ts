import { describe, expect, it } from "vitest";
import { canaryDriver, findCanary } from "../canaries/index.ts";
import { referenceDriver } from "../driver/reference-driver.ts";
import { isRuleViolation } from "../rules/rule-violation.ts";
import type { PairModel } from "./cloud-pair.ts";
import { CreateBackupCommand } from "./commands/create-backup.ts";
import { CreateVolumeCommand } from "./commands/create-volume.ts";
import { DeleteBackupCommand } from "./commands/delete-backup.ts";
import { RestoreBackupCommand } from "./commands/restore-backup.ts";
import { openPair, runModel } from "./model-run.ts";
import { formatReplayToken, parseReplayToken } from "./replay-token.ts";

const canary = (id: string) => canaryDriver(findCanary(id)!, referenceDriver());

describe("model-based run", () => {
  it("the reference driver never diverges from itself", async () => {
    const r = await runModel(referenceDriver(), { seed: 4, numRuns: 3, maxCommands: 8 });
    expect(r.failed, String(r.error)).toBe(false);
    expect(r.numRuns).toBe(3);
  });

  it("a command sequence run on both clouds reports the first divergence with model vs system", async () => {
    const pair = await openPair(canary("leak-on-delete"), 1);
    const m: PairModel = { volumes: [], snapshots: [], backups: [] };
    await new CreateVolumeCommand(2, 1, 1).run(m, pair);
    await new CreateBackupCommand(0, "full", 0).run(m, pair);
    await new RestoreBackupCommand(0, "new").run(m, pair);
    expect(m.volumes).toHaveLength(2);
    const err = await new DeleteBackupCommand(0, false).run(m, pair).then(
      () => null,
      (e: unknown) => e,
    );
    expect(isRuleViolation(err)).toBe(true);
    expect(err).toMatchObject({
      divergence: "store-objects-diverged",
      message: "deleteBackup(#0): objects in the store",
      expected: "model (reference driver): 0",
      actual: "system (driver under test): 1",
    });
  });

  it("finds, shrinks and replays a canary's divergence from the printed token", async () => {
    const dut = canary("leak-on-delete");
    const r = await runModel(dut, { seed: 3, numRuns: 2, maxCommands: 8 });
    expect(r.failed).toBe(true);
    expect(r.commands.at(-1)).toMatch(/^deleteBackup\(/);
    expect(r.commands).toEqual(["createBackup(volume #0, full)", "deleteBackup(#0)"]);
    const token = parseReplayToken(formatReplayToken(r.seed, r.path!, r.replayPath));
    const again = await runModel(dut, { seed: token.seed, path: token.path, replayPath: token.replayPath, numRuns: 1, maxCommands: 8 });
    expect(again.failed).toBe(true);
    expect(again.commands).toEqual(r.commands);
    expect(again.pair!.system.trace.entries().length).toBeGreaterThan(0);
    const fixed = await runModel(referenceDriver(), {
      seed: token.seed,
      path: token.path,
      replayPath: token.replayPath,
      numRuns: 1,
      maxCommands: 8,
    });
    expect(fixed.failed).toBe(false);
  });
});

describe("one run of a seed (the unit --jobs and --shard spread)", () => {
  it("run N alone fails, shrinks and counts exactly as run N of a whole check", async () => {
    for (const [id, seed] of [
      ["leak-on-delete", 6],
      ["ignore-cancel", 5],
    ] as const) {
      const dut = canary(id);
      const whole = await runModel(dut, { seed, numRuns: 6, maxCommands: 8 });
      expect(whole.failed, id).toBe(true);
      const first = Number(whole.path!.split(":")[0]);
      for (let run = 0; run < first; run++) expect((await runModel(dut, { seed, numRuns: 6, maxCommands: 8, run })).failed).toBe(false);
      const alone = await runModel(dut, { seed, numRuns: 6, maxCommands: 8, run: first });
      const same = (r: typeof whole) => [r.failed, r.seed, r.path, r.replayPath, r.commands, r.numRuns, r.numShrinks];
      expect(same(alone), id).toEqual(same(whole));
    }
  }, 300_000);
});

describe("replay token", () => {
  it("round-trips seed, path and replayPath, and rejects garbage", () => {
    expect(parseReplayToken("42:3:1:0@AAB:c")).toEqual({ seed: 42, path: "3:1:0", replayPath: "AAB:c" });
    expect(parseReplayToken(formatReplayToken(7, "12", null))).toEqual({ seed: 7, path: "12" });
    expect(() => parseReplayToken("seven:1")).toThrow(/expected SEED:PATH/);
    expect(() => parseReplayToken("1:2@bad token")).toThrow(/bad --replay/);
  });
});
