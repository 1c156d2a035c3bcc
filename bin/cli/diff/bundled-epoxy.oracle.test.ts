import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CinderCloudContainer, type StartedCinderCloud } from "../../../lib/backends/index.ts";
import { RELEASE_PROBES, runDiff, type DiffTarget } from "../../../lib/diff/index.ts";
import { CloudClient, cloudFromEnvironment } from "../../../lib/openstack/index.ts";
import { REMOTE_WORKFLOWS, runRemoteWorkflow, type RemoteTarget } from "../../../lib/remote/index.ts";
import { simulatorFactory } from "./simulator-factory.ts";

// The bundled real Epoxy cloud (cinder 26.0.0, local/cbh-cinder-epoxy:ci, `npm run test:oracle`),
// one start for everything: the documented workflows over REST, the release probes (the epoxy
// profile agrees, the zed profile diverges on each) and a few generated sequences.
describe("the bundled real Epoxy cloud", () => {
  let cloud: StartedCinderCloud;
  let remote: RemoteTarget;
  let diff: DiffTarget;

  beforeAll(async () => {
    const t0 = performance.now();
    cloud = await CinderCloudContainer.forRelease("epoxy").start();
    process.stderr.write(`bundled Epoxy cloud ready in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
    const client = (u: "demo" | "admin") =>
      new CloudClient({ ...cloudFromEnvironment(cloud.osEnvironment(u)), name: `bundled-epoxy-${u}` }).connect();
    const [member, admin] = [await client("demo"), await client("admin")];
    remote = { name: "bundled-epoxy", runId: `cbh-epoxy-${Date.now().toString(36)}`, member, admin, operator: cloud.operator };
    diff = { name: "bundled-epoxy", member, admin, bytes: cloud.operator, pollMs: 1000, settleTimeoutMs: 180_000 };
  });
  afterAll(async () => {
    await cloud?.stop();
  });

  it("answers up to 26.0.0's maximum microversion, 3.71", () => {
    expect(cloud.release).toBe("epoxy");
    expect(remote.member.microversion).toBe("3.71");
  });

  for (const wf of REMOTE_WORKFLOWS) {
    it(`replays ${wf.id} with the simulator's verdict and leaves nothing behind`, async () => {
      const r = await runRemoteWorkflow(wf, remote, 7);
      expect({ verdict: r.verdict, deviations: r.deviations, reason: r.reason }).toEqual({
        verdict: "PASS",
        deviations: [],
        reason: undefined,
      });
      expect(r.leftovers).toEqual([]);
    });
  }

  it("cbh diff --probes: the epoxy profile agrees on every probe, the zed profile diverges on every one", async () => {
    const seeds = RELEASE_PROBES.map((_, i) => i + 1);
    const run = (release: string) =>
      runDiff(simulatorFactory(release), diff, {
        seeds,
        release,
        runId: `${remote.runId}-p${release}`,
        probes: true,
        shrink: false,
        replay: () => "",
      });
    const epoxy = await run("epoxy");
    expect(epoxy.results.flatMap((r) => r.divergences)).toEqual([]);
    expect(epoxy.results.flatMap((r) => r.leftovers)).toEqual([]);
    const zed = await run("zed");
    expect(zed.results.map((r) => r.unexplained > 0)).toEqual(seeds.map(() => true));
  });

  it("cbh diff --release epoxy --seeds 1..5: no unexplained divergence", async () => {
    const s = await runDiff(simulatorFactory("epoxy"), diff, {
      seeds: [1, 2, 3, 4, 5],
      release: "epoxy",
      runId: `${remote.runId}-d`,
      shrink: false,
      replay: () => "",
    });
    expect(s.results.flatMap((r) => r.divergences.filter((d) => !d.allowed))).toEqual([]);
    expect(s.sequences).toBe(5);
  });
});
