import { expect, it } from "vitest";
import { runDiffCommand } from "../commands/diff.ts";
import { gateSeeds } from "./oracle-seeds.ts";

/**
 * `cbh diff --bundled` on the gate's fixed seeds (oracle-seeds.ts: every kind of step; the 10-seed
 * cut CI_GATE_SEEDS inside `npm run test:integration`, the 16 ORACLE_SEEDS otherwise): the
 * simulator against the real Zed cloud, three sequences at a time, each in its own project. Any
 * unexplained divergence fails it, with the report's divergences and replay commands in the
 * failure. Run by `npm run test:integration` (scripts/ci/oracle-gate.list) and `npm run test:oracle`.
 */
const SEEDS = gateSeeds();

it(`cbh diff --bundled --seeds ${SEEDS.join(",")}: no unexplained divergence from the real Zed cloud`, async () => {
  let out = "";
  let err = "";
  const code = await runDiffCommand(["--bundled", "--seeds", SEEDS.join(","), "--jobs", "3", "--report", "reports/out/diff-oracle"], {
    out: (s) => void (out += s),
    err: (s) => void (err += s),
  });
  // the CI log keeps the run's totals and its throughput figure (simulator vs real cloud)
  process.stderr.write(
    out
      .split("\n")
      .filter((l) => / sequences, |^throughput: /.test(l))
      .map((l) => `bundled diff: ${l}\n`)
      .join(""),
  );
  expect(err).not.toContain("STOPPED");
  expect(out.split("\n").filter((l) => l.includes("DIVERGENCE") || l.includes("replay:") || l.includes("LEFTOVER"))).toEqual([]);
  expect(out).toContain(`${SEEDS.length} sequences`);
  expect(code).toBe(0);
});
