import { defaultDriverImage } from "../drivers/runtime/driver-image.ts";

/** The cinder releases `cbh compat` can pair: Zed (21.3.1, Debian 12) and Epoxy (26.0.0, Debian 13). */
export const COMPAT_RELEASES = ["zed", "epoxy"] as const;
export type CompatRelease = (typeof COMPAT_RELEASES)[number];

export function isCompatRelease(s: string): s is CompatRelease {
  return (COMPAT_RELEASES as readonly string[]).includes(s);
}

/**
 * The drivers image carrying `release`'s python3-cinder and the shim, as scripts/ci/docker-up.sh
 * names it (same CBH_IMAGE_PREFIX / CBH_IMAGE_TAG overrides as the other images).
 * LEAD: at merge, replace with `driverImageFor(release)` of
 * conformance/drivers/runtime/cinder-release.ts (branch epoxy) and drop this function.
 */
export function compatReleaseImage(release: CompatRelease): string {
  if (release === "zed") return defaultDriverImage();
  return `${process.env.CBH_IMAGE_PREFIX ?? "local/cbh-"}drivers-${release}:${process.env.CBH_IMAGE_TAG ?? "ci"}`;
}
