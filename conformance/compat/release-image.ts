import { CINDER_RELEASES, driverImageFor, isCinderRelease, type CinderRelease } from "../drivers/runtime/cinder-release.ts";

/** The cinder releases `cbh compat` can pair: every release the harness has a drivers image for. */
export const COMPAT_RELEASES = CINDER_RELEASES;
export type CompatRelease = CinderRelease;
export const isCompatRelease = isCinderRelease;

/** The drivers image carrying `release`'s python3-cinder and the shim (`driverImageFor`). */
export const compatReleaseImage = driverImageFor;
