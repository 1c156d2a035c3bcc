import { MIN_API_VERSION, requestedVersion, versionString } from "../api/api-version-request.ts";
import type { Microversion } from "../api/request-context.ts";
import type { Release } from "../kernel/release-profile.ts";
import { HttpFault, internalError } from "./faults.ts";

/** `api/openstack/api_version_request.py`: _MIN_API_VERSION and _MAX_API_VERSION per release. */
export const MIN_VERSION: Microversion = MIN_API_VERSION;
export const MAX_VERSION: Readonly<Record<Release, Microversion>> = {
  zed: { major: 3, minor: 70 },
  epoxy: { major: 3, minor: 71 },
  master: { major: 3, minor: 71 },
};
/** `api_version_request.UPDATED` of each release (Zed 21.3.1; Epoxy 26.0.0; master at ab09bc39). */
export const VERSION_UPDATED: Readonly<Record<Release, string>> = {
  zed: "2022-08-31T00:00:00Z",
  epoxy: "2023-08-31T00:00:00Z",
  master: "2023-08-31T00:00:00Z",
};

export const API_VERSION_HEADER = "OpenStack-API-Version";

export { versionString };

/**
 * `api/openstack/wsgi.py:Request.set_api_version_request`. Only `OpenStack-API-Version` counts
 * (the legacy `X-OpenStack-Volume-API-Version` header is ignored by cinder since v2's removal).
 * Quirks kept: the first comma-separated entry *containing* "volume" is split on whitespace and
 * must have exactly two words, else Python's unpacking ValueError reaches FaultWrapper (500); a
 * header with no "volume" entry raises VersionNotFoundForAPIMethod outside the resource handler,
 * which FaultWrapper turns into a 400 with webob's default text. The entry itself is parsed by
 * `sim/api/api-version-request.ts` (`latest`, the regex, the [min, max] check: 400 or 406).
 */
export function negotiate(header: string | undefined, release: Release): Microversion {
  if (header === undefined) return MIN_VERSION;
  let volumeVersion: string | undefined;
  for (const hdr of header.split(",")) {
    if (hdr.includes("volume")) {
      const words = hdr.split(/\s+/).filter((w) => w !== "");
      if (words.length !== 2) throw internalError("ValueError unpacking the OpenStack-API-Version volume entry");
      volumeVersion = words[1];
      break;
    }
  }
  if (!volumeVersion)
    throw new HttpFault(400, "The server could not comply with the request since it is either malformed or otherwise incorrect.");
  return requestedVersion(volumeVersion, MAX_VERSION[release]);
}

/** True if the documented cinder 500 of `negotiate` applies to this header (used by the fuzz test). */
export function isMalformedVolumeVersionHeader(header: string | undefined): boolean {
  if (header === undefined) return false;
  const hdr = header.split(",").find((h) => h.includes("volume"));
  return hdr !== undefined && hdr.split(/\s+/).filter((w) => w !== "").length !== 2;
}
