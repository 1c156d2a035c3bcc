import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { CloudClient, type CloudConfig } from "../../../lib/openstack/index.ts";
import { REMOTE_WORKFLOWS, SimApiOperator, runRemoteWorkflow, type RemoteTarget } from "../../../lib/remote/index.ts";
import { WORKFLOWS, runWorkflow } from "../../../sim/workflows/index.ts";
import { startServe, type StartedServe } from "../../server/index.ts";
import { replayRemote } from "./replay-remote.ts";
import { serveDeps } from "./serve.ts";

const quiet = { ...serveDeps, out: () => undefined, err: () => undefined };

/**
 * Every documented workflow over REST against an in-process `cbh serve` (issue 11 §2): the
 * ports must get the simulator's own verdicts. Data goes through the Image API (`dataPath:
 * image`); the operator facet is `/sim/v1` (service stop/start, database loss, in-place writes,
 * virtual time). Virtual time is frozen (`--time-scale 1e-6`) and moves only when the harness
 * polls, so work in flight is seen in flight, as on a real cloud.
 */
describe("cbh replay over REST against cbh serve", () => {
  let s: StartedServe;
  let settled: StartedServe;
  const config = (server: StartedServe, u: "demo" | "admin"): CloudConfig => ({
    name: `serve-${u}`,
    authUrl: server.server.authUrl,
    username: u,
    password: u,
    projectName: u,
    userDomainName: "Default",
    projectDomainName: "Default",
    interface: "public",
  });
  const client = (u: "demo" | "admin", server = s) => new CloudClient(config(server, u)).connect();

  beforeAll(async () => {
    s = await startServe(["--port", "0", "--geometry", "small", "--seed", "3", "--time-scale", "0.000001"], quiet);
    // Without the operator facet nothing advances frozen time: this one settles after each request.
    settled = await startServe(["--port", "0", "--geometry", "small", "--seed", "4"], quiet);
  });
  afterAll(async () => {
    await s?.server.close();
    await settled?.server.close();
  });

  it("all 14 workflows with admin and operator, data through the Image API: the simulator's verdicts", { timeout: 120_000 }, async () => {
    const admin = await client("admin");
    const operator = await SimApiOperator.probe(admin);
    expect(operator).toBeDefined();
    const target: RemoteTarget = {
      name: "serve",
      runId: "cbh-t",
      member: await client("demo"),
      admin,
      operator: operator!,
      dataPath: "image",
    };
    expect(REMOTE_WORKFLOWS.map((w) => w.id)).toEqual(WORKFLOWS.map((w) => w.id));
    const got: Record<string, unknown> = {};
    const want: Record<string, unknown> = {};
    for (const wf of REMOTE_WORKFLOWS) {
      const r = await runRemoteWorkflow(wf, target, 7);
      got[wf.id] = { verdict: r.verdict, deviations: r.deviations, reason: r.reason, leftovers: r.leftovers };
      const sim = await runWorkflow(
        WORKFLOWS.find((w) => w.id === wf.id)!,
        7,
        "zed",
        { geometry: "small" },
      );
      want[wf.id] = { verdict: sim.ok ? "PASS" : "FAIL", deviations: [], reason: undefined, leftovers: [] };
    }
    expect(got).toEqual(want);
    // the bytes really went through the Image API: every readback is an os-volume_upload_image
    const uploads = s.cloud.trace.entries().filter((e) => e.event.type === "status" && e.event.to === "uploading");
    expect(uploads.length).toBeGreaterThan(10);
  });

  it("a member-only target: workflows needing admin or operator are N/A with the reason, the others pass", async () => {
    const target: RemoteTarget = { name: "serve", runId: "cbh-m", member: await client("demo", settled), pollMs: 5 };
    const verdicts: Record<string, string> = {};
    for (const wf of REMOTE_WORKFLOWS) {
      const r = await runRemoteWorkflow(wf, target, 7);
      verdicts[wf.id] = r.verdict === "N/A" ? `N/A ${r.reason}` : r.verdict;
    }
    expect(verdicts).toMatchInlineSnapshot(`
      {
        "cancel-backup": "N/A the target has no admin credentials (--admin-cloud)",
        "cancel-restore": "N/A the target has no admin credentials (--admin-cloud)",
        "cross-az": "PASS",
        "db-loss-import": "N/A the target has no admin credentials (--admin-cloud), no operator actions (the bundled cloud, or cbh serve with --admin-cloud)",
        "delete-chain": "PASS",
        "encrypted-restore": "N/A the target has no admin credentials (--admin-cloud)",
        "full-backup": "PASS",
        "in-use-force": "PASS",
        "incremental-backup": "N/A the target has no operator actions (the bundled cloud, or cbh serve with --admin-cloud)",
        "quotas": "N/A the target has no admin credentials (--admin-cloud)",
        "restart-cleanup": "N/A the target has no operator actions (the bundled cloud, or cbh serve with --admin-cloud)",
        "restore-existing": "PASS",
        "service-list": "N/A the target has no admin credentials (--admin-cloud), no operator actions (the bundled cloud, or cbh serve with --admin-cloud)",
        "snapshot-backup": "N/A the target has no operator actions (the bundled cloud, or cbh serve with --admin-cloud)",
      }
    `);
  }, 120_000);

  it("cbh replay --cloud NAME --admin-cloud NAME (clouds.yaml): finds the /sim/v1 operator, prints the verdicts, exit 0", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cbh-replay-clouds-"));
    const entry = (name: string, u: string) =>
      `  ${name}:\n    auth:\n      auth_url: ${s.server.authUrl}\n      username: ${u}\n      password: ${u}\n      project_name: ${u}\n      user_domain_name: Default\n      project_domain_name: Default\n`;
    writeFileSync(join(dir, "clouds.yaml"), `clouds:\n${entry("sv", "demo")}${entry("sv-admin", "admin")}`);
    vi.stubEnv("OS_CLIENT_CONFIG_FILE", join(dir, "clouds.yaml"));
    const out: string[] = [];
    const err: string[] = [];
    const so = vi.spyOn(process.stdout, "write").mockImplementation((t) => (out.push(String(t)), true));
    const se = vi.spyOn(process.stderr, "write").mockImplementation((t) => (err.push(String(t)), true));
    try {
      const run = (which: string, admin?: string) =>
        replayRemote({ which, seed: 2, json: false, cloud: "sv", bundled: false, release: "zed", ...(admin ? { adminCloud: admin } : {}) });
      expect(await run("restart-cleanup", "sv-admin")).toBe(0);
      expect(err.join("")).toContain("cloud sv is a cbh serve: its /sim/v1 API is the operator facet");
      expect(out.join("")).toMatch(/== restart-cleanup \(cloud sv, seed 2\)[\s\S]*verdict: PASS \(\d+ checks/);
      out.length = 0;
      // without --admin-cloud nothing can run: N/A with the reason, exit 3 (never a PASS)
      expect(await run("db-loss-import")).toBe(3);
      expect(out.join("")).toContain("NOT APPLICABLE the target has no admin credentials (--admin-cloud), no operator actions");
      expect(out.join("")).toContain("0 passed, 0 failed, 1 not applicable");
      await expect(run("no-such-workflow")).rejects.toMatchObject({ code: "usage" });
    } finally {
      so.mockRestore();
      se.mockRestore();
      vi.unstubAllEnvs();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
