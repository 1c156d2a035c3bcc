import { CLOUD_RELEASE_TITLES, CinderCloudContainer, type CloudRelease, type StartedCinderCloud } from "../../../../lib/backends/index.ts";
import type { DiffTarget } from "../../../../lib/diff/index.ts";
import { CloudClient, cloudFromEnvironment } from "../../../../lib/openstack/index.ts";

/**
 * A bundled real cloud of `release` for the oracle tests, as the `cbh diff` target they compare
 * against: member and admin clients, the operator's byte access, the project owned by the harness.
 * Logs how long the cloud took to be ready.
 */
export async function startBundledTarget(
  release: CloudRelease,
  pollMs: number,
): Promise<{ cloud: StartedCinderCloud; target: DiffTarget }> {
  const t0 = performance.now();
  const cloud = await CinderCloudContainer.forRelease(release).start();
  const title = CLOUD_RELEASE_TITLES[release];
  process.stderr.write(`bundled ${title} cloud ready in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
  const name = `bundled-${release}`;
  try {
    const client = (u: "demo" | "admin") =>
      new CloudClient({ ...cloudFromEnvironment(cloud.osEnvironment(u)), name: `${name}-${u}` }).connect();
    const [member, admin] = [await client("demo"), await client("admin")];
    return { cloud, target: { name, member, admin, bytes: cloud.operator, ownsProject: true, pollMs, settleTimeoutMs: 180_000 } };
  } catch (e) {
    await cloud.stop();
    throw e;
  }
}
