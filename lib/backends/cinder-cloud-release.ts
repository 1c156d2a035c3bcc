import { backendImage } from "./backend-image.ts";

/**
 * The releases the bundled cloud image is built for (fixtures/images/cinder/RELEASES, one
 * Dockerfile, the release a build argument): `zed` is Debian 12's cinder 21.3.1
 * (`local/cbh-cinder:ci`), `epoxy` Debian 13's 26.0.0 (`local/cbh-cinder-epoxy:ci`).
 * The same names as the drivers images' (conformance/drivers/runtime/cinder-release.ts).
 */
export const CLOUD_RELEASES = ["zed", "epoxy"] as const;
export type CloudRelease = (typeof CLOUD_RELEASES)[number];
export const DEFAULT_CLOUD_RELEASE: CloudRelease = "zed";

/** The upstream cinder version each cloud image carries (its build checks python3-cinder's). */
export const CLOUD_CINDER_VERSIONS: Readonly<Record<CloudRelease, string>> = { zed: "21.3.1", epoxy: "26.0.0" };
/** Display names: "Zed", "Epoxy". */
export const CLOUD_RELEASE_TITLES: Readonly<Record<CloudRelease, string>> = { zed: "Zed", epoxy: "Epoxy" };

export function isCloudRelease(name: string): name is CloudRelease {
  return (CLOUD_RELEASES as readonly string[]).includes(name);
}

/** `local/cbh-cinder:ci` (zed) or `local/cbh-cinder-<release>:ci`, as scripts/ci/docker-up.sh tags them. */
export function cinderCloudImage(release: CloudRelease): string {
  return release === DEFAULT_CLOUD_RELEASE ? backendImage("cinder") : backendImage("cinder").replace(/cinder:/, `cinder-${release}:`);
}

/** A cloud release asked for on the command line, or a usage error naming the known ones. */
export function parseCloudRelease(name: string, what = "--release"): CloudRelease {
  if (!isCloudRelease(name))
    throw Object.assign(new Error(`${what}: the bundled cloud is built for ${CLOUD_RELEASES.join(", ")}, not '${name}'`), {
      code: "usage",
    });
  return name;
}
