import { CinderError } from "../errors/cinder-errors.ts";
import type { Microversion } from "./request-context.ts";

/** `api_version_request._MIN_API_VERSION`. */
export const MIN_API_VERSION: Microversion = { major: 3, minor: 0 };

/**
 * `api_version_request.APIVersionRequest.__init__`: `^([1-9]\d*)\.([1-9]\d*|0)$` (so `3.01`,
 * `03.1` and ` 3.1` are refused), else `InvalidAPIVersionString` (400).
 */
export function parseApiVersion(s: string): Microversion {
  const m = /^([1-9]\d*)\.([1-9]\d*|0)$/.exec(s);
  if (!m)
    throw new CinderError(
      "InvalidAPIVersionString",
      400,
      `API Version String ${s} is of invalid format. Must be of format MajorNum.MinorNum.`,
    );
  return { major: Number(m[1]), minor: Number(m[2]) };
}

/** `APIVersionRequest.get_string`. */
export function versionString(v: Microversion): string {
  return `${v.major}.${v.minor}`;
}

/** `APIVersionRequest._cmpkey`: (major, minor). */
export function compareVersions(a: Microversion, b: Microversion): number {
  return a.major !== b.major ? a.major - b.major : a.minor - b.minor;
}

/**
 * The volume entry of `OpenStack-API-Version` (`wsgi.py:Request.set_api_version_request`):
 * `latest` is the release's maximum; anything else is parsed and must lie in [min, max], else
 * `InvalidGlobalAPIVersion`, which `Resource._process_stack` answers with 406 Not Acceptable.
 */
export function requestedVersion(volumeVersion: string, max: Microversion): Microversion {
  if (volumeVersion === "latest") return max;
  const v = parseApiVersion(volumeVersion);
  if (compareVersions(v, MIN_API_VERSION) < 0 || compareVersions(v, max) > 0) {
    throw new CinderError(
      "InvalidGlobalAPIVersion",
      406,
      `Version ${versionString(v)} is not supported by the API. Minimum is ${versionString(MIN_API_VERSION)} and maximum is ${versionString(max)}.`,
    );
  }
  return v;
}
