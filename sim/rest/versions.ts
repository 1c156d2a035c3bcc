import type { Release } from "../kernel/release-profile.ts";
import type { Route } from "./route.ts";
import { MAX_VERSION, MIN_VERSION, VERSION_UPDATED, versionString } from "./microversion.ts";

/**
 * `api/versions.py:_KNOWN_VERSIONS` through `api/views/versions.py:ViewBuilder.build_versions`:
 * the `self` link is the mount URL with `/v3/` (`_generate_href`).
 */
export function versionsDocument(baseUrl: string, release: Release): unknown {
  const base = baseUrl.replace(/v[1-9]+\/?$/, "").replace(/\/+$/, "");
  return {
    versions: [
      {
        id: "v3.0",
        status: "CURRENT",
        version: versionString(MAX_VERSION[release]),
        min_version: versionString(MIN_VERSION),
        updated: VERSION_UPDATED[release],
        links: [
          { rel: "describedby", type: "text/html", href: "https://docs.openstack.org/" },
          { rel: "self", href: `${base}/v3/` },
        ],
        "media-types": [{ base: "application/json", type: "application/vnd.openstack.volume+json;version=3" }],
      },
    ],
  };
}

/** `GET /v3/`: `VersionsController.index` (200, `@api_version('3.0')`). */
export const versionRoutes: Route[] = [
  {
    method: "GET",
    path: "",
    noProject: true,
    handler: async (call) => ({ status: 200, body: versionsDocument(call.links.mountUrl(), call.cloud.release) }),
  },
];
