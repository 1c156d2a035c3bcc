/** Block Storage microversions "3.N", compared numerically ("3.9" < "3.10"). */
export function compareMicroversion(a: string, b: string): number {
  const [am = 0, an = 0] = a.split(".").map(Number);
  const [bm = 0, bn = 0] = b.split(".").map(Number);
  return am !== bm ? am - bm : an - bn;
}

/** min/max microversion from a version document: GET /v3/ answers {"versions": [...]} or
 *  {"version": {...}} (cinder.api.versions). */
export function versionRange(doc: unknown): { min: string; max: string } | undefined {
  const d = doc as { version?: VersionDoc; versions?: VersionDoc[] } | undefined;
  const v = d?.version ?? d?.versions?.find((x) => (x.id ?? "").startsWith("v3")) ?? d?.versions?.[0];
  if (!v?.version) return undefined;
  return { min: v.min_version || "3.0", max: v.version };
}

interface VersionDoc {
  id?: string;
  version?: string;
  min_version?: string;
}

/** The microversion to send: what the caller wants, lowered to the server's maximum; undefined
 *  when the server's minimum is above it (the API version is missing). */
export function negotiate(wanted: string, range: { min: string; max: string }): string | undefined {
  const v = compareMicroversion(wanted, range.max) > 0 ? range.max : wanted;
  return compareMicroversion(v, range.min) < 0 ? undefined : v;
}
