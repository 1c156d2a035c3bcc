import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CinderCloudContainer, type StartedCinderCloud } from "../backends/index.ts";
import { CloudClient, CloudError, cloudFromEnvironment } from "../openstack/index.ts";
import { REMOTE_WORKFLOWS, runRemoteWorkflow, seededBytes, waitForSchedulerPools, type RemoteTarget } from "./index.ts";

// The real Zed cloud (fixtures/images/cinder, built by scripts/ci/docker-up.sh) on a Ceph
// container, with two volume AZs (nova, site2) and an encrypted type (LUKS): the 14 documented
// workflows over REST must all get the simulator's verdict, PASS (no N/A accepted).
describe("the bundled real Zed cloud", () => {
  let cloud: StartedCinderCloud;
  let target: RemoteTarget;
  let readyMs = 0;

  beforeAll(async () => {
    const t0 = performance.now();
    cloud = await new CinderCloudContainer().start();
    readyMs = performance.now() - t0;
    const client = (u: "demo" | "admin") =>
      new CloudClient({ ...cloudFromEnvironment(cloud.osEnvironment(u)), name: `bundled-${u}` }).connect();
    target = {
      name: "bundled",
      runId: `cbh-int-${Date.now().toString(36)}`,
      member: await client("demo"),
      admin: await client("admin"),
      operator: cloud.operator,
    };
    await waitForSchedulerPools(target.admin!);
    readyMs = performance.now() - t0;
  });
  afterAll(async () => {
    await cloud?.stop();
  });

  it("is ready with every cinder service up, on Zed's maximum microversion 3.70", () => {
    process.stderr.write(`bundled cloud ready in ${(readyMs / 1000).toFixed(1)} s\n`);
    expect(target.member.microversion).toBe("3.70");
    expect(target.member.has("image")).toBe(true);
  });

  for (const wf of REMOTE_WORKFLOWS) {
    it(`replays ${wf.id} with the simulator's verdict and leaves nothing behind`, async () => {
      const r = await runRemoteWorkflow(wf, target, 7);
      process.stderr.write(
        `bundled ${wf.id}: ${r.verdict} (${r.checks} checks) in ${(r.ms / 1000).toFixed(1)} s${r.reason ? ` — ${r.reason}` : ""}\n`,
      );
      expect({ verdict: r.verdict, deviations: r.deviations, reason: r.reason }).toEqual({
        verdict: "PASS",
        deviations: [],
        reason: undefined,
      });
      expect(r.checks).toBeGreaterThan(2);
      expect(r.leftovers).toEqual([]);
      const mine = await target.member.listAll<{ name: string }>("volume", "/volumes", "volumes");
      expect(mine.filter((v) => v.name?.startsWith(`${target.runId}-${wf.id}`))).toEqual([]);
    });
  }

  it("full-backup with the bytes through Glance (os-volume_upload_image, image download) instead of rbd", async () => {
    const r = await runRemoteWorkflow(
      REMOTE_WORKFLOWS.find((w) => w.id === "full-backup")!,
      { ...target, dataPath: "image" },
      8,
    );
    process.stderr.write(`bundled full-backup via the Image API: ${r.verdict} in ${(r.ms / 1000).toFixed(1)} s\n`);
    expect({ verdict: r.verdict, deviations: r.deviations, reason: r.reason, leftovers: r.leftovers }).toEqual({
      verdict: "PASS",
      deviations: [],
      reason: undefined,
      leftovers: [],
    });
  });

  it("operator actions: bytes written into a volume read back with the same sha256", async () => {
    const v = await target.member.call("volume", "POST", "/volumes", { body: { volume: { size: 1, name: `${target.runId}-op` } } });
    const id = (v.body as { volume: { id: string } }).volume.id;
    try {
      for (let i = 0; i < 240; i++) {
        const s = await target.member.call("volume", "GET", `/volumes/${id}`);
        if ((s.body as { volume: { status: string } }).volume.status === "available") break;
        await new Promise((r) => setTimeout(r, 500));
      }
      const data = seededBytes(3, 1 << 20);
      await cloud.operator.writeVolume(id, data);
      const whole = new Uint8Array(1 << 30);
      whole.set(data);
      expect(await cloud.operator.volumeSha256(id)).toBe(createHash("sha256").update(whole).digest("hex"));
    } finally {
      await target.member.call("volume", "DELETE", `/volumes/${id}`);
    }
  });

  it("wrong credentials fail with an auth error naming the cloud", async () => {
    const bad = new CloudClient({ ...cloudFromEnvironment(cloud.osEnvironment("demo")), name: "bundled-bad", password: "wrong" });
    const err = await bad.connect().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(CloudError);
    expect((err as CloudError).code).toBe("auth");
    expect((err as CloudError).message).toContain('cloud "bundled-bad"');
  });
});
