import { runModel } from "../../model/model-run.ts";
import { cloudTraceSteps } from "../../runner/cloud-factory.ts";
import { formatReplayToken } from "../../model/replay-token.ts";
import { defineRule } from "../rule.ts";
import { isRuleViolation, RuleViolation } from "../rule-violation.ts";

// The whole of cinder's backup workflow (spec §2–§6) as the reference driver runs it is the model.
export default defineRule({
  id: "model.random-operation-sequences",
  title: "Random sequences of cloud operations end in the same statuses, errors, bytes and store objects as with the reference driver",
  source: "fast-check model-based run over backup/api.py, backup/manager.py, chunkeddriver.py (spec §2–§6)",
  setup: ["cloud"],
  perRun: true,
  async run(t) {
    const replay = t.property.replay;
    const seed = replay?.seed ?? t.seed;
    const r = await runModel(t.dut, {
      seed,
      numRuns: t.property.numRuns,
      maxCommands: t.property.maxCommands,
      ...(t.property.run !== undefined && !replay ? { run: t.property.run } : {}),
      ...(replay ? { path: replay.path, ...(replay.replayPath ? { replayPath: replay.replayPath } : {}) } : {}),
    });
    if (!r.failed) return;
    // Re-run the shrunk case alone so the trace shown is the failing execution's.
    const again =
      r.path && !replay
        ? await runModel(t.dut, {
            seed: r.seed,
            path: r.path,
            numRuns: 1,
            maxCommands: t.property.maxCommands,
            ...(r.replayPath ? { replayPath: r.replayPath } : {}),
          })
        : r;
    const err = r.error;
    const v = isRuleViolation(err)
      ? new RuleViolation(`${err.message} (after ${r.numRuns} runs, ${r.numShrinks} shrinks)`, err.expected, err.actual)
      : new RuleViolation(
          `the model run raised: ${String((err as Error)?.message ?? err)}`,
          "every command completes",
          String((err as Error)?.stack ?? err),
        );
    v.replay = `--replay ${formatReplayToken(r.seed, r.path ?? "", r.replayPath)}`;
    v.counterexample = r.commands;
    if (again.pair) v.traceOverride = cloudTraceSteps(again.pair.system);
    throw v;
  },
});
