/** Keystone's version discovery documents (`keystone/api/discovery.py`), v3.14 as in Zed. */
export function v3Version(baseUrl: string): Record<string, unknown> {
  return {
    id: "v3.14",
    status: "stable",
    updated: "2020-04-07T00:00:00Z",
    links: [{ rel: "self", href: `${baseUrl}/identity/v3/` }],
    "media-types": [{ base: "application/json", type: "application/vnd.openstack.identity-v3+json" }],
  };
}

export function versionsDocument(baseUrl: string): { versions: { values: Array<Record<string, unknown>> } } {
  return { versions: { values: [v3Version(baseUrl)] } };
}
