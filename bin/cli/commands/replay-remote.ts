import { CloudClient, CloudError, resolveCloud } from "../../../lib/openstack/index.ts";
import {
  REMOTE_WORKFLOWS,
  SimApiOperator,
  runRemoteWorkflow,
  waitForSchedulerPools,
  type RemoteResult,
  type RemoteTarget,
} from "../../../lib/remote/index.ts";
import { WORKFLOWS } from "../../../sim/workflows/index.ts";
import type { CloudRelease } from "../../../lib/backends/index.ts";

export interface RemoteReplayOptions {
  which: string;
  seed: number;
  json: boolean;
  /** clouds.yaml name, or "envvars" for the OS_* variables. */
  cloud?: string;
  adminCloud?: string;
  /** Start the bundled cloud (member + admin + operator actions) and replay against it. */
  bundled: boolean;
  /** The bundled cloud's release (`--release zed|epoxy`; zed by default). */
  release: CloudRelease;
  /** Move bytes through the Image API even where the operator facet could write devices. */
  dataPath?: "direct" | "image";
}

/**
 * `cbh replay WORKFLOW --cloud NAME | --bundled`: the documented workflows over REST against a
 * real cloud. A workflow the target cannot run (no admin, no operator actions, no second AZ, no
 * encrypted type) is N/A with the reason, never PASS. With `--admin-cloud` on a `cbh serve`, its
 * `/sim/v1` API is the operator facet. Exit 0: every run workflow passed; 1: a failure; 2: the target cannot be used (no such
 * cloud in clouds.yaml, unreachable, credentials: as `cbh diff`); 3: nothing ran.
 */
export async function replayRemote(o: RemoteReplayOptions): Promise<number> {
  const ids = o.which === "all" ? WORKFLOWS.map((w) => w.id) : [o.which];
  if (!WORKFLOWS.some((w) => w.id === o.which) && o.which !== "all")
    throw usage(`unknown workflow '${o.which}'; one of: all, ${WORKFLOWS.map((w) => w.id).join(", ")}`);
  const runId = `cbh-${o.seed}-${Date.now().toString(36)}`;
  let stop = async () => undefined as unknown;
  let target: RemoteTarget;
  try {
    if (o.bundled) {
      const { CLOUD_RELEASE_TITLES, CinderCloudContainer } = await import("../../../lib/backends/index.ts");
      process.stderr.write(`starting the bundled ${CLOUD_RELEASE_TITLES[o.release]} cloud (ceph + cinder containers)…\n`);
      const cloud = await CinderCloudContainer.forRelease(o.release).start();
      stop = () => cloud.stop();
      const env = (u: "demo" | "admin") => ({ ...process.env, ...cloud.osEnvironment(u) });
      target = {
        name: "bundled",
        runId,
        operator: cloud.operator,
        ...(o.dataPath ? { dataPath: o.dataPath } : {}),
        member: await new CloudClient({ ...resolveCloud(undefined, env("demo")), name: "bundled" }).connect(),
        admin: await new CloudClient({ ...resolveCloud(undefined, env("admin")), name: "bundled-admin" }).connect(),
      };
      await waitForSchedulerPools(target.admin!);
    } else {
      const member = await new CloudClient(resolveCloud(o.cloud === "envvars" ? undefined : o.cloud)).connect();
      const admin = o.adminCloud ? await new CloudClient(resolveCloud(o.adminCloud)).connect() : undefined;
      const operator = admin ? await SimApiOperator.probe(admin) : undefined;
      if (operator) process.stderr.write(`cloud ${member.cloud.name} is a cbh serve: its /sim/v1 API is the operator facet\n`);
      target = {
        name: member.cloud.name,
        runId,
        member,
        ...(admin ? { admin } : {}),
        ...(operator ? { operator } : {}),
        ...(o.dataPath ? { dataPath: o.dataPath } : {}),
      };
    }
  } catch (e) {
    await stop();
    if (e instanceof CloudError) {
      process.stderr.write(`cbh replay: ${e.message}\n`);
      return 2; // bad input or an unusable target, never a workflow verdict
    }
    throw e;
  }
  const results: RemoteResult[] = [];
  try {
    for (const id of ids) {
      const wf = REMOTE_WORKFLOWS.find((w) => w.id === id);
      if (!wf) throw new Error(`workflow ${id} has no REST port (REMOTE_WORKFLOWS must list every sim workflow)`);
      const r: RemoteResult = await runRemoteWorkflow(wf, target, o.seed);
      results.push(r);
      print(r, target.name, o);
    }
  } finally {
    await stop();
  }
  const count = (v: string) => results.filter((r) => r.verdict === v).length;
  if (!o.json)
    process.stdout.write(
      `\n${count("PASS")} passed, ${count("FAIL")} failed, ${count("N/A")} not applicable (cloud ${target.name}, run ${runId})\n`,
    );
  return count("FAIL") ? 1 : count("PASS") ? 0 : 3;
}

function print(r: RemoteResult, cloud: string, o: RemoteReplayOptions): void {
  if (o.json) {
    process.stdout.write(`${JSON.stringify({ cloud, seed: o.seed, ...r })}\n`);
    return;
  }
  process.stdout.write(`\n== ${r.id} (cloud ${cloud}, seed ${o.seed}) — ${r.title}\n`);
  for (const d of r.deviations)
    process.stdout.write(`  DEVIATION ${d.check}: expected ${JSON.stringify(d.expected)}, got ${JSON.stringify(d.actual)}\n`);
  if (r.reason) process.stdout.write(`  ${r.verdict === "N/A" ? "NOT APPLICABLE" : "ERROR"} ${r.reason}\n`);
  for (const l of r.leftovers) process.stdout.write(`  LEFTOVER ${l}\n`);
  process.stdout.write(`  verdict: ${r.verdict} (${r.checks} checks, ${(r.ms / 1000).toFixed(1)} s)\n`);
}

function usage(msg: string): Error & { code: string } {
  return Object.assign(new Error(msg), { code: "usage" });
}
