import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServe, type StartedServe } from "../../bin/server/index.ts";
import { serveDeps } from "../../bin/cli/commands/serve.ts";
import { serveUser } from "../../bin/cli/diff/simulator-factory.ts";
import { CloudClient } from "../openstack/index.ts";
import { crossAz } from "./site-workflows.ts";
import { runRemoteWorkflow } from "./run-remote.ts";
import type { RemoteTarget } from "./target.ts";

const quiet = { ...serveDeps, out: () => undefined, err: () => undefined };

/**
 * cross-az where the release honours a backup's AZ (3.71: Epoxy) on a DCN topology whose edge sites
 * have no cinder-backup (bin/server/examples/dcn-topology.yaml; the bundled Epoxy cloud is the same:
 * cinder-backup in `nova` only). The backup is asked for in the volume's AZ, which has one, never in
 * the edge AZ (it would end in error and could not be deleted), and the restore still crosses AZs.
 */
describe("cross-az over REST where the backup's AZ is honoured", () => {
  const started: StartedServe[] = [];
  const serve = async (topology: string) => {
    const s = await startServe(["--port", "0", "--geometry", "small", "--seed", "5", "--release", "epoxy", "--topology", topology], quiet);
    started.push(s);
    const client = (u: "demo" | "admin") => new CloudClient(serveUser(`serve-${u}`, s.server.authUrl, u)).connect();
    const target: RemoteTarget = { name: "serve", runId: "cbh-az", member: await client("demo"), admin: await client("admin"), pollMs: 5 };
    return { s, target };
  };
  let dcn: Awaited<ReturnType<typeof serve>>;
  beforeAll(async () => {
    dcn = await serve("bin/server/examples/dcn-topology.yaml");
  });
  afterAll(async () => {
    for (const s of started) await s.server.close();
  });

  it("no cinder-backup in the other AZ: the backup is asked for in the volume's AZ, restored into the other; PASS, nothing left", async () => {
    expect(dcn.target.member.microversion).toBe("3.71");
    const r = await runRemoteWorkflow(crossAz, dcn.target, 7);
    expect({ verdict: r.verdict, deviations: r.deviations, leftovers: r.leftovers }).toEqual({
      verdict: "PASS",
      deviations: [],
      leftovers: [],
    });
    // one backup, asked for and made in the volume's AZ, deleted by the workflow's cleanup; none in error
    expect(dcn.s.cloud.db.backups().map((b) => [b.availability_zone, b.host, b.status])).toEqual([["central", "central", "deleted"]]);
  });

  it("without admin credentials (no os-services) the AZ cannot be chosen: N/A with the reason", async () => {
    const r = await runRemoteWorkflow(crossAz, { ...dcn.target, admin: undefined }, 7);
    expect(r.verdict).toBe("N/A");
    expect(r.reason).toContain("no admin credentials");
  });
});
