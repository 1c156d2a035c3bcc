/**
 * The cinder releases whose real backup drivers the harness runs, each from its own drivers
 * image (fixtures/images/drivers, built once per release by scripts/ci/docker-up.sh):
 * `zed` is Debian 12's python3-cinder 21.3.1, `epoxy` Debian 13's 26.0.0 (2025.1).
 * What differs between the two: docs/releases.md.
 */
export const CINDER_RELEASES = ["zed", "epoxy"] as const;
export type CinderRelease = (typeof CINDER_RELEASES)[number];
export const DEFAULT_CINDER_RELEASE: CinderRelease = "zed";

/** The python3-cinder (upstream) version each release's image carries (its build checks it). */
export const CINDER_VERSIONS: Readonly<Record<CinderRelease, string>> = { zed: "21.3.1", epoxy: "26.0.0" };

export function isCinderRelease(name: string): name is CinderRelease {
  return (CINDER_RELEASES as readonly string[]).includes(name);
}

/**
 * The drivers image of a release, as docker-up.sh tags it: `local/cbh-drivers:ci` for zed (the
 * default, unchanged), `local/cbh-drivers-<release>:ci` for the others; CBH_IMAGE_PREFIX and
 * CBH_IMAGE_TAG override the prefix and tag as for the backend images.
 */
export function driverImageFor(release: CinderRelease): string {
  const name = release === DEFAULT_CINDER_RELEASE ? "drivers" : `drivers-${release}`;
  return `${process.env.CBH_IMAGE_PREFIX ?? "local/cbh-"}${name}:${process.env.CBH_IMAGE_TAG ?? "ci"}`;
}

/** The CBH_IMAGES name that builds a release's drivers image. */
export function driverImageBuildName(release: CinderRelease): string {
  return release === DEFAULT_CINDER_RELEASE ? "drivers" : `drivers-${release}`;
}

/**
 * The release a cinder version belongs to (by its major version: 21.x is Zed, 26.x 2025.1
 * Epoxy), or null for a release this harness has no image for.
 */
export function releaseOfCinderVersion(version: string): CinderRelease | null {
  const major = version.split(".")[0];
  return CINDER_RELEASES.find((r) => CINDER_VERSIONS[r].split(".")[0] === major) ?? null;
}
