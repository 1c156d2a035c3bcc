import { CloudClient, resolveCloud } from "../../../lib/openstack/index.ts";
import type { DiffTarget } from "../../../lib/diff/index.ts";
import type { DiffCliOptions } from "./diff-options.ts";
import { laneClients } from "./lanes.ts";
import { SimApiBytes } from "./sim-api-bytes.ts";

export interface OpenedTarget {
  target: DiffTarget;
  /** More targets for `--jobs` (bundled: one project each). */
  lanes: DiffTarget[];
  stop(): Promise<void>;
}

/**
 * The cloud `cbh diff` compares against: `--cloud NAME` (clouds.yaml), the `OS_*` variables, or
 * `--bundled` (the real cloud of `--release`, Zed or Epoxy: member, admin and its operator's byte
 * access; `parseDiffArgs` refuses `--bundled --release master`, which has no image). Connecting
 * logs in and negotiates the microversion: a bad cloud fails here with a CloudError naming it.
 */
export async function openTarget(o: DiffCliOptions, err: (s: string) => void, runId: string): Promise<OpenedTarget> {
  const client = { timeoutMs: o.timeoutMs };
  if (o.bundled) {
    const { CLOUD_RELEASE_TITLES, CinderCloudContainer, parseCloudRelease } = await import("../../../lib/backends/index.ts");
    const release = parseCloudRelease(o.release);
    err(`cbh diff: starting the bundled ${CLOUD_RELEASE_TITLES[release]} cloud (ceph + cinder containers)…\n`);
    const cloud = await CinderCloudContainer.forRelease(release).start();
    try {
      const env = (u: "demo" | "admin") => ({ ...process.env, ...cloud.osEnvironment(u) });
      const memberCfg = { ...resolveCloud(undefined, env("demo")), name: "bundled" };
      const member = await new CloudClient(memberCfg, client).connect();
      const admin = await new CloudClient({ ...resolveCloud(undefined, env("admin")), name: "bundled" }, client).connect();
      // the bundled cloud answers within ~0.1 s: poll statuses every 0.3 s while settling
      const lane = (m: CloudClient, a: CloudClient): DiffTarget => ({
        name: "bundled",
        member: m,
        admin: a,
        bytes: cloud.operator,
        ownsProject: true,
        pollMs: 300,
        settleTimeoutMs: o.settleTimeoutMs,
      });
      const lanes: DiffTarget[] = [];
      for (const m of await laneClients(admin, memberCfg, runId, o.jobs, client))
        lanes.push(lane(m, await new CloudClient({ ...resolveCloud(undefined, env("admin")), name: "bundled" }, client).connect()));
      return { target: lane(member, admin), lanes, stop: async () => void (await cloud.stop()) };
    } catch (e) {
      await cloud.stop();
      throw e;
    }
  }
  const member = await new CloudClient(resolveCloud(o.cloud), client).connect();
  const adminConfig = o.adminCloud ? resolveCloud(o.adminCloud) : undefined;
  const admin = adminConfig ? await new CloudClient({ ...adminConfig, name: member.cloud.name }, client).connect() : undefined;
  const bytes =
    o.targetSimApi && adminConfig
      ? new SimApiBytes(SimApiBytes.baseOf(adminConfig.authUrl), { ...adminConfig, name: member.cloud.name })
      : undefined;
  return {
    target: {
      name: member.cloud.name,
      member,
      ...(admin ? { admin } : {}),
      ...(bytes ? { bytes } : {}),
      pollMs: 500,
      settleTimeoutMs: o.settleTimeoutMs,
    },
    lanes: [],
    stop: async () => undefined,
  };
}
