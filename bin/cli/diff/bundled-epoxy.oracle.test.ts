import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StartedCinderCloud } from "../../../lib/backends/index.ts";
import { RELEASE_PROBES, runDiff, type DiffTarget } from "../../../lib/diff/index.ts";
import { simulatorFactory } from "./simulator-factory.ts";
import { probeBothProfiles } from "./testing/bundled-probes.ts";
import { startBundledTarget } from "./testing/bundled-target.ts";
import { restoreUsage } from "./testing/restore-usage.ts";

/** The generated sequences of the Epoxy gate: the three of the Zed gate's ORACLE_SEEDS that draw
 *  the most kinds of step between them (27 of the 56 the 16 draw; docs/releases.md). */
const EPOXY_GATE_SEEDS: readonly number[] = [33, 49, 12];

// The CI gate against the bundled real Epoxy cloud (cinder 26.0.0, local/cbh-cinder-epoxy:ci),
// one start, sized for CI (docs/releases.md, "The Epoxy gate"): the release probes once on the
// cloud, compared with both simulator profiles; volume_is_new seen in the restored RBD image;
// three generated sequences. The documented workflows on Epoxy are `cbh replay all --bundled
// --release epoxy` (≈ 5 min, not in the gate).
describe("the bundled real Epoxy cloud (CI gate)", () => {
  let cloud: StartedCinderCloud;
  let diff: DiffTarget;
  const runId = `cbh-epoxy-${Date.now().toString(36)}`;

  beforeAll(async () => {
    ({ cloud, target: diff } = await startBundledTarget("epoxy", 1000));
  });
  afterAll(async () => {
    await cloud?.stop();
  });

  it("answers up to 26.0.0's maximum microversion, 3.71", () => {
    expect(cloud.release).toBe("epoxy");
    expect(diff.member.microversion).toBe("3.71");
  });

  it("cbh diff --probes, run once: the epoxy profile agrees on every probe, the zed profile diverges on every one", async () => {
    const t0 = performance.now();
    const outcomes = await probeBothProfiles(diff, `${runId}-p`);
    process.stderr.write(`probes on Epoxy: ${((performance.now() - t0) / 1000).toFixed(1)} s\n${JSON.stringify(outcomes, null, 1)}\n`);
    expect(outcomes.map((o) => o.probe)).toEqual(RELEASE_PROBES.map((p) => p.name));
    expect(outcomes.map((o) => ({ probe: o.probe, epoxy: o.epoxy, leftovers: o.leftovers, aborted: o.aborted }))).toEqual(
      outcomes.map((o) => ({ probe: o.probe, epoxy: [], leftovers: [], aborted: undefined })),
    );
    expect(outcomes.filter((o) => o.zed.length === 0).map((o) => o.probe)).toEqual([]);
    const zed = outcomes.flatMap((o) => o.zed).join("\n");
    expect(zed).toContain("No backups available to do an incremental backup.");
    expect(zed).toMatch(/"availability_zone":null.* \| .*"availability_zone":"<zone>"/);
  });

  it("volume_is_new: a restore into a new volume leaves the all-zero MiBs unwritten (rbd du)", async () => {
    const t0 = performance.now();
    const u = await restoreUsage(diff.member, cloud.operator, `${runId}-u`);
    process.stderr.write(`restore usage on Epoxy: ${u.restoredUsedBytes} bytes, ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
    // 1 MiB of data in one 4 MiB RBD object; Zed writes the whole GiB (bundled-zed-probes.oracle.test.ts)
    expect(u.restoredUsedBytes).toBeGreaterThan(0);
    expect(u.restoredUsedBytes).toBeLessThanOrEqual(8 * 1024 ** 2);
  });

  it(`cbh diff --release epoxy --seeds ${EPOXY_GATE_SEEDS.join(",")}: no unexplained divergence`, async () => {
    const t0 = performance.now();
    const s = await runDiff(simulatorFactory("epoxy"), diff, {
      seeds: EPOXY_GATE_SEEDS,
      release: "epoxy",
      runId: `${runId}-d`,
      shrink: false,
      replay: () => "",
    });
    process.stderr.write(`${EPOXY_GATE_SEEDS.length} sequences on Epoxy: ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
    expect(s.results.flatMap((r) => r.divergences.filter((d) => !d.allowed))).toEqual([]);
    expect(s.results.flatMap((r) => r.leftovers)).toEqual([]);
    expect(s.aborted).toBeUndefined();
    expect(s.sequences).toBe(EPOXY_GATE_SEEDS.length);
  });
});
