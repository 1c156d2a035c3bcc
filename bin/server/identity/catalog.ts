/**
 * The service catalog in a project-scoped token: identity, Block Storage (`volumev3` and
 * `block-storage`, URLs carrying the project id as cinder's endpoints do with
 * `$(project_id)s`), and a minimal `image` endpoint, which OSC 6.0 needs for `volume create`
 * (spec §11: "public endpoint for image service not found" otherwise).
 */
export interface CatalogEntry {
  id: string;
  type: string;
  name: string;
  endpoints: Array<{ id: string; interface: string; region: string; region_id: string; url: string }>;
}

export const REGION = "RegionOne";

const SERVICES: Array<{ type: string; name: string; path: (projectId: string) => string }> = [
  { type: "identity", name: "keystone", path: () => "/identity" },
  { type: "volumev3", name: "cinderv3", path: (p) => `/volume/v3/${p}` },
  { type: "block-storage", name: "cinder", path: (p) => `/volume/v3/${p}` },
  { type: "image", name: "glance", path: () => "/image" },
];

/** Stable 32-hex ids, as keystone's service and endpoint ids look. */
function stableId(text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  const out: string[] = [];
  for (let round = 0; round < 4; round++) {
    for (const ch of `${round}:${text}`) {
      h1 = Math.imul(h1 ^ ch.charCodeAt(0), 16777619) >>> 0;
      h2 = Math.imul(h2 + ch.charCodeAt(0), 2246822519) >>> 0;
    }
    out.push(((h1 ^ h2) >>> 0).toString(16).padStart(8, "0"));
  }
  return out.join("");
}

export function buildCatalog(baseUrl: string, projectId: string): CatalogEntry[] {
  return SERVICES.map((s) => ({
    id: stableId(`service:${s.type}`),
    type: s.type,
    name: s.name,
    endpoints: ["public", "internal", "admin"].map((iface) => ({
      id: stableId(`endpoint:${s.type}:${iface}`),
      interface: iface,
      region: REGION,
      region_id: REGION,
      url: `${baseUrl}${s.path(projectId)}`,
    })),
  }));
}
