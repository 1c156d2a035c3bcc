import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StartedCinderCloud } from "../../../lib/backends/index.ts";
import { RELEASE_PROBES, type DiffTarget } from "../../../lib/diff/index.ts";
import { probeBothProfiles } from "./testing/bundled-probes.ts";
import { startBundledTarget } from "./testing/bundled-target.ts";
import { restoreUsage } from "./testing/restore-usage.ts";

// The other half of the Epoxy gate (bundled-epoxy.oracle.test.ts): the same release probes and
// the same restore on the bundled real Zed cloud (cinder 21.3.1, local/cbh-cinder:ci), where the
// zed profile must agree and the epoxy one diverge, so each switch of the epoxy profile is checked
// against both real releases (docs/releases.md, "Each switch, checked").
describe("the bundled real Zed cloud under the release probes", () => {
  let cloud: StartedCinderCloud;
  let target: DiffTarget;
  const runId = `cbh-zedp-${Date.now().toString(36)}`;

  beforeAll(async () => {
    ({ cloud, target } = await startBundledTarget("zed", 1000));
  });
  afterAll(async () => {
    await cloud?.stop();
  });

  it("cbh diff --probes, run once: the zed profile agrees on every probe, the epoxy profile diverges on every one", async () => {
    const t0 = performance.now();
    const outcomes = await probeBothProfiles(target, `${runId}-p`);
    process.stderr.write(`probes on Zed: ${((performance.now() - t0) / 1000).toFixed(1)} s\n${JSON.stringify(outcomes, null, 1)}\n`);
    expect(outcomes.map((o) => o.probe)).toEqual(RELEASE_PROBES.map((p) => p.name));
    expect(outcomes.map((o) => ({ probe: o.probe, zed: o.zed, leftovers: o.leftovers, aborted: o.aborted }))).toEqual(
      outcomes.map((o) => ({ probe: o.probe, zed: [], leftovers: [], aborted: undefined })),
    );
    expect(outcomes.filter((o) => o.epoxy.length === 0).map((o) => o.probe)).toEqual([]);
    const epoxy = outcomes.flatMap((o) => o.epoxy).join("\n");
    expect(epoxy).toContain("The parent backup must be available for incremental backup.");
    expect(epoxy).toMatch(/list backups at 3\.71 status: 200 \| 406/);
    expect(epoxy).toMatch(/"availability_zone":"<zone>".* \| .*"availability_zone":null/);
  });

  it("no volume_is_new: a restore into a new volume writes every byte, zeros included (rbd du)", async () => {
    const t0 = performance.now();
    const u = await restoreUsage(target.member, cloud.operator, `${runId}-u`);
    process.stderr.write(`restore usage on Zed: ${u.restoredUsedBytes} bytes, ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
    expect(u.restoredUsedBytes).toBe(1024 ** 3);
  });
});
