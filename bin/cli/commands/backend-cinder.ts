import {
  CLOUD_CINDER_VERSIONS,
  CLOUD_RELEASE_TITLES,
  CinderCloudContainer,
  type CloudRelease,
  type StartedCinderCloud,
} from "../../../lib/backends/index.ts";

/** Starts the bundled Zed or Epoxy cloud (Ceph + fixtures/images/cinder) and prints how to reach it:
 *  `OS_*` exports for the member user and a clouds.yaml entry, plus the time to ready. */
export async function startCinderCloud(json: boolean, release: CloudRelease): Promise<StartedCinderCloud> {
  const t0 = performance.now();
  const cloud = await CinderCloudContainer.forRelease(release).start();
  const readyMs = Math.round(performance.now() - t0);
  if (json) {
    process.stdout.write(
      `${JSON.stringify({
        kind: "cinder",
        release,
        cinderVersion: CLOUD_CINDER_VERSIONS[release],
        containerId: cloud.getId(),
        readyMs,
        ports: cloud.ports,
        monHost: cloud.ceph.monHost,
        env: cloud.osEnvironment(),
        adminEnv: cloud.osEnvironment("admin"),
      })}\n`,
    );
    return cloud;
  }
  const out = [
    `cinder (${CLOUD_RELEASE_TITLES[release]}, ${CLOUD_CINDER_VERSIONS[release]}) ready in ${(readyMs / 1000).toFixed(1)} s (container ${cloud.getId().slice(0, 12)}, ceph ${cloud.ceph.getId().slice(0, 12)})`,
    `  Block Storage  http://127.0.0.1:${cloud.ports.cinder}/v3   Image  http://127.0.0.1:${cloud.ports.glance}`,
    "",
    "# member user (admin: username/password admin/cbh-admin, project admin)",
  ];
  for (const [k, v] of Object.entries(cloud.osEnvironment())) out.push(`export ${k}=${v}`);
  out.push(
    "",
    "# clouds.yaml (e.g. ./clouds.yaml; then --cloud cbh-cinder / cbh-cinder-admin)",
    cloud.cloudsYaml("cbh-cinder").trimEnd(),
    cloud
      .cloudsYaml("cbh-cinder-admin", "admin")
      .replace(/^clouds:\n/, "")
      .trimEnd(),
    "",
    "Ctrl-C stops and removes it.",
    "",
  );
  process.stdout.write(out.join("\n"));
  return cloud;
}
